public import ArgumentParser
import Foundation
import HPASim
import Report

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario, print its summary and store the run.",
        discussion: """
            Warnings (lints included) go to standard error; the summary to standard output.
            Example: simulate run scenarios/rtc-egress/steady-day.yaml --seed 7 --duration 2d

            \(ExitStatus.table)
            """)

    @Argument(help: "Scenario file.") var scenario: String
    @Option(help: "Seed; the same seed gives the same run (default: the scenario's).") var seed: UInt64?
    @Option(help: ArgumentHelp("Simulated duration, replacing the scenario's (90m, 36h, 30d).", valueName: "duration"))
    var duration: String?
    @Option(help: "Per-task records and per-pod samples in the database: off, sampled (1 in 16) or all.")
    var detail: DetailLevel = .off
    @Option(help: "The run's name in the database (default: the scenario file's name).") var name: String?
    @OptionGroup var store: StoreOptions
    @Flag(name: .shortAndLong, help: "Also show notes (objects accepted and ignored).") var verbose = false
    @Option(help: "text (tables and a replicas chart) or json (the results).") var format: OutputFormat = .text

    func validate() throws {
        if let duration, ScenarioDuration.parse(duration) == nil {
            throw ValidationError("--duration: expected a duration such as 90m, 36h or 30d, found \"\(duration)\"")
        }
    }

    mutating func run() throws {
        let progress = ProgressLine.ifTerminal()
        let options = ScenarioRun.Options(seed: seed, duration: duration.flatMap(ScenarioDuration.parse),
                                          database: store.destination, detail: detail, name: name,
                                          progress: progress?.callback)
        let report: ScenarioRun.Report
        do {
            report = try ScenarioRun.run(scenarioAt: scenario, options: options)
            progress?.finish()
        } catch let error as ScenarioError {
            printError(error.diagnostics.rendered(verbose: verbose))
            throw ExitStatus.invalidInput
        } catch let error as StoreError {
            printError("simulate: error: \(error)")
            throw ExitStatus.invalidInput
        } catch let error as ModelConfigurationError {
            printError("\(scenario): \(error)")
            throw ExitStatus.invalidInput
        }
        let notes = report.scenario.diagnostics.rendered(verbose: verbose, explain: false)
        if !notes.isEmpty { printError(notes) }
        if format == .json {
            print(try jsonText(ResultsJSON(report.result, runID: report.runID?.rawValue)))
            return
        }
        print(Summary(report.result))
        if let id = report.runID, let db = report.database,
           let series = try? RunStore(path: db).series(of: id) {
            let chart = TerminalChart.render(series: series, autoscalers: report.scenario.configuration.autoscalers.map(\.hpa),
                                             duration: report.result.duration, colour: standardOutputWantsColour)
            if !chart.isEmpty { print(""); print(chart) }
        }
        // The scenario's promises, for information: `simulate check` is the command that fails on them.
        if !report.outcomes.isEmpty { print("") }   // the promises under the tables, apart
        for outcome in report.outcomes { print(outcome) }
        if let id = report.runID, let db = report.database {
            print("Stored as run \(id) in \(db) (simulate runs show \(id)).")
        }
    }
}

extension DetailLevel: ExpressibleByArgument {}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}
