public import Foundation
import GRDB

/// A run database: opens (creating and migrating it), records runs, reads them back.
///
/// **A run's detail lives in its own file.** The database at ``path`` holds the runs and what
/// compares them (`runs`, `scale_events`, `class_results`, `deployment_results`); each run's
/// bulk rows (syncs, metrics, series, pod samples, task records) are in its run file,
/// `<path>.runs/<id>.sqlite`, a run database of its own (``runFile(of:)``). Reads go to the
/// right file; runs stored before run files keep their rows in the database, and are read there.
///
/// **Opening never loses data.** A database of an older schema is migrated; one written by a
/// newer hpa-sim, or a file that is not a run database, is refused with a ``StoreError``.
/// Staging files left by killed writers, and run files no run refers to, are removed.
///
/// **Parallel runs write without errors.** The main database is in WAL mode and waits up to
/// ``Options/busyTimeout`` for the write lock; each run holds that lock only to take its id when
/// it starts and for its commit (about a millisecond each). Threads may share one `RunStore` or
/// open their own; processes each open their own.
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
        configuration.prepareDatabase { db in
            // WAL with synchronous NORMAL: a commit is atomic and survives a killed process;
            // only a power loss may undo the last commits (never corrupt the file). It moves the
            // fsync from each run's commit to the checkpoint. 16 KiB pages (for a new file), as
            // run files have. Temporary storage in memory: no statement journal file.
            try db.execute(sql: "PRAGMA page_size = 16384; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try StoreSchema.migrate(pool, path: path)
        } catch {
            throw StoreError.wrap(error, path: path, operation: "open")
        }
        StagingFile.removeAbandoned(besideDatabaseAt: path)   // left by versions before run files
        StagingFile.removeAbandoned(inRunsDirectory: runsDirectory)
        do {
            try removeOrphanRunFiles()
        } catch {
            throw StoreError.wrap(error, path: path, operation: "open")
        }
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
        let runFile = try write("delete run \(id)") { db -> String? in
            let runFile = try String.fetchOne(db, sql: "SELECT run_file FROM runs WHERE id = ?", arguments: [id.rawValue])
            try db.execute(sql: "DELETE FROM runs WHERE id = ?", arguments: [id.rawValue])
            if db.changesCount == 0 { throw StoreError.unknownRun(path: path, id: id.rawValue) }
            return runFile
        }
        // After the commit: a process killed in between leaves an orphan, removed on the next open.
        if let runFile { StagingFile.unlinkDatabase(runFilePath(runFile)) }
    }

    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check` of the database and of every
    /// run file, and that each run file holds its run: `["ok"]` when all is sound.
    public func integrityCheck() throws -> [String] {
        let (mainProblems, runFiles) = try read("integrity check") { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            problems += try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { "foreign key: \($0)" }
            let files = try Row.fetchAll(db, sql: "SELECT id, run_file FROM runs WHERE run_file IS NOT NULL ORDER BY id")
                .map { (id: $0["id"] as Int64, file: $0["run_file"] as String) }
            return (problems, files)
        }
        var problems = mainProblems
        for (id, file) in runFiles {
            do {
                let checked = try withRunFile(id: id, runFile: file) { db in
                    var found = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
                    found += try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { "foreign key: \($0)" }
                    if try Int64.fetchOne(db, sql: "SELECT count(*) FROM runs WHERE id = ?", arguments: [id]) != 1 {
                        found.append("does not hold run \(id)")
                    }
                    return found
                }
                problems += checked.map { "\(file): \($0)" }
            } catch {
                problems.append("\(error)")
            }
        }
        return problems.isEmpty ? ["ok"] : problems
    }

    /// Reads run `id`'s run file (read-only).
    ///
    /// - Throws: ``StoreError/missingRunFile(path:id:)`` if the file is gone.
    func withRunFile<T>(id: Int64, runFile: String, _ body: (Database) throws -> T) throws -> T {
        let filePath = runFilePath(runFile)
        guard FileManager.default.fileExists(atPath: filePath) else {
            throw StoreError.missingRunFile(path: filePath, id: id)
        }
        do {
            return try Self.openRunFile(at: filePath).read(body)
        } catch {
            throw StoreError.wrap(error, path: filePath, operation: "read run \(id)")
        }
    }

    /// The run file at `filePath`, read-only, migrated first if an older version wrote it: it is
    /// a run database, with the same tables and migrations (so it reads like a new one once read).
    static func openRunFile(at filePath: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "hpa-sim run file"
        let queue = try DatabaseQueue(path: filePath, configuration: configuration)
        let version = try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
        guard version < StoreSchema.version else { return queue }
        try queue.close()
        var writing = configuration
        writing.readonly = false
        writing.label = "hpa-sim run file migration"
        let writer = try DatabaseQueue(path: filePath, configuration: writing)
        try StoreSchema.migrate(writer, path: filePath)
        try writer.close()
        return try DatabaseQueue(path: filePath, configuration: configuration)
    }

    /// The folder of the run files: `<db>.runs` beside the database.
    public var runsDirectory: String { path + ".runs" }

    /// `run_file` of run `id`: the run file's path relative to the database's folder.
    static func runFileName(databasePath: String, id: Int64) -> String {
        URL(fileURLWithPath: databasePath).lastPathComponent + ".runs/\(id).sqlite"
    }

    /// The path of a stored `run_file`.
    func runFilePath(_ runFile: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(runFile).path
    }

    /// Takes the next run id for a recorder, so no other run (in any thread or process) gets it.
    ///
    /// One short write transaction advances `runs`' `AUTOINCREMENT` counter (`sqlite_sequence`)
    /// past the id; the run's row is inserted with that id at commit. A run that never commits
    /// leaves a gap, as SQLite's own `AUTOINCREMENT` does after a rollback.
    func reserveRunID() throws -> Int64 {
        try write("reserve a run id") { db in
            let stored = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'runs'")
            let highest = try Int64.fetchOne(db, sql: "SELECT max(id) FROM runs") ?? 0
            let id = max(stored ?? 0, highest) + 1
            guard id <= RowKey.maxRunID else {
                throw StoreError.sqlite(path: path, operation: "reserve a run id",
                                        message: "run id \(id) is above the largest storable, \(RowKey.maxRunID)")
            }
            if stored == nil {
                try db.execute(sql: "INSERT INTO sqlite_sequence (name, seq) VALUES ('runs', ?)", arguments: [id])
            } else {
                try db.execute(sql: "UPDATE sqlite_sequence SET seq = ? WHERE name = 'runs'", arguments: [id])
            }
            return id
        }
    }

    /// Commits run `id` from its finished staging file: one transaction copies the run's small
    /// tables (`runs`, `scale_events`, `class_results`, `deployment_results`) in and renames the
    /// staging file to the run file; the bulk rows stay in that file.
    ///
    /// The rename happens while this run holds the write lock, before `COMMIT`, so a cleaner
    /// that takes the write lock (see ``removeOrphanRunFiles()``) sees either no run file or a
    /// committed run. If the transaction fails, the run file is deleted again.
    func commitRun(stagingAt stagingPath: String, id: Int64) throws -> CommitTimings {
        let asked = ContinuousClock.now
        let runFile = Self.runFileName(databasePath: path, id: id)
        let finalPath = runFilePath(runFile)
        var renamed = false
        do {
            return try pool.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS staging", arguments: [stagingPath])
                defer { try? db.execute(sql: "DETACH DATABASE staging") }
                var began = ContinuousClock.now
                try db.inTransaction(.immediate) {
                    began = ContinuousClock.now
                    let columns = try db.columns(in: "runs", in: "staging").map(\.name).filter { $0 != "run_file" }
                    let list = columns.joined(separator: ", ")
                    try db.execute(sql: """
                        INSERT INTO main.runs (\(list), run_file) SELECT \(list), ? FROM staging.runs WHERE id = ?
                        """, arguments: [runFile, id])
                    for table in StoreSchema.Table.allCases where table != .runs && !table.isInRunFileOnly {
                        try db.execute(sql: "INSERT INTO main.\(table.rawValue) SELECT * FROM staging.\(table.rawValue)")
                    }
                    guard rename(stagingPath, finalPath) == 0 else {
                        throw StoreError.sqlite(path: finalPath, operation: "commit run",
                                                message: "renaming the staging file: \(String(cString: strerror(errno)))")
                    }
                    renamed = true
                    return .commit
                }
                let committed = ContinuousClock.now
                return CommitTimings(transactionSeconds: Self.seconds(committed - began),
                                     totalSeconds: Self.seconds(committed - asked))
            }
        } catch {
            if renamed { StagingFile.unlinkDatabase(finalPath) }
            throw StoreError.wrap(error, path: path, operation: "commit run")
        }
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// Deletes the run files no run refers to: left by a process killed between renaming its
    /// staging file and committing, or deleting a run and unlinking its file. Checked again under
    /// the write lock, which a committer holds from its rename to its commit.
    @discardableResult
    func removeOrphanRunFiles() throws -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: runsDirectory) else { return [] }
        let ids = names.compactMap { name -> Int64? in
            guard name.hasSuffix(".sqlite") else { return nil }
            return Int64(name.dropLast(".sqlite".count))
        }
        guard !ids.isEmpty else { return [] }
        let unknown: (Database) throws -> [Int64] = { db in
            let known = Set(try Int64.fetchAll(db, sql: "SELECT id FROM runs WHERE run_file IS NOT NULL"))
            return ids.filter { !known.contains($0) }.sorted()
        }
        guard try !read("list run files", unknown).isEmpty else { return [] }
        return try write("remove orphan run files") { db in
            try unknown(db).map { id in
                let file = runFilePath(Self.runFileName(databasePath: path, id: id))
                StagingFile.unlinkDatabase(file)
                return file
            }
        }
    }

    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch { throw StoreError.wrap(error, path: path, operation: operation) }
    }

    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch { throw StoreError.wrap(error, path: path, operation: operation) }
    }
}
