public import SimTime

// The compact form of a sync for `RunRecorder.recordSync(_:_:conditions:metricCount:definition:metric:error:)`:
// what changes from sync to sync, with the HPA, its metrics and its conditions given by number.
// A simulation records one sync every 15 simulated seconds per HPA; building an `HPASyncRow`
// (an array and four strings per metric) for each was most of the recording's cost on the
// simulation's thread.

/// One sync of one HPA without its metrics and conditions: the per-sync columns of `hpa_syncs`.
public struct HPASyncSample: Hashable, Sendable {
    public var time: SimTime
    /// `scale.spec.replicas` when the sync started.
    public var currentReplicas: Int32
    /// The maximum over metrics; nil when no metric gave a proposal.
    public var recommendation: Int32?
    /// Why the recommendation failed, or nil.
    public var failure: String?
    /// The recommendation after the stabilization window; nil when there was none.
    public var stabilized: Int32?
    /// The replica count after rate limits and min/max clamping.
    public var desiredReplicas: Int32
    /// The `ScalingLimited` reason, or nil.
    public var limitingReason: String?
    /// Whether the scale subresource was updated.
    public var scaleUpdated: Bool

    @inlinable public init(time: SimTime, currentReplicas: Int32, recommendation: Int32?, failure: String? = nil,
                stabilized: Int32?, desiredReplicas: Int32, limitingReason: String?, scaleUpdated: Bool) {
        self.time = time
        self.currentReplicas = currentReplicas
        self.recommendation = recommendation
        self.failure = failure
        self.stabilized = stabilized
        self.desiredReplicas = desiredReplicas
        self.limitingReason = limitingReason
        self.scaleUpdated = scaleUpdated
    }
}

/// What a metric of an HPA is: a row of `hpa_metrics`, stored once per HPA and metric index.
public struct HPAMetricDefinition: Hashable, Sendable {
    /// `Resource`, `ContainerResource`, `Pods`, `Object` or `External`.
    public var metricType: String
    /// The resource or metric name (`cpu`, `memory`, `active_tasks`).
    public var metricName: String
    /// `Utilization`, `AverageValue` or `Value`.
    public var targetType: String
    /// The target: a percentage for `Utilization`, else the value in the metric's units.
    public var target: Double

    public init(metricType: String, metricName: String, targetType: String, target: Double) {
        self.metricType = metricType
        self.metricName = metricName
        self.targetType = targetType
        self.target = target
    }
}

/// What one metric of one sync saw and proposed: the per-sync columns of `hpa_sync_metrics` but
/// the error, which the recorder asks for separately (only for a metric without a proposal), so
/// that a sample is plain numbers.
public struct HPAMetricSample: Hashable, Sendable {
    /// The value the HPA saw, in the target's units; nil when the metric failed.
    public var current: Double?
    /// This metric's replica proposal; nil when it failed.
    public var proposal: Int32?
    public var readyPods: Int32
    public var unreadyPods: Int32
    public var missingPods: Int32
    public var ignoredPods: Int32
    /// Sum of usage over the pods counted, in milli-units.
    public var usageMilliSum: Int64?
    /// Sum of requests over the pods counted, in milli-units (Resource metrics only).
    public var requestMilliSum: Int64?
    /// The usage ratio (current / target) the proposal came from.
    public var ratio: Double?

    @inlinable public init(current: Double?, proposal: Int32?, readyPods: Int32 = 0, unreadyPods: Int32 = 0,
                missingPods: Int32 = 0, ignoredPods: Int32 = 0, usageMilliSum: Int64? = nil,
                requestMilliSum: Int64? = nil, ratio: Double? = nil) {
        self.current = current
        self.proposal = proposal
        self.readyPods = readyPods
        self.unreadyPods = unreadyPods
        self.missingPods = missingPods
        self.ignoredPods = ignoredPods
        self.usageMilliSum = usageMilliSum
        self.requestMilliSum = requestMilliSum
        self.ratio = ratio
    }
}

/// An HPA of a run, as its recorder numbers it (``RunRecorder/hpa(named:)``).
public struct RecordedHPA: Hashable, Sendable {
    let index: Int32
}

/// A list of conditions of a run, as its recorder numbers it (``RunRecorder/conditionSet(_:)``).
public struct ConditionSetID: Hashable, Sendable {
    let n: Int64
}

extension HPAMetricRow {
    /// What the metric is.
    public var definition: HPAMetricDefinition {
        HPAMetricDefinition(metricType: metricType, metricName: metricName, targetType: targetType, target: target)
    }

    /// What the metric saw and proposed at its sync.
    public var sample: HPAMetricSample {
        HPAMetricSample(current: current, proposal: proposal, readyPods: readyPods, unreadyPods: unreadyPods,
                        missingPods: missingPods, ignoredPods: ignoredPods, usageMilliSum: usageMilliSum,
                        requestMilliSum: requestMilliSum, ratio: ratio)
    }
}

extension HPASyncRow {
    /// The per-sync columns.
    public var sample: HPASyncSample {
        HPASyncSample(time: time, currentReplicas: currentReplicas, recommendation: recommendation, failure: failure,
                      stabilized: stabilized, desiredReplicas: desiredReplicas, limitingReason: limitingReason,
                      scaleUpdated: scaleUpdated)
    }
}
