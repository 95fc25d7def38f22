public import RunRecords

/// The results `simulate run` and `simulate runs show` print, as JSON for scripts: the same
/// figures, durations in seconds, utilizations in percent of requests.
public struct ResultsJSON: Encodable, Sendable {
    public var simulatedSeconds: Double
    public var seed: UInt64
    public var eventsProcessed: Int
    public var notifications: Int
    public var notifierBacklogMaximum: Double
    public var classes: [Class]
    public var deployments: [Deployment]
    /// The stored run's id, when stored.
    public var runID: Int64?

    public struct Class: Encodable, Sendable {
        public var name: String
        public var arrived, completed, failed, timedOut, interruptedByScaleDown, interruptedByOOM, requeued: Int
        public var waitingAtEnd, runningAtEnd: Int
        public var queueWaitCount: Int
        public var queueWaitP50Seconds, queueWaitP95Seconds, queueWaitP99Seconds, queueWaitMaxSeconds, queueWaitMeanSeconds: Double
    }

    public struct Deployment: Encodable, Sendable {
        public var name: String
        public var podHours, meanReplicas: Double
        public var maxReplicas, minReplicas: Int32
        public var timeAtMaxReplicasSeconds: Double?
        public var scaleEvents, scaleUps, scaleDowns, flaps, oomKills, podsCreated: Int
        public var meanCPUUtilizationPercent, meanMemoryUtilizationPercent: Double?
    }

    public init(_ r: SimulationResult, runID: Int64? = nil) {
        simulatedSeconds = r.duration.seconds; seed = r.seed; eventsProcessed = r.eventsProcessed
        notifications = r.notifications; notifierBacklogMaximum = r.notifierBacklogMaximum; self.runID = runID
        classes = r.classes.map { c in
            Class(name: c.name, arrived: c.arrived, completed: c.completed, failed: c.failed, timedOut: c.timedOut,
                  interruptedByScaleDown: c.interruptedByScaleDown, interruptedByOOM: c.interruptedByOOM,
                  requeued: c.requeued, waitingAtEnd: c.waitingAtEnd, runningAtEnd: c.runningAtEnd,
                  queueWaitCount: c.queueWait.count, queueWaitP50Seconds: c.queueWait.p50.seconds,
                  queueWaitP95Seconds: c.queueWait.p95.seconds, queueWaitP99Seconds: c.queueWait.p99.seconds,
                  queueWaitMaxSeconds: c.queueWait.max.seconds, queueWaitMeanSeconds: c.queueWait.mean.seconds)
        }
        deployments = r.deployments.map { d in
            Deployment(name: d.name, podHours: d.podHours, meanReplicas: d.meanReplicas, maxReplicas: d.maxReplicas,
                       minReplicas: d.minReplicas, timeAtMaxReplicasSeconds: d.timeAtMaxReplicas?.seconds,
                       scaleEvents: d.scaleEvents, scaleUps: d.scaleUps, scaleDowns: d.scaleDowns, flaps: d.flaps,
                       oomKills: d.oomKills, podsCreated: d.podsCreated,
                       meanCPUUtilizationPercent: d.meanCPUUtilization?.percent,
                       meanMemoryUtilizationPercent: d.meanMemoryUtilization?.percent)
        }
    }
}
