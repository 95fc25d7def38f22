import Foundation
import GRDB

// `simulate runs merge OUT IN...`: combining the databases of a sharded sweep.
extension RunStore {
    /// Copies every run of the database at `sourcePath` into this one, run files included, each
    /// under a new id of this database; returns the new ids, in the source's id order.
    ///
    /// **Each copied run is committed like a recorded one**: its run file is copied (`VACUUM
    /// INTO`) to a staging file, its keys are rewritten for the new id (`RowKey`: the run in the
    /// high bits of `id`, `conditions_id` and `sync_id`), and it is committed as a recorder
    /// commits; a merge interrupted midway leaves the runs it finished, and no partial run.
    ///
    /// - Throws: ``StoreError/sqlite(path:operation:message:)`` for a run stored before run
    ///   files (its rows are not copied) or when a file cannot be read or written.
    public func merge(from sourcePath: String) throws -> [RunID] {
        let source = try RunStore(path: sourcePath)
        var copied: [RunID] = []
        for run in try source.runs() {
            guard let sourceFile = try source.runFile(of: run.id) else {
                throw StoreError.sqlite(path: sourcePath, operation: "merge run \(run.id)",
                                        message: "the run was stored before run files; merge copies only runs with a run file")
            }
            let id = try reserveRunID()
            try FileManager.default.createDirectory(atPath: runsDirectory, withIntermediateDirectories: true)
            let staging = try StagingFile.create(at: runFilePath(Self.runFileName(databasePath: path, id: id)) + ".staging")
            defer { staging.remove() }
            do {
                var configuration = Configuration()
                configuration.readonly = true
                try DatabaseQueue(path: sourceFile, configuration: configuration).inDatabase { db in
                    try db.execute(sql: "VACUUM INTO ?", arguments: [staging.path])
                }
                var writable = Configuration()
                writable.foreignKeysEnabled = false   // the run's id changes under its rows
                try DatabaseQueue(path: staging.path, configuration: writable).write { db in
                    try Self.rekey(db, from: run.id.rawValue, to: id)
                }
            } catch {
                throw StoreError.wrap(error, path: sourceFile, operation: "merge run \(run.id)")
            }
            _ = try commitRun(stagingAt: staging.path, id: id)
            copied.append(RunID(id))
        }
        return copied
    }

    /// Rewrites one run's rows in its own file from run `old` to run `new`.
    static func rekey(_ db: Database, from old: Int64, to new: Int64) throws {
        let shift = RowKey.base(new) - RowKey.base(old)
        let keyed: [(table: String, columns: [String])] = [
            ("hpa_condition_sets", ["id"]), ("hpa_syncs", ["id", "conditions_id"]), ("hpa_metrics", ["id"]),
            ("hpa_sync_metrics", ["id", "sync_id"]), ("scale_events", ["id"]), ("series", ["id"]),
        ]
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        for (table, columns) in keyed where tables.contains(table) {
            // Only keys that carry the run (a table may number its rows otherwise); every column
            // in one statement, so CHECKs across them (`id = sync_id + metric_index`) hold.
            let sets = columns.map { "\($0) = CASE WHEN \($0) >> \(RowKey.runShift) = \(old) THEN \($0) + \(shift) ELSE \($0) END" }
            try db.execute(sql: "UPDATE \(table) SET " + sets.joined(separator: ", "))
        }
        for table in StoreSchema.Table.allCases.map(\.rawValue) where table != "runs" && tables.contains(table) {
            try db.execute(sql: "UPDATE \(table) SET run_id = ? WHERE run_id = ?", arguments: [new, old])
        }
        try db.execute(sql: "UPDATE runs SET id = ? WHERE id = ?", arguments: [new, old])
    }
}
