import Foundation
import Testing
import HPASim

/// The Sweep module driven in-process through `SweepRunStore`: runs equal to lone runs, the
/// exported YAML reproduces the winner, tuning against the exhaustive grid.
@Suite("sweeps in-process")
struct SweepRunTests {
    @Test("each variant's result in a parallel sweep equals the variant run alone")
    func parallelEqualsAlone() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let spike = try writeEgressSpike(in: dir)
        let knobs = [Knob(field: scaleUpPodsKnob, values: ["1", "4"]), Knob(field: scaleDownWindowKnob, values: ["0", "600"])]
        let plan = SweepPlan(scenarioPath: spike, variants: Knob.gridVariants(knobs, scenarioPath: spike), seeds: [1, 2],
                             duration: .hours(2))
        let swept = try ParallelRuns.run(plan.requests, jobs: 3, SweepRunStore(database: nil).runner()).map(\.result)
        #expect(swept.count == 8)
        for (request, result) in zip(plan.requests, swept) {
            let alone = try ScenarioRun.run(ScenarioLoader.load(path: spike, seed: request.seed, duration: .hours(2),
                                                                overrides: request.variant.overrides),
                                            scenarioPath: spike).result
            #expect(result == alone, "\(request.variant.name) seed \(request.seed)")
        }
        #expect(Set(swept.map(\.deployments)).count > 1)   // the knobs matter
    }

    @Test("running the scenario on the exported manifests reproduces the winner's results exactly")
    func exportReproduces() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let spike = try writeEgressSpike(in: dir)
        let knobs = [Knob(field: scaleUpPodsKnob, values: ["1", "4"]), Knob(field: scaleDownWindowKnob, values: ["0", "600"]),
                     Knob(field: "egress-hpa:spec.metrics[cpu].resource.target.averageUtilization", values: ["60", "85"])]
        let plan = SweepPlan(scenarioPath: spike, variants: Knob.gridVariants(knobs, scenarioPath: spike), seeds: [1], duration: .hours(2))
        let requests = plan.requests
        let scores = Ranking.scores(requests, try ParallelRuns.run(requests, jobs: 2, SweepRunStore(database: nil).runner()),
                                    objective: .hpaPodHours, rule: .tasksLost)
        let best = try #require(Ranking.ranked(scores).first)
        let files = try ManifestExport.files(scenarioPath: spike, overrides: best.variant.overrides)
        #expect(files.map { URL(fileURLWithPath: $0.original).lastPathComponent } == ["06-hpa-configs.yaml"])
        let written = try ManifestExport.write(files, to: dir.path("best"))
        #expect(written == [dir.path("best/06-hpa-configs.yaml"), dir.path("best/06-hpa-configs.diff")])
        // The scenario over the exported file in place of the original, nothing else changed.
        let originals = ScenarioLoader.manifestPaths(of: try ScenarioLoader.load(path: spike).file)
        let manifests = originals.map { $0.hasSuffix("/06-hpa-configs.yaml") ? dir.path("best/06-hpa-configs.yaml") : $0 }
        let exported = try dir.write("exported.yaml", "extends: \(spike)\nmanifests:\n" + manifests.map { "  - \($0)\n" }.joined())
        let rerun = try ScenarioRun.run(scenarioAt: exported, options: .init(duration: .hours(2))).result
        #expect(rerun == best.results[0])
        let baseline = try ScenarioRun.run(scenarioAt: spike, options: .init(duration: .hours(2))).result
        #expect(rerun != baseline)
        let diff = try String(contentsOfFile: dir.path("best/06-hpa-configs.diff"), encoding: .utf8)
        #expect(diff.hasPrefix("--- a/06-hpa-configs.yaml\n+++ b/06-hpa-configs.yaml\n@@ "))
    }

    @Test("the export writes the scenario's own overrides too: the files reproduce the winner without them")
    func exportWritesScenarioOverrides() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let spike = try writeEgressSpike(in: dir)
        // One override a knob also sets (the knob wins), one no knob touches (it must be exported too).
        let scenario = try dir.write("overridden.yaml", """
            extends: \(spike)
            overrides:
              - "\(scaleDownWindowKnob)=120"
              - "egress-hpa:spec.maxReplicas=7"
            """)
        let knobs = [Knob(field: scaleDownWindowKnob, values: ["0", "600"]), Knob(field: scaleUpPodsKnob, values: ["1", "4"])]
        let plan = SweepPlan(scenarioPath: scenario, variants: Knob.gridVariants(knobs, scenarioPath: scenario), seeds: [1],
                             duration: .hours(2))
        let scores = Ranking.scores(plan.requests, try ParallelRuns.run(plan.requests, jobs: 2, SweepRunStore(database: nil).runner()),
                                    objective: .hpaPodHours, rule: .tasksLost)
        let best = try #require(Ranking.ranked(scores).first)
        let files = try ManifestExport.files(scenarioPath: scenario, overrides: best.variant.overrides)
        let file = try #require(files.first)
        #expect(files.count == 1)
        #expect(file.text.contains("maxReplicas: 7"))
        #expect(file.text.contains("stabilizationWindowSeconds: \(best.variant.settings[0])"))
        _ = try ManifestExport.write(files, to: dir.path("best"))
        // The same load over the exported file, without the scenario's overrides (`extends` would append them).
        let originals = ScenarioLoader.manifestPaths(of: try ScenarioLoader.load(path: spike).file)
        let manifests = originals.map { $0.hasSuffix("/06-hpa-configs.yaml") ? dir.path("best/06-hpa-configs.yaml") : $0 }
        let exported = try dir.write("exported.yaml", "extends: \(spike)\nmanifests:\n" + manifests.map { "  - \($0)\n" }.joined())
        #expect(try ScenarioRun.run(scenarioAt: exported, options: .init(duration: .hours(2))).result == best.results[0])
        // Exported without the scenario's overrides (as before), the file would deploy maxReplicas 10: another run.
        let knobsOnly = try ManifestOverride.splice(best.variant.overrides, into: String(contentsOfFile: file.original, encoding: .utf8),
                                                    file: file.original)
        let knobsOnlyPath = try dir.write("knobs-only.yaml", knobsOnly.text)
        let without = try dir.write("without.yaml", "extends: \(spike)\nmanifests:\n"
            + originals.map { "  - \($0.hasSuffix("/06-hpa-configs.yaml") ? knobsOnlyPath : $0)\n" }.joined())
        #expect(try ScenarioRun.run(scenarioAt: without, options: .init(duration: .hours(2))).result != best.results[0])
    }

    @Test("a scenario override that cannot be written into the manifests refuses the export, naming it")
    func exportRefusesUnwritableOverride() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let scenario = try dir.write("adds-field.yaml", """
            extends: \(try writeEgressSpike(in: dir))
            overrides:
              - "egress-hpa:metadata.labels.team=egress"
            """)
        #expect {
            try ManifestExport.files(scenarioPath: scenario, overrides: [])
        } throws: { error in
            guard let error = error as? SweepError, case .export(let message) = error else { return false }
            return message.contains("egress-hpa:metadata.labels.team=egress: cannot export to")
                && message.contains("(the scenario's own overrides are written with the winner's, so that the files are what the winner ran on)")
        }
    }

    @Test("tune finds the exhaustive grid's optimum (or within 2 % of its cost) in at most a quarter of its runs")
    func tuneMatchesGrid() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let spike = try writeEgressSpike(in: dir)
        let knobs = [TuneKnob(field: "egress-hpa:spec.maxReplicas", low: 4, high: 12),
                     TuneKnob(field: scaleDownWindowKnob, low: 0, high: 600, step: 120)]
        let runner = try SweepRunStore(database: nil).runner()
        let grid = SweepPlan(scenarioPath: spike, variants: Knob.gridVariants(knobs.map(\.grid), scenarioPath: spike), seeds: [1])
        let gridScores = Ranking.scores(grid.requests, try ParallelRuns.run(grid.requests, jobs: 2, runner), objective: .hpaPodHours,
                                        rule: .tasksLost)
        let optimum = try #require(Ranking.ranked(gridScores).first)
        #expect(grid.requests.count == 54)
        #expect(optimum.keepsEveryPromise)
        #expect(try !#require(Ranking.ranked(gridScores).last).keepsEveryPromise)   // the space has variants that fail

        let tuner = Tuner(scenarioPath: spike, knobs: knobs, budget: grid.requests.count / 4, seeds: [1], duration: .hours(3),
                          objective: .hpaPodHours, rule: .tasksLost)
        let outcome = try tuner.run(jobs: 2, runner)
        #expect(outcome.runs <= grid.requests.count / 4)
        #expect(outcome.best.keepsEveryPromise)
        #expect(outcome.best.objective.mean <= optimum.objective.mean * 1.02)
    }
}
