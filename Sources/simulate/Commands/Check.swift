import ArgumentParser
import Foundation
import HPASim

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run scenarios and check their expectations: PASS or FAIL with the measured value.",
        discussion: """
            Each scenario runs once per seed its promises name (`seeds:`; the scenario's seed otherwise),
            and every run is stored as `simulate run` stores it. With --baseline, every figure of the
            stored run RUN is also compared with the new run, and a change beyond --tolerance fails.

            Example: simulate check scenarios/rtc-egress/*.yaml --junit report.xml --no-store

            \(ExitStatus.table)
            """)

    @Argument(help: "Scenario files.") var scenarios: [String]
    @Option(help: "Check every promise on this seed only (replaces the scenarios' seeds).") var seed: UInt64?
    @Option(help: ArgumentHelp("Also write the outcomes as JUnit XML (GitLab, Jenkins).", valueName: "file")) var junit: String?
    @Option(help: ArgumentHelp("A stored run (in --db) to compare every figure with.", valueName: "run")) var baseline: Int64?
    @Option(help: ArgumentHelp("With --baseline: the largest relative change allowed.", valueName: "percent"))
    var tolerance: String = "5%"
    @OptionGroup var store: StoreOptions
    @Flag(name: .shortAndLong, help: "Also show notes (objects accepted and ignored).") var verbose = false

    func validate() throws {
        if BaselineComparison.parseTolerance(tolerance) == nil {
            throw ValidationError("--tolerance: expected a percentage such as 5%, found \"\(tolerance)\"")
        }
        if baseline != nil, scenarios.count != 1 {
            throw ValidationError("--baseline: expected one scenario to compare, found \(scenarios.count)")
        }
    }

    mutating func run() throws {
        let (loaded, baselineFigures) = try loadInputs()
        var suites: [JUnitReport.Suite] = []
        for (path, scenario) in zip(scenarios, loaded) {
            suites.append(try check(scenario, at: path, baseline: baselineFigures))
        }
        let outcomes = suites.flatMap(\.outcomes)
        let failed = outcomes.filter { !$0.passed }.count
        print("\(outcomes.count - failed) of \(outcomes.count) promise(s) hold in \(scenarios.count) scenario(s)\(failed > 0 ? "; \(failed) failed" : "")")
        if let junit {
            do {
                try JUnitReport.xml(suites).write(toFile: junit, atomically: true, encoding: .utf8)
            } catch {
                printError("simulate: error: \(junit): expected a writable file, found \(error.localizedDescription)")
                throw ExitStatus.invalidInput
            }
        }
        if failed > 0 { throw ExitStatus.checkFailed }
    }

    /// Every scenario validated, and the baseline read, before anything runs: bad input stops all (exit 2).
    private func loadInputs() throws -> ([LoadedScenario], [BaselineComparison.Figure]?) {
        var loaded: [LoadedScenario] = []
        var invalid = false
        for path in scenarios {
            do {
                let scenario = try ScenarioLoader.load(path: path)
                let notes = scenario.diagnostics.rendered(verbose: verbose, explain: false)
                if !notes.isEmpty { printError(notes) }
                loaded.append(scenario)
            } catch {
                printError(error.diagnostics.rendered(verbose: verbose))
                invalid = true
            }
        }
        var figures: [BaselineComparison.Figure]?
        if let baseline {
            do {
                figures = try BaselineComparison.figures(ofRun: baseline, in: store.db)
            } catch {
                printError("simulate: error: \(error)")
                invalid = true
            }
        }
        if invalid { throw ExitStatus.invalidInput }
        return (loaded, figures)
    }

    /// Runs one scenario on the seeds its promises need and prints every outcome.
    private func check(_ scenario: LoadedScenario, at path: String, baseline figures: [BaselineComparison.Figure]?) throws -> JUnitReport.Suite {
        let report: ScenarioCheck.Report
        do {
            report = try ScenarioCheck.run(scenario, scenarioPath: path, options: ScenarioRun.Options(seed: seed, database: store.destination))
        } catch let error as StoreError {
            printError("simulate: error: \(error)")
            throw ExitStatus.invalidInput
        } catch let error as ModelConfigurationError {
            printError("\(path): \(error)")
            throw ExitStatus.invalidInput
        }
        let seeds = report.runs.map { "\($0.result.seed)" }.joined(separator: ", ")
        print("\(path): \(scenario.file.name) (seed\(report.runs.count == 1 ? "" : "s") \(seeds))")
        var outcomes = report.outcomes
        if let figures, let first = report.runs.first {
            outcomes += BaselineComparison.compare(figures, with: first.result, tolerance: BaselineComparison.parseTolerance(tolerance) ?? 0.05,
                                                   run: baseline ?? 0)
        }
        if outcomes.isEmpty { print("  no expectations") }
        for outcome in outcomes { print("  \(outcome)") }
        for run in report.runs {
            if let id = run.runID, let db = run.database { print("  stored as run \(id) in \(db)") }
        }
        return JUnitReport.Suite(name: scenario.file.name.isEmpty ? path : scenario.file.name, file: path, outcomes: outcomes)
    }
}
