/// Receives the records of a run as it happens (the SQLite store's `RunRecorder` is one).
///
/// **Calls arrive in simulated-time order, on the thread that runs the simulation.** Every
/// method has an empty default, so a recorder implements only what it keeps. A method that
/// throws stops the run, and the simulation rethrows the error.
public protocol SimulationRecorder: AnyObject {
    /// The records this recorder keeps; the simulation builds no others (building a sync
    /// record costs as much as a tenth of the sync). The default is ``RecordKinds/all``.
    var keeps: RecordKinds { get }
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
    public var keeps: RecordKinds { .all }
    public func recordSync(_ sync: SyncRecord) throws {}
    public func recordScale(_ scale: ScaleRecord) throws {}
    public func recordSeries(_ point: SeriesPoint) throws {}
    public func recordTask(_ task: TaskRecord) throws {}
    public func recordPod(_ pod: PodPoint) throws {}
}

/// Which of a run's records a ``SimulationRecorder`` keeps.
public struct RecordKinds: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// ``SimulationRecorder/recordSync(_:)``.
    public static let syncs = RecordKinds(rawValue: 1 << 0)
    /// ``SimulationRecorder/recordScale(_:)``.
    public static let scales = RecordKinds(rawValue: 1 << 1)
    /// ``SimulationRecorder/recordSeries(_:)``.
    public static let series = RecordKinds(rawValue: 1 << 2)
    /// ``SimulationRecorder/recordTask(_:)`` (when the run records tasks).
    public static let tasks = RecordKinds(rawValue: 1 << 3)
    /// ``SimulationRecorder/recordPod(_:)`` (when the run records pods).
    public static let pods = RecordKinds(rawValue: 1 << 4)
    public static let all: RecordKinds = [.syncs, .scales, .series, .tasks, .pods]
}
