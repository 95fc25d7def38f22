public import SimTime

/// One pod at one time step: a row of `pod_samples` (detail level `sampled` or `all`).
public struct PodSampleRow: Hashable, Sendable {
    public var time: SimTime
    public var deployment: String
    public var pod: String
    /// `Pending`, `Running`, `Terminating`, ... (the caller's words, used consistently).
    public var phase: String
    public var ready: Bool
    public var cpuMillicores: Double
    public var memoryBytes: Int64
    public var activeTasks: Int32

    public init(time: SimTime, deployment: String, pod: String, phase: String, ready: Bool,
                cpuMillicores: Double, memoryBytes: Int64, activeTasks: Int32) {
        self.time = time
        self.deployment = deployment
        self.pod = pod
        self.phase = phase
        self.ready = ready
        self.cpuMillicores = cpuMillicores
        self.memoryBytes = memoryBytes
        self.activeTasks = activeTasks
    }
}

/// How a task ended, as stored in `task_records.outcome`.
public enum TaskOutcome: String, Hashable, Sendable, CaseIterable {
    case completed
    case failed
    case timedOut = "timed_out"
    case interruptedByScaleDown = "interrupted_by_scale_down"
    case interruptedByOOM = "interrupted_by_oom"
    /// Still waiting or running when the run ended.
    case unfinished
}

/// One task's life: a row of `task_records` (detail level `sampled` or `all`).
public struct TaskRecordRow: Hashable, Sendable {
    /// The task's id within the run (unique per run).
    public var taskID: Int64
    public var taskClass: String
    public var arrived: SimTime
    /// When a worker last claimed it; nil if it never started.
    public var started: SimTime?
    /// When it ended; nil if unfinished.
    public var finished: SimTime?
    public var outcome: TaskOutcome
    /// The pod that last ran it.
    public var pod: String?
    /// Times it was interrupted and re-queued.
    public var interruptions: Int32

    public init(taskID: Int64, taskClass: String, arrived: SimTime, started: SimTime?,
                finished: SimTime?, outcome: TaskOutcome, pod: String?, interruptions: Int32 = 0) {
        self.taskID = taskID
        self.taskClass = taskClass
        self.arrived = arrived
        self.started = started
        self.finished = finished
        self.outcome = outcome
        self.pod = pod
        self.interruptions = interruptions
    }
}
