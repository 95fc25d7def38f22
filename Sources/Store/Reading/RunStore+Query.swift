import Foundation
import GRDB

// Cross-run SQL over the bulk tables: a run's syncs, series, pod samples and task records live
// in its own run file, so a query over several runs attaches their files. One documented way:
// temporary views named like the tables, each the UNION ALL of the main database's rows (runs
// stored before run files) and every attached run file's, so the same SQL that reads one
// database reads them all: `SELECT run_id, time_us, replicas FROM series WHERE deployment = 'egress'`.

extension RunStore {
    /// The SQL that makes the bulk tables of `runs` (all runs with a run file when nil) readable
    /// as one: an `ATTACH` per run file (schema `run_<id>`) and a `TEMP VIEW` per bulk table with
    /// the table's name. Paste it into the `sqlite3` shell opened on this database (`.read`).
    ///
    /// - Throws: ``StoreError/unknownRun(path:id:)``, or ``StoreError/tooManyRunFiles(path:count:limit:)``
    ///   when more run files are asked for than SQLite attaches at once (`limit`).
    public func attachScript(runs: [RunID]? = nil, limit: Int = RunStore.attachLimit) throws -> String {
        let files = try runFiles(runs)
        guard files.count <= limit else {
            throw StoreError.tooManyRunFiles(path: path, count: files.count, limit: limit)
        }
        for (id, file) in files {   // every file of this schema version, so the views' columns agree
            guard FileManager.default.fileExists(atPath: file) else { throw StoreError.missingRunFile(path: file, id: id) }
            do { try Self.openRunFile(at: file).close() } catch { throw StoreError.wrap(error, path: file, operation: "read run \(id)") }
        }
        var lines = files.map { id, file in
            "ATTACH DATABASE '\(file.replacingOccurrences(of: "'", with: "''"))' AS run_\(id);"
        }
        for table in StoreSchema.Table.allCases where table.isInRunFileOnly {
            let sources = ["main"] + files.map { "run_\($0.id)" }
            let union = sources.map { "SELECT * FROM \($0).\(table.rawValue)" }.joined(separator: " UNION ALL ")
            lines.append("CREATE TEMP VIEW \(table.rawValue) AS \(union);")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs `sql` over the main database with the run files of `runs` attached and the bulk tables
    /// viewed as one (``attachScript(runs:limit:)``), streaming the result as CSV lines to `write`.
    ///
    /// The connection is read-only: a query cannot change a run.
    public func query(_ sql: String, runs: [RunID]? = nil, format: ExportFormat = .csv,
                      to write: (String) throws -> Void) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "hpa-sim query"
        let script = try attachScript(runs: runs)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in   // TEMP views need a writable temp schema only
                try db.execute(sql: script)
                let statement = try db.makeStatement(sql: sql)
                try write(statement.columnNames.map(Self.csvField).joined(separator: ",") + "\n")
                let cursor = try Row.fetchCursor(statement)
                while let row = try cursor.next() {
                    try write(row.databaseValues.map { Self.csvField($0) }.joined(separator: ",") + "\n")
                }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError.sqlite(path: path, operation: "query", message: error.message ?? "\(error)")
        } catch {
            throw StoreError.wrap(error, path: path, operation: "query")
        }
    }

    /// How many databases SQLite attaches to one connection by default (`SQLITE_MAX_ATTACHED`).
    public static let attachLimit = 10

    /// The run files of `runs` (every run with one when nil), by run id.
    private func runFiles(_ runs: [RunID]?) throws -> [(id: Int64, file: String)] {
        try read("list run files") { db in
            if let runs {
                return try runs.map { id in
                    try requireRun(id, db)
                    let file = try String.fetchOne(db, sql: "SELECT run_file FROM runs WHERE id = ?", arguments: [id.rawValue])
                    return file.map { (id.rawValue, runFilePath($0)) }
                }.compactMap { $0 }
            }
            return try Row.fetchAll(db, sql: "SELECT id, run_file FROM runs WHERE run_file IS NOT NULL ORDER BY id")
                .map { (id: $0["id"], file: runFilePath($0["run_file"])) }
        }
    }
}
