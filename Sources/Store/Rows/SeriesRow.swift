public import SimTime

/// One deployment at one time step: a row of `series`.
public struct SeriesRow: Hashable, Sendable {
    public var time: SimTime
    public var deployment: String
    /// `spec.replicas`.
    public var replicas: Int32
    public var readyPods: Int32
    /// Mean CPU usage over the ready pods as a percentage of requests; nil with no ready pod.
    public var cpuUtilization: Double?
    /// Mean memory working set over the ready pods as a percentage of requests; nil with no ready pod.
    public var memoryUtilization: Double?
    /// Tasks running on the deployment's pods.
    public var activeTasks: Int32
    /// Tasks waiting in the queue for the patterns the deployment serves.
    public var queueDepth: Int32
    /// Pending notifications (the notifier only; nil for other deployments).
    public var notifierBacklog: Int32?

    public init(time: SimTime, deployment: String, replicas: Int32, readyPods: Int32,
                cpuUtilization: Double?, memoryUtilization: Double?, activeTasks: Int32,
                queueDepth: Int32, notifierBacklog: Int32? = nil) {
        self.time = time
        self.deployment = deployment
        self.replicas = replicas
        self.readyPods = readyPods
        self.cpuUtilization = cpuUtilization
        self.memoryUtilization = memoryUtilization
        self.activeTasks = activeTasks
        self.queueDepth = queueDepth
        self.notifierBacklog = notifierBacklog
    }
}

/// One deployment at one time step without its name: the compact form of ``SeriesRow`` for
/// ``RunRecorder/recordSeries(_:_:)`` (plain numbers, nothing to retain per row). The fields
/// mean what the row's do.
public struct SeriesSample: Hashable, Sendable {
    public var time: SimTime
    public var replicas, readyPods: Int32
    public var cpuUtilization, memoryUtilization: Double?
    public var activeTasks, queueDepth: Int32
    public var notifierBacklog: Int32?

    @inlinable public init(time: SimTime, replicas: Int32, readyPods: Int32, cpuUtilization: Double?,
                memoryUtilization: Double?, activeTasks: Int32, queueDepth: Int32, notifierBacklog: Int32? = nil) {
        self.time = time
        self.replicas = replicas
        self.readyPods = readyPods
        self.cpuUtilization = cpuUtilization
        self.memoryUtilization = memoryUtilization
        self.activeTasks = activeTasks
        self.queueDepth = queueDepth
        self.notifierBacklog = notifierBacklog
    }
}

/// A deployment of a run, as its recorder numbers it (``RunRecorder/deployment(named:)``).
public struct RecordedDeployment: Hashable, Sendable {
    let index: Int32
}

extension SeriesRow {
    /// The row's values without the deployment's name.
    public var sample: SeriesSample {
        SeriesSample(time: time, replicas: replicas, readyPods: readyPods, cpuUtilization: cpuUtilization,
                     memoryUtilization: memoryUtilization, activeTasks: activeTasks, queueDepth: queueDepth,
                     notifierBacklog: notifierBacklog)
    }
}
