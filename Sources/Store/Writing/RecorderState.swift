import RunRecords

/// What a ``RunRecorder`` holds between flushes, in one value: each record call is one access
/// to it (a class's stored properties are each checked for exclusive access at run time).
///
/// Rows are kept as plain numbers (``RowBatch/SyncEntry``, ``RowBatch/MetricEntry``): the few
/// strings a sync may carry (a limiting reason, a failure, a metric's error) are numbered, so
/// copying an entry retains nothing.
struct RecorderState {
    var batch: RowBatch
    /// The run-wide figures of ``RunRecorder/recordResults(_:notifiers:)``, written on the `runs` row at commit.
    var runFigures: (events: Int64, notifications: Int64, backlogMaximum: Double)?
    /// Set once a background batch failed: later rows are dropped (the error is thrown by `commit`).
    var stopped = false
    /// The run-wide number of the next `hpa_metrics` row.
    var nextHPAMetric: Int64 = 0
    /// Each HPA's name and metrics by index as first recorded, by ``RecordedHPA`` number.
    var hpaNames: [String] = []
    var hpaMetrics: [[MetricDefinition]] = []
    /// Each HPA's last condition list and its number (a sync mostly repeats its HPA's last).
    var hpaConditions: [(conditions: [SyncCondition], set: ConditionSetID)] = []
    /// The deployments' names, by ``RecordedDeployment`` number.
    var deploymentNames: [String] = []
    /// Limiting reasons seen, by number (few: `DesiredWithinRange`, `ScaleUpLimit`, ...).
    var reasons: [String] = []
    /// Each distinct condition list recorded, by its run-wide number; the last few looked up.
    var conditionSets: [[SyncCondition]: Int64] = [:]
    var recentConditionSets: [(conditions: [SyncCondition], n: Int64)] = []

    init(run: Int64) { batch = RowBatch(run: run) }

    mutating func appendSeries(_ point: SeriesPoint) {
        let deployment = deployment(named: point.deployment)
        batch.series.append(RowBatch.SeriesEntry(
            time: point.time.microseconds, cpuUtilization: point.cpuUtilization?.percent ?? .nan,
            memoryUtilization: point.memoryUtilization?.percent ?? .nan, deployment: deployment.index,
            replicas: point.replicas, pods: point.pods, readyPods: point.readyPods, pendingPods: point.pendingPods,
            terminatingPods: point.terminatingPods, activeTasks: point.activeTasks,
            queueDepth: point.queueDepth, notifierBacklog: point.notifierBacklog ?? .min))
        batch.count += 1
    }

    mutating func hpa(named name: String) -> RecordedHPA {
        if let index = hpaNames.firstIndex(of: name) { return RecordedHPA(index: Int32(index)) }
        hpaNames.append(name)
        hpaMetrics.append([])
        hpaConditions.append(([], conditionSet([])))
        return RecordedHPA(index: Int32(hpaNames.count - 1))
    }

    mutating func deployment(named name: String) -> RecordedDeployment {
        if let index = deploymentNames.firstIndex(of: name) { return RecordedDeployment(index: Int32(index)) }
        deploymentNames.append(name)
        return RecordedDeployment(index: Int32(deploymentNames.count - 1))
    }

    /// Syncs mostly repeat a recent list, so a short scan by equality comes before hashing.
    mutating func conditionSet(_ conditions: [SyncCondition]) -> ConditionSetID {
        if let hit = recentConditionSets.first(where: { $0.conditions == conditions }) { return ConditionSetID(n: hit.n) }
        let n: Int64
        if let known = conditionSets[conditions] {
            n = known
        } else {
            n = Int64(conditionSets.count)
            conditionSets[conditions] = n
            batch.conditionSets.append((n, ConditionText.encode(conditions)))
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
    mutating func appendSync(_ sync: SyncRecord) -> String? {
        let hpa = hpa(named: sync.hpa), h = Int(hpa.index)
        let metricCount = sync.metrics.count
        guard metricCount <= RowKey.metricsPerSync else {
            return "\(hpaNames[h]) has \(metricCount) metrics; at most \(RowKey.metricsPerSync) are stored"
        }
        guard sync.metricDefinitions.count >= metricCount else {
            return "\(hpaNames[h]) at \(sync.time): \(metricCount) metrics, \(sync.metricDefinitions.count) definitions"
        }
        // What each metric is, stored once per HPA and index. A recorder passes the same array
        // sync after sync, which compares equal at once (same buffer); a new list is checked
        // against what was stored, then kept.
        if hpaMetrics[h] != sync.metricDefinitions {
            let known = hpaMetrics[h]
            if let differing = zip(known, sync.metricDefinitions).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
                return "\(hpaNames[h]) at \(sync.time): metric \(differing.offset) differs from the one stored first"
            }
            for index in known.count..<max(known.count, sync.metricDefinitions.count) {
                batch.hpaMetrics.append((nextHPAMetric, hpaNames[h], index, sync.metricDefinitions[index]))
                nextHPAMetric += 1
                batch.count += 1
            }
            if sync.metricDefinitions.count >= known.count { hpaMetrics[h] = sync.metricDefinitions }
        }
        if hpaConditions[h].conditions != sync.conditions {
            hpaConditions[h] = (sync.conditions, conditionSet(sync.conditions))
        }
        batch.syncs.append(RowBatch.SyncEntry(
            time: sync.time.microseconds, conditions: Int32(truncatingIfNeeded: hpaConditions[h].set.n), hpa: hpa.index,
            metricCount: Int32(metricCount), currentReplicas: sync.currentReplicas,
            recommendation: sync.recommendation ?? .min, stabilized: sync.stabilized ?? .min,
            desiredReplicas: sync.desiredReplicas, limitingReason: reason(sync.limitingReason?.rawValue),
            failure: batch.text(sync.failure), scaleUpdated: sync.scaleUpdated))
        for m in sync.metrics {
            batch.metrics.append(RowBatch.MetricEntry(
                current: m.current ?? .nan, ratio: m.ratio ?? .nan, usageMilliSum: m.usageMilliSum ?? .min,
                requestMilliSum: m.requestMilliSum ?? .min, proposal: m.proposal ?? .min, readyPods: m.readyPods,
                unreadyPods: m.unreadyPods, missingPods: m.missingPods, ignoredPods: m.ignoredPods,
                error: m.proposal == nil ? batch.text(m.error) : -1))
        }
        batch.count += 1 + metricCount
        return nil
    }
}
