public import SimTime
public import RunRecords

/// **A run is a pure function of its configuration: the same configuration and seed give
/// the same ``SimulationResult``, bit for bit.**
///
/// ```swift
/// let simulation = try Simulation(configuration: configuration)   // validates
/// let result = simulation.run()
/// print(Summary(result))
/// ```
public struct Simulation: Sendable {
    /// The validated configuration.
    public let configuration: SimulationConfiguration

    /// Checks the configuration; throws ``ModelConfigurationError`` naming the first bad field.
    public init(configuration: SimulationConfiguration) throws {
        try configuration.validate()
        self.configuration = configuration
    }

    /// Runs without a recorder.
    public func run() -> SimulationResult {
        var model = Model(configuration: configuration, recorder: nil)
        do {
            return try model.run()
        } catch {
            preconditionFailure("a run without a recorder cannot fail: \(error)")
        }
    }

    /// Runs, reporting syncs, scale changes, series points (and finished tasks, when
    /// ``ResultsConfiguration/recordTasks`` is on) to `recorder` as they happen.
    /// Rethrows the first error the recorder throws; the run stops there.
    public func run(recorder: some SimulationRecorder) throws -> SimulationResult {
        var model = Model(configuration: configuration, recorder: recorder)
        return try model.run()
    }

    /// Runs as ``run(recorder:)`` does, calling `progress` a thousand times along the way
    /// (after each thousandth of the simulated duration): for a progress line. The result is
    /// the same as without it.
    public func run(recorder: some SimulationRecorder,
                    progress: @escaping (SimulationProgress) -> Void) throws -> SimulationResult {
        var model = Model(configuration: configuration, recorder: recorder)
        return try model.run(progress: progress)
    }

    /// Runs without a recorder, calling `progress` as ``run(recorder:progress:)`` does.
    public func run(progress: @escaping (SimulationProgress) -> Void) -> SimulationResult {
        var model = Model(configuration: configuration, recorder: nil)
        do {
            return try model.run(progress: progress)
        } catch {
            preconditionFailure("a run without a recorder cannot fail: \(error)")
        }
    }

    /// Validates `configuration` and runs it.
    public static func run(_ configuration: SimulationConfiguration) throws -> SimulationResult {
        try Simulation(configuration: configuration).run()
    }
}

/// How far a run has got: for progress lines (never on a path to results).
public struct SimulationProgress: Hashable, Sendable {
    /// Simulated time processed through.
    public var reached: SimTime
    /// The run's end.
    public var end: SimTime
    /// Events the engine has processed so far.
    public var events: Int
    public init(reached: SimTime, end: SimTime, events: Int) { self.reached = reached; self.end = end; self.events = events }
}
