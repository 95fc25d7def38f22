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

    /// Validates `configuration` and runs it.
    public static func run(_ configuration: SimulationConfiguration) throws -> SimulationResult {
        try Simulation(configuration: configuration).run()
    }
}
