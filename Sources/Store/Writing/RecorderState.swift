/// What a ``RunRecorder`` holds between flushes, in one value: each record call is one access
/// to it (a class's stored properties are each checked for exclusive access at run time).
///
/// Rows are kept as plain numbers (``RowBatch/SyncEntry``, ``RowBatch/MetricEntry``): the few
/// strings a sync may carry (a limiting reason, a failure, a metric's error) are numbered, so
/// copying an entry retains nothing.
struct RecorderState {
    var batch: RowBatch
    /// Set once a background batch failed: later rows are dropped (the error is thrown by `commit`).
    var stopped = false
    /// The run-wide number of the next `hpa_metrics` row.
    var nextHPAMetric: Int64 = 0
    /// Each HPA's name and metrics by index as first recorded, by ``RecordedHPA`` number.
    var hpaNames: [String] = []
    var hpaMetrics: [[HPAMetricDefinition]] = []
    /// The deployments' names, by ``RecordedDeployment`` number.
    var deploymentNames: [String] = []
    /// Limiting reasons seen, by number (few: `DesiredWithinRange`, `ScaleUpLimit`, ...).
    var reasons: [String] = []
    /// Each distinct condition list recorded, by its run-wide number; the last few looked up.
    var conditionSets: [[HPAConditionRow]: Int64] = [:]
    var recentConditionSets: [(conditions: [HPAConditionRow], n: Int64)] = []

    init(run: Int64) { batch = RowBatch(run: run) }

    mutating func appendSeries(_ deployment: RecordedDeployment, _ sample: SeriesSample) {
        batch.series.append(RowBatch.SeriesEntry(
            time: sample.time.microseconds, cpuUtilization: sample.cpuUtilization ?? .nan,
            memoryUtilization: sample.memoryUtilization ?? .nan, deployment: deployment.index,
            replicas: sample.replicas, readyPods: sample.readyPods, activeTasks: sample.activeTasks,
            queueDepth: sample.queueDepth, notifierBacklog: sample.notifierBacklog ?? .min))
        batch.count += 1
    }

    mutating func hpa(named name: String) -> RecordedHPA {
        if let index = hpaNames.firstIndex(of: name) { return RecordedHPA(index: Int32(index)) }
        hpaNames.append(name)
        hpaMetrics.append([])
        return RecordedHPA(index: Int32(hpaNames.count - 1))
    }

    mutating func deployment(named name: String) -> RecordedDeployment {
        if let index = deploymentNames.firstIndex(of: name) { return RecordedDeployment(index: Int32(index)) }
        deploymentNames.append(name)
        return RecordedDeployment(index: Int32(deploymentNames.count - 1))
    }

    /// Syncs mostly repeat a recent list, so a short scan by equality comes before hashing.
    mutating func conditionSet(_ conditions: [HPAConditionRow]) -> ConditionSetID {
        if let hit = recentConditionSets.first(where: { $0.conditions == conditions }) { return ConditionSetID(n: hit.n) }
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
        return ConditionSetID(n: n)
    }

    /// The number of `reason` (the strings come from a few enum cases: a scan, identical
    /// storage first).
    mutating func reason(_ reason: String?) -> Int32 {
        guard let reason else { return -1 }
        if let index = reasons.firstIndex(of: reason) { return Int32(index) }
        reasons.append(reason)
        return Int32(reasons.count - 1)
    }

    /// Appends a sync and its metrics; the error to fail the run with, if the sync cannot be stored.
    mutating func appendSync(_ hpa: RecordedHPA, _ sync: HPASyncSample, conditions: ConditionSetID, metricCount: Int,
                             definition: (Int) -> HPAMetricDefinition, metric: (Int) -> HPAMetricSample,
                             error: (Int) -> String?) -> String? {
        let h = Int(hpa.index)
        guard metricCount <= RowKey.metricsPerSync else {
            return "\(hpaNames[h]) has \(metricCount) metrics; at most \(RowKey.metricsPerSync) are stored"
        }
        while hpaMetrics[h].count < metricCount {
            let index = hpaMetrics[h].count, metric = definition(index)
            hpaMetrics[h].append(metric)
            batch.hpaMetrics.append((nextHPAMetric, hpaNames[h], index, metric))
            nextHPAMetric += 1
            batch.count += 1
        }
        batch.syncs.append(RowBatch.SyncEntry(
            time: sync.time.microseconds, conditions: Int32(truncatingIfNeeded: conditions.n), hpa: hpa.index,
            metricCount: Int32(metricCount), currentReplicas: sync.currentReplicas,
            recommendation: sync.recommendation ?? .min, stabilized: sync.stabilized ?? .min,
            desiredReplicas: sync.desiredReplicas, limitingReason: reason(sync.limitingReason),
            failure: batch.text(sync.failure), scaleUpdated: sync.scaleUpdated))
        for i in 0..<metricCount {
            let m = metric(i)
            batch.metrics.append(RowBatch.MetricEntry(
                current: m.current ?? .nan, ratio: m.ratio ?? .nan, usageMilliSum: m.usageMilliSum ?? .min,
                requestMilliSum: m.requestMilliSum ?? .min, proposal: m.proposal ?? .min, readyPods: m.readyPods,
                unreadyPods: m.unreadyPods, missingPods: m.missingPods, ignoredPods: m.ignoredPods,
                error: m.proposal == nil ? batch.text(error(i)) : -1))
        }
        batch.count += 1 + metricCount
        return nil
    }
}
