import GRDB
import SimTime

// Reading runs back as the row types they were recorded from. Every read is ordered, so two
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

    /// The run's per-class results, by class name.
    public func classResults(of id: RunID) throws -> [ClassResultRow] {
        try rows(of: id, .classResults) { r in
            ClassResultRow(taskClass: r["task_class"], completed: r["completed"], failed: r["failed"],
                           timedOut: r["timed_out"], interruptedByScaleDown: r["interrupted_by_scale_down"],
                           interruptedByOOM: r["interrupted_by_oom"],
                           queueWaitP50: duration(r["queue_wait_p50_us"]), queueWaitP95: duration(r["queue_wait_p95_us"]),
                           queueWaitP99: duration(r["queue_wait_p99_us"]), queueWaitMax: duration(r["queue_wait_max_us"]))
        }
    }

    /// The run's per-deployment results, by deployment name.
    public func deploymentResults(of id: RunID) throws -> [DeploymentResultRow] {
        try rows(of: id, .deploymentResults) { r in
            DeploymentResultRow(deployment: r["deployment"], podHours: r["pod_hours"], meanReplicas: r["mean_replicas"],
                                peakReplicas: r["peak_replicas"], timeAtMaxReplicas: duration(r["time_at_max_replicas_us"]),
                                scaleEvents: r["scale_events"], flaps: r["flaps"],
                                meanCPUUtilization: r["mean_cpu_utilization"],
                                meanMemoryUtilization: r["mean_memory_utilization"],
                                notifierBacklogMax: r["notifier_backlog_max"])
        }
    }

    /// The run's HPA syncs with their metrics, in recording order.
    public func hpaSyncs(of id: RunID) throws -> [HPASyncRow] {
        try readRows(of: id, "read hpa_syncs of run \(id)") { db in
            struct Key: Hashable { var hpa: String, index: Int64 }
            var specs: [Key: Row] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT * FROM hpa_metrics WHERE run_id = ?", arguments: [id.rawValue]) {
                specs[Key(hpa: r["hpa"], index: r["metric_index"])] = r
            }
            var conditionSets: [Int64: [HPAConditionRow]] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT id, conditions FROM hpa_condition_sets WHERE run_id = ?",
                                      arguments: [id.rawValue]) {
                conditionSets[r["id"]] = HPAConditionRow.decode(r["conditions"])
            }
            var hpaOfSync: [Int64: String] = [:]
            var syncs: [(id: Int64, row: HPASyncRow)] = []
            let syncRows = try Row.fetchCursor(db, sql: "SELECT * FROM hpa_syncs WHERE run_id = ? ORDER BY id",
                                               arguments: [id.rawValue])
            while let r = try syncRows.next() {
                let scaleUpdated: Int64 = r["scale_updated"], syncID: Int64 = r["id"], hpa: String = r["hpa"]
                let conditionsID: Int64 = r["conditions_id"]
                guard let conditions = conditionSets[conditionsID] else {
                    throw StoreError.notARunDatabase(path: path, found: "hpa_syncs row \(syncID) without its hpa_condition_sets row")
                }
                hpaOfSync[syncID] = hpa
                syncs.append((syncID, HPASyncRow(
                    time: SimTime(microseconds: r["time_us"]), hpa: hpa,
                    currentReplicas: r["current_replicas"], recommendation: r["recommendation"],
                    failure: r["failure"], stabilized: r["stabilized"],
                    desiredReplicas: r["desired_replicas"], limitingReason: r["limiting_reason"],
                    conditions: conditions, scaleUpdated: scaleUpdated != 0,
                    metrics: [])))
            }
            var metrics: [Int64: [HPAMetricRow]] = [:]
            let metricRows = try Row.fetchCursor(db, sql: "SELECT * FROM hpa_sync_metrics WHERE run_id = ? ORDER BY id",
                                                 arguments: [id.rawValue])
            while let r = try metricRows.next() {
                let syncID: Int64 = r["sync_id"], index: Int64 = r["metric_index"]
                guard let hpa = hpaOfSync[syncID], let spec = specs[Key(hpa: hpa, index: index)] else {
                    throw StoreError.notARunDatabase(
                        path: path, found: "hpa_sync_metrics row \(r["id"] as Int64) without its sync or hpa_metrics row")
                }
                metrics[syncID, default: []].append(HPAMetricRow(
                    metricType: spec["metric_type"], metricName: spec["metric_name"], targetType: spec["target_type"],
                    target: spec["target"], current: r["current"], proposal: r["proposal"], readyPods: r["ready_pods"],
                    unreadyPods: r["unready_pods"], missingPods: r["missing_pods"], ignoredPods: r["ignored_pods"],
                    usageMilliSum: r["usage_milli_sum"], requestMilliSum: r["request_milli_sum"],
                    ratio: r["ratio"], error: r["error"]))
            }
            return syncs.map { sync in
                var row = sync.row
                row.metrics = metrics[sync.id] ?? []
                return row
            }
        }
    }

    /// The run's scale events, in recording order.
    public func scaleEvents(of id: RunID) throws -> [ScaleEventRow] {
        try rows(of: id, .scaleEvents) { r in
            ScaleEventRow(time: SimTime(microseconds: r["time_us"]), hpa: r["hpa"],
                          fromReplicas: r["from_replicas"], toReplicas: r["to_replicas"], message: r["message"])
        }
    }

    /// The run's time series, by time, then deployment.
    public func series(of id: RunID) throws -> [SeriesRow] {
        try rows(of: id, .series) { r in
            SeriesRow(time: SimTime(microseconds: r["time_us"]), deployment: r["deployment"], replicas: r["replicas"],
                      readyPods: r["ready_pods"], cpuUtilization: r["cpu_utilization"],
                      memoryUtilization: r["memory_utilization"], activeTasks: r["active_tasks"],
                      queueDepth: r["queue_depth"], notifierBacklog: r["notifier_backlog"])
        }
    }

    /// The run's pod samples, by time, then pod.
    public func podSamples(of id: RunID) throws -> [PodSampleRow] {
        try rows(of: id, .podSamples) { r in
            let ready: Int64 = r["ready"]
            return PodSampleRow(time: SimTime(microseconds: r["time_us"]), deployment: r["deployment"], pod: r["pod"],
                                phase: r["phase"], ready: ready != 0, cpuMillicores: r["cpu_millicores"],
                                memoryBytes: r["memory_bytes"], activeTasks: r["active_tasks"])
        }
    }

    /// The run's task records, by task id.
    public func taskRecords(of id: RunID) throws -> [TaskRecordRow] {
        try rows(of: id, .taskRecords) { r in
            let outcome: String = r["outcome"]
            let started: Int64? = r["started_us"], finished: Int64? = r["finished_us"]
            return TaskRecordRow(taskID: r["task_id"], taskClass: r["task_class"],
                                 arrived: SimTime(microseconds: r["arrived_us"]),
                                 started: started.map(SimTime.init(microseconds:)),
                                 finished: finished.map(SimTime.init(microseconds:)),
                                 outcome: TaskOutcome(rawValue: outcome) ?? .unfinished, pod: r["pod"],
                                 interruptions: r["interruptions"])
        }
    }

    /// The run's rows of `table` in ``StoreSchema/Table/rowOrder``, after checking the run exists.
    private func rows<T>(of id: RunID, _ table: StoreSchema.Table, _ decode: (Row) throws -> T) throws -> [T] {
        let sql = "SELECT * FROM \(table.rawValue) WHERE run_id = ? ORDER BY \(table.rowOrder)"
        func fetch(_ db: Database) throws -> [T] { try Row.fetchAll(db, sql: sql, arguments: [id.rawValue]).map(decode) }
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
