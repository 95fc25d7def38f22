import GRDB
import SimTime
import RunRecords

/// Rows waiting to be written to the staging file, and how each kind is inserted.
///
/// A batch is written in one staging transaction, table by table, each through one prepared
/// statement with positional binding (``BulkStatement``). Order within a table is the order
/// of recording, so the stored content does not depend on batch boundaries or threads.
struct RowBatch: Sendable {
    /// The run's id, as the recorder expects the main database to give it (see ``RowKey``).
    var run: Int64
    /// The run-wide number of the first series row and the first scale event in this batch.
    var firstSeries: Int64
    var firstScaleEvent: Int64
    // Entries are plain numbers, packed (they cross from the simulation's core to the writer's):
    // NULL is NaN for a REAL (SQLite stores a NaN as NULL), `Int64.min` or `Int32.min` for an
    // INTEGER; a string is a number (-1 for none) into `texts` or a names array.

    /// One sync: its conditions, HPA and metric count by number, the limiting reason by number
    /// (`reasonNames`) and a failure by its place in `texts`. Its run-wide number is
    /// `firstSync` plus its place in `syncs`.
    struct SyncEntry {
        var time: Int64
        var conditions: Int32
        var hpa: Int32
        var metricCount: Int32
        var currentReplicas: Int32
        var recommendation: Int32
        var stabilized: Int32
        var desiredReplicas: Int32
        var limitingReason: Int32
        var failure: Int32
        var scaleUpdated: Bool
    }
    /// One metric of a sync; an error by its place in `texts`.
    struct MetricEntry {
        var current: Double
        var ratio: Double
        var usageMilliSum: Int64
        var requestMilliSum: Int64
        var proposal: Int32
        var readyPods: Int32
        var unreadyPods: Int32
        var missingPods: Int32
        var ignoredPods: Int32
        var error: Int32
    }
    /// One series row; the deployment by number (`deploymentNames`).
    struct SeriesEntry {
        var time: Int64
        var cpuUtilization: Double
        var memoryUtilization: Double
        var deployment: Int32
        var replicas: Int32
        var pods: Int32
        var readyPods: Int32
        var pendingPods: Int32
        var terminatingPods: Int32
        var activeTasks: Int32
        var queueDepth: Int32
        var notifierBacklog: Int32
    }
    /// The run-wide number of the first sync in this batch.
    var firstSync: Int64
    var syncs: [SyncEntry] = []
    /// The syncs' metrics, in order: each sync's `metricCount` in turn.
    var metrics: [MetricEntry] = []
    /// Failures and errors of this batch's syncs and metrics (rare), by number.
    var texts: [String] = []
    /// The HPAs' names and the limiting reasons by number (set when the batch is handed to the writer).
    var hpaNames: [String] = []
    var reasonNames: [String] = []
    /// Condition lists seen for the first time: run-wide number, stored text.
    var conditionSets: [(n: Int64, text: String)] = []
    /// Each HPA's metrics (type, name, target), the first time the HPA syncs: run-wide number, HPA, index.
    var hpaMetrics: [(n: Int64, hpa: String, index: Int, metric: MetricDefinition)] = []
    var scaleEvents: [ScaleRecord] = []
    var series: [SeriesEntry] = []
    /// The deployments' names by number (set when the batch is handed to the writer).
    var deploymentNames: [String] = []
    var classResults: [ClassResult] = []
    var deploymentResults: [DeploymentResult] = []
    /// The notifier deployments' backlog maximum, notifications rounded up (`notifier_backlog_max`).
    var notifierBacklogMax: [String: Int64] = [:]
    var podSamples: [PodPoint] = []
    var taskRecords: [TaskRecord] = []
    /// Rows held, counting each sync's metrics.
    var count = 0

    init(run: Int64, firstSync: Int64 = 0, firstSeries: Int64 = 0, firstScaleEvent: Int64 = 0) {
        self.run = run
        self.firstSync = firstSync
        self.firstSeries = firstSeries
        self.firstScaleEvent = firstScaleEvent
    }

    /// Makes this (emptied or new) batch the one after `previous`: same run, numbering on after
    /// its rows, and room for as many rows as it held (growing the arrays by doubling moved each
    /// large row several times on the simulation's thread).
    mutating func follow(_ previous: RowBatch) {
        run = previous.run
        firstSync = previous.firstSync + Int64(previous.syncs.count)
        firstSeries = previous.firstSeries + Int64(previous.series.count)
        firstScaleEvent = previous.firstScaleEvent + Int64(previous.scaleEvents.count)
        syncs.reserveCapacity(previous.syncs.count)
        metrics.reserveCapacity(previous.metrics.count)
        series.reserveCapacity(previous.series.count)
    }

    /// The number of `text` in `texts`, -1 for nil.
    mutating func text(_ text: String?) -> Int32 {
        guard let text else { return -1 }
        texts.append(text)
        return Int32(texts.count - 1)
    }

    /// Empties the batch, keeping its arrays' storage for the next one (no allocation per batch).
    mutating func empty() {
        texts.removeAll(keepingCapacity: true)
        syncs.removeAll(keepingCapacity: true)
        metrics.removeAll(keepingCapacity: true)
        conditionSets.removeAll(keepingCapacity: true)
        hpaMetrics.removeAll(keepingCapacity: true)
        scaleEvents.removeAll(keepingCapacity: true)
        series.removeAll(keepingCapacity: true)
        classResults.removeAll(keepingCapacity: true)
        deploymentResults.removeAll(keepingCapacity: true)
        notifierBacklogMax.removeAll()
        podSamples.removeAll(keepingCapacity: true)
        taskRecords.removeAll(keepingCapacity: true)
        count = 0
    }

    func write(_ db: Database, path: String) throws {
        let run = self.run
        if !hpaMetrics.isEmpty {
            let s = try BulkStatement(db, table: "hpa_metrics", sql: """
                INSERT INTO hpa_metrics (id, run_id, hpa, metric_index, metric_type, metric_name, target_type, target)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (n, hpa, index, m) in hpaMetrics {
                s.bind(1, RowKey.base(run) | n); s.bind(2, run); s.bind(3, hpa); s.bind(4, Int64(index))
                s.bind(5, m.metricType.rawValue); s.bind(6, m.metricName); s.bind(7, m.targetType.rawValue)
                s.bind(8, m.target)
                try s.step(path: path)
            }
        }
        if !conditionSets.isEmpty {
            let s = try BulkStatement(db, table: "hpa_condition_sets", sql: """
                INSERT INTO hpa_condition_sets (id, run_id, conditions) VALUES (?, ?, ?)
                """)
            for (n, text) in conditionSets {
                s.bind(1, RowKey.base(run) | n); s.bind(2, run); s.bind(3, text)
                try s.step(path: path)
            }
        }
        if !syncs.isEmpty {
            // Each metric row's sync id and index, and what it saw, read here from the syncs' sources.
            var metricKeys: [(sync: Int64, index: Int64)] = []
            metricKeys.reserveCapacity(metrics.count)
            for (i, entry) in syncs.enumerated() {
                let id = RowKey.sync(run, firstSync + Int64(i))
                for index in 0..<Int64(entry.metricCount) { metricKeys.append((id, index)) }
            }
            let sync = try MultiRowInsert(db, table: "hpa_syncs", head: """
                INSERT INTO hpa_syncs (id, run_id, time_us, hpa, current_replicas, recommendation, failure,
                    stabilized, desired_replicas, limiting_reason, conditions_id, scale_updated)
                """, columns: 12)
            let hpas = StaticTexts(hpaNames), reasons = StaticTexts(reasonNames)
            try sync.insert(count: syncs.count, path: path) { s, o, i in
                let row = syncs[i]
                s.bind(o + 1, RowKey.sync(run, firstSync + Int64(i))); s.bind(o + 2, run); s.bind(o + 3, row.time)
                s.bind(o + 4, static: hpas[row.hpa]); s.bind(o + 5, Int64(row.currentReplicas))
                s.bind(o + 6, orNull: row.recommendation); s.bind(o + 7, text(row.failure, in: texts))
                s.bind(o + 8, orNull: row.stabilized); s.bind(o + 9, Int64(row.desiredReplicas))
                s.bind(o + 10, static: reasons[row.limitingReason])
                s.bind(o + 11, RowKey.base(run) | Int64(row.conditions)); s.bind(o + 12, Int64(row.scaleUpdated ? 1 : 0))
            }
            let metric = try MultiRowInsert(db, table: "hpa_sync_metrics", head: """
                INSERT INTO hpa_sync_metrics (id, run_id, sync_id, metric_index, current, proposal, ready_pods,
                    unready_pods, missing_pods, ignored_pods, usage_milli_sum, request_milli_sum, ratio, error)
                """, columns: 14)
            try metric.insert(count: metrics.count, path: path) { s, o, i in
                let (id, index) = metricKeys[i], m = metrics[i]
                s.bind(o + 1, id + index); s.bind(o + 2, run); s.bind(o + 3, id)
                s.bind(o + 4, index); s.bind(o + 5, orNull: m.current); s.bind(o + 6, orNull: m.proposal)
                s.bind(o + 7, Int64(m.readyPods)); s.bind(o + 8, Int64(m.unreadyPods))
                s.bind(o + 9, Int64(m.missingPods)); s.bind(o + 10, Int64(m.ignoredPods))
                s.bind(o + 11, orNull: m.usageMilliSum); s.bind(o + 12, orNull: m.requestMilliSum)
                s.bind(o + 13, orNull: m.ratio)
                s.bind(o + 14, text(m.error, in: texts))
            }
        }
        if !scaleEvents.isEmpty {
            let s = try BulkStatement(db, table: "scale_events", sql: """
                INSERT INTO scale_events (id, run_id, time_us, hpa, from_replicas, to_replicas, message, deployment)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (n, row) in scaleEvents.enumerated() {
                s.bind(1, RowKey.base(run) | (firstScaleEvent + Int64(n)))
                s.bind(2, run); s.bind(3, row.time.microseconds); s.bind(4, row.hpa)
                s.bind(5, Int64(row.from)); s.bind(6, Int64(row.to)); s.bind(7, row.message); s.bind(8, row.deployment)
                try s.step(path: path)
            }
        }
        if !series.isEmpty {
            try Self.writeSeries(series, names: deploymentNames, db, path: path, run: run, first: firstSeries)
        }
        if !classResults.isEmpty {
            let s = try BulkStatement(db, table: "class_results", sql: """
                INSERT INTO class_results (run_id, task_class, completed, failed, timed_out,
                    interrupted_by_scale_down, interrupted_by_oom, queue_wait_p50_us, queue_wait_p95_us,
                    queue_wait_p99_us, queue_wait_max_us, arrived, requeued, waiting_at_end, running_at_end,
                    queue_wait_count, queue_wait_mean_us, position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (position, c) in classResults.enumerated() {
                // Percentiles are NULL when no task of the class started.
                let w = c.queueWait.count > 0 ? c.queueWait : nil
                s.bind(1, run); s.bind(2, c.name); s.bind(3, Int64(c.completed)); s.bind(4, Int64(c.failed))
                s.bind(5, Int64(c.timedOut)); s.bind(6, Int64(c.interruptedByScaleDown))
                s.bind(7, Int64(c.interruptedByOOM))
                s.bind(8, w?.p50.microseconds); s.bind(9, w?.p95.microseconds)
                s.bind(10, w?.p99.microseconds); s.bind(11, w?.max.microseconds)
                s.bind(12, Int64(c.arrived)); s.bind(13, Int64(c.requeued)); s.bind(14, Int64(c.waitingAtEnd))
                s.bind(15, Int64(c.runningAtEnd)); s.bind(16, Int64(c.queueWait.count))
                s.bind(17, w?.mean.microseconds); s.bind(18, Int64(position))
                try s.step(path: path)
            }
        }
        if !deploymentResults.isEmpty {
            let s = try BulkStatement(db, table: "deployment_results", sql: """
                INSERT INTO deployment_results (run_id, deployment, pod_hours, mean_replicas, peak_replicas,
                    time_at_max_replicas_us, scale_events, flaps, mean_cpu_utilization,
                    mean_memory_utilization, notifier_backlog_max, min_replicas, scale_ups, scale_downs,
                    oom_kills, pods_created, position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (position, d) in deploymentResults.enumerated() {
                s.bind(1, run); s.bind(2, d.name); s.bind(3, d.podHours); s.bind(4, d.meanReplicas)
                s.bind(5, Int64(d.maxReplicas)); s.bind(6, d.timeAtMaxReplicas?.microseconds)
                s.bind(7, Int64(d.scaleEvents)); s.bind(8, Int64(d.flaps)); s.bind(9, d.meanCPUUtilization?.percent)
                s.bind(10, d.meanMemoryUtilization?.percent); s.bind(11, notifierBacklogMax[d.name])
                s.bind(12, Int64(d.minReplicas)); s.bind(13, Int64(d.scaleUps)); s.bind(14, Int64(d.scaleDowns))
                s.bind(15, Int64(d.oomKills)); s.bind(16, Int64(d.podsCreated)); s.bind(17, Int64(position))
                try s.step(path: path)
            }
        }
        if !podSamples.isEmpty {
            let s = try BulkStatement(db, table: "pod_samples", sql: """
                INSERT INTO pod_samples (run_id, pod, time_us, deployment, phase, ready, cpu_millicores,
                    memory_bytes, active_tasks)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for row in podSamples {
                s.bind(1, run); s.bind(2, row.pod); s.bind(3, row.time.microseconds); s.bind(4, row.deployment)
                s.bind(5, row.status.rawValue); s.bind(6, Int64(row.ready ? 1 : 0)); s.bind(7, row.cpuMillicores)
                s.bind(8, row.memoryBytes); s.bind(9, Int64(row.activeTasks))
                try s.step(path: path)
            }
        }
        if !taskRecords.isEmpty {
            let s = try BulkStatement(db, table: "task_records", sql: """
                INSERT INTO task_records (run_id, task_id, task_class, arrived_us, started_us, finished_us,
                    outcome, pod, interruptions, key, run_time_us)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
                """)
            for row in taskRecords {
                s.bind(1, run); s.bind(2, row.taskID); s.bind(3, row.taskClass); s.bind(4, row.arrivedAt.microseconds)
                s.bind(5, row.startedAt?.microseconds); s.bind(6, row.endedAt.microseconds)
                s.bind(7, row.outcome.rawValue); s.bind(8, row.pod); s.bind(9, row.key)
                s.bind(10, row.runTime?.microseconds)
                try s.step(path: path)
            }
        }
    }

    /// The string numbered `n` in `strings`, nil for -1.
    private func text(_ n: Int32, in strings: [String]) -> String? { n < 0 ? nil : strings[Int(n)] }

    /// The series insert: rows numbered from `first` within `run`.
    static func writeSeries(_ rows: [SeriesEntry], names: [String], _ db: Database,
                            path: String, run: Int64, first: Int64) throws {
        let insert = try MultiRowInsert(db, table: "series", head: """
            INSERT INTO series (id, run_id, deployment, time_us, replicas, ready_pods, cpu_utilization,
                memory_utilization, active_tasks, queue_depth, notifier_backlog, pods, pending_pods, terminating_pods)
            """, columns: 14)
        let deployments = StaticTexts(names)
        try insert.insert(count: rows.count, path: path) { s, o, n in
            let row = rows[n]
            s.bind(o + 1, RowKey.base(run) | (first + Int64(n)))
            s.bind(o + 2, run); s.bind(o + 3, static: deployments[row.deployment]); s.bind(o + 4, row.time)
            s.bind(o + 5, Int64(row.replicas)); s.bind(o + 6, Int64(row.readyPods))
            s.bind(o + 7, orNull: row.cpuUtilization); s.bind(o + 8, orNull: row.memoryUtilization)
            s.bind(o + 9, Int64(row.activeTasks)); s.bind(o + 10, Int64(row.queueDepth))
            s.bind(o + 11, orNull: row.notifierBacklog); s.bind(o + 12, Int64(row.pods))
            s.bind(o + 13, Int64(row.pendingPods)); s.bind(o + 14, Int64(row.terminatingPods))
        }
    }
}
