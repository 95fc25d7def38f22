import Foundation
import GRDB
import SimTime
import RunRecords
import Store
import Testing

@Suite("databases of other schema versions")
struct MigrationTests {
    /// A "v0" database: only the first migration, as the first hpa-sim release would have left it,
    /// with one run in it (written by hand, with the v0 columns).
    func makeV0(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                INSERT INTO grdb_migrations VALUES ('createRuns');
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, scenario_path TEXT NOT NULL,
                    scenario_json TEXT NOT NULL, scenario_hash TEXT NOT NULL CHECK (length(scenario_hash) = 16),
                    seed INTEGER NOT NULL, simulated_duration_us INTEGER NOT NULL CHECK (simulated_duration_us >= 0),
                    series_resolution_us INTEGER NOT NULL CHECK (series_resolution_us > 0),
                    detail_level TEXT NOT NULL CHECK (detail_level IN ('off', 'sampled', 'all')),
                    started_at TEXT NOT NULL, finished_at TEXT NOT NULL, tool_version TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('completed', 'stopped', 'failed')), message TEXT);
                INSERT INTO runs VALUES (1, 'old', 'old.yaml', '{}', '99aa06d3014798d8', 3, 60000000, 15000000,
                    'off', '2026-01-02 03:04:05.000', '2026-01-02 03:04:06.000', '0.0.1', 'completed', NULL);
                """)
        }
        try queue.close()
    }

    @Test("a v0 database is migrated on open and keeps its runs")
    func migratesV0() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("old.sqlite")
        try makeV0(at: path)

        let store = try RunStore(path: path)
        let runs = try store.runs()
        #expect(runs.map(\.id) == [RunID(1)])
        #expect(runs.first?.metadata.name == "old")
        #expect(runs.first?.metadata.seed == 3)
        #expect(runs.first?.metadata.simulatedDuration == .minutes(1))
        #expect(try store.results(of: RunID(1)).result.classes.isEmpty)
        let id = try SampleRun.store(in: store)
        #expect(id == RunID(2))
        #expect(try store.series(of: id) == SampleRun.series)
        #expect(try store.integrityCheck() == ["ok"])

        let queue = try DatabaseQueue(path: path)
        let (applied, userVersion) = try queue.read { db in
            (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid"),
             try Int.fetchOne(db, sql: "PRAGMA user_version"))
        }
        #expect(applied == StoreSchema.migrationIdentifiers)
        #expect(userVersion == StoreSchema.version)
    }

    @Test("a database with a migration this build does not know is refused, untouched")
    func refusesUnknownMigration() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("newer.sqlite")
        _ = try RunStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('addRunTags')")
        }
        try queue.close()
        #expect(throws: StoreError.newerSchema(path: path, found: "user_version \(StoreSchema.version), migrations addRunTags",
                                               known: "up to version \(StoreSchema.version)")) {
            try RunStore(path: path)
        }
    }

    @Test("a database whose user_version is above this build's is refused with a clear message")
    func refusesHigherUserVersion() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("newer.sqlite")
        _ = try RunStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = 99") }
        try queue.close()
        do {
            _ = try RunStore(path: path)
            Issue.record("a newer database must be refused")
        } catch let error as StoreError {
            #expect(error.description == """
                \(path): schema: expected a version this hpa-sim knows (up to version \(StoreSchema.version)), \
                found user_version 99; it was written by a newer hpa-sim: use that version, or choose another file with --db
                """)
        }
    }

    @Test("a file that is not SQLite, or another program's database, is refused")
    func refusesForeignFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let text = dir.path("notes.sqlite")
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: StoreError.notARunDatabase(path: text, found: "a file that is not an SQLite database")) {
            try RunStore(path: text)
        }
        let other = dir.path("other.sqlite")
        let queue = try DatabaseQueue(path: other)
        try queue.write { db in try db.execute(sql: "CREATE TABLE players (id INTEGER PRIMARY KEY)") }
        try queue.close()
        #expect(throws: StoreError.notARunDatabase(path: other, found: "tables players and no hpa-sim migrations")) {
            try RunStore(path: other)
        }
    }
}
