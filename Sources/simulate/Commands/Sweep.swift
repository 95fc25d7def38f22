import ArgumentParser
import Foundation
import HPASim

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run every combination of HPA settings, over seeds, and rank them.",
        discussion: """
            Ranks variants first by how many of the scenario's promises (its
            expectations) they break on the seeds swept (a scenario without
            expectations: tasks timed out plus tasks interrupted by scale-down),
            then by --objective (default: the total pod-hours of the HPA-scaled
            deployments).
            \(objectiveHelp)
            Standard output carries the ranking alone, the same bytes whatever
            --jobs, --db or --export-best, and whether runs were run or resumed;
            progress, paths and timings go to standard error. Finished runs are
            stored as they finish; the same command again resumes, skipping them.
            --export-best writes the manifests the winner ran on: the scenario's
            own overrides and the winner's values.
            Example: simulate sweep scenarios/rtc-egress/spike-4x.yaml \\
                       --grid 'egress-hpa:spec.behavior.scaleUp.policies[Pods].value=1,2,4' \\
                       --grid 'egress-hpa:spec.behavior.scaleDown.stabilizationWindowSeconds=60,300' --export-best best/

            \(ExitStatus.table)
            """)

    @Argument(help: "Scenario file.") var scenario: String
    @Option(name: .customLong("grid"), help: ArgumentHelp("A knob and its values: FIELD=V1,V2,... or FIELD=[v1, v2].", valueName: "FIELD=VALUES"))
    var grids: [String] = []
    @Option(help: "Seeds per variant (the scenario's seed and the next ones).") var seeds: Int = 1
    @Option(help: ArgumentHelp("A figure of the expectation language to rank by, e.g. podHours{deployment=D} or queueWait.p95{class=C} during 02:00..03:00 (default: pod-hours of the HPA-scaled deployments).", valueName: "FIGURE"))
    var objective: String?
    @Option(help: "Ranked variants to list.") var top: Int = 10
    @Option(help: ArgumentHelp("Run one deterministic slice: variants whose index is I modulo N.", valueName: "I/N")) var shard: String?
    @Option(name: .customLong("export-best"), help: ArgumentHelp("Write the winner's changed manifests and diffs here.", valueName: "dir"))
    var exportBest: String?
    @OptionGroup var options: VariantRunOptions

    func validate() throws {
        if grids.isEmpty { throw ValidationError("--grid: at least one knob is needed") }
        if seeds < 1 { throw ValidationError("--seeds: expected at least 1, found \(seeds)") }
        if top < 1 { throw ValidationError("--top: expected at least 1, found \(top)") }
    }

    mutating func run() throws {
        let (plan, knobs, figure, rule, store) = try invalidInputExits {
            () throws -> (SweepPlan, [Knob], SweepObjective, PromiseRule, SweepRunStore) in
            let knobs = try grids.map { try Knob.parseGrid($0) }
            let figure = try objective.map { try SweepObjective(parsing: $0) } ?? .hpaPodHours
            let baseline = try ScenarioLoader.load(path: scenario, duration: options.parsedDuration)
            try figure.validate(in: baseline)
            let plan = SweepPlan(scenarioPath: scenario, variants: Knob.gridVariants(knobs, scenarioPath: scenario),
                                 seeds: SweepPlan.seeds(from: options.seed ?? baseline.file.seed, count: seeds),
                                 duration: options.parsedDuration, shard: try shard.map { try Shard(parsing: $0) })
            try plan.validate(jobs: options.threadCount)
            return (plan, knobs, figure, PromiseRule(baseline.file), try SweepRunStore(database: options.store.destination))
        }
        let requests = plan.requests
        let progress = Progress("sweep")
        let results = try invalidInputExits {
            try ParallelRuns.run(requests, jobs: options.threadCount, finished: progress.update, store.runner(objective: figure))
        }
        let scores = Ranking.scores(requests, results, objective: figure, rule: rule)
        let title = "sweep of \(scenario)" + (plan.shard.map { " (shard \($0))" } ?? "")
        print(RankingReport(title: title, knobs: knobs, seeds: plan.seeds, objective: figure, rule: rule,
                            scores: scores, top: top))
        printError("\(requests.count) runs (\(store.resumed) already stored) in \(String(format: "%.1f", progress.elapsedSeconds)) s with --jobs \(options.threadCount)"
                   + (store.database.map { "; stored in \($0)" } ?? ""))
        if let exportBest, let best = Ranking.ranked(scores).first {
            try export(best.variant, to: exportBest)
        }
    }
}

/// Writes `variant`'s manifests into `directory` and names the files on standard error.
func export(_ variant: Variant, to directory: String) throws {
    let paths = try invalidInputExits {
        try ManifestExport.write(try ManifestExport.files(scenarioPath: variant.scenarioPath, overrides: variant.overrides), to: directory)
    }
    let settings = variant.overrides.map(\.description).joined(separator: "; ")
    if paths.isEmpty {
        printError("exported nothing: the winner, \(variant.name) (\(settings)), changes no manifest")
    } else {
        printError("exported \(variant.name) (\(settings)):")
        for path in paths { printError("  \(path)") }
    }
}

/// `--help`'s word on objectives: which figures rank higher first.
let objectiveHelp = """
    --objective takes any figure `simulate check` measures, with its labels
    and windowed form. Lower is better, except for these figures:
    \(SweepObjective.higherIsBetterFigures.map(\.rawValue).joined(separator: ", ")) (higher is better).
    """
