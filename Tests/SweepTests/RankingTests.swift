import Testing
import RunRecords
import ClusterModel
import SimTime
@testable import Sweep

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

    func score(_ i: Int, _ settings: [String], _ results: [SimulationResult], objective: SweepFigure = .defaultObjective) -> VariantScore {
        VariantScore(index: i, variant: Variant(name: "#\(i + 1)", scenarioPath: "s", settings: settings), results: results,
                     objective: objective)
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
        let q = score(0, ["1", "x"], [result(podHours: 4, p95: .seconds(30))], objective: .queueWait(.p95, taskClass: "rec"))
        #expect(q.objective.mean == 30)
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

    @Test("figures parse in the regression issue's syntax and read the result")
    func figures() throws {
        #expect(try SweepFigure(parsing: "podHours{deployment=egress}") == .podHours(deployment: "egress"))
        #expect(try SweepFigure(parsing: "queueWait.p95{class=rec}") == .queueWait(.p95, taskClass: "rec"))
        #expect(try SweepFigure(parsing: "timedOut{class=rec}").description == "timedOut{class=rec}")
        #expect(throws: SweepError.self) { try SweepFigure(parsing: "queueWait.p97{class=rec}") }
        #expect(throws: SweepError.self) { try SweepFigure(parsing: "podHours{class=rec}") }
        let r = result(podHours: 3, timedOut: 2, interrupted: 1, p95: .milliseconds(1500))
        #expect(SweepFigure.defaultObjective.value(in: r) == 3)
        #expect(SweepFigure.podHours(deployment: "redis").value(in: r) == 100)
        #expect(SweepFigure.queueWait(.p95, taskClass: "rec").value(in: r) == 1.5)
        #expect(SweepFigure.brokenPromises(in: r) == 3)
        #expect(SweepFigure.podHours(deployment: "nope").value(in: r) == nil)
    }

    @Test("the report is the same text for the same scores in any order")
    func reportIgnoresOrder() {
        let scores = [score(0, ["1", "x"], [result(podHours: 5, timedOut: 1)]), score(1, ["2", "y"], [result(podHours: 9)])]
        let a = RankingReport(title: "t", knobs: knobs, seeds: [1], objective: .defaultObjective, scores: scores)
        let b = RankingReport(title: "t", knobs: knobs, seeds: [1], objective: .defaultObjective, scores: scores.reversed())
        #expect(a.description == b.description)
        #expect(a.description.contains("1 of 2 variants keep every promise; the best is #2."))
        #expect(a.description.contains("hpa:spec.b = y  [x, y]  at the edge of its grid: widen it"))
    }
}
