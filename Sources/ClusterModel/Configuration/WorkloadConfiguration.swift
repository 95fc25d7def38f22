public import SimTime
public import Randomness

/// The tasks that arrive at the one Redis queue.
///
/// **A task's attributes depend only on the seed and its class, never on scaling**:
/// arrivals come from the stream `arrivals.<class>`, durations from `durations.<class>`,
/// so two HPA variants with the same seed face the identical task sequence.
public struct WorkloadConfiguration: Hashable, Sendable, Codable {
    /// The task classes, in a fixed order (results list them in this order).
    public var classes: [TaskClass]
    /// Recorded arrivals replayed on top of the classes' own processes, sorted by time
    /// (a CSV trace: timestamp, class, optional duration).
    public var trace: [TraceArrival]

    public init(classes: [TaskClass] = [], trace: [TraceArrival] = []) {
        self.classes = classes; self.trace = trace
    }
}

/// A kind of task: its key, how often it arrives, how long it runs and what it uses.
public struct TaskClass: Hashable, Sendable, Codable {
    /// Stable name used in stream names and results (`egress-record`).
    public var name: String
    /// The key pattern tasks are stored under; `*` stands for the task id
    /// (`egress:record:*` stores `egress:record:42`). Workers claim by matching it.
    public var keyPattern: String
    /// When tasks arrive (Poisson with a rate schedule, plus optional bursts).
    public var arrivals: ArrivalProcess
    /// Run time in seconds at full speed.
    public var duration: Distribution
    /// CPU (millicores) and memory (milli-bytes) a running task adds to its container.
    public var usage: ResourceUsage
    /// Whether the task slows down when its container's CPU is throttled
    /// (progress rate = limit ÷ demand while demand exceeds the limit).
    public var cpuBound: Bool
    /// A task still waiting this long after arriving fails (timed out); nil: waits forever.
    public var maxQueueWait: SimDuration?
    /// What happens to a task still running when its pod's grace period ends.
    public var onPodTermination: TerminationBehavior

    public init(name: String, keyPattern: String, arrivals: ArrivalProcess = .none,
                duration: Distribution = .constant(60), usage: ResourceUsage = .zero, cpuBound: Bool = true,
                maxQueueWait: SimDuration? = nil, onPodTermination: TerminationBehavior = .requeue) {
        self.name = name; self.keyPattern = keyPattern; self.arrivals = arrivals; self.duration = duration
        self.usage = usage; self.cpuBound = cpuBound; self.maxQueueWait = maxQueueWait
        self.onPodTermination = onPodTermination
    }
}

/// What a task still running at the end of its pod's grace period does. Either way
/// it counts as interrupted by scale-down; a pod's workers finish what they can first.
public enum TerminationBehavior: String, Hashable, Sendable, Codable, CaseIterable {
    /// Back to the queue, keeping its arrival time (it is the oldest again) and duration.
    case requeue
    /// The task fails.
    case fail
}

/// One recorded arrival.
public struct TraceArrival: Hashable, Sendable, Codable {
    /// When the task arrives.
    public var time: SimTime
    /// The ``TaskClass/name`` it belongs to.
    public var taskClass: String
    /// Its run time; nil: drawn from the class's duration distribution.
    public var duration: SimDuration?
    public init(time: SimTime, taskClass: String, duration: SimDuration? = nil) {
        self.time = time; self.taskClass = taskClass; self.duration = duration
    }
}
