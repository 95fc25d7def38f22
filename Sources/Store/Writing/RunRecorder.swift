import Foundation
import GRDB

/// Records one run into its own staging file, then copies it into the main database at once.
///
/// **A run is one transaction.** Rows go to a staging SQLite file beside the main database
/// (`<db>.staging-…`), never to the main file, so a simulation holds no lock on the main
/// database while it runs. ``commit(_:)`` copies the staging file in with one short transaction
/// (`ATTACH` and `INSERT … SELECT *`) and deletes it. The rows' ids already carry the run id the
/// recorder was promised when it started (`RowKey`), so the copy needs no rewriting and SQLite
/// runs it by its transfer optimization. A run that throws, is discarded or is killed never
/// reaches the main database; the next ``RunStore`` opened on it removes the abandoned staging file.
///
/// **Recording overlaps the simulation.** `record` only appends to a buffer; every
/// ``Options/batchRows`` rows the buffer is written on the staging connection's own serial
/// queue while the caller goes on (at most ``Options/batchesInFlight`` batches wait, so memory
/// stays bounded and a slow disk slows the caller rather than growing the heap). Batches are
/// written in the order they were filled, so what is stored does not depend on timing.
///
/// **Bulk rows bind a prepared statement.** Rows are inserted through SQLite's C API with
/// positional binds (`BulkStatement`), 16 rows a step (`MultiRowInsert`), not GRDB `Codable`
/// records. Measured on the 2-core development machine (release build, 100 000 10-column
/// `series` rows; shared machine, load about 1, median of 5): this recorder, staging writes and
/// copy-in included, 0.14 s; a direct `Statement.setUncheckedArguments` loop 0.25 s; `Codable`
/// `PersistableRecord.insert` 0.91 s. A stored diurnal week (80 641 syncs, 241 923 metric rows,
/// 201 605 series rows; 34 MB) spends 0.20–0.25 s in the commit transaction and 0.05–0.07 s in
/// the WAL checkpoint after it; the staging writes run on the second core and keep up with the
/// simulation. `Benchmarks/Benchmarks/StoreBenchmarks` measures the stored run against `--no-store`.
///
/// Where storing that week's 0.5 s goes (release, load about 1, `--no-store` 0.63 s): the
/// copy-in, 0.27–0.29 s (transaction 0.20–0.21 s, checkpoint 0.06–0.07 s), is a floor while 34 MB
/// go through the WAL (the same copy with `sqlite3` alone: 0.26 s; a bigger cache or mmap gives
/// nothing; without the `run_id` indexes, 18 % fewer bytes, 0.21 s); building and buffering rows
/// on the simulation's thread 0.15–0.2 s; the model's series samples 0.05 s; opening and the
/// staging schema 0.02 s. The writer (0.55 s of CPU) is hidden: the simulation takes as long
/// when batches are not written at all, and allowing 200 batches in flight changes nothing.
///
/// `record` never throws: a failed batch (a violated `CHECK`, a full disk) is kept and thrown by
/// ``commit(_:)``, and rows recorded after it are dropped. The recorder is safe to use from any
/// one thread at a time (calls are serialized by a lock).
public final class RunRecorder: @unchecked Sendable {
    /// How the recorder buffers.
    public struct Options: Sendable {
        /// Rows (a sync's metrics count) per staging transaction.
        public var batchRows: Int = 4096
        /// Batches handed to the writer and not yet written before `record` waits.
        public var batchesInFlight: Int = 4
        /// Whether batches are written on a second thread (true) or inline in `record` (false).
        public var writesInBackground: Bool = true
        public init(batchRows: Int = 4096, batchesInFlight: Int = 4, writesInBackground: Bool = true) {
            self.batchRows = batchRows
            self.batchesInFlight = batchesInFlight
            self.writesInBackground = writesInBackground
        }
    }

    /// The staging file's path (for diagnostics and tests).
    public let stagingPath: String
    private let store: RunStore
    private let staging: StagingFile
    private let stagingQueue: DatabaseQueue
    private let options: Options
    private let lock = NSLock()
    private let inFlight: DispatchSemaphore
    private let failure = FailureBox()
    /// The id the run expects in the main database; its rows are keyed by it (``RowKey``).
    let expectedRunID: Int64
    private var batch: RowBatch
    private var nextSync: Int64 = 0
    /// Each HPA's metrics by index as first recorded, and the run-wide number of the next `hpa_metrics` row.
    /// Few HPAs: a scan beats hashing the name per sync.
    private var metricsByHPA: [(hpa: String, metrics: [HPAMetricRow])] = []
    private var nextHPAMetric: Int64 = 0
    /// Each distinct condition list recorded, by its run-wide number; the last few looked up.
    private var conditionSets: [[HPAConditionRow]: Int64] = [:]
    private var recentConditionSets: [(conditions: [HPAConditionRow], n: Int64)] = []
    private var closed = false
    /// Whether pod samples and task records are kept (detail level `sampled` or `all`).
    private let keepsDetail: Bool

    init(store: RunStore, metadata: RunMetadata, options: Options) throws {
        precondition(options.batchRows > 0 && options.batchesInFlight > 0, "RunRecorder.Options must be positive")
        self.store = store
        self.options = options
        self.keepsDetail = metadata.detailLevel != .off
        self.inFlight = DispatchSemaphore(value: options.batchesInFlight)
        let expected = try store.nextRunID()
        self.expectedRunID = expected
        self.batch = RowBatch(run: expected)
        let staging = try StagingFile.create(besideDatabaseAt: store.path)
        self.staging = staging
        self.stagingPath = staging.path
        do {
            var configuration = Configuration()
            configuration.label = "hpa-sim staging"
            // The writer is trusted for references (ids come from `RowKey`); CHECKs still run.
            configuration.foreignKeysEnabled = false
            configuration.prepareDatabase { db in
                // A staging file is thrown away on any failure: no journal, no fsync, no
                // lock traffic per batch, and a cache that holds the growing index pages.
                try db.execute(sql: """
                    PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
                    PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY
                    """)
            }
            stagingQueue = try DatabaseQueue(path: staging.path, configuration: configuration)
            try StoreSchema.migrator.migrate(stagingQueue)
            try stagingQueue.write { db in try RunRow.insert(metadata, id: expected, into: db) }
        } catch {
            staging.remove()
            throw StoreError.wrap(error, path: staging.path, operation: "create staging file")
        }
    }

    deinit {
        if !closed { try? stagingQueue.close() }
        staging.remove()
    }

    /// Appends one HPA sync and its metrics.
    ///
    /// What each metric is (type, name, target) is stored once per HPA and metric index
    /// (`hpa_metrics`), when first seen; a sync without metrics (its metrics step failed) adds
    /// none. A metric that differs from the one first stored at its index fails the run: an
    /// HPA's spec does not change within a run.
    public func record(_ row: HPASyncRow) {
        append { batch in
            let slot = metricsByHPA.firstIndex { $0.hpa == row.hpa } ?? {
                metricsByHPA.append((row.hpa, []))
                return metricsByHPA.count - 1
            }()
            let known = metricsByHPA[slot].metrics
            for (index, metric) in row.metrics.enumerated() {
                if index < known.count {
                    guard Self.sameMetric(known[index], metric) else {
                        failure.record(StoreError.sqlite(
                            path: stagingPath, operation: "insert into hpa_metrics",
                            message: "\(row.hpa) at \(row.time): metric \(index) differs from the one stored first"))
                        return
                    }
                } else {
                    metricsByHPA[slot].metrics.append(metric)
                    batch.hpaMetrics.append((nextHPAMetric, row.hpa, index, metric))
                    nextHPAMetric += 1
                    batch.count += 1
                }
            }
            batch.syncs.append((nextSync, conditionSetNumber(row.conditions, &batch), row))
            nextSync += 1
            batch.count += 1 + row.metrics.count
        }
    }

    /// Whether two metric rows are of the same metric (type, name, target).
    private static func sameMetric(_ x: HPAMetricRow, _ y: HPAMetricRow) -> Bool {
        x.target == y.target && x.metricType == y.metricType && x.metricName == y.metricName
            && x.targetType == y.targetType
    }

    /// The run-wide number of `conditions` in `hpa_condition_sets`, adding it to `batch` when new.
    /// Syncs mostly repeat a recent list, so a short scan by equality comes before hashing.
    private func conditionSetNumber(_ conditions: [HPAConditionRow], _ batch: inout RowBatch) -> Int64 {
        if let hit = recentConditionSets.first(where: { $0.conditions == conditions }) { return hit.n }
        let n: Int64
        if let known = conditionSets[conditions] {
            n = known
        } else {
            n = Int64(conditionSets.count)
            conditionSets[conditions] = n
            batch.conditionSets.append((n, HPAConditionRow.encode(conditions)))
            batch.count += 1
        }
        if recentConditionSets.count == 4 { recentConditionSets.removeFirst() }
        recentConditionSets.append((conditions, n))
        return n
    }


    /// Appends one scale event.
    public func record(_ row: ScaleEventRow) { append { $0.scaleEvents.append(row); $0.count += 1 } }
    /// Appends one time-series row.
    public func record(_ row: SeriesRow) { append { $0.series.append(row); $0.count += 1 } }
    /// Appends one task class's results.
    public func record(_ row: ClassResultRow) { append { $0.classResults.append(row); $0.count += 1 } }
    /// Appends one deployment's results.
    public func record(_ row: DeploymentResultRow) { append { $0.deploymentResults.append(row); $0.count += 1 } }
    /// Appends one pod sample; ignored when the run's detail level is `off`.
    public func record(_ row: PodSampleRow) {
        guard keepsDetail else { return }
        append { $0.podSamples.append(row); $0.count += 1 }
    }
    /// Appends one task record; ignored when the run's detail level is `off`.
    public func record(_ row: TaskRecordRow) {
        guard keepsDetail else { return }
        append { $0.taskRecords.append(row); $0.count += 1 }
    }

    /// Writes what is buffered, copies the run into the main database in one transaction,
    /// deletes the staging file and returns the run's id.
    ///
    /// On any error nothing reaches the main database, the staging file is deleted and the
    /// recorder is closed.
    public func commit(_ outcome: RunOutcome) throws -> RunID {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { throw StoreError.recorderClosed(path: stagingPath) }
        closed = true
        defer { staging.remove() }
        do {
            flushLocked()
            let run = expectedRunID
            try stagingQueue.writeWithoutTransaction { db in   // after every queued batch
                try RunRow.finish(outcome, id: run, in: db)
            }
            if let error = failure.first { throw error }
            try stagingQueue.close()
            let (id, copy) = try store.copyIn(stagingAt: staging.path, expectedRunID: run)
            commitTimings = copy
            return id
        } catch {
            try? stagingQueue.close()
            throw StoreError.wrap(error, path: store.path, operation: "commit run")
        }
    }

    /// How the last ``commit(_:)`` went (nil before one succeeded): for benchmarks and diagnostics.
    public private(set) var commitTimings: CommitTimings?

    /// Drops the run: deletes the staging file; the main database never sees it. Idempotent.
    public func discard() {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        closed = true
        stagingQueue.writeWithoutTransaction { _ in }   // let queued batches finish
        try? stagingQueue.close()
        staging.remove()
    }

    private func append(_ add: (inout RowBatch) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        guard !closed, failure.first == nil else { return }
        add(&batch)
        if batch.count >= options.batchRows { flushLocked() }
    }

    private func flushLocked() {
        guard batch.count > 0 else { return }
        let rows = batch
        batch = batch.successor()
        let path = stagingPath, failure = self.failure
        let write: @Sendable (Database) -> Void = { db in
            guard failure.first == nil else { return }
            do {
                try db.inTransaction {
                    try rows.write(db, path: path)
                    return .commit
                }
            } catch {
                failure.record(StoreError.wrap(error, path: path, operation: "record rows"))
            }
        }
        if options.writesInBackground {
            inFlight.wait()
            let inFlight = self.inFlight
            stagingQueue.asyncWriteWithoutTransaction { db in
                write(db)
                inFlight.signal()
            }
        } else {
            stagingQueue.writeWithoutTransaction(write)
        }
    }
}

/// How a commit's copy into the main database went.
public struct CommitTimings: Sendable, Hashable {
    /// Seconds the main database's write transaction was open (from `BEGIN IMMEDIATE`, once the
    /// lock was held, to `COMMIT` done); the only time this run blocks other writers.
    public var transactionSeconds: Double
    /// Seconds the WAL checkpoint after the commit took (it holds no write lock).
    public var checkpointSeconds: Double
    /// Seconds from asking for the write lock to the checkpoint's end (waiting for other
    /// writers included).
    public var totalSeconds: Double
    /// Whether the run kept the id its rows were keyed by, so every table was copied as is
    /// (false: another run took that id first, and ids were shifted while copying).
    public var keptExpectedID: Bool
}

/// The first error a background batch met.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: StoreError?
    var first: StoreError? { lock.withLock { error } }
    func record(_ new: StoreError) { lock.withLock { if error == nil { error = new } } }
}
