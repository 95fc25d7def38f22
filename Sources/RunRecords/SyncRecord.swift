public import SimTime

/// One HPA sync: what the controller saw and decided, stage by stage, as `horizontal.go` names
/// the stages: each metric's *proposal* → the *recommendation* (max over metrics) → *stabilized*
/// → *desired*, with the limiting reason and the conditions after the sync.
///
/// The model emits one per HPA per sync period; the store keeps it (`hpa_syncs`,
/// `hpa_sync_metrics`, `hpa_metrics`, `hpa_condition_sets`) and reads back this same type, from
/// which `simulate runs replay` re-derives every normalization and `simulate explain` tells why a
/// rescale was the size it was.
public struct SyncRecord: Hashable, Sendable {
    public var time: SimTime
    /// The HPA's name.
    public var hpa: String
    /// `scale.spec.replicas` when the sync started.
    public var currentReplicas: Int32
    /// The recommendation (max over the metrics' proposals); nil when the metrics step did not
    /// run or failed as a whole.
    public var recommendation: Int32?
    /// Why the sync failed or partly failed (`Reason: message`), or nil.
    public var failure: String?
    /// The stabilized recommendation; nil when normalization did not run.
    public var stabilized: Int32?
    /// The replica count the scale was set to (current when it did not rescale).
    public var desiredReplicas: Int32
    /// The `ScalingLimited` reason normalization gave; nil when it did not run.
    public var limitingReason: ScalingLimitedReason?
    /// Whether the scale subresource was updated.
    public var scaleUpdated: Bool
    /// `status.conditions` after the sync, in status order.
    public var conditions: [SyncCondition]
    /// What each spec metric is, in spec order (the same for every sync of an HPA).
    public var metricDefinitions: [MetricDefinition]
    /// What each spec metric saw and proposed at this sync, in spec order; empty when the
    /// metrics step did not run.
    public var metrics: [MetricSample]

    public init(time: SimTime, hpa: String, currentReplicas: Int32, recommendation: Int32?, failure: String? = nil,
                stabilized: Int32?, desiredReplicas: Int32, limitingReason: ScalingLimitedReason?, scaleUpdated: Bool,
                conditions: [SyncCondition], metricDefinitions: [MetricDefinition], metrics: [MetricSample]) {
        self.time = time; self.hpa = hpa; self.currentReplicas = currentReplicas
        self.recommendation = recommendation; self.failure = failure; self.stabilized = stabilized
        self.desiredReplicas = desiredReplicas; self.limitingReason = limitingReason
        self.scaleUpdated = scaleUpdated; self.conditions = conditions
        self.metricDefinitions = metricDefinitions; self.metrics = metrics
    }
}

/// One `status.conditions` entry as a sync record keeps it: type, status and reason (the
/// message follows from the reason, and the transition time from the sequence of syncs).
public struct SyncCondition: Hashable, Sendable, Codable {
    public var type: HorizontalPodAutoscalerConditionType
    public var status: ConditionStatus
    public var reason: HPAReason
    public init(type: HorizontalPodAutoscalerConditionType, status: ConditionStatus, reason: HPAReason) {
        self.type = type; self.status = status; self.reason = reason
    }
}

/// What one spec metric of an HPA is: its source type, name and target.
public struct MetricDefinition: Hashable, Sendable, Codable {
    public var metricType: MetricSourceType
    /// `cpu`, `memory`, `active_tasks`, `container/cpu`: the name `kubectl describe hpa` shows.
    public var metricName: String
    public var targetType: MetricTargetType
    /// The target, in the target's units: a percent of requests for `Utilization`, else the
    /// metric's value (`20` active tasks per pod).
    public var target: Double
    public init(metricType: MetricSourceType, metricName: String, targetType: MetricTargetType, target: Double) {
        self.metricType = metricType; self.metricName = metricName; self.targetType = targetType; self.target = target
    }
}

/// What one metric saw and proposed at one sync, with the aggregates its replica calculation used.
public struct MetricSample: Hashable, Sendable {
    /// The value the HPA saw, in the target's units (a percent of requests for `Utilization`);
    /// nil when the metric failed.
    public var current: Double?
    /// This metric's replica proposal; nil when it failed.
    public var proposal: Int32?
    public var readyPods: Int32
    public var unreadyPods: Int32
    public var missingPods: Int32
    public var ignoredPods: Int32
    /// Sum of usage over the pods counted, in milli-units, as the replica calculator sums it.
    public var usageMilliSum: Int64?
    /// Sum of requests over the pods counted, in milli-units (Resource metrics only).
    public var requestMilliSum: Int64?
    /// The usage ratio (current ÷ target) the proposal came from.
    public var ratio: Double?
    /// Why the metric failed (`Reason: message`); nil when it has a proposal.
    public var error: String?

    @inlinable public init(current: Double?, proposal: Int32?, readyPods: Int32 = 0, unreadyPods: Int32 = 0,
                           missingPods: Int32 = 0, ignoredPods: Int32 = 0, usageMilliSum: Int64? = nil,
                           requestMilliSum: Int64? = nil, ratio: Double? = nil, error: String? = nil) {
        self.current = current; self.proposal = proposal; self.readyPods = readyPods
        self.unreadyPods = unreadyPods; self.missingPods = missingPods; self.ignoredPods = ignoredPods
        self.usageMilliSum = usageMilliSum; self.requestMilliSum = requestMilliSum; self.ratio = ratio
        self.error = error
    }
}
