public import HPAController
import RunRecords
import Quantities

/// The HPA KEDA creates for a ScaledObject (`controllers/keda/hpa.go`).
extension ScaledObject {
    /// The label every External metric's selector carries, and every ScaledObject has.
    public static let nameLabel = "scaledobject.keda.sh/name"

    /// The redis trigger at `index`, parsed (nil for other trigger types).
    public func redisTrigger(at index: Int) throws(KEDAReconcileError) -> RedisListTrigger? {
        guard triggers.indices.contains(index), triggers[index].type == "redis" else { return nil }
        return try RedisListTrigger(metadata: triggers[index].metadata)
    }

    /// The External metric of each trigger, in trigger order, with its parsed redis metadata.
    ///
    /// - Throws: ``KEDAReconcileError`` for an unknown trigger type (`no scaler found for type: <t>`),
    ///   bad metadata, or a `metricType` an External metric cannot have.
    public func metrics() throws(KEDAReconcileError) -> [(spec: MetricSpec, trigger: RedisListTrigger)] {
        var result: [(spec: MetricSpec, trigger: RedisListTrigger)] = []
        for (i, trigger) in triggers.enumerated() {
            guard trigger.type == "redis" else {
                // Only the redis (lists) scaler is modelled; KEDA's builder rejects unknown types
                // with this message (pkg/scaling/scalers_builder.go).
                if Self.knownUnmodelledTypes.contains(trigger.type) {
                    throw KEDAReconcileError("the \(trigger.type) scaler is not modelled by hpa-sim (only redis is)",
                                             field: "spec.triggers[\(i)].type")
                }
                throw KEDAReconcileError("no scaler found for type: \(trigger.type)", field: "spec.triggers[\(i)].type")
            }
            let redis: RedisListTrigger
            do { redis = try RedisListTrigger(metadata: trigger.metadata) } catch {
                throw KEDAReconcileError(error.message, field: "spec.triggers[\(i)]" + (error.field.map { "." + $0 } ?? ""))
            }
            let type: MetricTargetType
            switch trigger.metricType ?? "" {
            case "", "AverageValue": type = .averageValue
            case "Value": type = .value
            case "Utilization":
                throw KEDAReconcileError("'Utilization' metric type is unsupported for external metrics, allowed values are 'Value' or 'AverageValue'",
                                         field: "spec.triggers[\(i)].metricType")
            case let other:
                throw KEDAReconcileError("unknown metric type: \(other)", field: "spec.triggers[\(i)].metricType")
            }
            let target = Quantity(milliValue: redis.listLength.multipliedReportingOverflow(by: 1000).overflow
                                  ? (redis.listLength < 0 ? .min : .max) : redis.listLength * 1000)
            let metric = MetricIdentifier(name: redis.metricName(index: i),
                                          selector: LabelSelector(matchLabels: [Self.nameLabel: name]))
            let spec = MetricSpec(type: .external, external: ExternalMetricSource(
                metric: metric, target: type == .averageValue ? .averageValue(target) : .value(target)))
            result.append((spec, redis))
        }
        return result
    }

    /// Trigger types KEDA has that the simulator does not model (a clear message instead of KEDA's "no scaler found").
    static let knownUnmodelledTypes = ["cpu", "memory", "cron", "prometheus", "rabbitmq", "kafka", "aws-sqs-queue",
                                       "redis-streams", "redis-cluster", "redis-sentinel", "external", "metrics-api"]

    /// The HPA KEDA creates: name, bounds, behavior (with the pause annotations' `Disabled`),
    /// one External metric per trigger; validated as the API server validates an HPA.
    ///
    /// - Throws: ``KEDAReconcileError`` when KEDA would not create it.
    public func generatedHPA() throws(KEDAReconcileError) -> HorizontalPodAutoscaler {
        let metrics = try metrics()
        var behavior = horizontalPodAutoscalerConfig?.behavior
        let pause = self.pause
        if pause.pausedScaleIn || pause.pausedScaleOut {
            // hpa.go creates behavior when nil, which moves the HPA off legacy normalization.
            var b = behavior ?? HorizontalPodAutoscalerBehavior()
            if pause.pausedScaleIn {
                var rules = b.scaleDown ?? HPAScalingRules()
                rules.selectPolicy = .disabled
                b.scaleDown = rules
            }
            if pause.pausedScaleOut {
                var rules = b.scaleUp ?? HPAScalingRules()
                rules.selectPolicy = .disabled
                b.scaleUp = rules
            }
            behavior = b
        }
        let ref = CrossVersionObjectReference(apiVersion: scaleTargetRef.apiVersion.isEmpty ? "apps/v1" : scaleTargetRef.apiVersion,
                                              kind: scaleTargetRef.kind.isEmpty ? "Deployment" : scaleTargetRef.kind,
                                              name: scaleTargetRef.name)
        let hpa = HorizontalPodAutoscaler(
            name: hpaName, namespace: namespace,
            spec: HorizontalPodAutoscalerSpec(scaleTargetRef: ref, minReplicas: hpaMinReplicas,
                                              maxReplicas: effectiveMaxReplicaCount,
                                              metrics: metrics.map(\.spec), behavior: behavior))
        // The API server's validation of the metrics KEDA writes
        // (pkg/apis/autoscaling/validation/validation.go: validateMetricTarget).
        for (i, m) in hpa.spec.metrics.enumerated() {
            guard let target = m.external?.target else { continue }
            let (field, q) = target.type == .averageValue ? ("averageValue", target.averageValue) : ("value", target.value)
            if let q, q.sign <= 0 {
                throw KEDAReconcileError("HorizontalPodAutoscaler.autoscaling \"\(hpa.name)\" is invalid: "
                                         + "spec.metrics[\(i)].external.target.\(field): Invalid value: \"\(q.text)\": must be positive",
                                         field: "spec.triggers[\(i)].metadata.listLength")
            }
        }
        return hpa
    }

    /// The labels of the generated HPA: KEDA's `app.kubernetes.io/*` plus the ScaledObject's
    /// (which win on a clash) minus `scaledobject.keda.sh/hpa-excluded-labels`.
    public var generatedHPALabels: [String: String] {
        var labels: [String: String] = [
            "app.kubernetes.io/name": String(hpaName.prefix(63)),
            "app.kubernetes.io/version": "2.20.2",
            "app.kubernetes.io/part-of": name,
            "app.kubernetes.io/managed-by": "keda-operator",
            Self.nameLabel: name,
        ]
        let excluded = (annotations["scaledobject.keda.sh/hpa-excluded-labels"] ?? "")
            .split(separator: ",").map { String($0).trimmingGoSpace() }
        for key in self.labels.keys.sorted() where !excluded.contains(key) { labels[key] = self.labels[key] }
        return labels
    }
}
