public import SimTime
public import RunRecords

/// What a run's expectations need beyond its ``ClusterModel/SimulationResult``, collected
/// while it runs: a ``ClusterModel/SimulationRecorder`` that keeps only that.
///
/// **Bounded by what is asked**: scale records always (one per rescale); series samples only
/// of the deployments a windowed `podHours`, `cpuUtilization` or `memoryUtilization` names;
/// task samples only of the classes a windowed class figure names (which needs
/// ``ClusterModel/ResultsConfiguration/recordTasks``: see ``needsTaskRecords``).
public final class ExpectationTimeline: SimulationRecorder {
    /// A deployment at one series step.
    public struct Sample: Hashable, Sendable {
        public var time: SimTime
        /// Pods alive (pending, running and terminating).
        public var livePods: Int32
        public var cpuUtilization: Double?
        public var memoryUtilization: Double?
    }

    /// A finished task, as windowed class figures need it.
    public struct Task: Hashable, Sendable {
        public var arrivedAt: SimTime
        public var startedAt: SimTime?
        public var outcome: TaskOutcome
    }

    /// Every HPA rescale, in time order.
    public private(set) var scales: [ScaleRecord] = []
    /// Series samples per kept deployment (keys: deployment names).
    public private(set) var samples: [String: [Sample]] = [:]
    /// Finished tasks per kept class.
    public private(set) var tasks: [String: [Task]] = [:]

    private let seriesDeployments: [String]
    private let taskClasses: [String]
    /// Whether any expectation reads the timeline (a window or `reactionTime`); whole-run
    /// figures come from the result alone, so a run needs no recorder for them.
    public let isNeeded: Bool

    /// A timeline keeping what `expectations` need.
    public init(for expectations: [Expectation]) {
        var deployments: [String] = [], classes: [String] = []
        for e in expectations where e.window != nil {
            let subject = e.subject
            switch (subject.kind, e.figure) {
            case (.deployment, .podHours), (.deployment, .cpuUtilization), (.deployment, .memoryUtilization):
                if !deployments.contains(subject.name) { deployments.append(subject.name) }
            case (.class, _):
                if !classes.contains(subject.name) { classes.append(subject.name) }
            default: break
            }
        }
        seriesDeployments = deployments
        taskClasses = classes
        isNeeded = expectations.contains { $0.window != nil || $0.figure == .reactionTime }
    }

    /// A timeline keeping the series of `deployments` and the finished tasks of `classes`
    /// (for queries decided after the run, as `HPASimTesting` makes them).
    public init(seriesOf deployments: [String], tasksOf classes: [String]) {
        seriesDeployments = deployments
        taskClasses = classes
        isNeeded = true
    }

    /// Scale records, and series and tasks only when some are kept.
    public var keeps: RecordKinds {
        var kinds: RecordKinds = .scales
        if !seriesDeployments.isEmpty { kinds.insert(.series) }
        if !taskClasses.isEmpty { kinds.insert(.tasks) }
        return kinds
    }

    /// Whether the run must report finished tasks (set `configuration.results.recordTasks`).
    public var needsTaskRecords: Bool { !taskClasses.isEmpty }

    public func recordScale(_ scale: ScaleRecord) throws { scales.append(scale) }

    public func recordSeries(_ point: SeriesPoint) throws {
        guard seriesDeployments.contains(point.deployment) else { return }
        samples[point.deployment, default: []].append(Sample(
            time: point.time, livePods: point.pods + point.terminatingPods,
            cpuUtilization: point.cpuUtilization?.ratio, memoryUtilization: point.memoryUtilization?.ratio))
    }

    public func recordTask(_ task: TaskRecord) throws {
        guard taskClasses.contains(task.taskClass) else { return }
        tasks[task.taskClass, default: []].append(Task(arrivedAt: task.arrivedAt, startedAt: task.startedAt, outcome: task.outcome))
    }
}
