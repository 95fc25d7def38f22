import Foundation
public import HPASim

/// A scenario to check in a test: loaded from a file or built in code, overridden, run.
///
/// ```swift
/// let result = try PolicyScenario.load("scenarios/rtc-egress/spike-4x.yaml",
///                                      overrides: ["egress-hpa:spec.maxReplicas=20"]).run()
/// #expect(result.replicas(of: "egress").max <= 20)
/// try result.check("queueWait.p95{class=egress-snapshot} <= 30s")
/// ```
/// **The same scenario and seed give the same result**, so a test asserts exact values.
public struct PolicyScenario: Sendable {
    /// What the cluster model runs; edit it freely before ``run()``.
    public var configuration: SimulationConfiguration
    /// Named workload events (`reactionTime{after=NAME}`).
    public var events: [WorkloadEvent]
    /// The promises the scenario file states (empty for a scenario built in code).
    public var expectations: [ScenarioExpectation]

    /// A scenario built in code (see ``PolicyScenario/init(duration:seed:)`` and the builder methods).
    public init(configuration: SimulationConfiguration, events: [WorkloadEvent] = []) {
        self.configuration = configuration; self.events = events; expectations = []
    }

    /// An empty scenario to build on: add deployments, HPAs and task classes.
    public init(duration: SimDuration = .hours(1), seed: UInt64 = 1) {
        self.init(configuration: SimulationConfiguration(duration: duration, seed: seed))
    }

    /// Loads a scenario file, validated as `simulate validate` does.
    ///
    /// - Parameters:
    ///   - overrides: manifest edits as a scenario's `overrides:` writes them
    ///     (`egress-hpa:spec.maxReplicas=20`), applied before the manifests are validated.
    ///   - seed, duration: replace the scenario's.
    /// - Throws: ``Scenario/ScenarioError`` with every problem (file, line, field).
    public static func load(_ path: String, overrides: [String] = [], seed: UInt64? = nil,
                            duration: SimDuration? = nil) throws -> PolicyScenario {
        var scenarioPath = path
        var cleanup: String?
        if !overrides.isEmpty {
            // Overrides go through the scenario reader like a file's own: a scenario that extends this one.
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            let yaml = "extends: \"\(absolute)\"\noverrides:\n" + overrides.map { "  - \"\($0)\"\n" }.joined()
            let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("hpasim-\(UUID().uuidString).yaml").path
            try yaml.write(toFile: temporary, atomically: true, encoding: .utf8)
            scenarioPath = temporary
            cleanup = temporary
        }
        defer { if let cleanup { try? FileManager.default.removeItem(atPath: cleanup) } }
        let loaded = try ScenarioLoader.load(path: scenarioPath, seed: seed, duration: duration)
        var scenario = PolicyScenario(configuration: loaded.configuration, events: loaded.file.workloadEvents)
        scenario.expectations = loaded.file.expectations
        return scenario
    }

    /// A copy with `modify` applied to its configuration.
    public func with(_ modify: (inout SimulationConfiguration) -> Void) -> PolicyScenario {
        var copy = self
        modify(&copy.configuration)
        return copy
    }

    /// Runs the scenario; the result answers queries and checks promises.
    /// - Throws: `ModelConfigurationError` when the configuration is invalid.
    public func run() throws -> PolicyResult {
        var configuration = configuration
        if configuration.results.seriesResolution == nil {
            configuration.results.seriesResolution = ScenarioRun.defaultSeriesResolution(for: configuration)
        }
        configuration.results.recordTasks = true
        let timeline = ExpectationTimeline(seriesOf: configuration.deployments.map(\.name),
                                           tasksOf: configuration.workload.classes.map(\.name))
        let result = try Simulation(configuration: configuration).run(recorder: timeline)
        return PolicyResult(result: result, scales: timeline.scales, timeline: timeline,
                            context: ExpectationContext(configuration: configuration, events: events),
                            expectations: expectations)
    }
}
