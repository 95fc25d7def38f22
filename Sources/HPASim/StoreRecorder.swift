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
    /// Each HPA's number in the recorder, its last conditions and its metrics' target types (few
    /// HPAs: a scan beats hashing the name per sync). A sync mostly repeats its HPA's last
    /// conditions, so they are compared field by field and turned into rows only when they change.
    private final class HPAState {
        let name: String
        let recorded: RecordedHPA
        /// The last conditions as stored (type, status, reason), and as rows.
        private var conditions: [(HorizontalPodAutoscalerConditionType, ConditionStatus, String)] = []
        private(set) var conditionRows: [HPAConditionRow] = []
        var conditionSet: ConditionSetID
        /// Each metric's target type, by index (an HPA's spec does not change within a run).
        var targetTypes: [MetricTargetType?] = []
        init(name: String, recorded: RecordedHPA, conditionSet: ConditionSetID) {
            self.name = name
            self.recorded = recorded
            self.conditionSet = conditionSet
        }

        /// Whether `new` are the last conditions, compared as stored (type, status, reason).
        func hasConditions(_ new: [HorizontalPodAutoscalerCondition]) -> Bool {
            conditions.count == new.count && zip(conditions, new).allSatisfy { old, c in
                old.0 == c.type && old.1 == c.status && old.2 == c.reason
            }
        }

        func setConditions(_ new: [HorizontalPodAutoscalerCondition]) {
            conditions = new.map { ($0.type, $0.status, $0.reason) }
            conditionRows = StoreRecorder.conditionRows(new)
        }
    }
    private var hpas: [HPAState] = []
    /// Each deployment's number in the recorder and whether it is a notifier, by its index in the configuration.
    private let deployments: [(recorded: RecordedDeployment, notifier: Bool)]

    /// Records into `recorder`; `configuration` names the notifier deployments (whose series carry a backlog).
    public init(_ recorder: RunRecorder, configuration: SimulationConfiguration, detail: DetailLevel) {
        self.recorder = recorder
        self.detail = detail
        let notifiers = configuration.deployments.compactMap { d in
            if case .notifier = d.role { return d.name } else { return nil }
        }
        self.notifiers = notifiers
        self.deployments = configuration.deployments.map { (recorder.deployment(named: $0.name), notifiers.contains($0.name)) }
    }

    public func recordSync(hpa: String, decision: ScalingDecision, at time: SimTime) throws {
        let state = hpaState(hpa)
        if !state.hasConditions(decision.status.conditions) {
            state.setConditions(decision.status.conditions)
            state.conditionSet = recorder.conditionSet(state.conditionRows)
        }
        let metrics = decision.metrics ?? []
        while state.targetTypes.count < metrics.count {
            state.targetTypes.append(metrics[state.targetTypes.count].target?.type)
        }
        let targetTypes = state.targetTypes
        metrics.withUnsafeBufferPointer { evaluations in
            recorder.recordSync(state.recorded, Self.syncSample(decision, at: time), conditions: state.conditionSet,
                                metricCount: evaluations.count,
                                definition: { Self.metricDefinition(evaluations[$0]) },
                                metric: { Self.metricSample(evaluations, $0, targetType: targetTypes[$0]) },
                                error: { Self.metricError(evaluations[$0]) })
        }
    }

    /// The state of `hpa`, made on its first sync.
    private func hpaState(_ hpa: String) -> HPAState {
        if let state = hpas.first(where: { $0.name == hpa }) { return state }
        let state = HPAState(name: hpa, recorded: recorder.hpa(named: hpa), conditionSet: recorder.conditionSet([]))
        hpas.append(state)
        return state
    }

    private static func conditionRows(_ conditions: [HorizontalPodAutoscalerCondition]) -> [HPAConditionRow] {
        conditions.map { HPAConditionRow(type: $0.type.rawValue, status: $0.status.rawValue, reason: $0.reason) }
    }

    public func recordScale(_ scale: ScaleRecord) throws {
        recorder.record(ScaleEventRow(time: scale.time, hpa: scale.hpa, fromReplicas: scale.from,
                                      toReplicas: scale.to, message: scale.message))
    }

    public func recordSeries(_ point: SeriesPoint) throws {
        let slot = point.deploymentIndex
        recorder.recordSeries(deployments[slot].recorded, SeriesSample(
            time: point.time, replicas: point.specReplicas, readyPods: point.readyPods,
            cpuUtilization: point.cpuUtilization, memoryUtilization: point.memoryUtilization,
            activeTasks: point.runningTasks, queueDepth: point.waitingTasks,
            notifierBacklog: deployments[slot].notifier
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

    public func recordPod(_ pod: PodPoint) throws {
        // `sampled` keeps one pod in 16, chosen by a stable hash of its name (never by chance),
        // with all of its samples.
        if detail == .sampled, fnv1a64(pod.pod) % 16 != 0 { return }
        recorder.record(PodSampleRow(time: pod.time, deployment: pod.deployment, pod: pod.pod, phase: pod.status,
                                     ready: pod.ready, cpuMillicores: pod.cpuMillicores, memoryBytes: pod.memoryBytes,
                                     activeTasks: pod.tasks))
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
        let sample = syncSample(decision, at: time)
        return HPASyncRow(
            time: time, hpa: hpa, currentReplicas: sample.currentReplicas, recommendation: sample.recommendation,
            failure: sample.failure, stabilized: sample.stabilized, desiredReplicas: sample.desiredReplicas,
            limitingReason: sample.limitingReason, conditions: conditionRows(decision.conditions),
            scaleUpdated: sample.scaleUpdated,
            metrics: (decision.metrics ?? []).indices.map { i in
                let evaluations = decision.metrics ?? []
                let d = metricDefinition(evaluations[i])
                let m = evaluations.withUnsafeBufferPointer { metricSample($0, i, targetType: evaluations[i].target?.type) }
                return HPAMetricRow(
                    metricType: d.metricType, metricName: d.metricName, targetType: d.targetType, target: d.target,
                    current: m.current, proposal: m.proposal, readyPods: m.readyPods, unreadyPods: m.unreadyPods,
                    missingPods: m.missingPods, ignoredPods: m.ignoredPods, usageMilliSum: m.usageMilliSum,
                    requestMilliSum: m.requestMilliSum, ratio: m.ratio, error: metricError(evaluations[i]))
            })
    }

    /// The sync's stages: the recommendation (max over metrics), the stabilized and desired replicas.
    static func syncSample(_ decision: ScalingDecision, at time: SimTime) -> HPASyncSample {
        let recommendation = decision.metricDesiredReplicas.flatMap { $0 < 0 ? nil : $0 }
        let failure = decision.metricsFailure.map { "\($0.reason): \($0.message)" } ?? decision.syncError
        return HPASyncSample(
            time: time, currentReplicas: decision.currentReplicas, recommendation: recommendation,
            failure: failure, stabilized: decision.stabilizedReplicas, desiredReplicas: decision.desiredReplicas,
            limitingReason: decision.limitingReason?.rawValue, scaleUpdated: decision.scaleUpdated)
    }

    /// What the metric is: type, name, target (in the target's units).
    static func metricDefinition(_ evaluation: borrowing MetricEvaluation) -> HPAMetricDefinition {
        let target = evaluation.target
        let targetValue: Double = switch target?.type {
        case .utilization: Double(target?.averageUtilization ?? 0)
        case .averageValue: target?.averageValue?.doubleValue ?? 0
        case .value: target?.value?.doubleValue ?? 0
        case nil: 0
        }
        return HPAMetricDefinition(metricType: evaluation.spec.type.rawValue, metricName: evaluation.spec.displayName,
                                   targetType: target?.type.rawValue ?? "", target: targetValue)
    }

    /// Why the metric failed (`Reason: message`), or nil.
    static func metricError(_ evaluation: borrowing MetricEvaluation) -> String? {
        evaluation.failure.map { "\($0.reason): \($0.message)" }
    }

    /// What the metric saw at this sync, and the aggregates its calculation used.
    /// (Through a buffer, so the evaluation is read in place: copying one retains a dozen references.)
    static func metricSample(_ evaluations: UnsafeBufferPointer<MetricEvaluation>, _ index: Int,
                             targetType: MetricTargetType?) -> HPAMetricSample {
        let seen = evaluations[index].status.current
        let current: Double?
        switch targetType {
        case .utilization: current = seen.averageUtilization.map(Double.init)
        case .averageValue: current = seen.averageValue.map { Double($0) / 1000 }
        case .value: current = seen.value.map { Double($0) / 1000 }
        case nil: current = nil
        }
        guard let numbers = evaluations[index].aggregates else { return HPAMetricSample(current: current, proposal: nil) }
        return HPAMetricSample(
            current: current, proposal: numbers.replicas,
            readyPods: Int32(clamping: numbers.readyPods), unreadyPods: Int32(clamping: numbers.unreadyPods),
            missingPods: Int32(clamping: numbers.missingPods), ignoredPods: Int32(clamping: numbers.ignoredPods),
            usageMilliSum: numbers.usageSum, requestMilliSum: numbers.requestSum, ratio: numbers.ratio)
    }
}

extension MetricSpec {
    /// `cpu`, `memory`, `active_tasks`, ...: the name a user recognises in `kubectl describe hpa`.
    var displayName: String {
        resource?.name ?? containerResource.map { "\($0.container)/\($0.name)" } ?? pods?.metric.name
            ?? object?.metric.name ?? external?.metric.name ?? type.rawValue
    }
}
