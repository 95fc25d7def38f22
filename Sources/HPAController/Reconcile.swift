public import SimTime

// CONTRACT STUB (to be replaced by the controller issue; keep these names and members,
// add freely): the model and the store are written against them.

/// The kube-controller-manager's HPA settings, with Kubernetes' defaults.
public struct ControllerConfiguration: Hashable, Sendable {
    public var syncPeriod: SimDuration = .seconds(15)
    public var tolerance: Double = 0.1
    public var cpuInitializationPeriod: SimDuration = .minutes(5)
    public var initialReadinessDelay: SimDuration = .seconds(30)
    public var downscaleStabilizationWindow: SimDuration = .minutes(5)
    public init() {}
}

/// The controller's in-memory history for one HPA (recommendations, scale events).
public struct ScalingHistory: Hashable, Sendable {
    public init() {}
}

/// A Kubernetes event the controller emits.
public struct HPAEvent: Hashable, Sendable {
    public enum EventType: String, Hashable, Sendable { case normal = "Normal", warning = "Warning" }
    public var type: EventType
    public var reason: String
    public var message: String
    public init(type: EventType, reason: String, message: String) { self.type = type; self.reason = reason; self.message = message }
}

/// Everything one reconcile decided, stage by stage.
public struct ScalingDecision: Hashable, Sendable {
    /// `scale.spec.replicas` when the sync started.
    public var currentReplicas: Int32
    /// The replica count the scale was set to (equal to current when no rescale).
    public var desiredReplicas: Int32
    /// Whether the scale subresource was updated.
    public var scaleUpdated: Bool
    /// The HPA status after this sync.
    public var status: HorizontalPodAutoscalerStatus
    public var events: [HPAEvent]
    public init(currentReplicas: Int32, desiredReplicas: Int32, scaleUpdated: Bool,
                status: HorizontalPodAutoscalerStatus, events: [HPAEvent]) {
        self.currentReplicas = currentReplicas; self.desiredReplicas = desiredReplicas
        self.scaleUpdated = scaleUpdated; self.status = status; self.events = events
    }
}

/// The HPA controller: one pure reconcile per sync.
public struct HorizontalPodAutoscalerController: Hashable, Sendable {
    public var configuration: ControllerConfiguration
    public init(configuration: ControllerConfiguration = .init()) { self.configuration = configuration }

    /// One sync of one HPA, following `reconcileAutoscaler` in horizontal.go.
    public func reconcile(_ observed: Observation, hpa: HorizontalPodAutoscaler,
                          history: inout ScalingHistory, now: SimTime) -> ScalingDecision {
        let current = observed.scale.specReplicas
        return ScalingDecision(currentReplicas: current, desiredReplicas: current, scaleUpdated: false,
                               status: hpa.status, events: [])
    }
}
