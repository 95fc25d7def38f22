public import SimTime

/// `status` of an HPA. (Contract version: the controller issue fills in `currentMetrics`.)
public struct HorizontalPodAutoscalerStatus: Hashable, Sendable {
    public var currentReplicas: Int32
    public var desiredReplicas: Int32
    public var lastScaleTime: SimTime?
    public var conditions: [HorizontalPodAutoscalerCondition]
    public init(currentReplicas: Int32 = 0, desiredReplicas: Int32 = 0, lastScaleTime: SimTime? = nil,
                conditions: [HorizontalPodAutoscalerCondition] = []) {
        self.currentReplicas = currentReplicas; self.desiredReplicas = desiredReplicas
        self.lastScaleTime = lastScaleTime; self.conditions = conditions
    }
}

/// `True`, `False`, `Unknown`.
public enum ConditionStatus: String, Hashable, Sendable, CaseIterable {
    case `true` = "True"
    case `false` = "False"
    case unknown = "Unknown"
}

/// The HPA condition types.
public enum HorizontalPodAutoscalerConditionType: String, Hashable, Sendable, CaseIterable {
    case ableToScale = "AbleToScale"
    case scalingActive = "ScalingActive"
    case scalingLimited = "ScalingLimited"
    case scaledToZero = "ScaledToZero"
}

public struct HorizontalPodAutoscalerCondition: Hashable, Sendable {
    public var type: HorizontalPodAutoscalerConditionType
    public var status: ConditionStatus
    public var reason: String
    public var message: String
    public var lastTransitionTime: SimTime
    public init(type: HorizontalPodAutoscalerConditionType, status: ConditionStatus, reason: String,
                message: String = "", lastTransitionTime: SimTime = .zero) {
        self.type = type; self.status = status; self.reason = reason; self.message = message
        self.lastTransitionTime = lastTransitionTime
    }
}
