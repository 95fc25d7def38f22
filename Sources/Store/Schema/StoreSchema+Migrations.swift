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
        // Bulk tables have an INTEGER PRIMARY KEY that carries the run (`RowKey`) and one
        // non-unique index, on `run_id` (for `WHERE run_id = ?` and the cascade), so a run's
        // staging rows move into the main database by SQLite's transfer optimization (records
        // appended, not re-encoded or re-checked). A wider index, (run_id, hpa, time_us), made
        // the staging writer fall behind the simulation (0.34 s of waiting on a week run).
        // What a metric is (type, name, target) is stored once per HPA in `hpa_metrics`, not in
        // each of the 240 000 `hpa_sync_metrics` rows of a week; each distinct list of conditions
        // once in `hpa_condition_sets` (about 110 bytes a sync otherwise, a quarter of the file).
        try db.execute(sql: """
            CREATE TABLE hpa_condition_sets (
                id INTEGER PRIMARY KEY,
                run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                conditions TEXT NOT NULL
            );
            CREATE INDEX hpa_condition_sets_by_run ON hpa_condition_sets (run_id);
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
                conditions_id INTEGER NOT NULL,
                scale_updated INTEGER NOT NULL CHECK (scale_updated IN (0, 1))
            );
            CREATE INDEX hpa_syncs_by_run ON hpa_syncs (run_id);
            CREATE TABLE hpa_metrics (
                id INTEGER PRIMARY KEY,
                run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                hpa TEXT NOT NULL,
                metric_index INTEGER NOT NULL CHECK (metric_index >= 0),
                metric_type TEXT NOT NULL
                    CHECK (metric_type IN ('Resource', 'ContainerResource', 'Pods', 'Object', 'External')),
                metric_name TEXT NOT NULL,
                target_type TEXT NOT NULL CHECK (target_type IN ('Utilization', 'AverageValue', 'Value')),
                target REAL NOT NULL
            );
            CREATE INDEX hpa_metrics_by_run ON hpa_metrics (run_id, hpa, metric_index);
            CREATE TABLE hpa_sync_metrics (
                id INTEGER PRIMARY KEY,
                run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                sync_id INTEGER NOT NULL,
                metric_index INTEGER NOT NULL CHECK (metric_index >= 0 AND id = sync_id + metric_index),
                current REAL,
                proposal INTEGER CHECK (proposal >= 0),
                ready_pods INTEGER NOT NULL CHECK (ready_pods >= 0),
                unready_pods INTEGER NOT NULL CHECK (unready_pods >= 0),
                missing_pods INTEGER NOT NULL CHECK (missing_pods >= 0),
                ignored_pods INTEGER NOT NULL CHECK (ignored_pods >= 0),
                usage_milli_sum INTEGER,
                request_milli_sum INTEGER,
                ratio REAL,
                error TEXT
            );
            CREATE INDEX hpa_sync_metrics_by_run ON hpa_sync_metrics (run_id);
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
                id INTEGER PRIMARY KEY,
                run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                deployment TEXT NOT NULL,
                time_us INTEGER NOT NULL,
                replicas INTEGER NOT NULL CHECK (replicas >= 0),
                ready_pods INTEGER NOT NULL CHECK (ready_pods >= 0),
                cpu_utilization REAL,
                memory_utilization REAL,
                active_tasks INTEGER NOT NULL CHECK (active_tasks >= 0),
                queue_depth INTEGER NOT NULL CHECK (queue_depth >= 0),
                notifier_backlog INTEGER CHECK (notifier_backlog >= 0)
            );
            CREATE INDEX series_by_run ON series (run_id);
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

    static func addRunFiles(_ db: Database) throws {
        // A run's bulk rows (syncs and their metrics, series, pod samples, task records) move to
        // its own file, `<db>.runs/<id>.sqlite`, named here relative to the database's folder;
        // NULL for runs stored before this migration, whose rows stay in this file's tables.
        try db.execute(sql: "ALTER TABLE runs ADD COLUMN run_file TEXT")
    }

    static func recordFamily(_ db: Database) throws {
        // Every figure a run's summary prints is stored, so `runs show` prints what `run`
        // printed; utilizations are percent of requests, as documented (they held ratios, 0.695,
        // before: converted here); the series, scale events and task records keep what the
        // model's records carry; results keep the configuration's order (`position`). Columns
        // added here are NULL for runs stored before.
        try db.execute(sql: """
            ALTER TABLE runs ADD COLUMN events_processed INTEGER;
            ALTER TABLE runs ADD COLUMN notifications INTEGER;
            ALTER TABLE runs ADD COLUMN notifier_backlog_maximum REAL;
            ALTER TABLE class_results ADD COLUMN position INTEGER;
            ALTER TABLE class_results ADD COLUMN arrived INTEGER;
            ALTER TABLE class_results ADD COLUMN requeued INTEGER;
            ALTER TABLE class_results ADD COLUMN waiting_at_end INTEGER;
            ALTER TABLE class_results ADD COLUMN running_at_end INTEGER;
            ALTER TABLE class_results ADD COLUMN queue_wait_count INTEGER;
            ALTER TABLE class_results ADD COLUMN queue_wait_mean_us INTEGER;
            ALTER TABLE deployment_results ADD COLUMN position INTEGER;
            ALTER TABLE deployment_results ADD COLUMN min_replicas INTEGER;
            ALTER TABLE deployment_results ADD COLUMN scale_ups INTEGER;
            ALTER TABLE deployment_results ADD COLUMN scale_downs INTEGER;
            ALTER TABLE deployment_results ADD COLUMN oom_kills INTEGER;
            ALTER TABLE deployment_results ADD COLUMN pods_created INTEGER;
            UPDATE deployment_results SET mean_cpu_utilization = mean_cpu_utilization * 100,
                mean_memory_utilization = mean_memory_utilization * 100;
            ALTER TABLE series ADD COLUMN pods INTEGER;
            ALTER TABLE series ADD COLUMN pending_pods INTEGER;
            ALTER TABLE series ADD COLUMN terminating_pods INTEGER;
            UPDATE series SET cpu_utilization = cpu_utilization * 100,
                memory_utilization = memory_utilization * 100;
            ALTER TABLE scale_events ADD COLUMN deployment TEXT;
            ALTER TABLE task_records ADD COLUMN key TEXT;
            ALTER TABLE task_records ADD COLUMN run_time_us INTEGER;
            """)
    }

    /// The indexes a run file does without: it holds one run, so `run_id` selects every row.
    static let runFileDroppedIndexes = [
        "hpa_condition_sets_by_run", "hpa_syncs_by_run", "hpa_sync_metrics_by_run", "series_by_run",
    ]
}
