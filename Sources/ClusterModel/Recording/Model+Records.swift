import SimTime
import Quantities
import HPAController
import RunRecords

/// What the model keeps per HPA to emit its sync records cheaply: the metric definitions (the
/// same every sync), the last conditions (mostly repeated), and a buffer of metric samples
/// overwritten in place each sync (the recorder copies what it keeps before the next one).
struct SyncRecordState {
    var definitions: [MetricDefinition] = []
    var conditions: [SyncCondition] = []
    var samples: [MetricSample] = []
}

extension Model {
    /// The record of one sync of HPA `a`, from the controller's decision.
    mutating func syncRecord(autoscaler a: Int, _ decision: borrowing ScalingDecision, at now: SimTime) -> SyncRecord {
        var state = autoscalers[a].records
        autoscalers[a].records = SyncRecordState()   // taken out, so its arrays stay unique
        let evaluations = decision.metrics ?? []
        while state.definitions.count < evaluations.count {
            state.definitions.append(Self.definition(evaluations[state.definitions.count]))
        }
        // Compared field by field in place (copying a condition retains its message).
        var sameConditions = state.conditions.count == decision.status.conditions.count
        if sameConditions {
            for i in state.conditions.indices where state.conditions[i].type != decision.status.conditions[i].type
                || state.conditions[i].status != decision.status.conditions[i].status
                || state.conditions[i].reason != decision.status.conditions[i].reason {
                sameConditions = false
                break
            }
        }
        if !sameConditions {
            state.conditions = decision.status.conditions.map { SyncCondition(type: $0.type, status: $0.status, reason: $0.reason) }
        }
        state.samples.removeAll(keepingCapacity: true)
        evaluations.withUnsafeBufferPointer { buffer in
            for i in buffer.indices {
                state.samples.append(Self.sample(buffer, i, targetType: state.definitions[i].targetType))
            }
        }
        let recommendation = decision.metricDesiredReplicas.flatMap { $0 < 0 ? nil : $0 }
        let failure = decision.metricsFailure.map { "\($0.reason.rawValue): \($0.message)" } ?? decision.syncError
        let record = SyncRecord(
            time: now, hpa: autoscalers[a].hpa.name, currentReplicas: decision.currentReplicas,
            recommendation: recommendation, failure: failure, stabilized: decision.stabilizedReplicas,
            desiredReplicas: decision.desiredReplicas, limitingReason: decision.limitingReason,
            scaleUpdated: decision.scaleUpdated, conditions: state.conditions,
            metricDefinitions: state.definitions, metrics: state.samples)
        autoscalers[a].records = state
        return record
    }

    /// What the metric is: type, name, target (in the target's units).
    static func definition(_ evaluation: borrowing MetricEvaluation) -> MetricDefinition {
        let target = evaluation.target
        let value: Double = switch target?.type {
        case .utilization: Double(target?.averageUtilization ?? 0)
        case .averageValue: target?.averageValue?.doubleValue ?? 0
        case .value: target?.value?.doubleValue ?? 0
        case nil: 0
        }
        return MetricDefinition(metricType: evaluation.spec.type, metricName: evaluation.spec.displayName,
                                targetType: target?.type ?? .value, target: value)
    }

    /// What metric `index` saw at this sync, and the aggregates its calculation used (read in
    /// place: copying an evaluation retains a dozen references).
    static func sample(_ evaluations: UnsafeBufferPointer<MetricEvaluation>, _ index: Int,
                       targetType: MetricTargetType) -> MetricSample {
        let seen = evaluations[index].status.current
        let current: Double? = switch targetType {
        case .utilization: seen.averageUtilization.map(Double.init)
        case .averageValue: seen.averageValue.map { Double($0) / 1000 }
        case .value: seen.value.map { Double($0) / 1000 }
        }
        let error = evaluations[index].failure.map { "\($0.reason.rawValue): \($0.message)" }
        guard let numbers = evaluations[index].aggregates else {
            return MetricSample(current: current, proposal: nil, error: error)
        }
        return MetricSample(
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
