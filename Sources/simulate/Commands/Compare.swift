import ArgumentParser
import Foundation
import HPASim

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario and variants of it on identical task sequences; print them side by side.",
        discussion: """
            Each VARIANT is a file that `extends` the scenario (as in scenarios/rtc-egress/variants/), or
            NAME=OVERRIDE[;OVERRIDE...] inline. Every variant runs with the baseline's seed: the same task
            sequences (common random numbers). Lower is better for every figure; each difference to the
            baseline is marked better or worse.
            Example: simulate compare scenarios/rtc-egress/spike-4x.yaml \\
                       'fast-up=egress-hpa:spec.behavior.scaleUp.policies[Pods].value=4' --no-store

            \(ExitStatus.table)
            """)

    @Argument(help: "Scenario file (the baseline).") var scenario: String
    @Argument(help: "Variant files or NAME=OVERRIDE[;OVERRIDE...].") var variants: [String]
    @OptionGroup var options: VariantRunOptions

    mutating func run() throws {
        let (plan, store) = try invalidInputExits { () throws -> (SweepPlan, SweepRunStore) in
            let baseline = try ScenarioLoader.load(path: scenario, duration: options.parsedDuration)
            let parsed = try variants.map { try Variant.parse($0, scenarioPath: scenario) }
            let plan = SweepPlan(scenarioPath: scenario, variants: [Variant(name: "baseline", scenarioPath: scenario)] + parsed,
                                 seeds: [options.seed ?? baseline.file.seed], duration: options.parsedDuration)
            try plan.validate(jobs: options.threadCount)
            return (plan, try SweepRunStore(database: options.store.destination))
        }
        let progress = Progress("compare")
        let results = try invalidInputExits {
            try ParallelRuns.run(plan.requests, jobs: options.threadCount, finished: progress.update, store.runner()).map(\.result)
        }
        guard let baseline = results.first else { return }
        let title = "compare \(scenario), seed \(plan.seeds[0]), \(baseline.duration) simulated"
        print(ComparisonReport(title: title, baseline: baseline,
                               variants: zip(plan.variants.dropFirst(), results.dropFirst()).map { ($0.name, $1) }))
        if let db = store.database { printError("\(results.count) runs in \(db) (\(store.resumed) already stored)") }
    }
}
