public import SimTime

// The compact form of a sync for `RunRecorder.recordSync(_:_:conditions:metricCount:definition:metric:error:)`:
// what changes from sync to sync, with the HPA, its metrics and its conditions given by number.
// A simulation records one sync every 15 simulated seconds per HPA; building an `HPASyncRow`
// (an array and four strings per metric) for each was most of the recording's cost on the
// simulation's thread.

/// One sync of one HPA without its metrics and conditions: the per-sync columns of `hpa_syncs`.
/// The fields mean what ``HPASyncRow``'s do.
public struct HPASyncSample: Hashable, Sendable {
    public var time: SimTime
    public var currentReplicas: Int32
    public var recommendation: Int32?
    public var failure: String?
    public var stabilized: Int32?
    public var desiredReplicas: Int32
    public var limitingReason: String?
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
/// The fields mean what ``HPAMetricRow``'s do.
public struct HPAMetricDefinition: Hashable, Sendable {
    public var metricType, metricName, targetType: String
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
/// that a sample is plain numbers. The fields mean what ``HPAMetricRow``'s do.
public struct HPAMetricSample: Hashable, Sendable {
    public var current: Double?
    public var proposal: Int32?
    public var readyPods, unreadyPods, missingPods, ignoredPods: Int32
    public var usageMilliSum, requestMilliSum: Int64?
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
