import Foundation
public import ClusterModel
public import HPAController
public import Store

/// Writes what a simulation reports into a run's staging file, as store rows.
///
/// **The model's values go into the rows unchanged**: a sync row keeps the controller's
/// recommendation, stabilized value, desired replicas, limiting reason and conditions, and
/// one metric row per spec metric with the aggregates its calculation used, so that
/// ``RunReplay`` can re-derive every normalization from the database.
public final class StoreRecorder: SimulationRecorder {
    let recorder: RunRecorder
    let detail: DetailLevel
    /// Few names (one per notifier deployment): an array compare is cheaper than hashing per row.
    let notifiers: [String]
    private var taskCount: Int64 = 0
    /// Each HPA's last condition rows (few HPAs: a scan beats hashing the name per sync). A sync
    /// mostly repeats its HPA's last conditions; reusing that array saves building one per sync
    /// and lets the recorder match it by identity.
    private var lastConditions: [(hpa: String, rows: [HPAConditionRow])] = []

    /// Records into `recorder`; `configuration` names the notifier deployments (whose series carry a backlog).
    public init(_ recorder: RunRecorder, configuration: SimulationConfiguration, detail: DetailLevel) {
        self.recorder = recorder
        self.detail = detail
        self.notifiers = configuration.deployments.compactMap { d in
            if case .notifier = d.role { return d.name } else { return nil }
        }
    }

    public func recordSync(hpa: String, decision: ScalingDecision, at time: SimTime) throws {
        recorder.record(Self.syncRow(hpa: hpa, decision: decision, at: time, conditions: conditionRows(hpa, decision)))
    }

    /// `decision`'s conditions as rows: the HPA's previous array when they are the same.
    private func conditionRows(_ hpa: String, _ decision: ScalingDecision) -> [HPAConditionRow] {
        let conditions = decision.conditions
        let slot = lastConditions.firstIndex { $0.hpa == hpa }
        if let slot {
            let last = lastConditions[slot].rows
            if last.count == conditions.count, zip(last, conditions).allSatisfy({ row, c in
                row.reason == c.reason && row.type == c.type.rawValue && row.status == c.status.rawValue
            }) { return last }
        }
        let rows = Self.conditionRows(conditions)
        if let slot { lastConditions[slot].rows = rows } else { lastConditions.append((hpa, rows)) }
        return rows
    }

    private static func conditionRows(_ conditions: [HorizontalPodAutoscalerCondition]) -> [HPAConditionRow] {
        conditions.map { HPAConditionRow(type: $0.type.rawValue, status: $0.status.rawValue, reason: $0.reason) }
    }

    public func recordScale(_ scale: ScaleRecord) throws {
        recorder.record(ScaleEventRow(time: scale.time, hpa: scale.hpa, fromReplicas: scale.from,
                                      toReplicas: scale.to, message: scale.message))
    }

    public func recordSeries(_ point: SeriesPoint) throws {
        recorder.record(SeriesRow(
            time: point.time, deployment: point.deployment, replicas: point.specReplicas, readyPods: point.readyPods,
            cpuUtilization: point.cpuUtilization, memoryUtilization: point.memoryUtilization,
            activeTasks: point.runningTasks, queueDepth: point.waitingTasks,
            notifierBacklog: notifiers.contains(point.deployment)
                ? Int32(clamping: Int64(point.notificationBacklog.rounded(.up))) : nil))
    }

    public func recordTask(_ task: TaskRecord) throws {
        taskCount += 1
        // `sampled` keeps one task in 16, chosen by a stable hash of its key (never by chance).
        if detail == .sampled, fnv1a64(task.key) % 16 != 0 { return }
        let outcome: TaskOutcome = switch task.outcome {
        case .completed: .completed
        case .timedOut: .timedOut
        case .interruptedByScaleDown: .interruptedByScaleDown
        case .interruptedByOOM: .interruptedByOOM
        }
        recorder.record(TaskRecordRow(taskID: taskCount, taskClass: task.taskClass, arrived: task.arrivedAt,
                                      started: task.startedAt, finished: task.endedAt, outcome: outcome,
                                      pod: task.pod, interruptions: 0))
    }

    /// Records the results rows of a finished run.
    public func recordResults(_ result: SimulationResult) {
        for c in result.classes {
            let waits = c.queueWait.count > 0
            recorder.record(ClassResultRow(
                taskClass: c.name, completed: Int64(c.completed), failed: Int64(c.failed), timedOut: Int64(c.timedOut),
                interruptedByScaleDown: Int64(c.interruptedByScaleDown), interruptedByOOM: Int64(c.interruptedByOOM),
                queueWaitP50: waits ? c.queueWait.p50 : nil, queueWaitP95: waits ? c.queueWait.p95 : nil,
                queueWaitP99: waits ? c.queueWait.p99 : nil, queueWaitMax: waits ? c.queueWait.max : nil))
        }
        for d in result.deployments {
            recorder.record(DeploymentResultRow(
                deployment: d.name, podHours: d.podHours, meanReplicas: d.meanReplicas, peakReplicas: d.maxReplicas,
                timeAtMaxReplicas: d.timeAtMaxReplicas, scaleEvents: Int64(d.scaleEvents), flaps: Int64(d.flaps),
                meanCPUUtilization: d.meanCPUUtilization, meanMemoryUtilization: d.meanMemoryUtilization,
                notifierBacklogMax: notifiers.contains(d.name)
                    ? Int64(result.notifierBacklogMaximum.rounded(.up)) : nil))
        }
    }

    /// The row of one sync: every stage of the decision, one metric row per spec metric.
    public static func syncRow(hpa: String, decision: ScalingDecision, at time: SimTime) -> HPASyncRow {
        syncRow(hpa: hpa, decision: decision, at: time, conditions: conditionRows(decision.conditions))
    }

    static func syncRow(hpa: String, decision: ScalingDecision, at time: SimTime,
                        conditions: [HPAConditionRow]) -> HPASyncRow {
        let recommendation = decision.metricDesiredReplicas.flatMap { $0 < 0 ? nil : $0 }
        let failure = decision.metricsFailure.map { "\($0.reason): \($0.message)" } ?? decision.syncError
        return HPASyncRow(
            time: time, hpa: hpa, currentReplicas: decision.currentReplicas, recommendation: recommendation,
            failure: failure, stabilized: decision.stabilizedReplicas, desiredReplicas: decision.desiredReplicas,
            limitingReason: decision.limitingReason?.rawValue,
            conditions: conditions,
            scaleUpdated: decision.scaleUpdated,
            metrics: (decision.metrics ?? []).map(metricRow))
    }

    static func metricRow(_ evaluation: MetricEvaluation) -> HPAMetricRow {
        let target = evaluation.target
        let calc = evaluation.proposal?.calculation
        let groups = calc?.podGroups
        let current: Double? = switch target?.type {
        case .utilization: evaluation.status.current.averageUtilization.map(Double.init)
        case .averageValue: evaluation.status.current.averageValue.map { Double($0) / 1000 }
        case .value: evaluation.status.current.value.map { Double($0) / 1000 }
        case nil: nil
        }
        let targetValue: Double = switch target?.type {
        case .utilization: Double(target?.averageUtilization ?? 0)
        case .averageValue: target?.averageValue?.doubleValue ?? 0
        case .value: target?.value?.doubleValue ?? 0
        case nil: 0
        }
        return HPAMetricRow(
            metricType: evaluation.spec.type.rawValue, metricName: evaluation.spec.displayName,
            targetType: target?.type.rawValue ?? "", target: targetValue, current: current,
            proposal: evaluation.proposal?.replicas,
            readyPods: Int32(clamping: groups?.readyCount ?? calc?.readyPodCount ?? 0),
            unreadyPods: Int32(clamping: groups?.unreadyCount ?? 0),
            missingPods: Int32(clamping: groups?.missingCount ?? 0),
            ignoredPods: Int32(clamping: groups?.ignoredCount ?? 0),
            usageMilliSum: calc?.usageSum, requestMilliSum: calc?.requestSum,
            ratio: calc?.rebalancedRatio ?? calc?.usageRatio,
            error: evaluation.failure.map { "\($0.reason): \($0.message)" })
    }
}

extension MetricSpec {
    /// `cpu`, `memory`, `active_tasks`, ...: the name a user recognises in `kubectl describe hpa`.
    var displayName: String {
        resource?.name ?? containerResource.map { "\($0.container)/\($0.name)" } ?? pods?.metric.name
            ?? object?.metric.name ?? external?.metric.name ?? type.rawValue
    }
}
