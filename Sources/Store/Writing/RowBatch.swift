import GRDB

/// Rows waiting to be written to the staging file, and how each kind is inserted.
///
/// A batch is written in one staging transaction, table by table, each through one prepared
/// statement with positional binding (``BulkStatement``). Order within a table is the order
/// of recording, so the stored content does not depend on batch boundaries or threads.
struct RowBatch: Sendable {
    var syncs: [(id: Int64, row: HPASyncRow)] = []
    var scaleEvents: [ScaleEventRow] = []
    var series: [SeriesRow] = []
    var classResults: [ClassResultRow] = []
    var deploymentResults: [DeploymentResultRow] = []
    var podSamples: [PodSampleRow] = []
    var taskRecords: [TaskRecordRow] = []
    /// Rows held, counting each sync's metrics.
    var count = 0

    /// The staging run's id: staging files hold exactly one run.
    static let stagingRunID: Int64 = 1

    func write(_ db: Database, path: String) throws {
        let run = Self.stagingRunID
        if !syncs.isEmpty {
            let sync = try BulkStatement(db, table: "hpa_syncs", sql: """
                INSERT INTO hpa_syncs (id, run_id, time_us, hpa, current_replicas, recommendation, failure,
                    stabilized, desired_replicas, limiting_reason, conditions, scale_updated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let metric = try BulkStatement(db, table: "hpa_sync_metrics", sql: """
                INSERT INTO hpa_sync_metrics (sync_id, metric_index, metric_type, metric_name, target_type,
                    target, current, proposal, ready_pods, unready_pods, missing_pods, ignored_pods,
                    usage_milli_sum, request_milli_sum, ratio, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (id, row) in syncs {
                sync.bind(1, id); sync.bind(2, run); sync.bind(3, row.time.microseconds); sync.bind(4, row.hpa)
                sync.bind(5, Int64(row.currentReplicas)); sync.bind(6, row.recommendation); sync.bind(7, row.failure)
                sync.bind(8, row.stabilized); sync.bind(9, Int64(row.desiredReplicas)); sync.bind(10, row.limitingReason)
                sync.bind(11, HPAConditionRow.encode(row.conditions)); sync.bind(12, Int64(row.scaleUpdated ? 1 : 0))
                try sync.step(path: path)
                for (index, m) in row.metrics.enumerated() {
                    metric.bind(1, id); metric.bind(2, Int64(index)); metric.bind(3, m.metricType)
                    metric.bind(4, m.metricName); metric.bind(5, m.targetType); metric.bind(6, m.target)
                    metric.bind(7, m.current); metric.bind(8, m.proposal); metric.bind(9, Int64(m.readyPods))
                    metric.bind(10, Int64(m.unreadyPods)); metric.bind(11, Int64(m.missingPods))
                    metric.bind(12, Int64(m.ignoredPods)); metric.bind(13, m.usageMilliSum)
                    metric.bind(14, m.requestMilliSum); metric.bind(15, m.ratio); metric.bind(16, m.error)
                    try metric.step(path: path)
                }
            }
        }
        if !scaleEvents.isEmpty {
            let s = try BulkStatement(db, table: "scale_events", sql: """
                INSERT INTO scale_events (run_id, time_us, hpa, from_replicas, to_replicas, message)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            for row in scaleEvents {
                s.bind(1, run); s.bind(2, row.time.microseconds); s.bind(3, row.hpa)
                s.bind(4, Int64(row.fromReplicas)); s.bind(5, Int64(row.toReplicas)); s.bind(6, row.message)
                try s.step(path: path)
            }
        }
        if !series.isEmpty { try Self.writeSeries(series, db, path: path) }
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

    /// The series insert, on its own so the benchmark can time it alone.
    static func writeSeries(_ rows: [SeriesRow], _ db: Database, path: String, run: Int64 = stagingRunID) throws {
        let s = try BulkStatement(db, table: "series", sql: """
            INSERT INTO series (run_id, deployment, time_us, replicas, ready_pods, cpu_utilization,
                memory_utilization, active_tasks, queue_depth, notifier_backlog)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for row in rows {
            s.bind(1, run); s.bind(2, row.deployment); s.bind(3, row.time.microseconds)
            s.bind(4, Int64(row.replicas)); s.bind(5, Int64(row.readyPods)); s.bind(6, row.cpuUtilization)
            s.bind(7, row.memoryUtilization); s.bind(8, Int64(row.activeTasks)); s.bind(9, Int64(row.queueDepth))
            s.bind(10, row.notifierBacklog)
            try s.step(path: path)
        }
    }
}
