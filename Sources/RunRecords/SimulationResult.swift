public import SimTime

/// What a run produced: per task class, per deployment, and for the notifier.
///
/// Every figure is a streaming aggregate (counters, time integrals, an HdrHistogram of
/// queue waits), so a 30-day run keeps no per-task or per-sample arrays.
public struct SimulationResult: Hashable, Sendable {
    /// The simulated time covered.
    public var duration: SimDuration
    public var seed: UInt64
    /// In the configuration's class order.
    public var classes: [ClassResult]
    /// In the configuration's deployment order.
    public var deployments: [DeploymentResult]
    /// The notifier's largest backlog (notifications); zero without a notifier.
    public var notifierBacklogMaximum: Double
    /// Notifications emitted (one per task state change).
    public var notifications: Int
    /// Events the engine processed, except the series samples a recorder adds: a run
    /// reports the same count with a recorder (a stored run) and without (`--no-store`).
    public var eventsProcessed: Int

    public init(duration: SimDuration, seed: UInt64, classes: [ClassResult], deployments: [DeploymentResult],
                notifierBacklogMaximum: Double, notifications: Int, eventsProcessed: Int) {
        self.duration = duration; self.seed = seed; self.classes = classes; self.deployments = deployments
        self.notifierBacklogMaximum = notifierBacklogMaximum; self.notifications = notifications
        self.eventsProcessed = eventsProcessed
    }

    /// The class named `name`, if any.
    public func taskClass(_ name: String) -> ClassResult? { classes.first { $0.name == name } }
    /// The deployment named `name`, if any.
    public func deployment(_ name: String) -> DeploymentResult? { deployments.first { $0.name == name } }
}

/// One task class's outcomes.
///
/// `arrived = completed + failed + waitingAtEnd + runningAtEnd`. `failed` counts every
/// terminal failure: `timedOut`, OOM losses (`interruptedByOOM`) and scale-down
/// interruptions of classes that fail rather than re-queue. Interruptions by scale-down
/// count events: a re-queued task may be interrupted again and complete later (`requeued`).
public struct ClassResult: Hashable, Sendable {
    public var name: String
    public var arrived: Int
    public var completed: Int
    public var failed: Int
    public var timedOut: Int
    public var interruptedByScaleDown: Int
    public var interruptedByOOM: Int
    public var requeued: Int
    public var waitingAtEnd: Int
    public var runningAtEnd: Int
    /// Time from arrival to the first start of the run (time waiting in any queue;
    /// a dispatcher's handoff is not waiting).
    public var queueWait: QueueWaitSummary

    public init(name: String, arrived: Int = 0, completed: Int = 0, failed: Int = 0, timedOut: Int = 0,
                interruptedByScaleDown: Int = 0, interruptedByOOM: Int = 0, requeued: Int = 0,
                waitingAtEnd: Int = 0, runningAtEnd: Int = 0, queueWait: QueueWaitSummary = .init()) {
        self.name = name; self.arrived = arrived; self.completed = completed; self.failed = failed
        self.timedOut = timedOut; self.interruptedByScaleDown = interruptedByScaleDown
        self.interruptedByOOM = interruptedByOOM; self.requeued = requeued
        self.waitingAtEnd = waitingAtEnd; self.runningAtEnd = runningAtEnd; self.queueWait = queueWait
    }
}

/// Queue-wait quantiles from an HdrHistogram of milliseconds with the configured
/// significant digits (3 by default: each quantile within 0.1 %); `max` is exact to the ms.
public struct QueueWaitSummary: Hashable, Sendable {
    /// Tasks that started (and so have a wait).
    public var count: Int
    public var p50: SimDuration
    public var p95: SimDuration
    public var p99: SimDuration
    public var max: SimDuration
    public var mean: SimDuration
    public init(count: Int = 0, p50: SimDuration = .zero, p95: SimDuration = .zero, p99: SimDuration = .zero,
                max: SimDuration = .zero, mean: SimDuration = .zero) {
        self.count = count; self.p50 = p50; self.p95 = p95; self.p99 = p99; self.max = max; self.mean = mean
    }
}

/// One deployment's capacity, scaling and utilization over the run.
public struct DeploymentResult: Hashable, Sendable {
    public var name: String
    /// ∫ live pods dt (pending, running and terminating pods all count), in hours.
    public var podHours: Double
    /// Time-weighted mean of `spec.replicas`.
    public var meanReplicas: Double
    public var maxReplicas: Int32
    public var minReplicas: Int32
    /// Time `spec.replicas` sat at the HPA's `maxReplicas`; nil without an HPA.
    public var timeAtMaxReplicas: SimDuration?
    /// Rescales the HPA made (`SuccessfulRescale` events).
    public var scaleEvents: Int
    public var scaleUps: Int
    public var scaleDowns: Int
    /// Scale events reversing the previous one's direction within the flapping window.
    public var flaps: Int
    /// ∫ CPU used ÷ ∫ CPU requested, over the time containers ran (nil without requests).
    public var meanCPUUtilization: Utilization?
    /// ∫ memory used ÷ ∫ memory requested, likewise.
    public var meanMemoryUtilization: Utilization?
    /// Containers killed for exceeding their memory limit.
    public var oomKills: Int
    /// Pods created over the run (the starting ones included).
    public var podsCreated: Int

    public init(name: String, podHours: Double = 0, meanReplicas: Double = 0, maxReplicas: Int32 = 0,
                minReplicas: Int32 = 0, timeAtMaxReplicas: SimDuration? = nil, scaleEvents: Int = 0,
                scaleUps: Int = 0, scaleDowns: Int = 0, flaps: Int = 0, meanCPUUtilization: Utilization? = nil,
                meanMemoryUtilization: Utilization? = nil, oomKills: Int = 0, podsCreated: Int = 0) {
        self.name = name; self.podHours = podHours; self.meanReplicas = meanReplicas
        self.maxReplicas = maxReplicas; self.minReplicas = minReplicas; self.timeAtMaxReplicas = timeAtMaxReplicas
        self.scaleEvents = scaleEvents; self.scaleUps = scaleUps; self.scaleDowns = scaleDowns; self.flaps = flaps
        self.meanCPUUtilization = meanCPUUtilization; self.meanMemoryUtilization = meanMemoryUtilization
        self.oomKills = oomKills; self.podsCreated = podsCreated
    }
}
