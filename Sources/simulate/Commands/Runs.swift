import ArgumentParser
import Foundation
import HPASim
import Report

/// `simulate runs …`: the stored runs, read back.
struct Runs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, show, export, replay, query and delete stored runs.",
        discussion: """
            Example: simulate runs show 3 --db variants.sqlite
                     simulate runs export 3 --table series --format csv > series.csv

            \(ExitStatus.table)
            """,
        subcommands: [List.self, Show.self, Export.self, Delete.self, Replay.self, SQL.self, Merge.self],
        defaultSubcommand: List.self)
}

extension Runs {
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy every run of the IN databases (run files included) into OUT, under new ids.",
            discussion: "Combines the databases of a sharded sweep: simulate runs merge all.sqlite shard-*.sqlite")
        @Argument(help: "The database to copy into (created if absent).") var out: String
        @Argument(help: "The databases to copy from.") var inputs: [String]

        func validate() throws {
            if inputs.isEmpty { throw ValidationError("expected at least one database to merge") }
            for input in inputs where !FileManager.default.fileExists(atPath: input) {
                throw ValidationError("\(input): no such database")
            }
        }

        func run() throws {
            do {
                let target = try RunStore(path: out)
                for input in inputs {
                    let ids = try target.merge(from: input)
                    print("\(input): \(ids.count) runs merged into \(out)")
                }
            } catch let error as StoreError {
                printError("simulate: error: \(error)")
                throw ExitStatus.invalidInput
            }
        }
    }

    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-derive every stored HPA decision from the database and compare.",
            discussion: "Exit status 1 when a stored decision is not reproduced.")
        @Argument(help: "The run's id (see `simulate runs list`).") var id: Int64
        @OptionGroup var store: DatabaseOption

        func run() throws {
            let report = try store.open { try RunReplay.verify(RunID(id), in: $0) }
            for mismatch in report.mismatches.prefix(20) { print(mismatch) }
            print("\(report.syncs) syncs replayed, \(report.normalized) normalizations re-derived, "
                  + "\(report.mismatches.count) mismatches")
            if !report.mismatches.isEmpty { throw ExitStatus.checkFailed }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the stored runs, oldest first.")
        @OptionGroup var store: DatabaseOption

        func run() throws {
            let runs = try store.open { try $0.runs() }
            guard !runs.isEmpty else { print("No runs stored in \(store.db)."); return }
            print(textTable(header: ["ID", "NAME", "STATUS", "SEED", "SIMULATED", "STARTED", "SCENARIO"],
                            rows: runs.map { run in
                                [run.id.description, run.metadata.name, run.outcome.status.rawValue,
                                 String(run.metadata.seed), run.metadata.simulatedDuration.description,
                                 wallClock(run.metadata.startedAt), run.metadata.scenarioPath]
                            }))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a run and its results.")
        @Argument(help: "The run's id (see `simulate runs list`).") var id: Int64
        @Option(help: "text or json (the results).") var format: OutputFormat = .text
        @OptionGroup var store: DatabaseOption

        func run() throws {
            let id = RunID(self.id)
            let (run, stored) = try store.open { s in (try s.run(id), try s.results(of: id)) }
            if format == .json {
                print(try jsonText(ResultsJSON(stored.result, runID: id.rawValue)))
                return
            }
            let m = run.metadata
            let wall = run.outcome.finishedAt.timeIntervalSince(m.startedAt)
            print("""
                Run \(run.id): \(m.name) (\(run.outcome.status.rawValue))
                Scenario:    \(m.scenarioPath) (hash \(m.scenarioHash))
                Seed:        \(m.seed)
                Simulated:   \(m.simulatedDuration), series every \(m.seriesResolution), detail \(m.detailLevel.rawValue)
                Wall clock:  \(wallClock(m.startedAt)) to \(wallClock(run.outcome.finishedAt)) \
                (\(String(format: "%.1f", wall)) s)
                Tool:        hpa-sim \(m.toolVersion)
                """)
            if let message = run.outcome.message { print("Message:     \(message)") }
            if !stored.complete {
                print("Note:        stored by an hpa-sim before schema version 8: arrivals, re-queues, events and "
                      + "other figures it did not keep show as 0")
            }
            print("")
            print(Summary(stored.result))
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write one table of a run as CSV.",
            discussion: "Tables: \(RunStore.exportableTables.joined(separator: ", ")).")
        @Argument(help: "The run's id (see `simulate runs list`).") var id: Int64
        @Option(help: ArgumentHelp("The table to export.", valueName: "name")) var table: String
        @Option(help: "The output format.") var format: Format = .csv
        @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.",
                                                          valueName: "path"))
        var output: String?
        @OptionGroup var store: DatabaseOption

        /// The formats `export` writes (``ExportFormat``'s cases, as choices).
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case csv
            var exportFormat: ExportFormat { .csv }
        }

        func validate() throws {
            guard RunStore.exportableTables.contains(table) else {
                throw ValidationError("--table: expected one of \(RunStore.exportableTables.joined(separator: ", ")), "
                                      + "found \"\(table)\"")
            }
        }

        func run() throws {
            var sink = try OutputSink(path: output)
            try store.open { s in try s.export(table, of: RunID(id), format: format.exportFormat) { sink.write($0) } }
            try sink.close()
        }
    }

    struct SQL: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Query several runs' series, syncs and task records with one SQL statement.",
            discussion: """
                Attaches the run files of the chosen runs (every run with one by default; SQLite attaches \(RunStore.attachLimit) \
                at once) and makes each bulk table (series, hpa_syncs, hpa_sync_metrics, hpa_metrics, \
                hpa_condition_sets, pod_samples, task_records) a view over all of them, under its own name: \
                the SQL of docs/schema.md reads every run at once. Prints CSV. With --print-attach, prints \
                the statements that do it instead, for the sqlite3 shell (.read).
                Example: simulate runs sql "SELECT run_id, time_us, replicas FROM series WHERE deployment = 'egress'"
                """)
        @Argument(help: "One SQL statement (read-only).") var query: String?
        @Option(help: ArgumentHelp("Only these runs (comma-separated ids).", valueName: "ids")) var runs: String?
        @Flag(help: "Print the ATTACH and CREATE TEMP VIEW statements instead of running a query.")
        var printAttach = false
        @OptionGroup var store: DatabaseOption

        func validate() throws {
            if printAttach == (query != nil) {
                throw ValidationError("expected either a query or --print-attach")
            }
            if let runs, runs.split(separator: ",").contains(where: { Int64($0) == nil }) {
                throw ValidationError("--runs: expected run ids separated by commas, found \"\(runs)\"")
            }
        }

        func run() throws {
            let ids = runs.map { $0.split(separator: ",").compactMap { Int64($0) }.map(RunID.init) }
            if printAttach {
                print(try store.open { try $0.attachScript(runs: ids) }, terminator: "")
                return
            }
            var sink = try OutputSink(path: nil)
            try store.open { s in try s.query(query ?? "", runs: ids) { sink.write($0) } }
            try sink.close()
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a run and all its rows.")
        @Argument(help: "The run's id (see `simulate runs list`).") var id: Int64
        @OptionGroup var store: DatabaseOption

        func run() throws {
            try store.open { try $0.delete(RunID(id)) }
            print("Deleted run \(id) from \(store.db).")
        }
    }
}

extension DatabaseOption {
    /// Opens the existing database and runs `body`; a store error prints and exits with status 2.
    func open<T>(_ body: (RunStore) throws -> T) throws -> T {
        guard FileManager.default.fileExists(atPath: db) else {
            return try fail("\(db): expected a run database, found no file (choose one with --db)")
        }
        do {
            return try body(RunStore(path: db))
        } catch let error as StoreError {
            return try fail(error.description)
        }
    }

    private func fail<T>(_ message: String) throws -> T {
        printError("simulate: error: \(message)")
        throw ExitStatus.invalidInput
    }
}

/// Standard output or a file, written in 64 KiB chunks.
private struct OutputSink {
    private let handle: FileHandle
    private var buffer = ""

    init(path: String?) throws {
        guard let path else { handle = .standardOutput; return }
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            printError("simulate: error: \(path): cannot create the output file")
            throw ExitStatus.invalidInput
        }
        self.handle = handle
    }

    mutating func write(_ text: String) {
        buffer += text
        if buffer.utf8.count >= 65_536 { flush() }
    }

    mutating func flush() {
        handle.write(Data(buffer.utf8))
        buffer = ""
    }

    mutating func close() throws {
        flush()
        if handle !== FileHandle.standardOutput { try handle.close() }
    }
}

/// Columns padded to their widest cell, two spaces apart.
private func textTable(header: [String], rows: [[String]]) -> String {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    return all.map { row in
        row.enumerated().map { column, cell in
            column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
        }.joined(separator: "  ")
    }.joined(separator: "\n")
}

private func wallClock(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    return formatter.string(from: date)
}

