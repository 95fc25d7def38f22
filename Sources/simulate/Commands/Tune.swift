import ArgumentParser
import Foundation
import HPASim

struct Tune: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search a space too large for a grid for the cheapest variant that keeps every promise.",
        discussion: """
            Method: a Latin hypercube sample of the knobs' ranges, successive halving (all samples short,
            a quarter of the duration, on the first seed; the best third on the full duration; the best
            third of those on every seed), then a pattern search around the best (each knob one step
            either side, halving the step) while the --budget of runs lasts. Short runs count against it.
            Ranking as in `simulate sweep`: fewest broken promises (the scenario's
            expectations), then the best objective.
            \(objectiveHelp)
            Example: simulate tune scenarios/rtc-egress/spike-4x.yaml --knob egress-hpa:spec.minReplicas=1..6 \\
                       --knob 'egress-hpa:spec.behavior.scaleUp.policies[Pods].value=1..8' --budget 24

            \(ExitStatus.table)
            """)

    @Argument(help: "Scenario file.") var scenario: String
    @Option(name: .customLong("knob"), help: ArgumentHelp("A knob and its integer range, every STEP (default 1).", valueName: "FIELD=LOW..HIGH[/STEP]"))
    var knobs: [String] = []
    @Option(help: "Most runs in all, short ones included.") var budget: Int = 30
    @Option(help: "Seeds for the finalists (the scenario's seed and the next ones).") var seeds: Int = 1
    @Option(help: ArgumentHelp("A figure to rank by (as in `simulate sweep`).", valueName: "FIGURE")) var objective: String?
    @Option(name: .customLong("export-best"), help: ArgumentHelp("Write the winner's changed manifests and diffs here.", valueName: "dir"))
    var exportBest: String?
    @OptionGroup var options: VariantRunOptions

    func validate() throws {
        if knobs.isEmpty { throw ValidationError("--knob: at least one knob is needed") }
        if seeds < 1 { throw ValidationError("--seeds: expected at least 1, found \(seeds)") }
        if budget < 3 + seeds { throw ValidationError("--budget: expected at least \(3 + seeds) runs, found \(budget)") }
    }

    mutating func run() throws {
        let (tuner, store) = try invalidInputExits { () throws -> (Tuner, SweepRunStore) in
            let parsed = try knobs.map { try TuneKnob(parsing: $0) }
            let figure = try objective.map { try SweepObjective(parsing: $0) } ?? .hpaPodHours
            let baseline = try ScenarioLoader.load(path: scenario, duration: options.parsedDuration)
            try figure.validate(in: baseline)
            let tuner = Tuner(scenarioPath: scenario, knobs: parsed, budget: budget,
                              seeds: SweepPlan.seeds(from: options.seed ?? baseline.file.seed, count: seeds),
                              duration: baseline.configuration.duration, objective: figure, rule: PromiseRule(baseline.file))
            // Both ends of every range must load before anything runs.
            try SweepPlan(scenarioPath: scenario, variants: [parsed.map { _ in 0 }, parsed.map { $0.count - 1 }].map(tuner.variant),
                          seeds: tuner.seeds, duration: options.parsedDuration).validate()
            return (tuner, try SweepRunStore(database: options.store.destination))
        }
        let progress = Progress("tune")
        let outcome = try invalidInputExits {
            try tuner.run(jobs: options.threadCount, finished: progress.update, store.runner(objective: tuner.objective))
        }
        print("tune of \(scenario): Latin hypercube of \(outcome.sampled), successive halving, pattern search; \(outcome.runs) runs of a budget of \(budget)")
        print(RankingReport(title: "finalists (full duration, every seed)", knobs: tuner.knobs.map(\.grid), seeds: tuner.seeds,
                            objective: tuner.objective, rule: tuner.rule, scores: outcome.finalists, top: 10))
        print("")
        print("best: \(outcome.best.variant.overrides.map(\.description).joined(separator: " "))")
        printError("\(outcome.runs) runs (\(store.resumed) already stored) in \(String(format: "%.1f", progress.elapsedSeconds)) s"
                   + (store.database.map { "; stored in \($0)" } ?? ""))
        if let exportBest { try export(outcome.best.variant, to: exportBest) }
    }
}
