import Foundation
import GRDB

/// The tables of a run database and the migrations that create them.
///
/// **Migrations are registered here and nowhere else.** Each is named for what it does; a
/// migration that has been merged is never edited, only followed by a new one. After
/// migrating, `PRAGMA user_version` holds the number of migrations applied, so even a tool
/// that does not read `grdb_migrations` can tell the schema's version.
public enum StoreSchema {
    /// Tables in dependency order (a parent before its children).
    public enum Table: String, Sendable, CaseIterable {
        case runs
        case hpaMetrics = "hpa_metrics"
        case hpaConditionSets = "hpa_condition_sets"
        case hpaSyncs = "hpa_syncs"
        case hpaSyncMetrics = "hpa_sync_metrics"
        case scaleEvents = "scale_events"
        case series
        case classResults = "class_results"
        case deploymentResults = "deployment_results"
        case podSamples = "pod_samples"
        case taskRecords = "task_records"

        /// Whether a run's rows of this table live only in its run file (``RunStore`` keeps the
        /// small tables, `runs`, `scale_events` and the results, in the main database as well).
        public var isInRunFileOnly: Bool {
            switch self {
            case .runs, .scaleEvents, .classResults, .deploymentResults: false
            case .hpaMetrics, .hpaConditionSets, .hpaSyncs, .hpaSyncMetrics, .series, .podSamples, .taskRecords: true
            }
        }

        /// The columns a run's rows are read and exported in order of (`ORDER BY`).
        var rowOrder: String {
            switch self {
            // Recording order (`id` is a `RowKey`: the run's base plus the row's number).
            case .runs, .hpaMetrics, .hpaConditionSets, .hpaSyncs, .hpaSyncMetrics, .scaleEvents, .series: "id"
            case .podSamples: "time_us, pod"
            case .classResults: "position, task_class"   // the configuration's order (NULL before version 8)
            case .deploymentResults: "position, deployment"
            case .taskRecords: "task_id"
            }
        }
    }

    /// The schema version this build writes: the number of registered migrations.
    public static var version: Int { migrator.migrations.count }

    /// The identifiers of the registered migrations, in order.
    public static var migrationIdentifiers: [String] { migrator.migrations }

    /// Every migration, in order. The identifiers are part of the file format.
    static let migrations: [(identifier: String, migrate: @Sendable (Database) throws -> Void)] = [
        ("createRuns", createRuns),
        ("createHPASyncsAndMetrics", createHPASyncsAndMetrics),
        ("createScaleEvents", createScaleEvents),
        ("createSeries", createSeries),
        ("createResults", createResults),
        ("createPodSamplesAndTaskRecords", createPodSamplesAndTaskRecords),
        ("addRunFiles", addRunFiles),
        ("recordFamily", recordFamily),
    ]

    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        for (identifier, migrate) in migrations { migrator.registerMigration(identifier, migrate: migrate) }
        return migrator
    }()

    /// Creates a run file's schema in `db` (a new, empty file) in one transaction: every
    /// migration, recorded as GRDB's migrator records them (so the file is a run database of
    /// this version), without the indexes on `run_id` that only a file of many runs needs.
    /// (The migrator would run one transaction per migration, with checks an empty file does
    /// not need: several milliseconds before every run.)
    static func createRunFile(_ db: Database) throws {
        try db.inTransaction {
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            for (identifier, migrate) in migrations {
                try migrate(db)
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [identifier])
            }
            for index in runFileDroppedIndexes { try db.execute(sql: "DROP INDEX \(index)") }
            try db.execute(sql: "PRAGMA user_version = \(migrations.count)")
            return .commit
        }
    }

    /// Refuses a database this build cannot read, then applies the missing migrations.
    ///
    /// - Throws: ``StoreError/newerSchema(path:found:known:)`` for unknown migration
    ///   identifiers or a `user_version` above ``version``; ``StoreError/notARunDatabase(path:found:)``
    ///   for a database with tables but no migration record.
    ///
    /// Processes that open a new file at once race: GRDB lists the pending migrations before
    /// running each in its own transaction, so a second process may try a migration the first
    /// just applied and fail. Each migration is atomic, so trying again (a few times, briefly)
    /// converges; a real failure still surfaces after the last try.
    static func migrate(_ writer: some DatabaseWriter, path: String) throws {
        var attempt = 0
        while true {
            // One read for the usual case, a database of this version.
            let (complete, userVersion) = try writer.read { db in
                try check(db, path: path)
                return (try migrator.hasCompletedMigrations(db), try Int.fetchOne(db, sql: "PRAGMA user_version"))
            }
            if complete {
                if userVersion != version {
                    try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = \(version)") }
                }
                return
            }
            do {
                try migrator.migrate(writer)
            } catch is DatabaseError where attempt < 20 {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.02 * Double(attempt))
            }
        }
    }

    private static func check(_ db: Database, path: String) throws {
        let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let applied = try migrator.appliedIdentifiers(db)
        let known = migrator.migrations
        let unknown = applied.filter { !known.contains($0) }.sorted()
        if !unknown.isEmpty || userVersion > known.count {
            let found = unknown.isEmpty
                ? "user_version \(userVersion)"
                : "user_version \(userVersion), migrations \(unknown.joined(separator: ", "))"
            throw StoreError.newerSchema(path: path, found: found, known: "up to version \(known.count)")
        }
        if applied.isEmpty {
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master
                WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations' ORDER BY name
                """)
            if !tables.isEmpty {
                throw StoreError.notARunDatabase(
                    path: path, found: "tables \(tables.prefix(5).joined(separator: ", ")) and no hpa-sim migrations")
            }
        }
    }
}
