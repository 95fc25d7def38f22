import Foundation
import GRDB
import SimTime
import RunRecords
import Store
import Testing

@Suite("cross-run SQL over run files")
struct QueryTests {
    @Test("the bulk tables read as one across runs, under their own names")
    func seriesAcrossRuns() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try RunStore(path: dir.path("runs.sqlite"))
        let first = try SampleRun.store(in: store), second = try SampleRun.store(in: store)
        var lines: [String] = []
        try store.query("SELECT run_id, deployment, replicas FROM series ORDER BY run_id, deployment") { lines.append($0) }
        #expect(lines == [
            "run_id,deployment,replicas\n",
            "\(first),egress,3\n", "\(first),webhook-notifier,2\n",
            "\(second),egress,3\n", "\(second),webhook-notifier,2\n",
        ])
        // One run chosen; the join of two runs' replicas over time (docs/schema.md's example).
        lines = []
        try store.query("SELECT count(*) AS n FROM hpa_syncs", runs: [second]) { lines.append($0) }
        #expect(lines == ["n\n", "\(SampleRun.syncs.count)\n"])
    }

    @Test("the attach script works in any SQLite connection opened on the database")
    func attachScript() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("runs.sqlite")
        let store = try RunStore(path: path)
        _ = try SampleRun.store(in: store)
        _ = try SampleRun.store(in: store)
        let script = try store.attachScript()
        #expect(script.hasPrefix("ATTACH DATABASE '\(dir.path("runs.sqlite.runs/1.sqlite"))' AS run_1;\n"))
        let queue = try DatabaseQueue(path: path)
        let count = try queue.writeWithoutTransaction { db in
            try db.execute(sql: script)
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM task_records") ?? 0
        }
        #expect(count == 2 * SampleRun.taskRecords.count)
    }

    @Test("more run files than SQLite attaches at once is an error naming the limit; a write is refused")
    func limits() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try RunStore(path: dir.path("runs.sqlite"))
        for _ in 0..<3 { _ = try SampleRun.store(in: store) }
        #expect(throws: StoreError.tooManyRunFiles(path: store.path, count: 3, limit: 2)) {
            try store.attachScript(limit: 2)
        }
        #expect(throws: StoreError.self) { try store.query("DELETE FROM runs") { _ in } }
        #expect(try store.runs().count == 3)
    }
}
