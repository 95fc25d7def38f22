import Foundation
public import ClusterModel
public import Scenario
public import SimTime
public import Store
public import Expectations

/// **A run is stored whole or not at all.** Runs a scenario file and stores it.
///
/// ```swift
/// let report = try ScenarioRun.run(scenarioAt: "scenarios/rtc-egress/steady-day.yaml",
///                                  options: .init(database: "hpa-sim.sqlite"))
/// print(report.result)            // the summary `simulate` prints
/// ```
/// The simulation writes to the run's own file while it runs (on a background thread), and
/// the run is committed to the database in one short transaction at the end; a run that
/// fails, or a process that is killed, leaves no rows behind.
public enum ScenarioRun {
    /// How to run and where to store.
    public struct Options: Sendable {
        /// Replaces the scenario's `seed`.
        public var seed: UInt64?
        /// Replaces the scenario's `duration`.
        public var duration: SimDuration?
        /// The run database; nil: do not store.
        public var database: String?
        /// Per-task records and per-pod samples: off, sampled (one task in 16 by a stable hash of
        /// its key, one pod in 16 by a stable hash of its name), or all.
        public var detail: DetailLevel
        /// The run's name in the database; nil: the scenario file's name.
        public var name: String?
        /// Scenario input limits (file size, nesting, aliases).
        public var limits: InputLimits
        /// Called as the run advances (``Simulation/run(recorder:progress:)``); nil: not at all.
        public var progress: (@Sendable (SimulationProgress) -> Void)?

        public init(seed: UInt64? = nil, duration: SimDuration? = nil, database: String? = nil,
                    detail: DetailLevel = .off, name: String? = nil, limits: InputLimits = .init(),
                    progress: (@Sendable (SimulationProgress) -> Void)? = nil) {
            self.seed = seed; self.duration = duration; self.database = database; self.detail = detail
            self.name = name; self.limits = limits; self.progress = progress
        }
    }

    /// What a run produced.
    public struct Report: Sendable {
        public var scenario: LoadedScenario
        public var result: SimulationResult
        /// The stored run's id (nil when not stored).
        public var runID: RunID?
        public var database: String?
        /// How the commit went (nil when not stored).
        public var commitTimings: CommitTimings?
        /// The scenario's promises checked against this run (those whose `seeds:` include its seed).
        public var outcomes: [ExpectationOutcome] = []
    }

    /// Series resolution when the scenario sets none: the sync period, and one minute for
    /// runs longer than a week (docs/schema.md).
    public static func defaultSeriesResolution(for configuration: SimulationConfiguration) -> SimDuration {
        configuration.duration > .days(7) ? max(.minutes(1), configuration.controller.syncPeriod)
            : configuration.controller.syncPeriod
    }

    /// Loads the scenario at `path`, runs it and stores it.
    /// - Throws: ``ScenarioError`` for bad input (nothing runs), `ModelConfigurationError`,
    ///   or ``StoreError`` (nothing is stored).
    public static func run(scenarioAt path: String, options: Options = .init()) throws -> Report {
        let loaded = try ScenarioLoader.load(path: path, seed: options.seed, duration: options.duration,
                                             limits: options.limits)
        return try run(loaded, scenarioPath: path, options: options)
    }

    /// The promises of `loaded` that apply to its seed (in file order), and the scenario as it
    /// runs and is stored with `options`: series resolution defaulted, task and pod records as
    /// the detail level and the promises' timeline need them. A stored run's
    /// `runs.scenario_hash` is the hash of ``resolvedJSON(_:)`` of this configuration.
    public static func prepared(_ loaded: LoadedScenario, options: Options = .init())
        -> (scenario: LoadedScenario, promises: [ScenarioExpectation]) {
        var scenario = loaded
        var configuration = scenario.configuration
        if configuration.results.seriesResolution == nil {
            configuration.results.seriesResolution = defaultSeriesResolution(for: configuration)
        }
        let promises = scenario.file.expectations.filter { $0.seeds.isEmpty || $0.seeds.contains(configuration.seed) }
        let timeline = ExpectationTimeline(for: promises.map(\.expectation))
        configuration.results.recordTasks = options.detail != .off || timeline.needsTaskRecords
        configuration.results.recordPods = options.detail != .off
        scenario.configuration = configuration
        return (scenario, promises)
    }

    /// Runs an already loaded scenario and stores it.
    public static func run(_ loaded: LoadedScenario, scenarioPath: String, options: Options = .init()) throws -> Report {
        let (scenario, promises) = prepared(loaded, options: options)
        let configuration = scenario.configuration
        let timeline = ExpectationTimeline(for: promises.map(\.expectation))
        let simulation = try Simulation(configuration: configuration)

        guard let database = options.database else {
            // Without a recorder when no promise reads the timeline: series sampling costs time.
            let result: SimulationResult
            switch (timeline.isNeeded, options.progress) {
            case (true, let progress?): result = try simulation.run(recorder: timeline, progress: progress)
            case (true, nil): result = try simulation.run(recorder: timeline)
            case (false, let progress?): result = simulation.run(progress: progress)
            case (false, nil): result = simulation.run()
            }
            var report = Report(scenario: scenario, result: result, runID: nil, database: nil, commitTimings: nil)
            report.outcomes = outcomes(of: promises, report.result, timeline: timeline, scenario: scenario)
            return report
        }
        // Encoding the resolved scenario and opening the database take a few milliseconds each:
        // side by side, on two threads.
        let resolved = configuration
        let json = InBackground { try resolvedJSON(resolved) }
        let store = try RunStore(path: database)
        let metadata = RunMetadata(
            name: options.name ?? URL(fileURLWithPath: scenarioPath).deletingPathExtension().lastPathComponent,
            scenarioPath: scenarioPath, scenarioJSON: try json.value(), seed: configuration.seed,
            simulatedDuration: configuration.duration,
            seriesResolution: configuration.results.seriesResolution ?? configuration.controller.syncPeriod,
            detailLevel: options.detail, startedAt: Date())
        let recorder = try store.makeRecorder(for: metadata)
        let result: SimulationResult
        do {
            // The store keeps task records only at --detail sampled|all (RunRecorder drops them at off).
            // The timeline only when a promise reads it (one recorder call per record otherwise).
            let records: any SimulationRecorder = timeline.isNeeded ? RecorderTee(recorder, timeline) : recorder
            result = try options.progress.map { try simulation.run(recorder: records, progress: $0) }
                ?? simulation.run(recorder: records)
            recorder.recordResults(result, notifiers: configuration.deployments.compactMap { d in
                if case .notifier = d.role { d.name } else { nil }
            })
        } catch {
            recorder.discard()   // nothing reaches the database
            throw error
        }
        let id = try recorder.commit(RunOutcome(finishedAt: Date()))
        var report = Report(scenario: scenario, result: result, runID: id, database: database,
                            commitTimings: recorder.commitTimings)
        report.outcomes = outcomes(of: promises, result, timeline: timeline, scenario: scenario)
        return report
    }

    /// The fully resolved scenario as the run saw it (sorted keys, so equal configurations give equal text).
    public static func resolvedJSON(_ configuration: SimulationConfiguration) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(configuration), as: UTF8.self)
    }

    /// The configuration a stored run ran with (the inverse of ``resolvedJSON(_:)``).
    public static func configuration(fromJSON json: String) throws -> SimulationConfiguration {
        try JSONDecoder().decode(SimulationConfiguration.self, from: Data(json.utf8))
    }
}

/// A value computed on a global queue while the caller goes on.
private final class InBackground<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, any Error>?   // written once, before `done` is signalled

    init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async {
            self.result = Result { try work() }
            self.done.signal()
        }
    }

    /// Waits for the value (or rethrows its error).
    func value() throws -> Value {
        done.wait()
        done.signal()   // later calls return at once
        guard let result else { preconditionFailure("signalled before the result was set") }
        return try result.get()
    }
}
