import Foundation
import GRDB
import SimTime
import Store
import Testing

@Suite("copying a run in")
struct CommitTests {
    /// Reads every table of run `id` back.
    func contents(_ store: RunStore, _ id: RunID) throws -> (syncs: [HPASyncRow], events: [ScaleEventRow],
                                                            series: [SeriesRow], tasks: [TaskRecordRow]) {
        (try store.hpaSyncs(of: id), try store.scaleEvents(of: id), try store.series(of: id), try store.taskRecords(of: id))
    }

    @Test("runs committed one after another keep the ids their rows were keyed by")
    func keptIDs() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try RunStore(path: dir.path("runs.sqlite"))
        for expected in Int64(1)...3 {
            let recorder = try store.makeRecorder(for: SampleRun.metadata)
            SampleRun.record(into: recorder)
            let id = try recorder.commit(SampleRun.outcome)
            #expect(id == RunID(expected))
            #expect(recorder.commitTimings?.keptExpectedID == true)
            let (syncs, events, series, tasks) = try contents(store, id)
            #expect(syncs == SampleRun.syncs)
            #expect(events == SampleRun.scaleEvents)
            #expect(series == SampleRun.series)
            #expect(tasks == SampleRun.taskRecords)
        }
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test("overlapping recorders committed out of order: the late one moves to the next id, rows intact")
    func shiftedIDs() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("runs.sqlite")
        let first = try RunStore(path: path), second = try RunStore(path: path)
        let early = try first.makeRecorder(for: SampleRun.metadata)    // expects id 1
        let late = try second.makeRecorder(for: SampleRun.metadata)    // also expects 1 (another store)
        let other = try first.makeRecorder(for: SampleRun.metadata)    // expects 2 (promised after 1)
        for recorder in [early, late] { SampleRun.record(into: recorder) }
        let otherSeries = syntheticSeries(300)   // in (time, deployment) order, as read back
        otherSeries.forEach(other.record)

        #expect(try other.commit(SampleRun.outcome) == RunID(2))
        #expect(try early.commit(SampleRun.outcome) == RunID(3))
        #expect(try late.commit(SampleRun.outcome) == RunID(4))
        #expect(other.commitTimings?.keptExpectedID == true)
        #expect(early.commitTimings?.keptExpectedID == false)
        #expect(late.commitTimings?.keptExpectedID == false)
        for id in [RunID(3), RunID(4)] {
            let (syncs, events, series, tasks) = try contents(first, id)
            #expect(syncs == SampleRun.syncs)
            #expect(events == SampleRun.scaleEvents)
            #expect(series == SampleRun.series)
            #expect(tasks == SampleRun.taskRecords)
        }
        #expect(try first.series(of: RunID(2)) == otherSeries)
        #expect(try first.runs().map(\.id) == [RunID(2), RunID(3), RunID(4)])
        #expect(try first.integrityCheck() == ["ok"])
        try first.delete(RunID(3))
        #expect(try first.hpaSyncs(of: RunID(4)) == SampleRun.syncs)
        #expect(try first.integrityCheck() == ["ok"])
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
        syncs.forEach(recorder.record)
        let id = try recorder.commit(SampleRun.outcome)
        #expect(try store.hpaSyncs(of: id) == syncs)
    }

    /// The opcodes of `sql` on `db`.
    func opcodes(_ db: Database, _ sql: String) throws -> [String] {
        try Row.fetchAll(db, sql: "EXPLAIN " + sql).map { $0["opcode"] }
    }

    @Test("the bulk tables copy by SQLite's transfer optimization (records moved, not rebuilt)",
          arguments: ["hpa_syncs", "hpa_sync_metrics", "series", "scale_events"])
    func transferOptimization(table: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("runs.sqlite"), other = dir.path("other.sqlite")
        let store = try RunStore(path: path)
        _ = try SampleRun.store(in: store)
        _ = try RunStore(path: other)   // the same schema, as a staging file has
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "ATTACH DATABASE ? AS staging", arguments: [other])
            let plan = try opcodes(db, "INSERT INTO main.\(table) SELECT * FROM staging.\(table)")
            // The transfer copies each record whole (RowCell or RowData); a row-by-row insert
            // decodes columns and builds a new record.
            #expect(plan.contains("RowCell") || plan.contains("RowData"))
            #expect(!plan.contains("MakeRecord"))
            try db.execute(sql: "DETACH DATABASE staging")
        }
    }
}
