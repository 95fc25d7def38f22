import GRDB
import SimTime
public import RunRecords

// Reading runs back as the records they were recorded from (the RunRecords types). Every read is ordered, so two
// reads of the same run return the same arrays.
extension RunStore {
    /// Every stored run, oldest id first.
    public func runs() throws -> [StoredRun] {
        try read("list runs") { db in
            try Row.fetchAll(db, sql: RunRow.selectAll + " ORDER BY id").map { try RunRow.decode($0, path: path) }
        }
    }

    /// One run.
    ///
    /// - Throws: ``StoreError/unknownRun(path:id:)`` if no run has this id.
    public func run(_ id: RunID) throws -> StoredRun {
        try read("read run \(id)") { db in
            guard let row = try Row.fetchOne(db, sql: RunRow.selectAll + " WHERE id = ?", arguments: [id.rawValue])
            else { throw StoreError.unknownRun(path: path, id: id.rawValue) }
            return try RunRow.decode(row, path: path)
        }
    }

    /// The path of the file that holds the run's bulk rows (`<db>.runs/<id>.sqlite`), to read or
    /// `ATTACH` with any SQLite client; nil for a run stored before run files, whose rows are in
    /// this database.
    ///
    /// - Throws: ``StoreError/unknownRun(path:id:)`` if no run has this id.
    public func runFile(of id: RunID) throws -> String? {
        try read("read run \(id)") { db in
            try requireRun(id, db)
            return try String.fetchOne(db, sql: "SELECT run_file FROM runs WHERE id = ?", arguments: [id.rawValue])
                .map(runFilePath)
        }
    }

    /// The run's results as the simulation returned them: every figure `simulate run` printed.
    ///
    /// Runs stored before schema version 8 lack some figures (arrivals, re-queues, scale-ups and
    /// -downs, OOM kills, events, ...): they read as 0, and ``StoredResults/complete`` is false.
    public func results(of id: RunID) throws -> StoredResults {
        let run = try self.run(id)
        var complete = true
        let figures = try read("read run \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT events_processed, notifications, notifier_backlog_maximum FROM runs WHERE id = ?",
                             arguments: [id.rawValue])
        }
        let events: Int64? = figures?["events_processed"], notifications: Int64? = figures?["notifications"]
        let backlog: Double? = figures?["notifier_backlog_maximum"]
        if events == nil { complete = false }
        let classes = try rows(of: id, .classResults) { r -> ClassResult in
            let arrived: Int64? = r["arrived"]
            if arrived == nil { complete = false }
            let count: Int64? = r["queue_wait_count"]
            let p50 = duration(r["queue_wait_p50_us"])
            return ClassResult(
                name: r["task_class"], arrived: Int(arrived ?? 0), completed: r["completed"], failed: r["failed"],
                timedOut: r["timed_out"], interruptedByScaleDown: r["interrupted_by_scale_down"],
                interruptedByOOM: r["interrupted_by_oom"], requeued: Int((r["requeued"] as Int64?) ?? 0),
                waitingAtEnd: Int((r["waiting_at_end"] as Int64?) ?? 0),
                runningAtEnd: Int((r["running_at_end"] as Int64?) ?? 0),
                queueWait: QueueWaitSummary(
                    count: Int(count ?? (p50 == nil ? 0 : 1)), p50: p50 ?? .zero,
                    p95: duration(r["queue_wait_p95_us"]) ?? .zero, p99: duration(r["queue_wait_p99_us"]) ?? .zero,
                    max: duration(r["queue_wait_max_us"]) ?? .zero, mean: duration(r["queue_wait_mean_us"]) ?? .zero))
        }
        let deployments = try rows(of: id, .deploymentResults) { r -> DeploymentResult in
            let scaleUps: Int64? = r["scale_ups"]
            if scaleUps == nil { complete = false }
            let cpu: Double? = r["mean_cpu_utilization"], memory: Double? = r["mean_memory_utilization"]
            return DeploymentResult(
                name: r["deployment"], podHours: r["pod_hours"], meanReplicas: r["mean_replicas"],
                maxReplicas: r["peak_replicas"], minReplicas: (r["min_replicas"] as Int32?) ?? 0,
                timeAtMaxReplicas: duration(r["time_at_max_replicas_us"]), scaleEvents: r["scale_events"],
                scaleUps: Int(scaleUps ?? 0), scaleDowns: Int((r["scale_downs"] as Int64?) ?? 0), flaps: r["flaps"],
                meanCPUUtilization: cpu.map(Utilization.init(percent:)),
                meanMemoryUtilization: memory.map(Utilization.init(percent:)),
                oomKills: Int((r["oom_kills"] as Int64?) ?? 0), podsCreated: Int((r["pods_created"] as Int64?) ?? 0))
        }
        let result = SimulationResult(
            duration: run.metadata.simulatedDuration, seed: run.metadata.seed, classes: classes,
            deployments: deployments, notifierBacklogMaximum: backlog ?? 0, notifications: Int(notifications ?? 0),
            eventsProcessed: Int(events ?? 0))
        return StoredResults(result: result, complete: complete)
    }

    /// The run's HPA syncs with their metrics, in recording order.
    public func syncs(of id: RunID) throws -> [SyncRecord] {
        try readRows(of: id, "read hpa_syncs of run \(id)") { db in
            var definitions: [String: [MetricDefinition]] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT * FROM hpa_metrics WHERE run_id = ? ORDER BY hpa, metric_index",
                                      arguments: [id.rawValue]) {
                let type: String = r["metric_type"], targetType: String = r["target_type"]
                guard let target = MetricTargetType(rawValue: targetType) else {
                    throw StoreError.notARunDatabase(path: path, found: "hpa_metrics target_type \"\(targetType)\"")
                }
                definitions[r["hpa"], default: []].append(MetricDefinition(
                    metricType: MetricSourceType(rawValue: type), metricName: r["metric_name"], targetType: target,
                    target: r["target"]))
            }
            var conditionSets: [Int64: [SyncCondition]] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT id, conditions FROM hpa_condition_sets WHERE run_id = ?",
                                      arguments: [id.rawValue]) {
                let text: String = r["conditions"]
                guard let conditions = ConditionText.decode(text) else {
                    throw StoreError.notARunDatabase(path: path, found: "hpa_condition_sets conditions \"\(text)\"")
                }
                conditionSets[r["id"]] = conditions
            }
            var syncs: [(id: Int64, record: SyncRecord)] = []
            var indexOfSync: [Int64: Int] = [:]
            // Columns by position (a lookup by name per column and row is the most of a read's cost).
            let syncRows = try Row.fetchCursor(db, sql: """
                SELECT id, time_us, hpa, current_replicas, recommendation, failure, stabilized, desired_replicas,
                    limiting_reason, conditions_id, scale_updated
                FROM hpa_syncs WHERE run_id = ? ORDER BY id
                """, arguments: [id.rawValue])
            while let r = try syncRows.next() {
                let syncID: Int64 = r[0], hpa: String = r[2], reason: String? = r[8], conditionsID: Int64 = r[9]
                let scaleUpdated: Int64 = r[10]
                guard let conditions = conditionSets[conditionsID] else {
                    throw StoreError.notARunDatabase(path: path, found: "hpa_syncs row \(syncID) without its hpa_condition_sets row")
                }
                let limiting = try reason.map { text in
                    guard let value = ScalingLimitedReason(rawValue: text) else {
                        throw StoreError.notARunDatabase(path: path, found: "hpa_syncs limiting_reason \"\(text)\"")
                    }
                    return value
                }
                indexOfSync[syncID] = syncs.count
                syncs.append((syncID, SyncRecord(
                    time: SimTime(microseconds: r[1]), hpa: hpa, currentReplicas: r[3], recommendation: r[4],
                    failure: r[5], stabilized: r[6], desiredReplicas: r[7], limitingReason: limiting,
                    scaleUpdated: scaleUpdated != 0,
                    conditions: conditions, metricDefinitions: definitions[hpa] ?? [], metrics: [])))
            }
            let metricRows = try Row.fetchCursor(db, sql: """
                SELECT id, sync_id, metric_index, current, proposal, ready_pods, unready_pods, missing_pods,
                    ignored_pods, usage_milli_sum, request_milli_sum, ratio, error
                FROM hpa_sync_metrics WHERE run_id = ? ORDER BY id
                """, arguments: [id.rawValue])
            while let r = try metricRows.next() {
                let syncID: Int64 = r[1], index: Int64 = r[2]
                guard let i = indexOfSync[syncID], Int(index) < syncs[i].record.metricDefinitions.count else {
                    throw StoreError.notARunDatabase(
                        path: path, found: "hpa_sync_metrics row \(r[0] as Int64) without its sync or hpa_metrics row")
                }
                syncs[i].record.metrics.append(MetricSample(
                    current: r[3], proposal: r[4], readyPods: r[5], unreadyPods: r[6], missingPods: r[7],
                    ignoredPods: r[8], usageMilliSum: r[9], requestMilliSum: r[10], ratio: r[11], error: r[12]))
            }
            return syncs.map(\.record)
        }
    }

    /// The run's scale events, in recording order.
    public func scaleEvents(of id: RunID) throws -> [ScaleRecord] {
        try rows(of: id, .scaleEvents) { r in
            ScaleRecord(time: SimTime(microseconds: r["time_us"]), hpa: r["hpa"],
                        deployment: (r["deployment"] as String?) ?? "", from: r["from_replicas"], to: r["to_replicas"],
                        message: r["message"])
        }
    }

    /// The run's time series, in recording order: by time, then in the configuration's deployment order.
    public func series(of id: RunID) throws -> [SeriesPoint] {
        // Columns by position: a lookup by name per column and row cost more than the simulation.
        let columns = "time_us, deployment, replicas, pods, ready_pods, pending_pods, terminating_pods, "
            + "cpu_utilization, memory_utilization, active_tasks, queue_depth, notifier_backlog"
        return try rows(of: id, .series, columns: columns) { r in
            let cpu: Double? = r[7], memory: Double? = r[8]
            return SeriesPoint(
                time: SimTime(microseconds: r[0]), deployment: r[1], replicas: r[2], pods: (r[3] as Int32?) ?? 0,
                readyPods: r[4], pendingPods: (r[5] as Int32?) ?? 0, terminatingPods: (r[6] as Int32?) ?? 0,
                cpuUtilization: cpu.map(Utilization.init(percent:)), memoryUtilization: memory.map(Utilization.init(percent:)),
                activeTasks: r[9], queueDepth: r[10], notifierBacklog: r[11])
        }
    }

    /// The run's pod samples, by time, then pod.
    public func podSamples(of id: RunID) throws -> [PodPoint] {
        try rows(of: id, .podSamples) { r in
            let ready: Int64 = r["ready"], status: String = r["phase"]
            guard let podStatus = PodStatus(rawValue: status) else {
                throw StoreError.notARunDatabase(path: path, found: "pod_samples phase \"\(status)\"")
            }
            return PodPoint(time: SimTime(microseconds: r["time_us"]), deployment: r["deployment"], pod: r["pod"],
                            status: podStatus, ready: ready != 0, cpuMillicores: r["cpu_millicores"],
                            memoryBytes: r["memory_bytes"], activeTasks: r["active_tasks"])
        }
    }

    /// The run's task records, by task id.
    public func taskRecords(of id: RunID) throws -> [TaskRecord] {
        try rows(of: id, .taskRecords) { r in
            let outcome: String = r["outcome"]
            let started: Int64? = r["started_us"], finished: Int64? = r["finished_us"], runTime: Int64? = r["run_time_us"]
            guard let ended = TaskOutcome(rawValue: outcome), let finished else {
                throw StoreError.notARunDatabase(path: path, found: "task_records outcome \"\(outcome)\" (or no finished_us)")
            }
            return TaskRecord(taskID: r["task_id"], taskClass: r["task_class"], key: (r["key"] as String?) ?? "",
                              arrivedAt: SimTime(microseconds: r["arrived_us"]), runTime: runTime.map(SimDuration.init(microseconds:)),
                              startedAt: started.map(SimTime.init(microseconds:)),
                              endedAt: SimTime(microseconds: finished), outcome: ended, pod: r["pod"])
        }
    }

    /// The run's rows of `table` in ``StoreSchema/Table/rowOrder``, after checking the run exists
    /// (`columns`: the SELECT list, `*` by default).
    private func rows<T>(of id: RunID, _ table: StoreSchema.Table, columns: String = "*",
                         _ decode: (Row) throws -> T) throws -> [T] {
        let sql = "SELECT \(columns) FROM \(table.rawValue) WHERE run_id = ? ORDER BY \(table.rowOrder)"
        func fetch(_ db: Database) throws -> [T] {
            var values: [T] = []
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: [id.rawValue])
            while let row = try cursor.next() { values.append(try decode(row)) }
            return values
        }
        if table.isInRunFileOnly { return try readRows(of: id, "read \(table.rawValue) of run \(id)", fetch) }
        return try read("read \(table.rawValue) of run \(id)") { db in
            try requireRun(id, db)
            return try fetch(db)
        }
    }

    /// Runs `body` on the database that holds run `id`'s bulk rows: its run file, or this
    /// database for a run stored before run files.
    ///
    /// - Throws: ``StoreError/unknownRun(path:id:)``, ``StoreError/missingRunFile(path:id:)``.
    func readRows<T>(of id: RunID, _ operation: String, _ body: (Database) throws -> T) throws -> T {
        let runFile = try read(operation) { db in
            try requireRun(id, db)
            return try String.fetchOne(db, sql: "SELECT run_file FROM runs WHERE id = ?", arguments: [id.rawValue])
        }
        guard let runFile else { return try read(operation, body) }
        return try withRunFile(id: id.rawValue, runFile: runFile, body)
    }

    func requireRun(_ id: RunID, _ db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM runs WHERE id = ?)", arguments: [id.rawValue]) == true
        else { throw StoreError.unknownRun(path: path, id: id.rawValue) }
    }
}

private func duration(_ microseconds: Int64?) -> SimDuration? { microseconds.map(SimDuration.init(microseconds:)) }

/// A stored run's results, and whether every figure was stored (runs stored before schema
/// version 8 lack some: they read as 0).
public struct StoredResults: Hashable, Sendable {
    public var result: SimulationResult
    /// False for a run stored before schema version 8.
    public var complete: Bool
    public init(result: SimulationResult, complete: Bool) { self.result = result; self.complete = complete }
}
