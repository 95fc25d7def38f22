public import RunRecords
public import Expectations
public import Scenario

/// What a sweep or a tuning ranks variants by once broken promises tie: the total pod-hours of
/// the HPA-scaled deployments (the default), or any figure `Expectations` measures
/// (`podHours{deployment=egress}`, `queueWait.p95{class=egress-record} during 02:00..03:00`).
///
/// **Lower is better, except for the figures in ``higherIsBetterFigures``.** A figure is parsed
/// by the expectations' own parser (``FigureQuery``), so `--objective` and `expectations:`
/// accept the same text and measure it the same way (windowed forms from the run's timeline).
public enum SweepObjective: Hashable, Sendable, CustomStringConvertible {
    /// The total pod-hours of the deployments an HPA scales (the default).
    case hpaPodHours
    /// One figure of the expectation language.
    case figure(FigureQuery)

    /// Figures where more is better: tasks completed, and mean utilizations (the same load on
    /// fewer requested resources).
    public static let higherIsBetterFigures: [Figure] = [.completed, .cpuUtilization, .memoryUtilization]

    /// Parses `--objective`: a figure of the expectation language, without operator and value.
    /// - Throws: ``SweepError/invalidObjective(_:_:)`` with the expectations parser's message.
    public init(parsing text: String) throws(SweepError) {
        do {
            self = .figure(try FigureQuery(parsing: text))
        } catch {
            throw .invalidObjective(text, error.description)
        }
    }

    /// Whether a larger value ranks first.
    public var higherIsBetter: Bool {
        if case .figure(let query) = self { return Self.higherIsBetterFigures.contains(query.figure) }
        return false
    }

    public var description: String {
        switch self {
        case .hpaPodHours: "podHours"
        case .figure(let query): query.description
        }
    }

    /// How the ranking header names the objective.
    public var title: String {
        switch self {
        case .hpaPodHours: "total pod-hours of the HPA-scaled deployments (podHours)"
        case .figure(let query): query.description
        }
    }

    /// The figure as an expectation's left-hand side, for sizing a run's timeline; nil for the default.
    public var expectation: Expectation? {
        if case .figure(let query) = self { return query.expectation }
        return nil
    }

    /// Refuses a figure naming a class, deployment, HPA or event `scenario` does not have.
    /// - Throws: ``SweepError/invalidObjective(_:_:)`` with the expectations' own message.
    public func validate(in scenario: LoadedScenario) throws(SweepError) {
        guard case .figure(let query) = self else { return }
        let context = ExpectationContext(configuration: scenario.configuration, events: scenario.file.workloadEvents)
        if let problem = query.problems(in: context).first { throw .invalidObjective(query.description, problem) }
    }

    /// The objective in one run: the default from `result`; a figure from `result` and `timeline`.
    /// Nil when the run gives none (a reaction that never came), which ranks last.
    public func measure(_ result: SimulationResult, timeline: ExpectationTimeline, context: ExpectationContext) -> Double? {
        switch self {
        case .hpaPodHours: Self.hpaPodHours(in: result)
        case .figure(let query): query.measure(result, timeline: timeline, context: context).value
        }
    }

    /// The total pod-hours of the deployments an HPA scales (those with a time at `maxReplicas`).
    public static func hpaPodHours(in result: SimulationResult) -> Double {
        result.deployments.filter { $0.timeAtMaxReplicas != nil }.reduce(0) { $0 + $1.podHours }
    }

    /// The worst (largest) p95 queue wait over the classes, in seconds: the latency axis of the Pareto front.
    public static func worstP95Wait(in result: SimulationResult) -> Double {
        result.classes.map(\.queueWait.p95.seconds).max() ?? 0
    }
}

/// How a sweep counts the promises a variant breaks.
public enum PromiseRule: Hashable, Sendable {
    /// The scenario's `expectations`: how many of them fail on at least one seed the sweep checks
    /// them on (a promise with `seeds:` only on those of its seeds the sweep runs).
    case expectations(count: Int)
    /// The scenario states none: tasks timed out plus tasks interrupted by scale-down, over
    /// every class, as a mean over seeds.
    case tasksLost

    /// The rule for a scenario: its expectations when it states any.
    public init(_ file: ScenarioFile) {
        self = file.expectations.isEmpty ? .tasksLost : .expectations(count: file.expectations.count)
    }

    /// Tasks timed out plus tasks interrupted by scale-down in `result`, over every class.
    public static func tasksLost(in result: SimulationResult) -> Int {
        result.classes.reduce(0) { $0 + $1.timedOut + $1.interruptedByScaleDown }
    }

    /// The scenario's promises (0 under ``tasksLost``).
    public var promiseCount: Int {
        if case .expectations(let count) = self { return count }
        return 0
    }

    /// How the ranking header names the rule.
    public var title: String {
        switch self {
        case .expectations(let count):
            "the scenario's promises broken (of its \(count), each on every seed of the sweep it applies to)"
        case .tasksLost:
            "broken promises (the scenario states none: tasks timed out + interrupted by scale-down)"
        }
    }
}
