public import Randomness

/// A Deployment: its pod template, how its pods come up, its starting replicas and what
/// its pods do.
public struct DeploymentConfiguration: Hashable, Sendable, Codable {
    /// `metadata.name`; pods are named `<name>-<serial>`.
    public var name: String
    /// `spec.replicas` at the start. For a deployment an HPA targets, the HPA sets it
    /// from then on (a value outside the HPA's range is corrected at its first sync).
    public var replicas: Int32
    /// `spec.template`.
    public var template: PodTemplate
    /// How long scheduling, image pull and start take.
    public var lifecycle: PodLifecycle
    /// What the pods do: run tasks, drain notifications, or nothing the model measures.
    public var role: DeploymentRole
    /// Whether the starting pods are already up: Running and Ready since one hour before
    /// the start (a settled cluster). False: they are created at the start and go
    /// through scheduling, start and readiness like any new pod.
    public var initialPodsReady: Bool

    public init(name: String, replicas: Int32 = 1, template: PodTemplate = .init(),
                lifecycle: PodLifecycle = .init(), role: DeploymentRole = .idle, initialPodsReady: Bool = true) {
        self.name = name; self.replicas = replicas; self.template = template
        self.lifecycle = lifecycle; self.role = role; self.initialPodsReady = initialPodsReady
    }
}

/// What a deployment's pods do in the model.
public enum DeploymentRole: Hashable, Sendable, Codable {
    /// Runs no tasks (Redis, for example): only its lifecycle and baseline usage are modelled.
    case idle
    /// Claims tasks from the Redis queue (or receives them forwarded) and runs them.
    case worker(WorkerSettings)
    /// Hears every task state change (Redis keyspace notifications) and delivers them.
    case notifier(NotifierSettings)
}

/// A task-running deployment: which keys it claims and how many at once.
///
/// A Ready pod with a free slot claims the oldest waiting task whose key matches one of
/// ``patterns``. Slots per pod = ``podWorkers`` × ``tasksPerWorker``.
public struct WorkerSettings: Hashable, Sendable, Codable {
    /// Redis key patterns (glob: `*` any run, `?` one character), e.g. `egress:record:*`.
    /// Empty for a deployment that only receives forwarded tasks (the web recorder).
    public var patterns: [String]
    /// `POD_WORKERS`: worker processes per pod.
    public var podWorkers: Int
    /// Tasks one worker runs at once.
    public var tasksPerWorker: Int
    /// When set, a claimed task is handed to this deployment instead of running here
    /// (web dispatch → web recorder).
    public var forwarding: Forwarding?

    public init(patterns: [String], podWorkers: Int = 1, tasksPerWorker: Int = 1, forwarding: Forwarding? = nil) {
        self.patterns = patterns; self.podWorkers = podWorkers; self.tasksPerWorker = tasksPerWorker
        self.forwarding = forwarding
    }

    /// Tasks one pod runs (or hands over) at once.
    public var slotsPerPod: Int { podWorkers * tasksPerWorker }
}

/// How a dispatcher hands a task to another deployment.
///
/// The dispatcher's slot is busy for ``handoff``; the task then waits in the target's
/// own FIFO queue for a Ready pod with a free slot, which runs it for its duration
/// with the class's CPU and memory. A saturated target shows as queueing.
public struct Forwarding: Hashable, Sendable, Codable {
    /// The receiving deployment's name (a `.worker` deployment).
    public var target: String
    /// Seconds the dispatcher spends on one task before the target has it.
    public var handoff: Distribution
    /// CPU (millicores) and memory (milli-bytes) the dispatcher uses per task being handed off.
    public var usage: ResourceUsage

    public init(target: String, handoff: Distribution = .constant(1), usage: ResourceUsage = .zero) {
        self.target = target; self.handoff = handoff; self.usage = usage
    }
}

/// The webhook notifier: one notification per task state change, delivered at a fixed
/// rate per Ready pod.
///
/// Notifications are shared among the Ready notifier pods (a fluid queue: the backlog
/// drains at `drainRatePerPod` × Ready pods); each Ready pod reports backlog ÷ Ready
/// pods as its pending notifications, the Pods metric its HPA scales on.
public struct NotifierSettings: Hashable, Sendable, Codable {
    /// Notifications one Ready pod delivers per second.
    public var drainRatePerPod: Double
    /// CPU (millicores) a pod uses above its baseline while delivering at full rate
    /// (proportionally less when the backlog is empty and it only keeps up).
    public var cpuMilliAtFullRate: Int64
    /// Memory (milli-bytes) per pending notification held by a pod.
    public var memoryMilliPerPending: Int64

    public init(drainRatePerPod: Double, cpuMilliAtFullRate: Int64 = 0, memoryMilliPerPending: Int64 = 0) {
        self.drainRatePerPod = drainRatePerPod; self.cpuMilliAtFullRate = cpuMilliAtFullRate
        self.memoryMilliPerPending = memoryMilliPerPending
    }
}
