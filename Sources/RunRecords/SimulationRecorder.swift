/// Receives the records of a run as it happens (the SQLite store's `RunRecorder` is one).
///
/// **Calls arrive in simulated-time order, on the thread that runs the simulation.** Every
/// method has an empty default, so a recorder implements only what it keeps. A method that
/// throws stops the run, and the simulation rethrows the error.
public protocol SimulationRecorder: AnyObject {
    /// One HPA sync: everything the controller decided (also when it did not rescale).
    func recordSync(_ sync: SyncRecord) throws
    /// A deployment's `spec.replicas` changed because an HPA rescaled it.
    func recordScale(_ scale: ScaleRecord) throws
    /// One deployment's state, every series resolution step.
    func recordSeries(_ point: SeriesPoint) throws
    /// A task reached a terminal state; called only when the run records tasks.
    func recordTask(_ task: TaskRecord) throws
    /// One pod at a series step, after its deployment's ``recordSeries(_:)``; called only when
    /// the run records pods.
    func recordPod(_ pod: PodPoint) throws
}

extension SimulationRecorder {
    public func recordSync(_ sync: SyncRecord) throws {}
    public func recordScale(_ scale: ScaleRecord) throws {}
    public func recordSeries(_ point: SeriesPoint) throws {}
    public func recordTask(_ task: TaskRecord) throws {}
    public func recordPod(_ pod: PodPoint) throws {}
}
