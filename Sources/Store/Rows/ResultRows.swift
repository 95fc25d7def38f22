public import SimTime

/// A run's results for one task class: a row of `class_results`.
public struct ClassResultRow: Hashable, Sendable {
    /// The task class (`egress:record`, `egress:web:snapshot`, ...).
    public var taskClass: String
    public var completed: Int64
    public var failed: Int64
    /// Failed because they waited longer than the class's maximum queue wait.
    public var timedOut: Int64
    public var interruptedByScaleDown: Int64
    public var interruptedByOOM: Int64
    /// Queue-wait percentiles; nil when no task of the class started.
    public var queueWaitP50: SimDuration?
    public var queueWaitP95: SimDuration?
    public var queueWaitP99: SimDuration?
    public var queueWaitMax: SimDuration?

    public init(taskClass: String, completed: Int64, failed: Int64, timedOut: Int64,
                interruptedByScaleDown: Int64, interruptedByOOM: Int64,
                queueWaitP50: SimDuration?, queueWaitP95: SimDuration?,
                queueWaitP99: SimDuration?, queueWaitMax: SimDuration?) {
        self.taskClass = taskClass
        self.completed = completed
        self.failed = failed
        self.timedOut = timedOut
        self.interruptedByScaleDown = interruptedByScaleDown
        self.interruptedByOOM = interruptedByOOM
        self.queueWaitP50 = queueWaitP50
        self.queueWaitP95 = queueWaitP95
        self.queueWaitP99 = queueWaitP99
        self.queueWaitMax = queueWaitMax
    }
}

/// A run's results for one deployment: a row of `deployment_results`.
public struct DeploymentResultRow: Hashable, Sendable {
    public var deployment: String
    /// Integral of running pods over simulated time, in hours.
    public var podHours: Double
    /// Time-weighted mean of `spec.replicas`.
    public var meanReplicas: Double
    /// The most replicas the deployment had.
    public var peakReplicas: Int32
    /// Time spent at the HPA's `maxReplicas`; nil for a deployment without an HPA.
    public var timeAtMaxReplicas: SimDuration?
    public var scaleEvents: Int64
    /// Direction reversals within the flapping window.
    public var flaps: Int64
    /// Time-weighted mean utilization (percent of requests); nil with no pod ever ready.
    public var meanCPUUtilization: Double?
    public var meanMemoryUtilization: Double?
    /// The notifier backlog's maximum (the notifier only; nil for other deployments).
    public var notifierBacklogMax: Int64?

    public init(deployment: String, podHours: Double, meanReplicas: Double, peakReplicas: Int32,
                timeAtMaxReplicas: SimDuration?, scaleEvents: Int64, flaps: Int64,
                meanCPUUtilization: Double?, meanMemoryUtilization: Double?,
                notifierBacklogMax: Int64? = nil) {
        self.deployment = deployment
        self.podHours = podHours
        self.meanReplicas = meanReplicas
        self.peakReplicas = peakReplicas
        self.timeAtMaxReplicas = timeAtMaxReplicas
        self.scaleEvents = scaleEvents
        self.flaps = flaps
        self.meanCPUUtilization = meanCPUUtilization
        self.meanMemoryUtilization = meanMemoryUtilization
        self.notifierBacklogMax = notifierBacklogMax
    }
}
