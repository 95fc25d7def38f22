public import SimTime
public import HPAController

/// Receives what happens during a run, as it happens (the SQLite store implements it).
///
/// **Calls arrive in simulated-time order, on the thread that runs the simulation.**
/// Every method has an empty default, so a recorder implements only what it keeps. A
/// method that throws stops the run; ``Simulation/run(recorder:)`` rethrows the error.
public protocol SimulationRecorder: AnyObject {
    /// One HPA sync: everything the controller decided (also when it did not rescale).
    func recordSync(hpa: String, decision: ScalingDecision, at time: SimTime) throws
    /// A deployment's `spec.replicas` changed because an HPA rescaled it.
    func recordScale(_ scale: ScaleRecord) throws
    /// One deployment's state, every ``ResultsConfiguration/seriesResolution``.
    func recordSeries(_ point: SeriesPoint) throws
    /// A task reached a terminal state; called only when ``ResultsConfiguration/recordTasks`` is on.
    func recordTask(_ task: TaskRecord) throws
    /// One pod at a series step, after its deployment's ``recordSeries(_:)``; called only when
    /// ``ResultsConfiguration/recordPods`` is on.
    func recordPod(_ pod: PodPoint) throws
}

extension SimulationRecorder {
    public func recordSync(hpa: String, decision: ScalingDecision, at time: SimTime) throws {}
    public func recordScale(_ scale: ScaleRecord) throws {}
    public func recordSeries(_ point: SeriesPoint) throws {}
    public func recordTask(_ task: TaskRecord) throws {}
    public func recordPod(_ pod: PodPoint) throws {}
}

/// One pod at one instant, as `kubectl get pods` and `kubectl top pod` would show it.
public struct PodPoint: Hashable, Sendable {
    public var time: SimTime
    public var deployment: String
    /// `<deployment>-<serial>`, unique within the run.
    public var pod: String
    /// kubectl's STATUS: `Pending` (unscheduled or starting), `Running`, `CrashLoopBackOff`
    /// (waiting for its restart back-off) or `Terminating`.
    public var status: String
    /// The PodReady condition.
    public var ready: Bool
    /// CPU used by all its containers (the worker's and the sidecars'), millicores; 0 unless running.
    public var cpuMillicores: Double
    /// Memory working set of all its containers, bytes; 0 unless running.
    public var memoryBytes: Int64
    /// Tasks it runs or hands over.
    public var tasks: Int32

    public init(time: SimTime, deployment: String, pod: String, status: String, ready: Bool,
                cpuMillicores: Double, memoryBytes: Int64, tasks: Int32) {
        self.time = time; self.deployment = deployment; self.pod = pod; self.status = status
        self.ready = ready; self.cpuMillicores = cpuMillicores; self.memoryBytes = memoryBytes; self.tasks = tasks
    }
}

/// An HPA-driven change of a deployment's replicas.
public struct ScaleRecord: Hashable, Sendable {
    public var time: SimTime
    public var hpa: String
    public var deployment: String
    public var from: Int32
    public var to: Int32
    /// The `SuccessfulRescale` message (`New size: 5; reason: cpu resource utilization ...`), when the controller gave one.
    public var message: String
    public init(time: SimTime, hpa: String, deployment: String, from: Int32, to: Int32, message: String) {
        self.time = time; self.hpa = hpa; self.deployment = deployment; self.from = from; self.to = to
        self.message = message
    }
}

/// One deployment at one instant.
public struct SeriesPoint: Hashable, Sendable {
    public var time: SimTime
    public var deployment: String
    /// The deployment's position in ``SimulationConfiguration/deployments`` (a recorder's key for it).
    public var deploymentIndex: Int
    /// `spec.replicas`.
    public var specReplicas: Int32
    /// Pods not terminating (`status.replicas`).
    public var pods: Int32
    /// Ready pods not terminating.
    public var readyPods: Int32
    /// Pods not yet running their container (unscheduled or starting).
    public var pendingPods: Int32
    public var terminatingPods: Int32
    /// CPU used ÷ CPU requested over the pods whose containers run, now (nil without requests or pods).
    public var cpuUtilization: Double?
    /// Memory used ÷ memory requested, likewise.
    public var memoryUtilization: Double?
    /// Tasks its pods run or hand over.
    public var runningTasks: Int32
    /// Tasks waiting in the queues its pods claim from.
    public var waitingTasks: Int32
    /// The notifier's backlog (zero for other deployments).
    public var notificationBacklog: Double

    public init(time: SimTime, deployment: String, deploymentIndex: Int, specReplicas: Int32, pods: Int32, readyPods: Int32,
                pendingPods: Int32, terminatingPods: Int32, cpuUtilization: Double?, memoryUtilization: Double?,
                runningTasks: Int32, waitingTasks: Int32, notificationBacklog: Double) {
        self.time = time; self.deployment = deployment; self.deploymentIndex = deploymentIndex
        self.specReplicas = specReplicas; self.pods = pods
        self.readyPods = readyPods; self.pendingPods = pendingPods; self.terminatingPods = terminatingPods
        self.cpuUtilization = cpuUtilization; self.memoryUtilization = memoryUtilization
        self.runningTasks = runningTasks; self.waitingTasks = waitingTasks; self.notificationBacklog = notificationBacklog
    }
}

/// A task's life, reported when it ends.
public struct TaskRecord: Hashable, Sendable {
    /// How a task ended.
    public enum Outcome: String, Hashable, Sendable, CaseIterable {
        case completed
        /// Waited longer than its class's `maxQueueWait`.
        case timedOut = "timed-out"
        /// Still running when its pod's grace period ended (class fails on termination).
        case interruptedByScaleDown = "interrupted-by-scale-down"
        /// Lost when its container was OOM-killed.
        case interruptedByOOM = "interrupted-by-oom"
    }
    public var taskClass: String
    /// The Redis key (`egress:record:42`).
    public var key: String
    public var arrivedAt: SimTime
    /// The run time at full speed, drawn when it arrived (or given by the trace).
    public var runTime: SimDuration
    /// The first start of its run (nil: never started).
    public var startedAt: SimTime?
    public var endedAt: SimTime
    public var outcome: Outcome
    /// The pod it ended on (nil when it ended waiting).
    public var pod: String?
    public init(taskClass: String, key: String, arrivedAt: SimTime, runTime: SimDuration, startedAt: SimTime?,
                endedAt: SimTime, outcome: Outcome, pod: String?) {
        self.taskClass = taskClass; self.key = key; self.arrivedAt = arrivedAt; self.runTime = runTime
        self.startedAt = startedAt
        self.endedAt = endedAt; self.outcome = outcome; self.pod = pod
    }
}
