// The words of `kubectl describe hpa` as types: condition types and statuses, the reasons
// conditions and events give, metric source and target types. Strings only at the edges
// (YAML, SQLite, JSON, the CLI), spelled exactly as Kubernetes spells them
// (staging/src/k8s.io/api/autoscaling/v2/types.go; pkg/controller/podautoscaler/horizontal.go).

/// `True`, `False`, `Unknown`.
public enum ConditionStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case `true` = "True"
    case `false` = "False"
    case unknown = "Unknown"
}

/// The HPA condition types.
public enum HorizontalPodAutoscalerConditionType: String, Hashable, Sendable, Codable, CaseIterable {
    case ableToScale = "AbleToScale"
    case scalingActive = "ScalingActive"
    case scalingLimited = "ScalingLimited"
    case scaledToZero = "ScaledToZero"
}

/// Why `ScalingLimited` is what it is after normalization.
public enum ScalingLimitedReason: String, Hashable, Sendable, Codable, CaseIterable {
    case desiredWithinRange = "DesiredWithinRange"
    case tooFewReplicas = "TooFewReplicas"
    case tooManyReplicas = "TooManyReplicas"
    case scaleUpLimit = "ScaleUpLimit"
    case scaleDownLimit = "ScaleDownLimit"

    /// The condition message Kubernetes writes with this reason.
    public var message: String {
        switch self {
        case .desiredWithinRange: "the desired count is within the acceptable range"
        case .tooFewReplicas: "the desired replica count is less than the minimum replica count"
        case .tooManyReplicas: "the desired replica count is more than the maximum replica count"
        case .scaleUpLimit: "the desired replica count is increasing faster than the maximum scale rate"
        case .scaleDownLimit: "the desired replica count is decreasing faster than the maximum scale rate"
        }
    }
}

/// What stabilization did, as the `AbleToScale` reason says it.
public enum StabilizationReason: String, Hashable, Sendable, Codable, CaseIterable {
    case readyForNewScale = "ReadyForNewScale"
    case scaleUpStabilized = "ScaleUpStabilized"
    case scaleDownStabilized = "ScaleDownStabilized"

    public var message: String {
        switch self {
        case .readyForNewScale: "recommended size matches current size"
        case .scaleUpStabilized:
            "recent recommendations were lower than current one, applying the lowest recent recommendation"
        case .scaleDownStabilized:
            "recent recommendations were higher than current one, applying the highest recent recommendation"
        }
    }
}

/// `metrics[].type`. A struct rather than an enum so an unknown type (`CheddarCheese`)
/// survives to the controller, which reports `InvalidMetricSourceType` as Kubernetes does.
public struct MetricSourceType: RawRepresentable, Hashable, Sendable, Codable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let resource = MetricSourceType(rawValue: "Resource")
    public static let containerResource = MetricSourceType(rawValue: "ContainerResource")
    public static let pods = MetricSourceType(rawValue: "Pods")
    public static let object = MetricSourceType(rawValue: "Object")
    public static let external = MetricSourceType(rawValue: "External")
}

/// `Utilization`, `Value` or `AverageValue`.
public enum MetricTargetType: String, Hashable, Sendable, Codable, CaseIterable {
    case utilization = "Utilization"
    case value = "Value"
    case averageValue = "AverageValue"
}

/// A reason an HPA condition or event gives, as `horizontal.go` spells it.
///
/// Kubernetes draws condition reasons and event reasons from one vocabulary
/// (`FailedGetResourceMetric` is both an event's and the `ScalingActive` condition's), so they
/// share this type.
public enum HPAReason: String, Hashable, Sendable, Codable, CaseIterable {
    // AbleToScale
    case succeededGetScale = "SucceededGetScale"
    case failedGetScale = "FailedGetScale"
    case readyForNewScale = "ReadyForNewScale"
    case scaleUpStabilized = "ScaleUpStabilized"
    case scaleDownStabilized = "ScaleDownStabilized"
    case succeededRescale = "SucceededRescale"
    case failedUpdateScale = "FailedUpdateScale"
    // ScalingActive
    case validMetricFound = "ValidMetricFound"
    case scalingDisabled = "ScalingDisabled"
    case invalidSelector = "InvalidSelector"
    case ambiguousSelector = "AmbiguousSelector"
    case selectorRequired = "SelectorRequired"
    case invalidMetricSourceType = "InvalidMetricSourceType"
    case failedGetResourceMetric = "FailedGetResourceMetric"
    case failedGetContainerResourceMetric = "FailedGetContainerResourceMetric"
    case failedGetPodsMetric = "FailedGetPodsMetric"
    case failedGetObjectMetric = "FailedGetObjectMetric"
    case failedGetExternalMetric = "FailedGetExternalMetric"
    // ScalingLimited
    case desiredWithinRange = "DesiredWithinRange"
    case tooFewReplicas = "TooFewReplicas"
    case tooManyReplicas = "TooManyReplicas"
    case scaleUpLimit = "ScaleUpLimit"
    case scaleDownLimit = "ScaleDownLimit"
    // ScaledToZero
    case scaledToZero = "ScaledToZero"
    case notScaledToZero = "NotScaledToZero"
    // Events only
    case successfulRescale = "SuccessfulRescale"
    case failedRescale = "FailedRescale"
    case failedComputeMetricsReplicas = "FailedComputeMetricsReplicas"

    /// The same reason, as the `ScalingLimited` condition gives it.
    public init(_ limited: ScalingLimitedReason) {
        switch limited {
        case .desiredWithinRange: self = .desiredWithinRange
        case .tooFewReplicas: self = .tooFewReplicas
        case .tooManyReplicas: self = .tooManyReplicas
        case .scaleUpLimit: self = .scaleUpLimit
        case .scaleDownLimit: self = .scaleDownLimit
        }
    }

    /// The same reason, as the `AbleToScale` condition gives it after stabilization.
    public init(_ stabilization: StabilizationReason) {
        switch stabilization {
        case .readyForNewScale: self = .readyForNewScale
        case .scaleUpStabilized: self = .scaleUpStabilized
        case .scaleDownStabilized: self = .scaleDownStabilized
        }
    }
}

/// An event's type: `Normal` or `Warning`.
public enum EventType: String, Hashable, Sendable, Codable, CaseIterable {
    case normal = "Normal"
    case warning = "Warning"
}

// Interpolated, each prints as Kubernetes spells it (`ScaleUpLimit`, not `scaleUpLimit`).
extension ConditionStatus: CustomStringConvertible { public var description: String { rawValue } }
extension HorizontalPodAutoscalerConditionType: CustomStringConvertible { public var description: String { rawValue } }
extension ScalingLimitedReason: CustomStringConvertible { public var description: String { rawValue } }
extension StabilizationReason: CustomStringConvertible { public var description: String { rawValue } }
extension MetricTargetType: CustomStringConvertible { public var description: String { rawValue } }
extension HPAReason: CustomStringConvertible { public var description: String { rawValue } }
extension EventType: CustomStringConvertible { public var description: String { rawValue } }
