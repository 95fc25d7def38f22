// Store benchmarks: the recorder's bulk path beside GRDB's Codable and StatementArguments baselines.
//
// Each benchmark writes `rowCount` 10-column `series` rows and checks the row count it stored.
// Run: `cd Benchmarks && swift package benchmark --target StoreBenchmarks`.
import Benchmark
import Foundation
import GRDB
import HPASim

let rowCount = 100_000
let deployments = ["egress", "webhook-notifier", "web-dispatch", "web-recorder"]

/// One `series` row per deployment per 15 s, as a run at the default resolution records them.
func seriesRow(_ i: Int) -> SeriesRow {
    let backlog: Int32? = i % 4 == 1 ? Int32(i % 500) : nil
    return SeriesRow(time: .seconds(Int64(i / 4) * 15), deployment: deployments[i % 4], replicas: Int32(3 + i % 5),
                     readyPods: 3, cpuUtilization: Double(i % 97), memoryUtilization: Double(i % 61),
                     activeTasks: Int32(i % 33), queueDepth: Int32(i % 7), notifierBacklog: backlog)
}

/// The same row as a GRDB Codable record (the baseline the recorder avoids).
struct SeriesRecord: Codable, PersistableRecord {
    static let databaseTableName = "series"
    var run_id: Int64, deployment: String, time_us: Int64, replicas: Int32, ready_pods: Int32
    var cpu_utilization: Double?, memory_utilization: Double?, active_tasks: Int32, queue_depth: Int32
    var notifier_backlog: Int32?
    init(_ row: SeriesRow, run: Int64) {
        run_id = run; deployment = row.deployment; time_us = row.time.microseconds; replicas = row.replicas
        ready_pods = row.readyPods; cpu_utilization = row.cpuUtilization; memory_utilization = row.memoryUtilization
        active_tasks = row.activeTasks; queue_depth = row.queueDepth; notifier_backlog = row.notifierBacklog
    }
}

struct RowCountMismatch: Error { var expected: Int, found: Int }

/// A fresh directory holding a run database with one empty run (so baselines can insert rows for it).
func freshDatabase() throws -> (directory: URL, path: String, runID: RunID) {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("hpa-sim-store-bench-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("runs.sqlite").path
    let store = try RunStore(path: path)
    let runID = try store.makeRecorder(for: metadata).commit(RunOutcome(finishedAt: Date(timeIntervalSince1970: 1)))
    return (directory, path, runID)
}

let metadata = RunMetadata(name: "bench", scenarioPath: "bench.yaml", scenarioJSON: "{}", seed: 1,
                           simulatedDuration: .days(7), seriesResolution: .seconds(15),
                           startedAt: Date(timeIntervalSince1970: 0))

func checkCount(_ path: String, _ expected: Int) throws {
    let queue = try DatabaseQueue(path: path)
    let found = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM series") ?? 0 }
    guard found == expected else { throw RowCountMismatch(expected: expected, found: found) }
}

/// A baseline writer: `insert` runs inside one transaction on a journal-less connection, as
/// the recorder's staging file is configured.
func baseline(_ path: String, _ insert: (Database) throws -> Void) throws {
    var configuration = Configuration()
    configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = OFF") }
    let queue = try DatabaseQueue(path: path, configuration: configuration)
    try queue.write(insert)
    try queue.close()
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .peakMemoryResident],
                                           scalingFactor: .one, maxDuration: .seconds(10), maxIterations: 5)
    let rows = (0..<rowCount).map(seriesRow)

    Benchmark("Store: RunRecorder records and commits 100k series rows") { benchmark in
        let (directory, path, _) = try freshDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try RunStore(path: path)
        benchmark.startMeasurement()
        let recorder = try store.makeRecorder(for: metadata)
        rows.forEach(recorder.record)
        _ = try recorder.commit(RunOutcome(finishedAt: Date(timeIntervalSince1970: 1)))
        benchmark.stopMeasurement()
        try checkCount(path, rowCount)
    }

    Benchmark("Store: baseline, StatementArguments (setUncheckedArguments) 100k series rows") { benchmark in
        let (directory, path, run) = try freshDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        benchmark.startMeasurement()
        try baseline(path) { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO series (run_id, deployment, time_us, replicas, ready_pods, cpu_utilization,
                    memory_utilization, active_tasks, queue_depth, notifier_backlog)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for r in rows {
                statement.setUncheckedArguments([run.rawValue, r.deployment, r.time.microseconds, r.replicas,
                                                 r.readyPods, r.cpuUtilization, r.memoryUtilization,
                                                 r.activeTasks, r.queueDepth, r.notifierBacklog])
                try statement.execute()
            }
        }
        benchmark.stopMeasurement()
        try checkCount(path, rowCount)
    }

    Benchmark("Store: baseline, Codable records 100k series rows") { benchmark in
        let (directory, path, run) = try freshDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        benchmark.startMeasurement()
        try baseline(path) { db in
            for r in rows { try SeriesRecord(r, run: run.rawValue).insert(db) }
        }
        benchmark.stopMeasurement()
        try checkCount(path, rowCount)
    }
}
