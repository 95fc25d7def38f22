public import RunRecords
/// A Kubernetes event the controller emits.
public struct HPAEvent: Hashable, Sendable {
    public var type: EventType
    public var reason: HPAReason
    public var message: String
    public init(type: EventType, reason: HPAReason, message: String) { self.type = type; self.reason = reason; self.message = message }
}

/// How far one reconcile got.
public enum ReconcileOutcome: String, Hashable, Sendable {
    /// The scale subresource was unreadable (`FailedGetScale`); nothing else ran.
    case failedGetScale
    /// The target is at zero replicas and scaling from zero is not allowed (`ScalingDisabled`).
    case scalingDisabled
    /// `current` was outside `[min, max]`: set to the bound without metrics.
    case replicasOutOfRange
    /// The metrics step failed as a whole (`-1`): no scaling, status desired unchanged.
    case metricsFailed
    /// Metrics and normalization ran.
    case normalized
}

/// Everything one reconcile decided, stage by stage: per-metric proposals → recommendation
/// (max over metrics) → stabilized → desired, with conditions, events and the updated status.
public struct ScalingDecision: Hashable, Sendable {
    /// `scale.spec.replicas` when the sync started.
    public var currentReplicas: Int32
    /// The replica count the scale was set to (equal to current when no rescale, including
    /// every error path). `status.desiredReplicas` is what the HPA reports, which on error
    /// paths keeps its previous value.
    public var desiredReplicas: Int32
    /// Whether the scale subresource was updated.
    public var scaleUpdated: Bool
    /// The HPA status after this sync.
    public var status: HorizontalPodAutoscalerStatus
    public var events: [HPAEvent]

    /// How far the sync got.
    public var outcome: ReconcileOutcome = .normalized
    /// Per spec metric (in spec order) its proposal or failure and status; nil when metrics did not run.
    public var metrics: [MetricEvaluation]?
    /// The recommendation: max over metrics; -1 when the metrics step failed; nil when it did not run.
    public var metricDesiredReplicas: Int32?
    /// The metric that produced the recommendation.
    public var metricName: String?
    /// Why metrics failed as a whole (selector problem or first failing metric).
    public var metricsFailure: MetricFailure?
    /// The normalization stages; nil when normalization did not run.
    public var normalization: NormalizationResult?
    /// Whether a scale update was attempted.
    public var rescaleAttempted: Bool = false
    /// The reason in the rescale event (`cpu resource utilization (percentage of request) above target`).
    public var rescaleReason: String?
    /// `scale.spec.replicas` after the sync; nil when the sync stopped before deciding.
    public var scaleReplicas: Int32?
    /// An error the sync ends with although it may have scaled (a partially failing metric set,
    /// a failed update).
    public var syncError: String?
    /// The history after the sync (the same value `reconcile` writes through its `inout`).
    public var history: ScalingHistory = .init()

    public init(currentReplicas: Int32, desiredReplicas: Int32, scaleUpdated: Bool,
                status: HorizontalPodAutoscalerStatus, events: [HPAEvent]) {
        self.currentReplicas = currentReplicas; self.desiredReplicas = desiredReplicas
        self.scaleUpdated = scaleUpdated; self.status = status; self.events = events
    }

    /// The stabilized recommendation (nil when normalization did not run).
    public var stabilizedReplicas: Int32? { normalization?.stabilized }
    /// The `ScalingLimited` reason normalization set (nil when it did not run).
    public var limitingReason: ScalingLimitedReason? { normalization?.limitedReason }
    /// The conditions after the sync, in status order.
    public var conditions: [HorizontalPodAutoscalerCondition] { status.conditions }
    /// The `SuccessfulRescale` event's message, if any.
    public var rescaleEventMessage: String? {
        events.first { $0.reason == .successfulRescale }?.message
    }
}
