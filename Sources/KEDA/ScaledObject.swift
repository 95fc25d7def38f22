public import HPAController

/// A `keda.sh/v1alpha1` `ScaledObject`: what KEDA scales, on which triggers, within which bounds.
///
/// Field names and defaults follow `apis/keda/v1alpha1/scaledobject_types.go` (kedacore/keda
/// `8b4f083c`). Optional fields stay nil when absent, so the defaulting KEDA does at each use
/// (``effectivePollingInterval``, ``effectiveCooldownPeriod`` ...) is visible in one place.
public struct ScaledObject: Hashable, Sendable, Codable {
    public var name: String
    public var namespace: String
    /// `metadata.labels` (copied onto the generated HPA).
    public var labels: [String: String]
    /// `metadata.annotations` (the pause annotations live here).
    public var annotations: [String: String]
    /// `spec.scaleTargetRef`; apiVersion and kind default to `apps/v1` / `Deployment` (`gvkr.go`).
    public var scaleTargetRef: CrossVersionObjectReference
    /// `spec.pollingInterval` in seconds (default 30).
    public var pollingInterval: Int32?
    /// `spec.cooldownPeriod` in seconds (default 300).
    public var cooldownPeriod: Int32?
    /// `spec.initialCooldownPeriod` in seconds (default 0).
    public var initialCooldownPeriod: Int32?
    /// `spec.idleReplicaCount`.
    public var idleReplicaCount: Int32?
    /// `spec.minReplicaCount` (KEDA's loop treats nil as 0; the HPA gets at least 1).
    public var minReplicaCount: Int32?
    /// `spec.maxReplicaCount` (default 100).
    public var maxReplicaCount: Int32?
    /// `spec.fallback`.
    public var fallback: Fallback?
    /// `spec.advanced.horizontalPodAutoscalerConfig`.
    public var horizontalPodAutoscalerConfig: HorizontalPodAutoscalerConfig?
    /// `spec.triggers`, in order (the order names the metrics: `s0-...`, `s1-...`).
    public var triggers: [ScaleTrigger]

    public init(name: String, namespace: String = "default", labels: [String: String] = [:],
                annotations: [String: String] = [:], scaleTargetRef: CrossVersionObjectReference,
                pollingInterval: Int32? = nil, cooldownPeriod: Int32? = nil, initialCooldownPeriod: Int32? = nil,
                idleReplicaCount: Int32? = nil, minReplicaCount: Int32? = nil, maxReplicaCount: Int32? = nil,
                fallback: Fallback? = nil, horizontalPodAutoscalerConfig: HorizontalPodAutoscalerConfig? = nil,
                triggers: [ScaleTrigger]) {
        self.name = name; self.namespace = namespace; self.labels = labels; self.annotations = annotations
        self.scaleTargetRef = scaleTargetRef; self.pollingInterval = pollingInterval
        self.cooldownPeriod = cooldownPeriod; self.initialCooldownPeriod = initialCooldownPeriod
        self.idleReplicaCount = idleReplicaCount; self.minReplicaCount = minReplicaCount
        self.maxReplicaCount = maxReplicaCount; self.fallback = fallback
        self.horizontalPodAutoscalerConfig = horizontalPodAutoscalerConfig; self.triggers = triggers
    }

    /// `pollingInterval` or its default, 30 s (`withtriggers_types.go`).
    public var effectivePollingInterval: Int32 { pollingInterval ?? 30 }
    /// `cooldownPeriod` or its default, 300 s.
    public var effectiveCooldownPeriod: Int32 { cooldownPeriod ?? 300 }
    /// `initialCooldownPeriod` or its default, 0 s.
    public var effectiveInitialCooldownPeriod: Int32 { initialCooldownPeriod ?? 0 }
    /// The HPA's `maxReplicas`: `maxReplicaCount` or 100.
    public var effectiveMaxReplicaCount: Int32 { maxReplicaCount ?? 100 }
    /// The HPA's `minReplicas` (`GetHPAMinReplicas`): `minReplicaCount` when set and > 0, else 1.
    public var hpaMinReplicas: Int32 {
        if let min = minReplicaCount, min > 0 { return min }
        return 1
    }
    /// The generated HPA's name: `advanced.horizontalPodAutoscalerConfig.name` if non-empty, else `keda-hpa-<name>`.
    public var hpaName: String {
        if let custom = horizontalPodAutoscalerConfig?.name, !custom.isEmpty { return custom }
        return "keda-hpa-\(name)"
    }
}

/// `spec.advanced.horizontalPodAutoscalerConfig`.
public struct HorizontalPodAutoscalerConfig: Hashable, Sendable, Codable {
    /// The generated HPA's name (empty or nil: `keda-hpa-<so>`).
    public var name: String?
    /// Copied verbatim onto the generated HPA.
    public var behavior: HorizontalPodAutoscalerBehavior?
    public init(name: String? = nil, behavior: HorizontalPodAutoscalerBehavior? = nil) {
        self.name = name; self.behavior = behavior
    }
}

/// One entry of `spec.triggers`.
public struct ScaleTrigger: Hashable, Sendable, Codable {
    /// `type` (`redis`, `cpu`, ...).
    public var type: String
    /// `name` (optional; must be unique when set).
    public var name: String?
    /// `metadata`: every value a string, as KEDA reads it.
    public var metadata: [String: String]
    /// `metricType` as written (`AverageValue`, `Value`; empty means AverageValue).
    public var metricType: String?
    /// `useCachedMetrics`: the HPA reads the last poll's value instead of a fresh one.
    public var useCachedMetrics: Bool
    public init(type: String, name: String? = nil, metadata: [String: String] = [:], metricType: String? = nil,
                useCachedMetrics: Bool = false) {
        self.type = type; self.name = name; self.metadata = metadata; self.metricType = metricType
        self.useCachedMetrics = useCachedMetrics
    }
}

/// `spec.fallback` (`pkg/fallback/fallback.go`).
public struct Fallback: Hashable, Sendable, Codable {
    public var failureThreshold: Int32
    public var replicas: Int32
    public var behavior: FallbackBehavior
    public init(failureThreshold: Int32, replicas: Int32, behavior: FallbackBehavior = .static) {
        self.failureThreshold = failureThreshold; self.replicas = replicas; self.behavior = behavior
    }
}

/// `spec.fallback.behavior` (CRD default `static`).
public enum FallbackBehavior: String, Hashable, Sendable, Codable, CaseIterable {
    case `static` = "static"
    case currentReplicas = "currentReplicas"
    case currentReplicasIfHigher = "currentReplicasIfHigher"
    case currentReplicasIfLower = "currentReplicasIfLower"
    case scalingModifiers = "scalingModifiers"
}
