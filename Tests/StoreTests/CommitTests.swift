import Foundation
import GRDB
import SimTime
import RunRecords
import Store
import Testing

@Suite("committing a run")
struct CommitTests {
    /// Reads every table of run `id` back.
    func contents(_ store: RunStore, _ id: RunID) throws -> (syncs: [SyncRecord], events: [ScaleRecord],
                                                            series: [SeriesPoint], tasks: [TaskRecord]) {
        (try store.syncs(of: id), try store.scaleEvents(of: id), try store.series(of: id), try store.taskRecords(of: id))
    }

    @Test("runs committed one after another get consecutive ids, each with its run file")
    func consecutiveIDs() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try RunStore(path: dir.path("runs.sqlite"))
        for expected in Int64(1)...3 {
            let recorder = try store.makeRecorder(for: SampleRun.metadata)
            SampleRun.record(into: recorder)
            let id = try recorder.commit(SampleRun.outcome)
            #expect(id == RunID(expected))
            #expect(try store.runFile(of: id) == dir.path("runs.sqlite.runs/\(expected).sqlite"))
            let (syncs, events, series, tasks) = try contents(store, id)
            #expect(syncs == SampleRun.syncs)
            #expect(events == SampleRun.scaleEvents)
            #expect(series == SampleRun.series)
            #expect(tasks == SampleRun.taskRecords)
        }
        #expect(try dir.allNames() == ["runs.sqlite", "runs.sqlite-shm", "runs.sqlite-wal", "runs.sqlite.runs/1.sqlite",
                                       "runs.sqlite.runs/2.sqlite", "runs.sqlite.runs/3.sqlite"])
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test("recorders started together get distinct ids, whatever order they commit in")
    func overlappingRecorders() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("runs.sqlite")
        let first = try RunStore(path: path), second = try RunStore(path: path)
        let early = try first.makeRecorder(for: SampleRun.metadata)    // reserves 1
        let late = try second.makeRecorder(for: SampleRun.metadata)    // reserves 2 (another store, same file)
        let other = try first.makeRecorder(for: SampleRun.metadata)    // reserves 3
        for recorder in [early, late] { SampleRun.record(into: recorder) }
        let otherSeries = syntheticSeries(300)   // in (time, deployment) order, as read back
        otherSeries.forEach(other.recordSeries)

        #expect(try other.commit(SampleRun.outcome) == RunID(3))
        #expect(try late.commit(SampleRun.outcome) == RunID(2))
        #expect(try early.commit(SampleRun.outcome) == RunID(1))
        for id in [RunID(1), RunID(2)] {
            let (syncs, events, series, tasks) = try contents(first, id)
            #expect(syncs == SampleRun.syncs)
            #expect(events == SampleRun.scaleEvents)
            #expect(series == SampleRun.series)
            #expect(tasks == SampleRun.taskRecords)
        }
        #expect(try first.series(of: RunID(3)) == otherSeries)
        #expect(try first.runs().map(\.id) == [RunID(1), RunID(2), RunID(3)])
        #expect(try first.integrityCheck() == ["ok"])
        try first.delete(RunID(2))
        #expect(try first.syncs(of: RunID(1)) == SampleRun.syncs)
        #expect(!FileManager.default.fileExists(atPath: dir.path("runs.sqlite.runs/2.sqlite")))
        #expect(try first.integrityCheck() == ["ok"])
        // A discarded recorder's id is never given again (`AUTOINCREMENT`, as SQLite's own).
        try first.makeRecorder(for: SampleRun.metadata).discard()
        #expect(try SampleRun.store(in: first) == RunID(5))
    }

    @Test("syncs and metrics inserted 16 rows a step read back in order, remainders included",
          arguments: [1, 16, 37, 100])
    func manySyncs(count: Int) throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try RunStore(path: dir.path("runs.sqlite"))
        let template = SampleRun.syncs[0]
        let syncs = (0..<count).map { i in
            var row = template
            row.time = .seconds(Int64(i) * 15)
            row.hpa = i % 3 == 0 ? "webhook-notifier-hpa" : "egress-hpa"
            row.currentReplicas = Int32(i % 7)
            row.metrics = i % 5 == 4 ? [] : template.metrics.map { m in
                var m = m
                m.readyPods = Int32(i)
                return m
            }
            return row
        }
        let recorder = try store.makeRecorder(for: SampleRun.metadata)
        syncs.forEach(recorder.recordSync)
        let id = try recorder.commit(SampleRun.outcome)
        #expect(try store.syncs(of: id) == syncs)
    }

    @Test("the main database holds a run's small tables; its run file holds every table of the run")
    func whereRowsLive() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("runs.sqlite")
        let store = try RunStore(path: path)
        let id = try SampleRun.store(in: store)
        func counts(_ file: String) throws -> [String: Int] {
            try DatabaseQueue(path: file).read { db in
                var counts: [String: Int] = [:]
                for table in StoreSchema.Table.allCases {
                    counts[table.rawValue] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.rawValue)")
                }
                return counts
            }
        }
        let main = try counts(path), runFile = try counts(try #require(try store.runFile(of: id)))
        for table in StoreSchema.Table.allCases {
            #expect(runFile[table.rawValue, default: 0] > 0, "\(table.rawValue) in the run file")
            #expect(main[table.rawValue] == (table.isInRunFileOnly ? 0 : runFile[table.rawValue]), "\(table.rawValue)")
        }
        // The main file names the run file, relative to its own folder.
        let named = try DatabaseQueue(path: path).read { db in
            try String.fetchOne(db, sql: "SELECT run_file FROM runs WHERE id = ?", arguments: [id.rawValue])
        }
        #expect(named == "runs.sqlite.runs/\(id.rawValue).sqlite")
    }

    @Test("a run file has the schema the migrations give, without the run_id indexes, and says its version")
    func runFileSchema() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("runs.sqlite")
        let store = try RunStore(path: path)
        let runFile = try #require(try store.runFile(of: try SampleRun.store(in: store)))
        func schema(_ file: String) throws -> (objects: [String: String], migrations: [String], version: Int?) {
            try DatabaseQueue(path: file).read { db in
                var objects: [String: String] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL") {
                    objects[row["name"]] = row["sql"]
                }
                return (objects, try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid"),
                        try Int.fetchOne(db, sql: "PRAGMA user_version"))
            }
        }
        let main = try schema(path), run = try schema(runFile)
        var expected = main.objects
        for index in ["hpa_condition_sets_by_run", "hpa_syncs_by_run", "hpa_sync_metrics_by_run", "series_by_run"] {
            #expect(expected.removeValue(forKey: index) != nil, "\(index) in the main database")
        }
        #expect(run.objects == expected)
        #expect(run.migrations == StoreSchema.migrationIdentifiers && main.migrations == run.migrations)
        #expect(run.version == StoreSchema.version && main.version == run.version)
    }
}
