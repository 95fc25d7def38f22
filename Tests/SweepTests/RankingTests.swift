import Testing
import RunRecords
import ClusterModel
import SimTime
import Expectations
@testable import Sweep

/// Swift Testing has an `Expectation` of its own.
private typealias Promise = Expectations.Expectation

/// A result with one class and one HPA-scaled deployment.
func result(seed: UInt64 = 1, podHours: Double, timedOut: Int = 0, interrupted: Int = 0, p95: SimDuration = .zero,
            unscaledPodHours: Double = 100) -> SimulationResult {
    SimulationResult(duration: .hours(1), seed: seed,
                     classes: [ClassResult(name: "rec", timedOut: timedOut, interruptedByScaleDown: interrupted,
                                           queueWait: QueueWaitSummary(count: 1, p95: p95))],
                     deployments: [DeploymentResult(name: "egress", podHours: podHours, timeAtMaxReplicas: .zero),
                                   DeploymentResult(name: "redis", podHours: unscaledPodHours)],
                     notifierBacklogMaximum: 0, notifications: 0, eventsProcessed: 0)
}

@Suite("ranking, Pareto front, knob edges")
struct RankingTests {
    let knobs = [Knob(field: "hpa:spec.a", values: ["1", "2", "3"]), Knob(field: "hpa:spec.b", values: ["x", "y"])]

    /// Scores `results` with no promises checked, the objective measured as the default's.
    func score(_ i: Int, _ settings: [String], _ results: [SimulationResult]) -> VariantScore {
        VariantScore(index: i, variant: Variant(name: "#\(i + 1)", scenarioPath: "s", settings: settings),
                     runs: results.map { VariantRun(result: $0, outcomes: [], objective: SweepObjective.hpaPodHours(in: $0)) },
                     objective: .hpaPodHours, rule: .tasksLost)
    }

    /// An outcome of `text` (a promise) measured at `value` on `seed`.
    func outcome(_ text: String, name: String? = nil, seed: UInt64 = 1, _ value: Double) throws -> ExpectationOutcome {
        ExpectationOutcome(expectation: try Promise(parsing: text), name: name, seed: seed, measured: .of(value, unit: .number))
    }

    /// A variant checked against promises, with a given objective per run.
    func checked(_ i: Int, _ runs: [(SimulationResult, [ExpectationOutcome], Double?)], objective: SweepObjective = .hpaPodHours,
                 promises: Int = 3) -> VariantScore {
        VariantScore(index: i, variant: Variant(name: "#\(i + 1)", scenarioPath: "s", settings: ["1", "x"]),
                     runs: runs.map { VariantRun(result: $0.0, outcomes: $0.1, objective: $0.2) }, objective: objective,
                     rule: .expectations(count: promises))
    }

    @Test("broken promises first, then the objective, then sweep order")
    func order() {
        let scores = [score(0, ["1", "x"], [result(podHours: 5, timedOut: 1)]),
                      score(1, ["2", "x"], [result(podHours: 9)]),
                      score(2, ["3", "x"], [result(podHours: 7, interrupted: 2)]),
                      score(3, ["2", "y"], [result(podHours: 8)]),
                      score(4, ["3", "y"], [result(podHours: 8)])]
        #expect(Ranking.ranked(scores).map(\.index) == [3, 4, 1, 0, 2])
    }

    @Test("mean and sample spread over seeds; the default objective sums HPA-scaled deployments only")
    func statistics() {
        let s = score(0, ["1", "x"], [result(seed: 1, podHours: 4, timedOut: 1), result(seed: 2, podHours: 6, timedOut: 3)])
        #expect(s.objective == Statistic([4, 6]))
        #expect(s.objective.mean == 5)
        #expect(s.objective.spread == 2.0.squareRoot())
        #expect(s.broken.mean == 2)
        #expect(!s.keepsEveryPromise)
    }

    @Test("with expectations: promises broken on any seed count once each, whatever tasks were lost")
    func promisesBroken() throws {
        let a = checked(0, [(result(seed: 1, podHours: 9), [try outcome("timedOut{class=rec} == 0", seed: 1, 2),
                                                             try outcome("flaps{deployment=egress} <= 1", name: "calm", seed: 1, 3)], 9),
                            (result(seed: 2, podHours: 9), [try outcome("timedOut{class=rec} == 0", seed: 2, 1),
                                                             try outcome("flaps{deployment=egress} <= 1", name: "calm", seed: 2, 0)], 9)])
        #expect(a.broken.mean == 2 && a.broken.spread == 0)
        #expect(a.brokenPromises == [BrokenPromise(promise: "timedOut{class=rec} == 0", seeds: [1, 2]),
                                     BrokenPromise(promise: "calm", seeds: [1])])
        // Many tasks lost, but every promise kept: it ranks first.
        let b = checked(1, [(result(podHours: 20, timedOut: 50), [try outcome("timedOut{class=rec} <= 100", seed: 1, 50)], 20)])
        #expect(b.broken.mean == 0 && b.keepsEveryPromise)
        #expect(Ranking.ranked([a, b]).map(\.index) == [1, 0])
        let report = RankingReport(title: "t", knobs: knobs, seeds: [1, 2], objective: .hpaPodHours, rule: .expectations(count: 3),
                                   scores: [a, b]).description
        #expect(report.contains("ranked by the scenario's promises broken (of its 3, each on every seed of the sweep it applies to), then by total pod-hours"))
        #expect(report.contains("\n  #1: timedOut{class=rec} == 0 (1, 2); calm (1)\n"))
        #expect(report.contains("1 of 2 variants keep every promise; the best is #2."))
    }

    @Test("a higher-is-better objective ranks the largest first; a run without a value ranks last")
    func higherIsBetter() throws {
        let completed = try SweepObjective(parsing: "completed{class=rec}")
        #expect(completed.higherIsBetter)
        #expect(try !SweepObjective(parsing: "timedOut{class=rec}").higherIsBetter)
        let runs: [Double?] = [40, 55, nil, 50]
        let scores = runs.enumerated().map { checked($0.offset, [(result(podHours: 1), [], $0.element)], objective: completed) }
        #expect(Ranking.ranked(scores).map(\.index) == [1, 3, 0, 2])
        let wait = try SweepObjective(parsing: "queueWait.p95{class=rec} during 01:00..02:00")
        let lower = runs.enumerated().map { checked($0.offset, [(result(podHours: 1), [], $0.element)], objective: wait) }
        #expect(Ranking.ranked(lower).map(\.index) == [0, 3, 1, 2])
        let report = RankingReport(title: "t", knobs: knobs, seeds: [1], objective: completed, rule: .tasksLost, scores: scores)
        #expect(report.description.contains("then by completed{class=rec}, higher is better;"))
    }

    @Test("the Pareto front keeps the variants nothing beats on both pod-hours and worst p95 wait")
    func pareto() {
        let scores = [score(0, ["1", "x"], [result(podHours: 5, p95: .seconds(60))]),
                      score(1, ["2", "x"], [result(podHours: 6, p95: .seconds(20))]),
                      score(2, ["3", "x"], [result(podHours: 7, p95: .seconds(20))]),   // beaten by #2
                      score(3, ["1", "y"], [result(podHours: 9, p95: .seconds(5))]),
                      score(4, ["2", "y"], [result(podHours: 5, p95: .seconds(60))])]   // same as #1: the first stays
        #expect(Ranking.paretoFront(scores).map(\.index) == [0, 1, 3])
    }

    @Test("a best value at the first or last of its grid is flagged")
    func edges() {
        let top = score(0, ["3", "x"], [result(podHours: 1)])
        let placements = Ranking.placements(knobs, top: top)
        #expect(placements.map(\.best) == ["3", "x"])
        #expect(placements.map(\.atEdge) == [true, true])
        #expect(Ranking.placements(knobs, top: score(0, ["2", "y"], [result(podHours: 1)])).map(\.atEdge) == [false, true])
    }

    @Test("objectives are figures of the expectation language; a bad one carries the parser's message")
    func objectives() throws {
        #expect(try SweepObjective(parsing: "podHours{deployment=egress}")
                == .figure(FigureQuery(figure: .podHours, labels: [.init(key: "deployment", value: "egress")])))
        #expect(try SweepObjective(parsing: "queueWait.p95{class=rec} during 02:00..03:00").description
                == "queueWait.p95{class=rec} during 02:00..03:00")
        #expect(throws: SweepError.invalidObjective("queueWait.p97{class=rec}",
            "column 1: expected a figure (\(Figure.names.joined(separator: ", "))), found \"queueWait.p97\" (did you mean \"queueWait.p95\"?)")) {
            try SweepObjective(parsing: "queueWait.p97{class=rec}")
        }
        #expect(throws: SweepError.invalidObjective("podHours{deployment=egress} <= 3",
            "column 29: expected the end of the figure (a figure alone has no operator or value), found \"<=\"")) {
            try SweepObjective(parsing: "podHours{deployment=egress} <= 3")
        }
        #expect(throws: SweepError.self) { try SweepObjective(parsing: "podHours{class=rec}") }
        let r = result(podHours: 3, timedOut: 2, interrupted: 1, p95: .milliseconds(1500))
        #expect(SweepObjective.hpaPodHours(in: r) == 3)
        #expect(PromiseRule.tasksLost(in: r) == 3)
        #expect(SweepObjective.worstP95Wait(in: r) == 1.5)
    }

    @Test("the report is the same text for the same scores in any order")
    func reportIgnoresOrder() {
        let scores = [score(0, ["1", "x"], [result(podHours: 5, timedOut: 1)]), score(1, ["2", "y"], [result(podHours: 9)])]
        let a = RankingReport(title: "t", knobs: knobs, seeds: [1], objective: .hpaPodHours, rule: .tasksLost, scores: scores)
        let b = RankingReport(title: "t", knobs: knobs, seeds: [1], objective: .hpaPodHours, rule: .tasksLost, scores: scores.reversed())
        #expect(a.description == b.description)
        #expect(a.description.contains("1 of 2 variants keep every promise; the best is #2."))
        #expect(a.description.contains("hpa:spec.b = y  [x, y]  at the edge of its grid: widen it"))
        #expect(a.description.contains("ranked by broken promises (the scenario states none: tasks timed out + interrupted by scale-down)"))
    }
}
