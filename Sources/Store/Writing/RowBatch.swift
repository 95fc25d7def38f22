import GRDB

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
    var syncs: [(n: Int64, conditions: Int64, row: HPASyncRow)] = []
    /// Condition lists seen for the first time: run-wide number, stored text.
    var conditionSets: [(n: Int64, text: String)] = []
    /// Each HPA's metrics (type, name, target), the first time the HPA syncs: run-wide number, HPA, index.
    var hpaMetrics: [(n: Int64, hpa: String, index: Int, metric: HPAMetricRow)] = []
    var scaleEvents: [ScaleEventRow] = []
    var series: [SeriesRow] = []
    var classResults: [ClassResultRow] = []
    var deploymentResults: [DeploymentResultRow] = []
    var podSamples: [PodSampleRow] = []
    var taskRecords: [TaskRecordRow] = []
    /// Rows held, counting each sync's metrics.
    var count = 0

    init(run: Int64, firstSeries: Int64 = 0, firstScaleEvent: Int64 = 0) {
        self.run = run
        self.firstSeries = firstSeries
        self.firstScaleEvent = firstScaleEvent
    }

    /// The next batch: same run, numbering on after this one's rows, with room for as many
    /// syncs and series rows as this one held (growing a batch's arrays by doubling moved each
    /// large row several times on the simulation's thread).
    func successor() -> RowBatch {
        var next = RowBatch(run: run, firstSeries: firstSeries + Int64(series.count),
                            firstScaleEvent: firstScaleEvent + Int64(scaleEvents.count))
        next.syncs.reserveCapacity(syncs.count)
        next.series.reserveCapacity(series.count)
        return next
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
                s.bind(5, m.metricType); s.bind(6, m.metricName); s.bind(7, m.targetType); s.bind(8, m.target)
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
            var metricRefs: [(sync: Int, index: Int)] = []   // where each metric row is, in order
            metricRefs.reserveCapacity(syncs.count * 3)
            for (i, entry) in syncs.enumerated() {
                let row = entry.row
                guard row.metrics.count <= RowKey.metricsPerSync else {
                    throw StoreError.sqlite(path: path, operation: "insert into hpa_sync_metrics",
                                            message: "\(row.hpa) has \(row.metrics.count) metrics; at most \(RowKey.metricsPerSync) are stored")
                }
                for index in row.metrics.indices { metricRefs.append((i, index)) }
            }
            let sync = try MultiRowInsert(db, table: "hpa_syncs", head: """
                INSERT INTO hpa_syncs (id, run_id, time_us, hpa, current_replicas, recommendation, failure,
                    stabilized, desired_replicas, limiting_reason, conditions_id, scale_updated)
                """, columns: 12)
            try sync.insert(count: syncs.count, path: path) { s, o, i in
                let (n, conditions, row) = syncs[i]
                s.bind(o + 1, RowKey.sync(run, n)); s.bind(o + 2, run); s.bind(o + 3, row.time.microseconds)
                s.bind(o + 4, row.hpa); s.bind(o + 5, Int64(row.currentReplicas)); s.bind(o + 6, row.recommendation)
                s.bind(o + 7, row.failure); s.bind(o + 8, row.stabilized); s.bind(o + 9, Int64(row.desiredReplicas))
                s.bind(o + 10, row.limitingReason); s.bind(o + 11, RowKey.base(run) | conditions)
                s.bind(o + 12, Int64(row.scaleUpdated ? 1 : 0))
            }
            let metric = try MultiRowInsert(db, table: "hpa_sync_metrics", head: """
                INSERT INTO hpa_sync_metrics (id, run_id, sync_id, metric_index, current, proposal, ready_pods,
                    unready_pods, missing_pods, ignored_pods, usage_milli_sum, request_milli_sum, ratio, error)
                """, columns: 14)
            try metric.insert(count: metricRefs.count, path: path) { s, o, i in
                let (syncIndex, index) = metricRefs[i]
                let id = RowKey.sync(run, syncs[syncIndex].n), m = syncs[syncIndex].row.metrics[index]
                s.bind(o + 1, id + Int64(index)); s.bind(o + 2, run); s.bind(o + 3, id)
                s.bind(o + 4, Int64(index)); s.bind(o + 5, m.current); s.bind(o + 6, m.proposal)
                s.bind(o + 7, Int64(m.readyPods)); s.bind(o + 8, Int64(m.unreadyPods))
                s.bind(o + 9, Int64(m.missingPods)); s.bind(o + 10, Int64(m.ignoredPods))
                s.bind(o + 11, m.usageMilliSum); s.bind(o + 12, m.requestMilliSum); s.bind(o + 13, m.ratio)
                s.bind(o + 14, m.error)
            }
        }
        if !scaleEvents.isEmpty {
            let s = try BulkStatement(db, table: "scale_events", sql: """
                INSERT INTO scale_events (id, run_id, time_us, hpa, from_replicas, to_replicas, message)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for (n, row) in scaleEvents.enumerated() {
                s.bind(1, RowKey.base(run) | (firstScaleEvent + Int64(n)))
                s.bind(2, run); s.bind(3, row.time.microseconds); s.bind(4, row.hpa)
                s.bind(5, Int64(row.fromReplicas)); s.bind(6, Int64(row.toReplicas)); s.bind(7, row.message)
                try s.step(path: path)
            }
        }
        if !series.isEmpty { try Self.writeSeries(series, db, path: path, run: run, first: firstSeries) }
        if !classResults.isEmpty {
            let s = try BulkStatement(db, table: "class_results", sql: """
                INSERT INTO class_results (run_id, task_class, completed, failed, timed_out,
                    interrupted_by_scale_down, interrupted_by_oom, queue_wait_p50_us, queue_wait_p95_us,
                    queue_wait_p99_us, queue_wait_max_us)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for row in classResults {
                s.bind(1, run); s.bind(2, row.taskClass); s.bind(3, row.completed); s.bind(4, row.failed)
                s.bind(5, row.timedOut); s.bind(6, row.interruptedByScaleDown); s.bind(7, row.interruptedByOOM)
                s.bind(8, row.queueWaitP50?.microseconds); s.bind(9, row.queueWaitP95?.microseconds)
                s.bind(10, row.queueWaitP99?.microseconds); s.bind(11, row.queueWaitMax?.microseconds)
                try s.step(path: path)
            }
        }
        if !deploymentResults.isEmpty {
            let s = try BulkStatement(db, table: "deployment_results", sql: """
                INSERT INTO deployment_results (run_id, deployment, pod_hours, mean_replicas, peak_replicas,
                    time_at_max_replicas_us, scale_events, flaps, mean_cpu_utilization,
                    mean_memory_utilization, notifier_backlog_max)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for row in deploymentResults {
                s.bind(1, run); s.bind(2, row.deployment); s.bind(3, row.podHours); s.bind(4, row.meanReplicas)
                s.bind(5, Int64(row.peakReplicas)); s.bind(6, row.timeAtMaxReplicas?.microseconds)
                s.bind(7, row.scaleEvents); s.bind(8, row.flaps); s.bind(9, row.meanCPUUtilization)
                s.bind(10, row.meanMemoryUtilization); s.bind(11, row.notifierBacklogMax)
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
                s.bind(5, row.phase); s.bind(6, Int64(row.ready ? 1 : 0)); s.bind(7, row.cpuMillicores)
                s.bind(8, row.memoryBytes); s.bind(9, Int64(row.activeTasks))
                try s.step(path: path)
            }
        }
        if !taskRecords.isEmpty {
            let s = try BulkStatement(db, table: "task_records", sql: """
                INSERT INTO task_records (run_id, task_id, task_class, arrived_us, started_us, finished_us,
                    outcome, pod, interruptions)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for row in taskRecords {
                s.bind(1, run); s.bind(2, row.taskID); s.bind(3, row.taskClass); s.bind(4, row.arrived.microseconds)
                s.bind(5, row.started?.microseconds); s.bind(6, row.finished?.microseconds)
                s.bind(7, row.outcome.rawValue); s.bind(8, row.pod); s.bind(9, Int64(row.interruptions))
                try s.step(path: path)
            }
        }
    }

    /// The series insert: rows numbered from `first` within `run`.
    static func writeSeries(_ rows: [SeriesRow], _ db: Database, path: String, run: Int64, first: Int64) throws {
        let insert = try MultiRowInsert(db, table: "series", head: """
            INSERT INTO series (id, run_id, deployment, time_us, replicas, ready_pods, cpu_utilization,
                memory_utilization, active_tasks, queue_depth, notifier_backlog)
            """, columns: 11)
        try insert.insert(count: rows.count, path: path) { s, o, n in
            let row = rows[n]
            s.bind(o + 1, RowKey.base(run) | (first + Int64(n)))
            s.bind(o + 2, run); s.bind(o + 3, row.deployment); s.bind(o + 4, row.time.microseconds)
            s.bind(o + 5, Int64(row.replicas)); s.bind(o + 6, Int64(row.readyPods)); s.bind(o + 7, row.cpuUtilization)
            s.bind(o + 8, row.memoryUtilization); s.bind(o + 9, Int64(row.activeTasks))
            s.bind(o + 10, Int64(row.queueDepth)); s.bind(o + 11, row.notifierBacklog)
        }
    }
}
