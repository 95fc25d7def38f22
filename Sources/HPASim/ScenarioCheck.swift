public import Expectations
public import Scenario

/// **A scenario's promises, checked on every seed they name.** What `simulate check` runs.
///
/// ```swift
/// let check = try ScenarioCheck.run(scenarioAt: "scenarios/rtc-egress/spike-4x.yaml", options: .init())
/// for outcome in check.outcomes where !outcome.passed { print(outcome) }
/// ```
public enum ScenarioCheck {
    /// One scenario checked: its runs (one per seed) and every promise's outcome on each.
    public struct Report: Sendable {
        public var path: String
        public var scenario: LoadedScenario
        public var runs: [ScenarioRun.Report]
        /// Seed by seed, promises in file order.
        public var outcomes: [ExpectationOutcome]
        /// Whether every promise held.
        public var passed: Bool { outcomes.allSatisfy(\.passed) }
    }

    /// The seeds the promises of `file` need: the scenario's (when some promise lists none),
    /// then every listed seed, in order, once each. `override` (the CLI's `--seed`) replaces them all.
    public static func seeds(of file: ScenarioFile, override: UInt64? = nil) -> [UInt64] {
        if let override { return [override] }
        var seeds: [UInt64] = []
        if file.expectations.isEmpty || file.expectations.contains(where: { $0.seeds.isEmpty }) { seeds.append(file.seed) }
        for entry in file.expectations { for s in entry.seeds where !seeds.contains(s) { seeds.append(s) } }
        return seeds
    }

    /// Loads the scenario at `path` and runs it once per seed its promises need (each run
    /// stored as `simulate run` stores it when `options.database` is set).
    ///
    /// With `options.seed`, every promise is checked on that seed alone.
    /// - Throws: ``ScenarioError`` for bad input (nothing runs), or what ``ScenarioRun`` throws.
    public static func run(scenarioAt path: String, options: ScenarioRun.Options = .init()) throws -> Report {
        let loaded = try ScenarioLoader.load(path: path, seed: nil, duration: options.duration, limits: options.limits)
        return try run(loaded, scenarioPath: path, options: options)
    }

    /// Runs an already loaded scenario once per seed its promises need.
    public static func run(_ loaded: LoadedScenario, scenarioPath: String, options: ScenarioRun.Options = .init()) throws -> Report {
        var runs: [ScenarioRun.Report] = []
        var outcomes: [ExpectationOutcome] = []
        var resolved = loaded
        // A promise without `seeds:` holds for the scenario's seed (not for the seeds others list).
        for i in resolved.file.expectations.indices where resolved.file.expectations[i].seeds.isEmpty {
            resolved.file.expectations[i].seeds = [loaded.file.seed]
        }
        for seed in seeds(of: loaded.file, override: options.seed) {
            var scenario = resolved
            scenario.file.seed = seed
            scenario.configuration.seed = seed
            if options.seed != nil {
                // --seed: every promise is checked on this seed.
                for i in scenario.file.expectations.indices { scenario.file.expectations[i].seeds = [] }
            }
            var perSeed = options
            perSeed.seed = seed
            let report = try ScenarioRun.run(scenario, scenarioPath: scenarioPath, options: perSeed)
            runs.append(report)
            outcomes += report.outcomes
        }
        return Report(path: scenarioPath, scenario: loaded, runs: runs, outcomes: outcomes)
    }
}
