import SimTime
import EventEngine
import Randomness
import HPAController
import RunRecords

/// The simulated cluster, metrics pipeline and workload, advanced by one event engine.
///
/// A value type driven by ``run()``; everything it holds is live state (pods, waiting
/// and running tasks, bounded sample windows) or a fixed-size aggregate.
struct Model {
    let configuration: SimulationConfiguration
    let end: SimTime
    var engine: Engine<SimTime, ModelEvent>
    let controller: HorizontalPodAutoscalerController
    let recorder: (any SimulationRecorder)?
    /// What `recorder` keeps (nothing without one): records it does not keep are not built.
    let recorderKeeps: RecordKinds

    var deployments: [DeploymentState] = []
    var pods: [PodState] = []
    var freePods: [Int32] = []
    var podSerial = 0
    var tasks: [TaskState] = []
    var freeTasks: [Int32] = []
    var taskSequence: UInt64 = 0
    var queues: [TaskQueue] = []
    var classes: [ClassState] = []
    var autoscalers: [AutoscalerState] = []
    var notifier: NotifierState?
    /// KEDA's loops, one per ScaledObject.
    var scaledObjects: [ScaledObjectState] = []
    /// Per ``MetricSource`` (in `allCases` order): the stream its failure rate draws from.
    var failureStreams: [Xoshiro256StarStar] = []
    var metrics: MetricsState
    var noise: Xoshiro256StarStar

    /// Scheduler: capacity in use and pods waiting for it (creation order).
    var cpuAllocated: Int64 = 0
    var memoryAllocated: Int64 = 0
    var unschedulable: [Int32] = []

    var notifications = 0
    /// Task records emitted (each record's `taskID`).
    var tasksRecorded: Int64 = 0
    /// Series samples processed: they exist only for the recorder, so the reported event
    /// count leaves them out.
    var seriesSamples = 0
    /// The first error a recorder threw; the run stops after the event that hit it.
    var recorderError: (any Error)?

    init(configuration: SimulationConfiguration, recorder: (any SimulationRecorder)?) {
        self.configuration = configuration
        self.end = SimTime.zero + configuration.duration
        self.engine = Engine(start: .zero)
        self.controller = HorizontalPodAutoscalerController(configuration: configuration.controller)
        self.recorder = recorder
        self.recorderKeeps = recorder?.keeps ?? []
        let streams = RandomStreams(seed: configuration.seed)
        self.noise = streams.stream(named: "noise.metrics")
        self.metrics = MetricsState()
        build(streams: streams)
    }

    // MARK: Running

    /// Runs through the end (inclusive) and returns the result.
    mutating func run(progress: ((SimulationProgress) -> Void)? = nil) throws -> SimulationResult {
        start()
        if let progress {
            // In slices of simulated time, reporting after each; the events and their order are
            // those of one `advance(through: end)`.
            let slices: Int64 = 1000
            var reached = SimTime.zero
            for i in 1...slices {
                reached = SimTime(microseconds: end.microseconds / slices * i + (i == slices ? end.microseconds % slices : 0))
                try advance(through: reached)
                progress(SimulationProgress(reached: reached, end: end, events: engine.processed))
            }
        } else {
            try advance(through: end)
        }
        return finish()
    }

    /// Processes the events through `horizon` (inclusive; at most the end).
    mutating func advance(through horizon: SimTime) throws {
        while let (now, event) = engine.next(through: min(horizon, end)) {
            handle(event, at: now)
            if let recorderError { throw recorderError }
        }
    }

    private mutating func handle(_ event: ModelEvent, at now: SimTime) {
        switch event {
        case .arrival(let c): arrival(classIndex: Int(c), at: now)
        case .burst(let c, let k): burst(classIndex: Int(c), k: k, at: now)
        case .burstArrival(let c): burstArrival(classIndex: Int(c), at: now)
        case .traceArrival(let i): traceArrival(index: Int(i), at: now)
        case .podBound(let p): podBound(p, at: now)
        case .containerStarted(let p): containerStarted(p, at: now)
        case .podReady(let p): podReady(p, at: now)
        case .taskFinished(let t): taskFinished(t, at: now)
        case .taskTimedOut(let t): taskTimedOut(t, at: now)
        case .gracePeriodEnded(let p): gracePeriodEnded(p, at: now)
        case .resourceScrape: resourceScrape(at: now)
        case .customScrape: customScrape(at: now)
        case .externalPoll: externalPoll(at: now)
        case .hpaSync(let a): sync(autoscaler: Int(a), at: now)
        case .kedaPoll(let k): kedaPoll(scaledObject: Int(k), at: now)
        case .reconcileReplicas(let d): reconcileReplicas(deployment: Int(d), at: now)
        case .seriesSample: sampleSeries(at: now)
        }
    }

    /// The first events: pods that exist at the start, arrivals, scrapes, syncs, series.
    mutating func start() {
        let now = SimTime.zero
        for d in deployments.indices {
            deployments[d].accounting.setReplicas(deployments[d].replicas, maxAllowed: maxAllowed(deployment: d), at: now)
            if deployments[d].configuration.initialPodsReady {
                for _ in 0..<max(0, Int(deployments[d].replicas)) { createSettledPod(deployment: d) }
            } else {
                engine.schedule(.reconcileReplicas(deployment: Int32(d)), at: now, phase: Phase.scaling)
            }
        }
        for c in classes.indices {
            if let first = classes[c].arrivals.next(after: now), first <= end {
                engine.schedule(.arrival(classIndex: Int32(c)), at: first, phase: Phase.podState)
            }
            if let bursts = classes[c].bursts {
                let first = bursts.instant(0)
                if first >= now, first <= end {
                    engine.schedule(.burst(classIndex: Int32(c), k: 0), at: first, phase: Phase.podState)
                }
            }
        }
        if let first = configuration.workload.trace.first, first.time <= end, first.time >= now {
            engine.schedule(.traceArrival(index: 0), at: first.time, phase: Phase.podState)
        }
        scheduleScrapes()
        scheduleKEDAPolls()
        for a in autoscalers.indices {
            let offset = configuration.autoscalers[a].syncPhaseOffset
            engine.schedule(.hpaSync(autoscaler: Int32(a)), at: now + max(.zero, offset), phase: Phase.sync)
        }
        if recorderKeeps.contains(.series) || (recorderKeeps.contains(.pods) && configuration.results.recordPods) {
            engine.schedule(.seriesSample, at: now, phase: Phase.observe)
        }
    }

    /// The HPA's `maxReplicas` for a deployment it targets.
    func maxAllowed(deployment d: Int) -> Int32? {
        deployments[d].autoscaler.map { autoscalers[Int($0)].hpa.spec.maxReplicas }
    }

    /// The series interval: the configured resolution or the sync period.
    var seriesResolution: SimDuration {
        let r = configuration.results.seriesResolution ?? configuration.controller.syncPeriod
        return r > .zero ? r : .seconds(15)
    }

    // MARK: Tables

    mutating func allocatePod() -> Int32 {
        if let p = freePods.popLast() { return p }
        pods.append(PodState())
        return Int32(pods.count - 1)
    }

    mutating func allocateTask() -> Int32 {
        if let t = freeTasks.popLast() { return t }
        tasks.append(TaskState())
        return Int32(tasks.count - 1)
    }

    mutating func releaseTask(_ t: Int32) {
        tasks[Int(t)].inUse = false
        tasks[Int(t)].finishEvent = nil
        tasks[Int(t)].timeoutEvent = nil
        freeTasks.append(t)
    }

    func podName(_ p: Int32) -> String { pods[Int(p)].name }
}
