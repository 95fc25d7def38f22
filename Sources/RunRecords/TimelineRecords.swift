public import SimTime

/// An HPA-driven change of a deployment's replicas (a `SuccessfulRescale` event).
public struct ScaleRecord: Hashable, Sendable {
    public var time: SimTime
    public var hpa: String
    /// The deployment the HPA scaled (empty when read from a run stored before schema version 8).
    public var deployment: String
    public var from: Int32
    public var to: Int32
    /// The `SuccessfulRescale` message (`New size: 5; reason: cpu resource utilization ...`).
    public var message: String
    public init(time: SimTime, hpa: String, deployment: String, from: Int32, to: Int32, message: String) {
        self.time = time; self.hpa = hpa; self.deployment = deployment; self.from = from; self.to = to
        self.message = message
    }
}

/// One deployment at one instant (a row of `series`).
///
/// The pod counts `pods`, `pendingPods` and `terminatingPods` read as 0 from runs stored before
/// schema version 8, which did not keep them.
public struct SeriesPoint: Hashable, Sendable {
    public var time: SimTime
    public var deployment: String
    /// `spec.replicas`.
    public var replicas: Int32
    /// Pods not terminating (`status.replicas`).
    public var pods: Int32
    /// Ready pods not terminating.
    public var readyPods: Int32
    /// Pods not yet running their container (unscheduled or starting).
    public var pendingPods: Int32
    public var terminatingPods: Int32
    /// CPU used ÷ CPU requested over the pods whose containers run, now (nil without requests or pods).
    public var cpuUtilization: Utilization?
    /// Memory used ÷ memory requested, likewise.
    public var memoryUtilization: Utilization?
    /// Tasks its pods run or hand over.
    public var activeTasks: Int32
    /// Tasks waiting in the queues its pods claim from.
    public var queueDepth: Int32
    /// The notifier's backlog, notifications rounded up; nil for other deployments.
    public var notifierBacklog: Int32?

    public init(time: SimTime, deployment: String, replicas: Int32, pods: Int32,
                readyPods: Int32, pendingPods: Int32, terminatingPods: Int32, cpuUtilization: Utilization?,
                memoryUtilization: Utilization?, activeTasks: Int32, queueDepth: Int32, notifierBacklog: Int32?) {
        self.time = time; self.deployment = deployment
        self.replicas = replicas; self.pods = pods; self.readyPods = readyPods; self.pendingPods = pendingPods
        self.terminatingPods = terminatingPods; self.cpuUtilization = cpuUtilization
        self.memoryUtilization = memoryUtilization; self.activeTasks = activeTasks; self.queueDepth = queueDepth
        self.notifierBacklog = notifierBacklog
    }
}

/// How a task ended. Raw values are the store's spelling (`task_records.outcome`).
public enum TaskOutcome: String, Hashable, Sendable, Codable, CaseIterable {
    case completed
    /// Waited longer than its class's `maxQueueWait`.
    case timedOut = "timed_out"
    /// Still running when its pod's grace period ended (a class that fails on termination), or
    /// stopped by a scale-down and re-queued.
    case interruptedByScaleDown = "interrupted_by_scale_down"
    /// Lost when its container was OOM-killed.
    case interruptedByOOM = "interrupted_by_oom"
}

/// A task's life, reported when it ends (a row of `task_records`, at detail `sampled` or `all`).
public struct TaskRecord: Hashable, Sendable {
    /// The task's number within the run, in the order tasks ended (1, 2, ...).
    public var taskID: Int64
    public var taskClass: String
    /// The Redis key (`egress:record:42`); empty when read from a run stored before schema version 8.
    public var key: String
    public var arrivedAt: SimTime
    /// The run time at full speed, drawn when it arrived (or given by the trace); nil when
    /// read from a run stored before schema version 8.
    public var runTime: SimDuration?
    /// The first start of its run (nil: never started).
    public var startedAt: SimTime?
    public var endedAt: SimTime
    public var outcome: TaskOutcome
    /// The pod it ended on (nil when it ended waiting).
    public var pod: String?

    public init(taskID: Int64, taskClass: String, key: String, arrivedAt: SimTime, runTime: SimDuration?,
                startedAt: SimTime?, endedAt: SimTime, outcome: TaskOutcome, pod: String?) {
        self.taskID = taskID; self.taskClass = taskClass; self.key = key; self.arrivedAt = arrivedAt
        self.runTime = runTime; self.startedAt = startedAt; self.endedAt = endedAt; self.outcome = outcome
        self.pod = pod
    }
}

/// kubectl's STATUS column for a pod.
public enum PodStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// Unscheduled, or its containers are starting.
    case pending = "Pending"
    case running = "Running"
    /// Waiting for its restart back-off after an OOM kill.
    case crashLoopBackOff = "CrashLoopBackOff"
    case terminating = "Terminating"
}

/// One pod at one instant, as `kubectl get pods` and `kubectl top pod` would show it (a row
/// of `pod_samples`, at detail `sampled` or `all`).
public struct PodPoint: Hashable, Sendable {
    public var time: SimTime
    public var deployment: String
    /// `<deployment>-<serial>`, unique within the run.
    public var pod: String
    public var status: PodStatus
    /// The PodReady condition.
    public var ready: Bool
    /// CPU used by all its containers (the worker's and the sidecars'), millicores; 0 unless running.
    public var cpuMillicores: Double
    /// Memory working set of all its containers, bytes; 0 unless running.
    public var memoryBytes: Int64
    /// Tasks it runs or hands over.
    public var activeTasks: Int32

    public init(time: SimTime, deployment: String, pod: String, status: PodStatus, ready: Bool,
                cpuMillicores: Double, memoryBytes: Int64, activeTasks: Int32) {
        self.time = time; self.deployment = deployment; self.pod = pod; self.status = status
        self.ready = ready; self.cpuMillicores = cpuMillicores; self.memoryBytes = memoryBytes
        self.activeTasks = activeTasks
    }
}
