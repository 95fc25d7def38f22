import ArgumentParser
import Explain
import Foundation
import HPASim

/// `simulate explain RUN`: an HPA of a stored run as `kubectl describe hpa` shows it, with why
/// each rescale was that size.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Describe a stored run's HPAs as `kubectl describe hpa` does, and why each rescale was that size.",
        discussion: """
            Times are simulated: 14:30 (first day), 2d14:30 (day 2), or 62h30m from the start.
            Example: simulate explain 1 --hpa egress-hpa --from 2:00 --to 3:30

            \(ExitStatus.table)
            """)

    @Argument(help: "The run's id (see `simulate runs list`).") var id: Int64
    @Option(help: ArgumentHelp("The HPA to describe (default: every HPA of the run).", valueName: "name"))
    var hpa: String?
    @Option(help: ArgumentHelp("Conditions and metrics as of this time (default: the end).", valueName: "time"))
    var at: String?
    @Option(help: ArgumentHelp("First time of the events window.", valueName: "time")) var from: String?
    @Option(help: ArgumentHelp("Last time of the events window (and of the conditions).", valueName: "time"))
    var to: String?
    @Option(help: "text (kubectl's layout) or json.") var format: OutputFormat = .text
    @OptionGroup var store: DatabaseOption

    func validate() throws {
        for (flag, value) in [("--at", at), ("--from", from), ("--to", to)] {
            if let value, TimeOfDay.parse(value) == nil {
                throw ValidationError("\(flag): expected \(TimeOfDay.expected), found \"\(value)\"")
            }
        }
        if at != nil, from != nil || to != nil { throw ValidationError("--at: expected either --at or --from/--to, found both") }
    }

    func run() throws {
        let runID = RunID(id)
        let (stored, syncs, scales) = try store.open { s in (try s.run(runID), try s.syncs(of: runID), try s.scaleEvents(of: runID)) }
        let configuration = try resolvedConfiguration(stored)
        let autoscalers = configuration.autoscalers.map(\.hpa)
        let chosen = try hpa.map { name in
            guard let one = autoscalers.first(where: { $0.name == name }) else {
                printError("simulate: error: run \(id): --hpa: expected one of "
                           + "\(autoscalers.map(\.name).joined(separator: ", ")), found \"\(name)\"")
                throw ExitStatus.invalidInput
            }
            return [one]
        } ?? autoscalers
        let descriptions = chosen.map { hpa in
            HPADescription(hpa: hpa, controller: configuration.controller, syncs: syncs, scales: scales,
                           from: from.flatMap(TimeOfDay.parse), to: (to ?? at).flatMap(TimeOfDay.parse),
                           at: at.flatMap(TimeOfDay.parse))
        }
        switch format {
        case .text: print(descriptions.map(\.text).joined(separator: "\n\n"))
        case .json: print(try jsonText(descriptions))
        }
    }
}

/// `--format text|json`, for commands that print a report.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// Pretty JSON with sorted keys (equal values give equal text).
func jsonText<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// The configuration a stored run ran with; an unreadable one is invalid input (exit status 2).
func resolvedConfiguration(_ run: StoredRun) throws -> SimulationConfiguration {
    do {
        return try ScenarioRun.configuration(fromJSON: run.metadata.scenarioJSON)
    } catch {
        printError("simulate: error: run \(run.id): metadata.scenario_json: expected the resolved scenario, found \(error)")
        throw ExitStatus.invalidInput
    }
}
