public import Foundation
import GRDB

/// A run database: opens (creating and migrating it), records runs, reads them back.
///
/// **Opening never loses data.** A database of an older schema is migrated; one written by a
/// newer hpa-sim, or a file that is not a run database, is refused with a ``StoreError``.
/// Staging files left by killed writers are removed.
///
/// **Parallel runs write without errors.** The main database is in WAL mode and waits up to
/// ``Options/busyTimeout`` for the write lock; each run holds that lock only while its
/// staging file is copied in. Threads may share one `RunStore` or open their own; processes
/// each open their own.
public final class RunStore: Sendable {
    /// How the main database is opened.
    public struct Options: Sendable {
        /// How long a commit waits for another writer's lock before failing.
        public var busyTimeout: TimeInterval = 60
        public init(busyTimeout: TimeInterval = 60) { self.busyTimeout = busyTimeout }
    }

    /// The main database's path, as given.
    public let path: String
    let pool: DatabasePool

    /// Opens the database at `path`, creating it if absent.
    ///
    /// - Throws: ``StoreError/newerSchema(path:found:known:)``, ``StoreError/notARunDatabase(path:found:)``,
    ///   or ``StoreError/sqlite(path:operation:message:)`` when the file cannot be opened.
    public init(path: String, options: Options = Options()) throws {
        self.path = path
        var configuration = Configuration()
        configuration.label = "hpa-sim runs"
        configuration.busyMode = .timeout(options.busyTimeout)
        configuration.foreignKeysEnabled = true
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try StoreSchema.migrate(pool, path: path)
        } catch {
            throw StoreError.wrap(error, path: path, operation: "open")
        }
        StagingFile.removeAbandoned(besideDatabaseAt: path)
    }

    /// Starts recording a run; nothing reaches this database until the recorder's `commit`.
    public func makeRecorder(for metadata: RunMetadata,
                             options: RunRecorder.Options = RunRecorder.Options()) throws -> RunRecorder {
        try RunRecorder(store: self, metadata: metadata, options: options)
    }

    /// Records one run: `body` records its rows and returns how it ended; the run is then
    /// committed and its id returned. If `body` throws, the run is discarded (nothing reaches
    /// this database) and the error is rethrown unchanged.
    public func record(_ metadata: RunMetadata, options: RunRecorder.Options = RunRecorder.Options(),
                       _ body: (RunRecorder) throws -> RunOutcome) throws -> RunID {
        let recorder = try makeRecorder(for: metadata, options: options)
        let outcome: RunOutcome
        do {
            outcome = try body(recorder)
        } catch {
            recorder.discard()
            throw error
        }
        return try recorder.commit(outcome)
    }

    /// Deletes a run and every row that belongs to it.
    ///
    /// - Throws: ``StoreError/unknownRun(path:id:)`` if no run has this id.
    public func delete(_ id: RunID) throws {
        try write("delete run \(id)") { db in
            try db.execute(sql: "DELETE FROM runs WHERE id = ?", arguments: [id.rawValue])
            if db.changesCount == 0 { throw StoreError.unknownRun(path: path, id: id.rawValue) }
        }
    }

    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check`: `["ok"]` for a sound database.
    public func integrityCheck() throws -> [String] {
        try read("integrity check") { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            let orphans = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            problems += orphans.map { "foreign key: \($0)" }
            return problems == ["ok"] ? ["ok"] : problems.filter { $0 != "ok" }
        }
    }

    /// Copies the one run of the staging file at `stagingPath` in, in one transaction.
    ///
    /// Ids are remapped: the run gets the next `runs.id`; staging `hpa_syncs.id`s (1, 2, …) are
    /// shifted past the largest in the main database, and their metrics follow. Columns are
    /// read from the schema, so a new column needs no change here.
    func copyIn(stagingAt stagingPath: String) throws -> RunID {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS staging", arguments: [stagingPath])
            defer { try? db.execute(sql: "DETACH DATABASE staging") }
            var runID: Int64 = 0
            try db.inTransaction(.immediate) {
                let runColumns = try db.columns(in: "runs", in: "main").map(\.name).filter { $0 != "id" }
                let list = runColumns.joined(separator: ", ")
                try db.execute(sql: "INSERT INTO main.runs (\(list)) SELECT \(list) FROM staging.runs")
                runID = db.lastInsertedRowID
                let syncOffset = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM main.hpa_syncs") ?? 0
                for table in StoreSchema.Table.allCases where table != .runs {
                    try copy(table, db, runID: runID, syncOffset: syncOffset)
                }
                return .commit
            }
            return RunID(runID)
        }
    }

    private func copy(_ table: StoreSchema.Table, _ db: Database, runID: Int64, syncOffset: Int64) throws {
        var targets: [String] = [], sources: [String] = []
        for column in try db.columns(in: table.rawValue, in: "main").map(\.name) {
            switch (table, column) {
            case (_, "run_id"): sources.append("\(runID)")
            case (.hpaSyncs, "id"), (.hpaSyncMetrics, "sync_id"): sources.append("\(column) + \(syncOffset)")
            case (.scaleEvents, "id"): continue   // the main database numbers them; order kept below
            default: sources.append(column)
            }
            targets.append(column)
        }
        let order = table == .scaleEvents ? " ORDER BY id" : ""
        try db.execute(sql: """
            INSERT INTO main.\(table.rawValue) (\(targets.joined(separator: ", ")))
            SELECT \(sources.joined(separator: ", ")) FROM staging.\(table.rawValue)\(order)
            """)
    }

    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch { throw StoreError.wrap(error, path: path, operation: operation) }
    }

    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch { throw StoreError.wrap(error, path: path, operation: operation) }
    }
}
