import ArgumentParser
import Foundation
import HPASim
import Report

/// `simulate report RUN...`: one self-contained HTML page of charts for stored runs.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML report (SVG charts, results) of one or several stored runs.",
        discussion: """
            Several runs are overlaid, one colour per run, with their results side by side and the
            difference to the first. Runs stored with --detail sampled or all add arrivals per class
            and queue-wait percentiles over time.
            Example: simulate report 1 2 -o report.html

            \(ExitStatus.table)
            """)

    @Argument(help: "The runs' ids (see `simulate runs list`); the first is the baseline.") var ids: [Int64]
    @Option(name: [.short, .long], help: ArgumentHelp("Write the HTML to this file (default: standard output).",
                                                      valueName: "path"))
    var output: String?
    @OptionGroup var store: DatabaseOption

    func validate() throws {
        if ids.isEmpty { throw ValidationError("expected at least one run id") }
    }

    func run() throws {
        let runs = try store.open { s in try ids.map { id in try Self.reportRun(RunID(id), s) } }
        let html = HTMLReport.render(runs)
        guard let output else { print(html, terminator: ""); return }
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            printError("simulate: error: \(output): cannot write the report (\(error.localizedDescription))")
            throw ExitStatus.invalidInput
        }
        printError("Wrote \(output) (\(html.utf8.count / 1024) KiB).")
    }

    /// Everything the report draws of run `id`, read through the store's record types.
    static func reportRun(_ id: RunID, _ store: RunStore) throws -> ReportRun {
        let run = try store.run(id)
        let configuration = try resolvedConfiguration(run)
        let weight = run.metadata.detailLevel == .sampled ? 16 : 1
        return ReportRun(
            label: "run \(id.rawValue): \(run.metadata.name)", result: try store.results(of: id).result,
            autoscalers: configuration.autoscalers.map(\.hpa), controller: configuration.controller,
            series: try store.series(of: id), syncs: try store.syncs(of: id), scales: try store.scaleEvents(of: id),
            tasks: run.metadata.detailLevel == .off ? [] : try store.taskRecords(of: id), taskWeight: weight)
    }
}
