/// What the API server (CRD schema and CEL rule) and KEDA's admission webhook
/// (`apis/keda/v1alpha1/scaledobject_webhook.go`) refuse, in their words, and what the
/// operator refuses at reconcile time.
///
/// The webhook iterates a Go map of checks, so which of several failures KEDA reports
/// first varies between requests; here every failure is reported, in a fixed order.
extension ScaledObject {
    /// An object the webhook compares against: another HPA or ScaledObject in the namespace.
    public struct Neighbour: Hashable, Sendable {
        public enum Kind: Hashable, Sendable { case hpa, scaledObject(hpaName: String) }
        public var kind: Kind
        public var name: String
        public var namespace: String
        /// The workload it scales (`scaleTargetRef`), kind and name.
        public var targetKind: String
        public var targetName: String
        public init(kind: Kind, name: String, namespace: String, targetKind: String, targetName: String) {
            self.kind = kind; self.name = name; self.namespace = namespace
            self.targetKind = targetKind; self.targetName = targetName
        }
    }

    static let labelValueLimit = 63
    static let transferOwnershipAnnotation = "scaledobject.keda.sh/transfer-hpa-ownership"

    /// Every problem of the first stage that refuses the object: the schema, else the
    /// webhook, else what the operator finds at reconcile time.
    public func problems(neighbours: [Neighbour] = []) -> [ScaledObjectProblem] {
        // The API server refuses a schema violation before the webhook sees the object.
        let schema = schemaProblems()
        if !schema.isEmpty { return schema }
        let admission = admissionProblems(neighbours: neighbours)
        if !admission.isEmpty { return admission }
        do { _ = try generatedHPA() } catch {
            return [ScaledObjectProblem(.reconcile, field: error.field ?? "spec.triggers", error.message)]
        }
        return []
    }

    /// The CRD's OpenAPI markers and CEL rule (`keda.sh_scaledobjects.yaml`).
    public func schemaProblems() -> [ScaledObjectProblem] {
        var out: [ScaledObjectProblem] = []
        func minimum(_ value: Int32?, _ field: String, _ bound: Int32) {
            guard let value, value < bound else { return }
            out.append(ScaledObjectProblem(.schema, field: field,
                                           "\(field): Invalid value: \(value): \(field) in body should be greater than or equal to \(bound)"))
        }
        minimum(pollingInterval, "spec.pollingInterval", 1)
        minimum(cooldownPeriod, "spec.cooldownPeriod", 0)
        minimum(initialCooldownPeriod, "spec.initialCooldownPeriod", 0)
        minimum(idleReplicaCount, "spec.idleReplicaCount", 0)
        minimum(minReplicaCount, "spec.minReplicaCount", 0)
        minimum(maxReplicaCount, "spec.maxReplicaCount", 1)
        if let fallback {
            minimum(fallback.failureThreshold, "spec.fallback.failureThreshold", 0)
            minimum(fallback.replicas, "spec.fallback.replicas", 0)
        }
        if scaleTargetRef.name.isEmpty {
            out.append(ScaledObjectProblem(.schema, field: "spec.scaleTargetRef.name", "spec.scaleTargetRef.name: Required value"))
        }
        if triggers.isEmpty {
            out.append(ScaledObjectProblem(.schema, field: "spec.triggers",
                                           "spec.triggers: Invalid value: 0: spec.triggers in body should have at least 1 items"))
        }
        for (i, t) in triggers.enumerated() where t.type.isEmpty {
            out.append(ScaledObjectProblem(.schema, field: "spec.triggers[\(i)].type", "spec.triggers[\(i)].type: Required value"))
        }
        if let min = minReplicaCount, min > effectiveMaxReplicaCount {
            out.append(ScaledObjectProblem(.schema, field: "spec.minReplicaCount",
                                           "spec: Invalid value: \"object\": minReplicaCount must be less than or equal to maxReplicaCount"))
        }
        return out
    }

    /// The admission webhook's checks (`validateWorkload`), each in KEDA's words.
    public func admissionProblems(neighbours: [Neighbour] = []) -> [ScaledObjectProblem] {
        var out: [ScaledObjectProblem] = []
        func deny(_ field: String, _ message: String) { out.append(ScaledObjectProblem(.admission, field: field, message)) }
        // verifyReplicaCount (CheckReplicaCountBoundsAreValid): an explicit min of 0 counts as 1 against max.
        let minForMax = max(minReplicaCount ?? 0, 1)
        if minReplicaCount != nil, minForMax > effectiveMaxReplicaCount {
            deny("spec.minReplicaCount", "MinReplicaCount=\(minForMax) must be less than MaxReplicaCount=\(effectiveMaxReplicaCount)")
        }
        if let idle = idleReplicaCount, idle >= (minReplicaCount ?? 0) {
            deny("spec.idleReplicaCount", "IdleReplicaCount=\(idle) must be less than MinReplicaCount=\(minReplicaCount ?? 0)")
        }
        // verifyFallback.
        if let fallback {
            if fallback.failureThreshold < 0 || fallback.replicas < 0 {
                deny("spec.fallback", "FailureThreshold=\(fallback.failureThreshold) & Replicas=\(fallback.replicas) must both be greater than or equal to 0")
            }
            if !triggers.contains(where: { $0.type != "cpu" && $0.type != "memory" }) {
                deny("spec.fallback", "at least one trigger (that is not cpu or memory) has to have the `AverageValue` type for the fallback to be enabled")
            }
            if fallback.behavior == .scalingModifiers {
                deny("spec.fallback.behavior", "scalingModifiers fallback behavior requires scalingModifiers.formula to be defined")
            }
        }
        // verifyScaledObjectName / HPA name length (the label value limit).
        if name.count > Self.labelValueLimit {
            deny("metadata.name", "scaledobject name \"\(name)\" is \(name.count) characters long; must be no more than \(Self.labelValueLimit) characters because it is used as the \"\(Self.nameLabel)\" label value")
        }
        if hpaName.count > Self.labelValueLimit {
            deny("metadata.name", "HPA name \"\(hpaName)\" derived from scaledobject is \(hpaName.count) characters long; must be no more than \(Self.labelValueLimit) characters; set spec.advanced.horizontalPodAutoscalerConfig.name to a shorter name or shorten the scaledobject name")
        }
        // verifyTriggers.
        if triggers.isEmpty { deny("spec.triggers", "no triggers defined in the ScaledObject/ScaledJob") }
        var names: [String] = []
        for (i, t) in triggers.enumerated() {
            if t.useCachedMetrics, ["cpu", "memory", "cron"].contains(t.type) {
                deny("spec.triggers[\(i)].useCachedMetrics", "property \"useCachedMetrics\" is not supported for \"\(t.type)\" scaler")
            }
            if let n = t.name, !n.isEmpty {
                if names.contains(n) {
                    deny("spec.triggers[\(i)].name", "triggerName \"\(n)\" is defined multiple times in the ScaledObject/ScaledJob, but it must be unique")
                }
                names.append(n)
            }
        }
        // verifyHpas / verifyScaledObjects.
        let kind = scaleTargetRef.kind.isEmpty ? "Deployment" : scaleTargetRef.kind
        let typeName = "apps/v1.\(kind)"
        let transfer = annotations[Self.transferOwnershipAnnotation].map(PauseAnnotations.goBoolOrTrue) ?? false
        for n in neighbours where n.namespace == namespace && n.targetName == scaleTargetRef.name && n.targetKind == kind {
            switch n.kind {
            case .hpa:
                if n.name == hpaName { continue }   // KEDA's own HPA (or the one named for transfer)
                if transfer {
                    deny("spec.advanced.horizontalPodAutoscalerConfig.name", "the existing hpa '\(n.name)' for workload '\(scaleTargetRef.name)' of type '\(typeName)' must be specified by name in advanced settings to enable ownership transfer")
                } else {
                    deny("spec.scaleTargetRef", "the workload '\(scaleTargetRef.name)' of type '\(typeName)' is already managed by the hpa '\(n.name)'")
                }
            case .scaledObject:
                if n.name == name { continue }
                deny("spec.scaleTargetRef", "the workload '\(scaleTargetRef.name)' of type '\(typeName)' is already managed by the ScaledObject '\(n.name)'")
            }
        }
        for n in neighbours where n.namespace == namespace && n.name != name {
            if case .scaledObject(let other) = n.kind, other == hpaName, !(n.targetName == scaleTargetRef.name && n.targetKind == kind) {
                deny("spec.advanced.horizontalPodAutoscalerConfig.name", "the HPA '\(hpaName)' is already managed by the ScaledObject '\(n.name)'")
            }
        }
        return out
    }
}
