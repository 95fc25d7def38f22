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
    /// The largest run id promised to a recorder of this store.
    private let promised = PromisedRunID()

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
        configuration.prepareDatabase { db in
            // WAL with synchronous NORMAL: a commit is atomic and survives a killed process;
            // only a power loss may undo the last commits (never corrupt the file). It moves the
            // fsync from each run's commit to the checkpoint. 16 KiB pages (for a new file):
            // a quarter of the WAL frames and write calls per copied run.
            // Temporary storage in memory: the copy's statement journal needs no file.
            try db.execute(sql: "PRAGMA page_size = 16384; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY")
        }
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

    /// The id the next run should get: above every id `runs` has held, and above every id
    /// this store has already promised a recorder (so recorders started together differ).
    func nextRunID() throws -> Int64 {
        let next = try read("choose a run id") { db in try Self.nextFreeRunID(db) }
        return promised.next(atLeast: next)
    }

    private static func nextFreeRunID(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: """
            SELECT max(coalesce((SELECT seq FROM main.sqlite_sequence WHERE name = 'runs'), 0),
                       coalesce((SELECT max(id) FROM main.runs), 0)) + 1
            """) ?? 1
    }

    /// Copies the one run of the staging file at `stagingPath` in, in one transaction.
    ///
    /// When `expectedRunID` is still free (the usual case) every table is copied with
    /// `INSERT INTO main.t SELECT * FROM staging.t`: the schemas are identical and the bulk
    /// tables have only non-unique secondary indexes, so SQLite's transfer optimization appends
    /// whole records without decoding or re-checking them. Foreign-key enforcement is off for
    /// the copy (the optimization requires it); the rows' references hold by construction, and
    /// `integrityCheck()` verifies them. Otherwise (another run took the id) the run gets the
    /// next id and every key is shifted while copying, which is correct but slower.
    func copyIn(stagingAt stagingPath: String, expectedRunID: Int64) throws -> (RunID, CommitTimings) {
        let asked = ContinuousClock.now
        return try pool.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS staging", arguments: [stagingPath])
            defer { try? db.execute(sql: "DETACH DATABASE staging") }
            try db.execute(sql: "PRAGMA foreign_keys = OFF; PRAGMA wal_autocheckpoint = 0")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = 1000") }
            var runID = expectedRunID
            var began = ContinuousClock.now
            try db.inTransaction(.immediate) {
                began = ContinuousClock.now
                runID = max(expectedRunID, try Self.nextFreeRunID(db))
                guard runID <= RowKey.maxRunID else {
                    throw StoreError.sqlite(path: path, operation: "commit run",
                                            message: "run id \(runID) is above the largest storable, \(RowKey.maxRunID)")
                }
                for table in StoreSchema.Table.allCases {
                    if runID == expectedRunID {
                        try db.execute(sql: "INSERT INTO main.\(table.rawValue) SELECT * FROM staging.\(table.rawValue)")
                    } else {
                        try copyShifted(table, db, from: expectedRunID, to: runID)
                    }
                }
                return .commit
            }
            let committed = ContinuousClock.now
            // The checkpoint SQLite would run inside COMMIT, run here to time it apart: a
            // PASSIVE one holds no write lock, so other runs' commits go on meanwhile.
            try db.execute(sql: "PRAGMA wal_checkpoint(PASSIVE)")
            let checkpointed = ContinuousClock.now
            return (RunID(runID), CommitTimings(transactionSeconds: Self.seconds(committed - began),
                                                checkpointSeconds: Self.seconds(checkpointed - committed),
                                                totalSeconds: Self.seconds(checkpointed - asked),
                                                keptExpectedID: runID == expectedRunID))
        }
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// The fallback copy: `run_id` replaced, `RowKey` ids moved from run `old` to run `new`.
    private func copyShifted(_ table: StoreSchema.Table, _ db: Database, from old: Int64, to new: Int64) throws {
        let shift = RowKey.base(new) - RowKey.base(old)
        var sources: [String] = []
        for column in try db.columns(in: table.rawValue, in: "main").map(\.name) {
            switch (table, column) {
            case (.runs, "id"), (_, "run_id"): sources.append("\(new)")
            case (.runs, _): sources.append(column)
            case (_, "id"), (.hpaSyncMetrics, "sync_id"), (.hpaSyncs, "conditions_id"): sources.append("\(column) + \(shift)")
            default: sources.append(column)
            }
        }
        try db.execute(sql: """
            INSERT INTO main.\(table.rawValue) SELECT \(sources.joined(separator: ", ")) FROM staging.\(table.rawValue)
            """)
    }

    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch { throw StoreError.wrap(error, path: path, operation: operation) }
    }

    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch { throw StoreError.wrap(error, path: path, operation: operation) }
    }
}

/// The largest run id a store has promised (lock-protected: recorders start on any thread).
private final class PromisedRunID: @unchecked Sendable {
    private let lock = NSLock()
    private var last: Int64 = 0
    func next(atLeast floor: Int64) -> Int64 {
        lock.withLock {
            last = max(floor, last + 1)
            return last
        }
    }
}
