// Store benchmarks: what storing adds to a real run (diurnal-week.yaml with and without the
// store), and the recorder's bulk path beside GRDB's Codable and StatementArguments baselines.
//
// Each benchmark checks the row counts it stored. The synthetic ones write `rowCount` 10-column
// `series` rows, or what a 7-day run writes at the default resolution.
// Run: `cd Benchmarks && swift package benchmark --target StoreBenchmarks`; one of them:
// `--filter ".*stored vs.*"` (a filter must match the whole name).
import Benchmark
import Foundation
import GRDB
import HPASim
import RunRecords
import SimTime
import Store

let rowCount = 100_000
let deployments = ["egress", "webhook-notifier", "web-dispatch", "web-recorder"]

/// One `series` point per deployment per 15 s, as a run at the default resolution records them.
func seriesRow(_ i: Int) -> SeriesPoint {
    let backlog: Int32? = i % 4 == 1 ? Int32(i % 500) : nil
    return SeriesPoint(time: .seconds(Int64(i / 4) * 15), deployment: deployments[i % 4], replicas: Int32(3 + i % 5),
                       pods: Int32(3 + i % 5), readyPods: 3, pendingPods: 0, terminatingPods: 0,
                       cpuUtilization: Utilization(percent: Double(i % 97)), memoryUtilization: Utilization(percent: Double(i % 61)),
                       activeTasks: Int32(i % 33), queueDepth: Int32(i % 7), notifierBacklog: backlog)
}

/// The same row as a GRDB Codable record (the baseline the recorder avoids).
struct SeriesRecord: Codable, PersistableRecord {
    static let databaseTableName = "series"
    var run_id: Int64, deployment: String, time_us: Int64, replicas: Int32, ready_pods: Int32
    var cpu_utilization: Double?, memory_utilization: Double?, active_tasks: Int32, queue_depth: Int32
    var notifier_backlog: Int32?
    init(_ row: SeriesPoint, run: Int64) {
        run_id = run; deployment = row.deployment; time_us = row.time.microseconds; replicas = row.replicas
        ready_pods = row.readyPods; cpu_utilization = row.cpuUtilization?.percent
        memory_utilization = row.memoryUtilization?.percent
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

/// Checks the `series` rows in the database at `path` (a baseline's), or in run `run`'s file.
func checkCount(_ path: String, _ expected: Int, run: RunID? = nil) throws {
    let file = try run.flatMap { try RunStore(path: path).runFile(of: $0) } ?? path
    let queue = try DatabaseQueue(path: file)
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

/// Records a run shaped like `diurnal-week.yaml` at the default resolution: 2 HPAs with 3 metrics
/// each, synced every 15 s, and 4 deployments' series every 15 s, for 7 days (483 840 rows).
func recordWeek(_ recorder: RunRecorder) {
    let conditions = [SyncCondition(type: .ableToScale, status: .true, reason: .readyForNewScale),
                      SyncCondition(type: .scalingActive, status: .true, reason: .validMetricFound),
                      SyncCondition(type: .scalingLimited, status: .false, reason: .desiredWithinRange)]
    let definitions = ["cpu", "memory", "active_tasks"].enumerated().map { index, name in
        MetricDefinition(metricType: index == 2 ? .pods : .resource, metricName: name,
                         targetType: index == 2 ? .averageValue : .utilization, target: 70)
    }
    var metrics: [MetricSample] = []
    for step in 0..<(7 * 24 * 240) {
        let time = SimTime.seconds(Int64(step) * 15)
        for hpa in ["egress-hpa", "webhook-notifier-hpa"] {
            metrics.removeAll(keepingCapacity: true)   // as the model does: one buffer, no array per sync
            for _ in 0..<3 {
                metrics.append(MetricSample(current: Double(step % 120), proposal: Int32(3 + step % 5), readyPods: 5,
                                            usageMilliSum: Int64(step), requestMilliSum: 2_500, ratio: 1.1))
            }
            recorder.recordSync(SyncRecord(time: time, hpa: hpa, currentReplicas: 5, recommendation: 6, stabilized: 6,
                                           desiredReplicas: 6, limitingReason: .desiredWithinRange, scaleUpdated: step % 40 == 0,
                                           conditions: conditions, metricDefinitions: definitions, metrics: metrics))
        }
        for deployment in deployments {
            recorder.recordSeries(SeriesPoint(
                time: time, deployment: deployment, replicas: 5, pods: 5, readyPods: 5, pendingPods: 0, terminatingPods: 0,
                cpuUtilization: Utilization(percent: 50), memoryUtilization: Utilization(percent: 40),
                activeTasks: Int32(step % 90), queueDepth: Int32(step % 13),
                notifierBacklog: deployment == "webhook-notifier" ? 10 : nil))
        }
    }
}

/// The repository's `scenarios/rtc-egress/diurnal-week.yaml` (this file is Benchmarks/Benchmarks/StoreBenchmarks/).
let diurnalWeek = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("scenarios/rtc-egress/diurnal-week.yaml").path

struct StoredRunMismatch: Error, CustomStringConvertible { var description: String }

/// Counts a benchmark's iterations (the closure may run on any thread).
final class IterationCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func next() -> Int { lock.withLock { defer { count += 1 }; return count } }
}
let iterations = IterationCounter()

/// Checks a stored diurnal week: one sync row per HPA per sync period (either end may be cut
/// by the start offset), one metric row per sync per spec metric, one series row per deployment
/// per resolution step (both ends included).
func checkWeek(_ path: String, _ id: RunID) throws {
    guard let file = try RunStore(path: path).runFile(of: id) else {
        throw StoredRunMismatch(description: "run \(id) has no run file")
    }
    let queue = try DatabaseQueue(path: file)
    try queue.read { db in
        let run = id.rawValue
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: [run]) ?? -1 }
        let steps = try count("SELECT simulated_duration_us / series_resolution_us FROM runs WHERE id = ?")
        let syncsPerHPA = try Int.fetchAll(db, sql: "SELECT count(*) FROM hpa_syncs WHERE run_id = ? GROUP BY hpa",
                                           arguments: [run])
        let metrics = try count("SELECT count(*) FROM hpa_sync_metrics WHERE run_id = ?")
        let expectedMetrics = try count("""
            SELECT sum(n * (SELECT count(*) FROM hpa_metrics h WHERE h.run_id = s.run_id AND h.hpa = s.hpa))
            FROM (SELECT run_id, hpa, count(*) AS n FROM hpa_syncs WHERE run_id = ?1 GROUP BY hpa) s
            """)
        let series = try count("SELECT count(*) FROM series WHERE run_id = ?")
        let deployments = try count("SELECT count(DISTINCT deployment) FROM series WHERE run_id = ?")
        guard syncsPerHPA.count == 2, syncsPerHPA.allSatisfy({ $0 == steps || $0 == steps + 1 }),
              metrics == expectedMetrics, metrics >= 3 * steps, series == deployments * (steps + 1), deployments >= 4
        else {
            throw StoredRunMismatch(description: "syncs per HPA \(syncsPerHPA), metrics \(metrics) (expected "
                + "\(expectedMetrics)), series \(series) for \(deployments) deployments and \(steps) steps")
        }
    }
}

/// One timed diurnal week; `database` nil: `--no-store`.
func runWeek(storingIn database: String?) throws -> (seconds: Double, report: ScenarioRun.Report) {
    let start = ContinuousClock.now
    let report = try ScenarioRun.run(scenarioAt: diurnalWeek, options: .init(database: database))
    let elapsed = (ContinuousClock.now - start).components
    return (Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18, report)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .peakMemoryResident],
                                           scalingFactor: .one, maxDuration: .seconds(10), maxIterations: 5)
    let rows = (0..<rowCount).map(seriesRow)

    // Each iteration runs the week twice, `--no-store` and stored, back to back (which one
    // first alternates), so the share compares runs under the same machine load. Wall clock
    // measures the stored run.
    let share = BenchmarkMetric.custom("store adds (% of the --no-store run)")
    let transaction = BenchmarkMetric.custom("commit transaction (ms)")
    let fileSize = BenchmarkMetric.custom("database and run file (MB)")
    Benchmark("Store: diurnal-week stored vs no-store",
              configuration: .init(metrics: [.wallClock, .peakMemoryResident, share, transaction, fileSize],
                                   maxDuration: .seconds(90), maxIterations: 15)) { benchmark in
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("hpa-sim-store-bench-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("runs.sqlite").path
        _ = try RunStore(path: path)   // created (and migrated) outside the comparison

        let bareFirst = iterations.next() % 2 == 0
        var bare = bareFirst ? try runWeek(storingIn: nil) : nil
        benchmark.startMeasurement()
        let stored = try runWeek(storingIn: path)
        benchmark.stopMeasurement()
        if bare == nil { bare = try runWeek(storingIn: nil) }
        guard let bare else { return }

        guard let id = stored.report.runID, let timings = stored.report.commitTimings else {
            throw StoredRunMismatch(description: "the stored run has no id or commit timings")
        }
        try checkWeek(path, id)
        let files = [path, try RunStore(path: path).runFile(of: id)].compactMap { $0 }
        let size = try files.reduce(0) { $0 + ((try FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        benchmark.measurement(share, Int(((stored.seconds - bare.seconds) / bare.seconds * 100).rounded()))
        benchmark.measurement(transaction, Int((timings.transactionSeconds * 1000).rounded()))
        benchmark.measurement(fileSize, size / 1_000_000)
    }

    Benchmark("Store: RunRecorder records and commits 100k series rows") { benchmark in
        let (directory, path, _) = try freshDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try RunStore(path: path)
        benchmark.startMeasurement()
        let recorder = try store.makeRecorder(for: metadata)
        rows.forEach(recorder.recordSeries)
        let id = try recorder.commit(RunOutcome(finishedAt: Date(timeIntervalSince1970: 1)))
        benchmark.stopMeasurement()
        try checkCount(path, rowCount, run: id)
    }

    Benchmark("Store: a diurnal-week-shaped run of 483 840 rows, recorded and committed") { benchmark in
        let (directory, path, _) = try freshDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try RunStore(path: path)
        benchmark.startMeasurement()
        let id = try store.record(metadata) { recorder in
            recordWeek(recorder)
            return RunOutcome(finishedAt: Date(timeIntervalSince1970: 1))
        }
        benchmark.stopMeasurement()
        try checkCount(path, 4 * 7 * 24 * 240, run: id)
        let syncs = try store.syncs(of: id).count
        guard syncs == 2 * 7 * 24 * 240 else { throw RowCountMismatch(expected: 2 * 7 * 24 * 240, found: syncs) }
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
                                                 r.readyPods, r.cpuUtilization?.percent, r.memoryUtilization?.percent,
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
