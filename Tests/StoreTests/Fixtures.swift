import Foundation
import SimTime
import RunRecords
import Store

/// A fresh directory under the system's temporary directory, removed by `cleanUp()`.
struct TemporaryDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("hpa-sim-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    /// A path inside the directory.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    /// File names in the directory, sorted.
    func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }
    /// File names in the directory and in its run-file folders (`X.runs/name`), sorted.
    func allNames() throws -> [String] {
        try names().flatMap { name -> [String] in
            guard name.hasSuffix(".runs") else { return [name] }
            return try FileManager.default.contentsOfDirectory(atPath: path(name)).map { name + "/" + $0 }
        }.sorted()
    }
    /// Staging files (data or lock), beside a database or in its run-file folder.
    func stagingNames() throws -> [String] { try allNames().filter { $0.contains(".staging") } }
    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

/// A small run with a row in every table, values chosen to exercise NULLs, quotes and extremes.
enum SampleRun {
    static let metadata = RunMetadata(
        name: "steady-day, \"baseline\"", scenarioPath: "scenarios/rtc-egress/steady-day.yaml",
        scenarioJSON: #"{"name":"steady-day","seed":7}"#, seed: UInt64.max - 1,
        simulatedDuration: .hours(24), seriesResolution: .seconds(15), detailLevel: .all,
        startedAt: Date(timeIntervalSince1970: 1_795_000_000), toolVersion: "0.1.0-test")

    static let outcome = RunOutcome(status: .completed, finishedAt: Date(timeIntervalSince1970: 1_795_000_042.5))

    static let cpu = MetricDefinition(metricType: .resource, metricName: "cpu", targetType: .utilization, target: 70)
    static let activeTasks = MetricDefinition(metricType: .pods, metricName: "active_tasks", targetType: .averageValue,
                                              target: 20)

    static let syncs = [
        SyncRecord(time: .seconds(15), hpa: "egress-hpa", currentReplicas: 3, recommendation: 5, stabilized: 5,
                   desiredReplicas: 5, limitingReason: .scaleUpLimit, scaleUpdated: true,
                   conditions: [SyncCondition(type: .ableToScale, status: .true, reason: .succeededRescale),
                                SyncCondition(type: .scalingLimited, status: .true, reason: .scaleUpLimit)],
                   metricDefinitions: [cpu, activeTasks],
                   metrics: [MetricSample(current: 112, proposal: 5, readyPods: 3, unreadyPods: 1, missingPods: 0,
                                          ignoredPods: 2, usageMilliSum: 1_680, requestMilliSum: 1_500, ratio: 1.6),
                             MetricSample(current: nil, proposal: nil, error: "no samples, yet")]),
        SyncRecord(time: .seconds(30), hpa: "egress-hpa", currentReplicas: 5, recommendation: nil,
                   failure: "invalid metrics (2 invalid out of 2)", stabilized: nil, desiredReplicas: 5,
                   limitingReason: nil, scaleUpdated: false, conditions: [], metricDefinitions: [cpu, activeTasks],
                   metrics: []),
    ]
    static let scaleEvents = [
        ScaleRecord(time: .seconds(15), hpa: "egress-hpa", deployment: "egress", from: 3, to: 5,
                    message: "New size: 5; reason: cpu resource utilization (percentage of request) above target"),
    ]
    static let series = [
        SeriesPoint(time: .seconds(15), deployment: "egress", replicas: 3, pods: 4, readyPods: 3,
                    pendingPods: 1, terminatingPods: 0, cpuUtilization: Utilization(percent: 112.25),
                    memoryUtilization: Utilization(percent: 40), activeTasks: 55, queueDepth: 12, notifierBacklog: nil),
        SeriesPoint(time: .seconds(15), deployment: "webhook-notifier", replicas: 2, pods: 2,
                    readyPods: 0, pendingPods: 2, terminatingPods: 1, cpuUtilization: nil, memoryUtilization: nil,
                    activeTasks: 0, queueDepth: 0, notifierBacklog: 310),
    ]
    static let result = SimulationResult(
        duration: .hours(24), seed: UInt64.max - 1,
        classes: [
            ClassResult(name: "egress:record", arrived: 1_215, completed: 1_200, failed: 3, timedOut: 2,
                        interruptedByScaleDown: 4, interruptedByOOM: 1, requeued: 3, waitingAtEnd: 5, runningAtEnd: 7,
                        queueWait: QueueWaitSummary(count: 1_207, p50: .milliseconds(250), p95: .seconds(3),
                                                    p99: .seconds(9), max: .seconds(41), mean: .milliseconds(700))),
            ClassResult(name: "egress:snapshot"),
        ],
        deployments: [
            DeploymentResult(name: "egress", podHours: 101.5, meanReplicas: 4.229, maxReplicas: 10, minReplicas: 3,
                             timeAtMaxReplicas: .minutes(42), scaleEvents: 17, scaleUps: 9, scaleDowns: 8, flaps: 2,
                             meanCPUUtilization: Utilization(percent: 63.5),
                             meanMemoryUtilization: Utilization(percent: 41.25), oomKills: 1, podsCreated: 12),
            DeploymentResult(name: "webhook-notifier", podHours: 50, meanReplicas: 2.1, maxReplicas: 4, minReplicas: 2),
        ],
        notifierBacklogMaximum: 899.5, notifications: 4_321, eventsProcessed: 98_765)
    static let podSamples = [
        PodPoint(time: .seconds(15), deployment: "egress", pod: "egress-7f9c-abcde", status: .running, ready: true,
                 cpuMillicores: 560.5, memoryBytes: 300 << 20, activeTasks: 18),
    ]
    static let taskRecords = [
        TaskRecord(taskID: 1, taskClass: "egress:record", key: "egress:record:1", arrivedAt: .seconds(1),
                   runTime: .seconds(598), startedAt: .seconds(2), endedAt: .seconds(600), outcome: .completed,
                   pod: "egress-7f9c-abcde"),
        TaskRecord(taskID: 2, taskClass: "egress:snapshot", key: "egress:snapshot:1", arrivedAt: .seconds(3),
                   runTime: .seconds(5), startedAt: nil, endedAt: .seconds(63), outcome: .timedOut, pod: nil),
    ]

    /// Records every sample record.
    static func record(into recorder: RunRecorder) {
        syncs.forEach(recorder.recordSync)
        scaleEvents.forEach(recorder.recordScale)
        series.forEach(recorder.recordSeries)
        recorder.recordResults(result, notifiers: ["webhook-notifier"])
        podSamples.forEach(recorder.recordPod)
        taskRecords.forEach(recorder.recordTask)
    }

    /// Records and commits the sample run.
    static func store(in store: RunStore, options: RunRecorder.Options = .init()) throws -> RunID {
        let recorder = try store.makeRecorder(for: metadata, options: options)
        record(into: recorder)
        return try recorder.commit(outcome)
    }
}

/// Synthetic series points: `count` over two deployments.
func syntheticSeries(_ count: Int) -> [SeriesPoint] {
    (0..<count).map(syntheticSeriesPoint)
}

private func syntheticSeriesPoint(_ i: Int) -> SeriesPoint {
    let time = SimTime.seconds(Int64(i / 2) * 15)
    let deployment = i % 2 == 0 ? "egress" : "webhook-notifier"
    let memory: Utilization? = i % 11 == 0 ? nil : Utilization(percent: Double(i % 61))
    let backlog: Int32? = i % 2 == 0 ? nil : Int32(i % 500)
    return SeriesPoint(time: time, deployment: deployment, replicas: Int32(3 + i % 5),
                       pods: Int32(3 + i % 5), readyPods: Int32(3 + i % 4), pendingPods: 0, terminatingPods: 0,
                       cpuUtilization: Utilization(percent: Double(i % 97) * 1.5), memoryUtilization: memory,
                       activeTasks: Int32(i % 33), queueDepth: Int32(i % 7), notifierBacklog: backlog)
}
