public import RunRecords
public import SimTime

/// `status` of an HPA.
public struct HorizontalPodAutoscalerStatus: Hashable, Sendable, Codable {
    public var currentReplicas: Int32
    public var desiredReplicas: Int32
    public var lastScaleTime: SimTime?
    /// One entry per spec metric (empty entries for failed ones); nil when never computed.
    public var currentMetrics: [MetricStatus]?
    /// Ordered: a condition keeps its position when updated; new types are appended.
    public var conditions: [HorizontalPodAutoscalerCondition]
    public init(currentReplicas: Int32 = 0, desiredReplicas: Int32 = 0, lastScaleTime: SimTime? = nil,
                conditions: [HorizontalPodAutoscalerCondition] = [], currentMetrics: [MetricStatus]? = nil) {
        self.currentReplicas = currentReplicas; self.desiredReplicas = desiredReplicas
        self.lastScaleTime = lastScaleTime; self.conditions = conditions; self.currentMetrics = currentMetrics
    }

    /// The condition of `type`, if present.
    public func condition(_ type: HorizontalPodAutoscalerConditionType) -> HorizontalPodAutoscalerCondition? {
        conditions.first { $0.type == type }
    }

    /// `setCondition` (horizontal.go): updates in place or appends; `lastTransitionTime`
    /// changes only when the status flips.
    public mutating func setCondition(_ type: HorizontalPodAutoscalerConditionType, _ status: ConditionStatus,
                                      reason: HPAReason, message: String, now: SimTime) {
        if let index = conditions.firstIndex(where: { $0.type == type }) {
            if conditions[index].status != status { conditions[index].lastTransitionTime = now }
            conditions[index].status = status
            conditions[index].reason = reason
            conditions[index].message = message
        } else {
            conditions.append(HorizontalPodAutoscalerCondition(type: type, status: status, reason: reason,
                                                               message: message, lastTransitionTime: now))
        }
    }

    /// Removes the condition of `type` (the `ScaledToZero` condition with its gate off).
    public mutating func removeCondition(_ type: HorizontalPodAutoscalerConditionType) {
        conditions.removeAll { $0.type == type }
    }
}

/// One `status.conditions` entry, as `kubectl describe hpa` lists it.
public struct HorizontalPodAutoscalerCondition: Hashable, Sendable, Codable {
    public var type: HorizontalPodAutoscalerConditionType
    public var status: ConditionStatus
    public var reason: HPAReason
    public var message: String
    public var lastTransitionTime: SimTime
    public init(type: HorizontalPodAutoscalerConditionType, status: ConditionStatus, reason: HPAReason,
                message: String = "", lastTransitionTime: SimTime = .zero) {
        self.type = type; self.status = status; self.reason = reason; self.message = message
        self.lastTransitionTime = lastTransitionTime
    }
}
