import GRDB

// The migrations' bodies. Simulated times and durations are INTEGER microseconds (`_us`);
// wall-clock times are TEXT `YYYY-MM-DD HH:MM:SS.SSS` in UTC; booleans are 0/1.
// Every child row cascades from its run.
extension StoreSchema {
    static func createRuns(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                scenario_path TEXT NOT NULL,
                scenario_json TEXT NOT NULL,
                scenario_hash TEXT NOT NULL CHECK (length(scenario_hash) = 16),
                seed INTEGER NOT NULL,
                simulated_duration_us INTEGER NOT NULL CHECK (simulated_duration_us >= 0),
                series_resolution_us INTEGER NOT NULL CHECK (series_resolution_us > 0),
                detail_level TEXT NOT NULL CHECK (detail_level IN ('off', 'sampled', 'all')),
                started_at TEXT NOT NULL,
                finished_at TEXT NOT NULL,
                tool_version TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('completed', 'stopped', 'failed')),
                message TEXT
            )
            """)
    }

    static func createHPASyncsAndMetrics(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE hpa_syncs (
                id INTEGER PRIMARY KEY,
                run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                time_us INTEGER NOT NULL,
                hpa TEXT NOT NULL,
                current_replicas INTEGER NOT NULL CHECK (current_replicas >= 0),
                recommendation INTEGER CHECK (recommendation >= 0),
                failure TEXT,
                stabilized INTEGER CHECK (stabilized >= 0),
                desired_replicas INTEGER NOT NULL CHECK (desired_replicas >= 0),
                limiting_reason TEXT,
                conditions TEXT NOT NULL,
                scale_updated INTEGER NOT NULL CHECK (scale_updated IN (0, 1)),
                UNIQUE (run_id, hpa, time_us)
            );
            CREATE TABLE hpa_sync_metrics (
                sync_id INTEGER NOT NULL REFERENCES hpa_syncs(id) ON DELETE CASCADE,
                metric_index INTEGER NOT NULL CHECK (metric_index >= 0),
                metric_type TEXT NOT NULL
                    CHECK (metric_type IN ('Resource', 'ContainerResource', 'Pods', 'Object', 'External')),
                metric_name TEXT NOT NULL,
                target_type TEXT NOT NULL CHECK (target_type IN ('Utilization', 'AverageValue', 'Value')),
                target REAL NOT NULL,
                current REAL,
                proposal INTEGER CHECK (proposal >= 0),
                ready_pods INTEGER NOT NULL CHECK (ready_pods >= 0),
                unready_pods INTEGER NOT NULL CHECK (unready_pods >= 0),
                missing_pods INTEGER NOT NULL CHECK (missing_pods >= 0),
                ignored_pods INTEGER NOT NULL CHECK (ignored_pods >= 0),
                usage_milli_sum INTEGER,
                request_milli_sum INTEGER,
                ratio REAL,
                error TEXT,
                PRIMARY KEY (sync_id, metric_index)
            ) WITHOUT ROWID;
            """)
    }

    static func createScaleEvents(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE scale_events (
                id INTEGER PRIMARY KEY,
                run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                time_us INTEGER NOT NULL,
                hpa TEXT NOT NULL,
                from_replicas INTEGER NOT NULL CHECK (from_replicas >= 0),
                to_replicas INTEGER NOT NULL CHECK (to_replicas >= 0 AND to_replicas <> from_replicas),
                message TEXT NOT NULL
            );
            CREATE INDEX scale_events_by_run ON scale_events (run_id, hpa, time_us);
            """)
    }

    static func createSeries(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE series (
                run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                deployment TEXT NOT NULL,
                time_us INTEGER NOT NULL,
                replicas INTEGER NOT NULL CHECK (replicas >= 0),
                ready_pods INTEGER NOT NULL CHECK (ready_pods >= 0),
                cpu_utilization REAL,
                memory_utilization REAL,
                active_tasks INTEGER NOT NULL CHECK (active_tasks >= 0),
                queue_depth INTEGER NOT NULL CHECK (queue_depth >= 0),
                notifier_backlog INTEGER CHECK (notifier_backlog >= 0),
                PRIMARY KEY (run_id, deployment, time_us)
            ) WITHOUT ROWID
            """)
    }

    static func createResults(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE class_results (
                run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                task_class TEXT NOT NULL,
                completed INTEGER NOT NULL CHECK (completed >= 0),
                failed INTEGER NOT NULL CHECK (failed >= 0),
                timed_out INTEGER NOT NULL CHECK (timed_out >= 0),
                interrupted_by_scale_down INTEGER NOT NULL CHECK (interrupted_by_scale_down >= 0),
                interrupted_by_oom INTEGER NOT NULL CHECK (interrupted_by_oom >= 0),
                queue_wait_p50_us INTEGER CHECK (queue_wait_p50_us >= 0),
                queue_wait_p95_us INTEGER CHECK (queue_wait_p95_us >= 0),
                queue_wait_p99_us INTEGER CHECK (queue_wait_p99_us >= 0),
                queue_wait_max_us INTEGER CHECK (queue_wait_max_us >= 0),
                PRIMARY KEY (run_id, task_class)
            ) WITHOUT ROWID;
            CREATE TABLE deployment_results (
                run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                deployment TEXT NOT NULL,
                pod_hours REAL NOT NULL CHECK (pod_hours >= 0),
                mean_replicas REAL NOT NULL CHECK (mean_replicas >= 0),
                peak_replicas INTEGER NOT NULL CHECK (peak_replicas >= 0),
                time_at_max_replicas_us INTEGER CHECK (time_at_max_replicas_us >= 0),
                scale_events INTEGER NOT NULL CHECK (scale_events >= 0),
                flaps INTEGER NOT NULL CHECK (flaps >= 0),
                mean_cpu_utilization REAL,
                mean_memory_utilization REAL,
                notifier_backlog_max INTEGER CHECK (notifier_backlog_max >= 0),
                PRIMARY KEY (run_id, deployment)
            ) WITHOUT ROWID;
            """)
    }

    static func createPodSamplesAndTaskRecords(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE pod_samples (
                run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                pod TEXT NOT NULL,
                time_us INTEGER NOT NULL,
                deployment TEXT NOT NULL,
                phase TEXT NOT NULL,
                ready INTEGER NOT NULL CHECK (ready IN (0, 1)),
                cpu_millicores REAL NOT NULL CHECK (cpu_millicores >= 0),
                memory_bytes INTEGER NOT NULL CHECK (memory_bytes >= 0),
                active_tasks INTEGER NOT NULL CHECK (active_tasks >= 0),
                PRIMARY KEY (run_id, pod, time_us)
            ) WITHOUT ROWID;
            CREATE TABLE task_records (
                run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                task_id INTEGER NOT NULL,
                task_class TEXT NOT NULL,
                arrived_us INTEGER NOT NULL,
                started_us INTEGER CHECK (started_us >= arrived_us),
                finished_us INTEGER CHECK (finished_us >= arrived_us),
                outcome TEXT NOT NULL CHECK (outcome IN ('completed', 'failed', 'timed_out',
                    'interrupted_by_scale_down', 'interrupted_by_oom', 'unfinished')),
                pod TEXT,
                interruptions INTEGER NOT NULL CHECK (interruptions >= 0),
                PRIMARY KEY (run_id, task_id)
            ) WITHOUT ROWID;
            """)
    }
}
