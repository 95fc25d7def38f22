import Foundation
import GRDB
import Randomness
public import RunRecords

/// Records one run into its own file, then commits it to the main database at once.
///
/// **A run is one transaction.** The recorder takes the run's id when it starts (one short
/// transaction of the main database) and writes every row, with final ids (`RowKey`), to a
/// staging SQLite file, `<db>.runs/<id>.sqlite.staging`, never to the main file: a simulation
/// holds no lock on the main database while it runs. ``commit(_:)`` copies the run's small
/// tables (`runs`, `scale_events`, the results) into the main database and renames the staging
/// file to the run file `<db>.runs/<id>.sqlite`, in one transaction of about a millisecond; the
/// bulk rows stay in the run file. A run that throws, is discarded or is killed never reaches
/// the main database; the next ``RunStore`` opened on it removes what it left.
///
/// **Recording overlaps the simulation.** `record` only appends plain numbers to a batch (HPAs,
/// deployments, condition lists and limiting reasons are numbered, see `RecorderState`); every
/// ``Options/batchRows`` rows the batch is written on the staging connection's own serial queue
/// while the caller goes on (at most ``Options/batchesInFlight`` batches wait, so memory stays
/// bounded), and its emptied arrays come back for reuse. Batches are written in the order they
/// were filled, so what is stored does not depend on timing.
///
/// **Bulk rows bind a prepared statement.** Rows are inserted through SQLite's C API with
/// positional binds (`BulkStatement`), 16 rows a step (`MultiRowInsert`), names bound without a
/// copy, not GRDB `Codable` records (about ten times slower; `Benchmarks/StoreBenchmarks` keeps
/// both baselines).
///
/// What storing a diurnal week costs (release, the 2-core development machine, a database that
/// exists; `Benchmarks/Benchmarks/StoreBenchmarks` and the note of issue 6 give the numbers):
/// the commit's transaction 1 ms; the writer about 0.3 s of CPU on the second core for 520 000
/// rows, which the simulation does not wait for but feels (the cores share a cache); on the
/// simulation's thread about 5 % of its time in recording calls, and the model's series samples.
///
/// `record` never throws: a failed batch (a violated `CHECK`, a full disk) is kept and thrown by
/// ``commit(_:)``, and rows recorded after it are dropped. The recorder is safe to use from any
/// one thread at a time (calls are serialized by a lock).
public final class RunRecorder: SimulationRecorder, @unchecked Sendable {
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
    /// The run's id, reserved in the main database when the recorder starts; its rows are keyed by it (``RowKey``).
    let runID: Int64
    /// Everything recorded and not yet handed to the writer (guarded by `lock`).
    private var state: RecorderState
    /// Emptied batches the writer handed back, for reuse.
    private let spares: SpareBatches
    private var closed = false
    /// Whether pod samples and task records are kept (detail level `sampled` or `all`).
    private let keepsDetail: Bool
    /// Whether only one pod and one task in 16 is kept (detail level `sampled`).
    private let sampled: Bool

    init(store: RunStore, metadata: RunMetadata, options: Options) throws {
        precondition(options.batchRows > 0 && options.batchesInFlight > 0, "RunRecorder.Options must be positive")
        self.store = store
        self.options = options
        self.keepsDetail = metadata.detailLevel != .off
        self.sampled = metadata.detailLevel == .sampled
        self.inFlight = DispatchSemaphore(value: options.batchesInFlight)
        self.spares = SpareBatches(keeping: options.batchesInFlight + 1)
        let id = try store.reserveRunID()
        self.runID = id
        self.state = RecorderState(run: id)
        do {
            try FileManager.default.createDirectory(atPath: store.runsDirectory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.sqlite(path: store.runsDirectory, operation: "create the run files' folder",
                                    message: "\(error.localizedDescription)")
        }
        let staging = try StagingFile.create(at: store.runFilePath(RunStore.runFileName(databasePath: store.path, id: id))
                                                + ".staging")
        self.staging = staging
        self.stagingPath = staging.path
        do {
            var configuration = Configuration()
            configuration.label = "hpa-sim staging"
            // The writer is trusted for references (ids come from `RowKey`); CHECKs still run.
            configuration.foreignKeysEnabled = false
            configuration.prepareDatabase { db in
                // A staging file is thrown away on any failure: no journal, no fsync, no
                // lock traffic per batch. Rows are appended, so a small cache holds the pages
                // being filled (a bigger one only adds memory traffic beside the simulation).
                try db.execute(sql: """
                    PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
                    PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -2048; PRAGMA temp_store = MEMORY
                    """)
            }
            stagingQueue = try DatabaseQueue(path: staging.path, configuration: configuration)
        } catch {
            staging.remove()
            throw StoreError.wrap(error, path: staging.path, operation: "create staging file")
        }
        // The run file is a run database of its own (same schema, one run). Its schema and run
        // row are the writer's first job, so the simulation starts meanwhile; an error there
        // fails the run at `commit`, like any batch's.
        let path = staging.path, failure = self.failure
        stagingQueue.asyncWriteWithoutTransaction { db in
            do {
                try StoreSchema.createRunFile(db)
                try RunRow.insert(metadata, id: id, into: db)
            } catch {
                failure.record(StoreError.wrap(error, path: path, operation: "create staging file"))
            }
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
    /// HPA's spec does not change within a run. Nothing is built per sync but the batch's numbers.
    public func recordSync(_ sync: SyncRecord) {
        append { state in
            if let problem = state.appendSync(sync) {
                failure.record(StoreError.sqlite(path: stagingPath, operation: "insert into hpa_syncs", message: problem))
            }
        }
    }

    /// Appends one scale event.
    public func recordScale(_ scale: ScaleRecord) { append { $0.batch.scaleEvents.append(scale); $0.batch.count += 1 } }

    /// Appends one time-series row.
    public func recordSeries(_ point: SeriesPoint) { append { $0.appendSeries(point) } }

    /// Appends one pod sample; ignored at detail `off`, and at `sampled` for the 15 pods in 16
    /// that a stable hash of the pod's name leaves out (with all their samples; never by chance).
    public func recordPod(_ pod: PodPoint) {
        guard keepsDetail, !sampled || fnv1a64(pod.pod) % 16 == 0 else { return }
        append { $0.batch.podSamples.append(pod); $0.batch.count += 1 }
    }

    /// Appends one task record; ignored at detail `off`, and at `sampled` for the 15 tasks in 16
    /// that a stable hash of the task's key leaves out.
    public func recordTask(_ task: TaskRecord) {
        guard keepsDetail, !sampled || fnv1a64(task.key) % 16 == 0 else { return }
        append { $0.batch.taskRecords.append(task); $0.batch.count += 1 }
    }

    /// Appends a finished run's results: one row per task class and per deployment, and the
    /// run-wide figures (events, notifications, the notifier's backlog maximum) on its `runs` row.
    /// `notifiers` names the deployments that are notifiers (their `notifier_backlog_max`).
    public func recordResults(_ result: SimulationResult, notifiers: [String] = []) {
        append { state in
            state.batch.classResults.append(contentsOf: result.classes)
            state.batch.deploymentResults.append(contentsOf: result.deployments)
            for name in notifiers {
                state.batch.notifierBacklogMax[name] = Int64(result.notifierBacklogMaximum.rounded(.up))
            }
            state.batch.count += result.classes.count + result.deployments.count
            state.runFigures = (Int64(result.eventsProcessed), Int64(result.notifications), result.notifierBacklogMaximum)
        }
    }

    /// Writes what is buffered, then commits the run in one short transaction of the main
    /// database: its small tables are copied in and the staging file becomes the run file
    /// (`<db>.runs/<id>.sqlite`). Returns the run's id.
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
            let run = runID
            let figures = state.runFigures
            try stagingQueue.writeWithoutTransaction { db in   // after every queued batch
                try RunRow.finish(outcome, id: run, in: db)
                if let figures {
                    try db.execute(sql: """
                        UPDATE runs SET events_processed = ?, notifications = ?, notifier_backlog_maximum = ?
                        WHERE id = ?
                        """, arguments: [figures.events, figures.notifications, figures.backlogMaximum, run])
                }
            }
            if let error = failure.first { throw error }
            try stagingQueue.close()
            commitTimings = try store.commitRun(stagingAt: staging.path, id: run)
            return RunID(run)
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

    private func append(_ add: (inout RecorderState) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        guard !closed, !state.stopped else { return }
        add(&state)
        if state.batch.count >= options.batchRows { flushLocked() }
    }

    private func flushLocked() {
        guard state.batch.count > 0 else { return }
        if failure.first != nil {   // checked once a batch, not once a row
            state.stopped = true
            state.batch.empty()
            return
        }
        state.batch.hpaNames = state.hpaNames
        state.batch.reasonNames = state.reasons
        state.batch.deploymentNames = state.deploymentNames
        // The filled batch goes to the writer, which hands its emptied arrays back (`spares`):
        // batches are recycled, not allocated and freed across threads.
        let handed = Handed(state.batch)
        var next = spares.take() ?? RowBatch(run: runID)
        next.follow(state.batch)
        state.batch = next
        // The closure holds no reference to the recorder: its deinit closes the staging queue,
        // which must not happen on that queue.
        let path = stagingPath, failure = self.failure, spares = self.spares
        let write: @Sendable (Database) -> Void = { db in
            guard var rows = handed.take() else { return }
            if failure.first == nil {
                do {
                    try db.inTransaction {
                        try rows.write(db, path: path)
                        return .commit
                    }
                } catch {
                    failure.record(StoreError.wrap(error, path: path, operation: "record rows"))
                }
            }
            rows.empty()
            spares.put(rows)
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

/// Emptied batches, kept for reuse (a lock of their own: an inline writer returns a batch while
/// the recorder's lock is held).
private final class SpareBatches: @unchecked Sendable {
    private let lock = NSLock()
    private var batches: [RowBatch] = []
    private let limit: Int
    init(keeping limit: Int) { self.limit = limit }
    func take() -> RowBatch? { lock.withLock { batches.popLast() } }
    func put(_ batch: RowBatch) { lock.withLock { if batches.count < limit { batches.append(batch) } } }
}

/// A batch handed to the writer: taken out once, so the writer owns its arrays alone and can
/// empty them in place.
private final class Handed: @unchecked Sendable {
    private let lock = NSLock()
    private var batch: RowBatch?
    init(_ batch: RowBatch) { self.batch = batch }
    func take() -> RowBatch? { lock.withLock { defer { batch = nil }; return batch } }
}

/// How a commit went.
public struct CommitTimings: Sendable, Hashable {
    /// Seconds the main database's write transaction was open (from `BEGIN IMMEDIATE`, once the
    /// lock was held, to `COMMIT` done); the only time this run blocks other writers.
    public var transactionSeconds: Double
    /// Seconds from asking for the write lock to the commit's end (waiting for other writers included).
    public var totalSeconds: Double
}

/// The first error a background batch met.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: StoreError?
    var first: StoreError? { lock.withLock { error } }
    func record(_ new: StoreError) { lock.withLock { if error == nil { error = new } } }
}
