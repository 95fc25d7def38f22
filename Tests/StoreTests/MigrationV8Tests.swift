import Foundation
import GRDB
import SimTime
import RunRecords
import Store
import Testing

/// `Fixtures/v7/`: a database and its run file as hpa-sim stored them at schema version 7 (before
/// the record family: utilizations as ratios, fewer result figures). Made by the version of commit
/// e73c89e with `simulate scenarios/rtc-egress/spike-4x.yaml --duration 10m --detail sampled`,
/// then vacuumed to 1 KiB pages (same rows, a smaller fixture).
@Suite("a version 7 database and its run file migrate to version 8")
struct MigrationV8Tests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/v7")

    /// A copy of the fixture in a temporary directory (opening migrates in place).
    func copy() throws -> (TemporaryDirectory, String) {
        let dir = try TemporaryDirectory()
        try FileManager.default.removeItem(at: dir.url)
        try FileManager.default.copyItem(at: Self.fixture, to: dir.url)
        return (dir, dir.path("runs.sqlite"))
    }

    func scalar<T: DatabaseValueConvertible>(_ path: String, _ sql: String) throws -> T? {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try T.fetchOne(db, sql: sql) }
    }

    @Test("utilizations become percent of requests, in the database and in the run file when it is read")
    func utilizationsBecomePercent() throws {
        let (dir, path) = try copy()
        defer { dir.cleanUp() }
        let runFile = dir.path("runs.sqlite.runs/1.sqlite")
        let ratio: Double = try #require(try scalar(path, "SELECT mean_cpu_utilization FROM deployment_results WHERE deployment = 'egress'"))
        let seriesRatio: Double = try #require(try scalar(runFile, "SELECT sum(cpu_utilization) FROM series"))
        #expect(ratio > 0 && ratio < 1.5)   // a ratio, as version 7 stored it

        let store = try RunStore(path: path)
        #expect(try scalar(path, "PRAGMA user_version") == StoreSchema.version)
        #expect(try scalar(path, "SELECT mean_cpu_utilization FROM deployment_results WHERE deployment = 'egress'") == ratio * 100)
        #expect(try scalar(runFile, "PRAGMA user_version") == 7)   // not read yet

        let stored = try store.results(of: RunID(1))
        #expect(!stored.complete)   // arrivals, events, ... were not kept by version 7
        let egress = try #require(stored.result.deployment("egress"))
        #expect(egress.meanCPUUtilization == Utilization(percent: ratio * 100))
        #expect(Summary(stored.result).description.contains(Utilization(ratio: ratio).description))

        let series = try store.series(of: RunID(1))   // reading migrates the run file
        #expect(try scalar(runFile, "PRAGMA user_version") == StoreSchema.version)
        let seriesPercent: Double = try #require(try scalar(runFile, "SELECT sum(cpu_utilization) FROM series"))
        #expect(abs(seriesPercent - seriesRatio * 100) < 1e-9 * seriesPercent)
        #expect(series.contains { ($0.cpuUtilization?.percent ?? 0) > 1 })
        #expect(series.allSatisfy { $0.pods == 0 })   // not kept by version 7: read as 0
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test("a version 7 run reads back as records: syncs, scale events, task records; new runs store beside it")
    func recordsOfAnOldRun() throws {
        let (dir, path) = try copy()
        defer { dir.cleanUp() }
        let store = try RunStore(path: path)
        let syncs = try store.syncs(of: RunID(1))
        // A sync every 15 s over 10 minutes: egress from 0 s (both ends, 41), the notifier from 5 s (40).
        #expect(syncs.filter { $0.hpa == "egress-hpa" }.count == 41 && syncs.count == 41 + 40)
        #expect(syncs.allSatisfy { $0.metricDefinitions.count == 3 })
        #expect(try store.scaleEvents(of: RunID(1)).allSatisfy { $0.deployment.isEmpty && $0.to != $0.from })
        let tasks = try store.taskRecords(of: RunID(1))
        #expect(!tasks.isEmpty && tasks.allSatisfy { $0.key.isEmpty && $0.runTime == nil })
        let id = try SampleRun.store(in: store)
        #expect(id == RunID(2))
        #expect(try store.results(of: id) == StoredResults(result: SampleRun.result, complete: true))
        var lines: [String] = []
        try store.query("SELECT run_id, count(*) FROM series GROUP BY run_id ORDER BY run_id") { lines.append($0) }
        #expect(lines.count == 3)   // header, run 1 (version 7 file, migrated), run 2
    }
}
