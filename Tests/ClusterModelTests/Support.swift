@testable import ClusterModel
import RunRecords
import HPAController
import Randomness
import SimTime

/// Keeps everything a run reports.
final class CollectingRecorder: SimulationRecorder {
    var syncs: [SyncRecord] = []
    var scales: [ScaleRecord] = []
    var series: [SeriesPoint] = []
    var tasks: [TaskRecord] = []
    func recordSync(_ sync: SyncRecord) throws { syncs.append(sync) }
    func recordScale(_ scale: ScaleRecord) throws { scales.append(scale) }
    func recordSeries(_ point: SeriesPoint) throws { series.append(point) }
    func recordTask(_ task: TaskRecord) throws { tasks.append(task) }

    func series(of deployment: String) -> [SeriesPoint] { series.filter { $0.deployment == deployment } }
}

/// Builders for small configurations.
enum Fixture {
    static let mebibyte: Int64 = 1_048_576 * 1000

    /// A worker deployment with one container and no readiness delay.
    static func worker(_ name: String, replicas: Int32 = 1, patterns: [String], slots: Int = 1,
                       cpuLimit: Int64? = nil, memoryLimit: Int64? = nil, baseline: ResourceUsage = .zero,
                       grace: Int64 = 30, probe: ReadinessProbe? = nil, lifecycle: PodLifecycle = instant,
                       forwarding: Forwarding? = nil, initialPodsReady: Bool = true,
                       restartPolicy: RestartPolicy = .always) -> DeploymentConfiguration {
        DeploymentConfiguration(
            name: name, replicas: replicas,
            template: PodTemplate(
                containers: [ContainerTemplate(name: "main", requests: ResourceValues(cpuMilli: 500, memoryMilli: 512 * mebibyte),
                                               limits: ResourceValues(cpuMilli: cpuLimit, memoryMilli: memoryLimit),
                                               baselineUsage: baseline)],
                readinessProbe: probe, terminationGracePeriodSeconds: grace, restartPolicy: restartPolicy),
            lifecycle: lifecycle,
            role: .worker(WorkerSettings(patterns: patterns, podWorkers: slots, tasksPerWorker: 1, forwarding: forwarding)),
            initialPodsReady: initialPodsReady)
    }

    /// Every lifecycle step takes no time.
    static let instant = PodLifecycle(schedulingDelay: .constant(0), imagePull: .constant(0),
                                      containerStart: .constant(0), applicationStartup: .constant(0))

    static func taskClass(_ name: String, pattern: String, rate: Double = 0, duration: Double = 60,
                          usage: ResourceUsage = .zero, cpuBound: Bool = true, maxQueueWait: SimDuration? = nil,
                          onPodTermination: TerminationBehavior = .requeue) -> TaskClass {
        TaskClass(name: name, keyPattern: pattern, arrivals: .poisson(ratePerSecond: rate), duration: .constant(duration),
                  usage: usage, cpuBound: cpuBound, maxQueueWait: maxQueueWait, onPodTermination: onPodTermination)
    }

    /// `count` arrivals of `taskClass` at `time`.
    static func burst(_ taskClass: String, count: Int, at time: SimTime, duration: SimDuration? = nil) -> [TraceArrival] {
        Array(repeating: TraceArrival(time: time, taskClass: taskClass, duration: duration), count: count)
    }

    /// Runs with a collecting recorder (tasks recorded, series every `resolution`).
    static func run(_ configuration: SimulationConfiguration, resolution: SimDuration = .seconds(1))
        throws -> (SimulationResult, CollectingRecorder) {
        var configuration = configuration
        configuration.results.recordTasks = true
        configuration.results.seriesResolution = resolution
        let recorder = CollectingRecorder()
        let result = try Simulation(configuration: configuration).run(recorder: recorder)
        return (result, recorder)
    }
}
