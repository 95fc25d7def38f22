public import SimTime

/// One sync of one HPA: a row of `hpa_syncs`, with its metrics (`hpa_sync_metrics`).
///
/// Named by stage as horizontal.go names them: each metric's *proposal*, the *recommendation*
/// (the maximum over metrics), the *stabilized* value, the *desired* replicas. With the stored
/// spec and the run's `scale_events`, these rows are enough to re-derive every normalization
/// (stabilization, rate limits, clamping).
public struct HPASyncRow: Hashable, Sendable {
    public var time: SimTime
    /// The HPA's name (as `namespace/name` or just `name`: the caller's choice, used consistently).
    public var hpa: String
    /// `scale.spec.replicas` when the sync started.
    public var currentReplicas: Int32
    /// The maximum over metrics; nil when no metric gave a proposal.
    public var recommendation: Int32?
    /// Why the recommendation failed (all metrics invalid, scaling disabled), or nil.
    public var failure: String?
    /// The recommendation after the stabilization window; nil when there was none.
    public var stabilized: Int32?
    /// The replica count after rate limits and min/max clamping.
    public var desiredReplicas: Int32
    /// The `ScalingLimited` reason (`DesiredWithinRange`, `TooManyReplicas`, `ScaleUpLimit`, ...).
    public var limitingReason: String?
    /// The HPA's conditions after the sync, in the order given.
    public var conditions: [HPAConditionRow]
    /// Whether the scale subresource was updated.
    public var scaleUpdated: Bool
    /// One entry per metric in the spec, in spec order.
    public var metrics: [HPAMetricRow]

    public init(time: SimTime, hpa: String, currentReplicas: Int32, recommendation: Int32?,
                failure: String? = nil, stabilized: Int32?, desiredReplicas: Int32,
                limitingReason: String?, conditions: [HPAConditionRow], scaleUpdated: Bool,
                metrics: [HPAMetricRow]) {
        self.time = time
        self.hpa = hpa
        self.currentReplicas = currentReplicas
        self.recommendation = recommendation
        self.failure = failure
        self.stabilized = stabilized
        self.desiredReplicas = desiredReplicas
        self.limitingReason = limitingReason
        self.conditions = conditions
        self.scaleUpdated = scaleUpdated
        self.metrics = metrics
    }
}

/// One HPA condition as `kubectl describe hpa` lists it: type, status, reason.
///
/// Stored in `hpa_syncs.conditions` as `Type=Status/Reason` joined by `;`, e.g.
/// `AbleToScale=True/SucceededRescale;ScalingActive=True/ValidMetricFound`.
public struct HPAConditionRow: Hashable, Sendable {
    public var type: String
    public var status: String
    public var reason: String
    public init(type: String, status: String, reason: String) {
        self.type = type
        self.status = status
        self.reason = reason
    }
}

/// What one metric of one sync saw and proposed: a row of `hpa_sync_metrics`.
public struct HPAMetricRow: Hashable, Sendable {
    /// `Resource`, `ContainerResource`, `Pods`, `Object` or `External`.
    public var metricType: String
    /// The resource or metric name (`cpu`, `memory`, `active_tasks`).
    public var metricName: String
    /// `Utilization`, `AverageValue` or `Value`.
    public var targetType: String
    /// The target: a percentage for `Utilization`, else the value in the metric's units.
    public var target: Double
    /// The value the HPA saw, in the target's units; nil when the metric failed.
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
    /// The usage ratio (current / target) the proposal came from.
    public var ratio: Double?
    /// Why this metric failed, or nil.
    public var error: String?

    public init(metricType: String, metricName: String, targetType: String, target: Double,
                current: Double?, proposal: Int32?, readyPods: Int32 = 0, unreadyPods: Int32 = 0,
                missingPods: Int32 = 0, ignoredPods: Int32 = 0, usageMilliSum: Int64? = nil,
                requestMilliSum: Int64? = nil, ratio: Double? = nil, error: String? = nil) {
        self.metricType = metricType
        self.metricName = metricName
        self.targetType = targetType
        self.target = target
        self.current = current
        self.proposal = proposal
        self.readyPods = readyPods
        self.unreadyPods = unreadyPods
        self.missingPods = missingPods
        self.ignoredPods = ignoredPods
        self.usageMilliSum = usageMilliSum
        self.requestMilliSum = requestMilliSum
        self.ratio = ratio
        self.error = error
    }
}

extension HPAConditionRow {
    /// `conditions` as stored: `Type=Status/Reason` joined by `;`.
    static func encode(_ conditions: [HPAConditionRow]) -> String {
        conditions.map { "\($0.type)=\($0.status)/\($0.reason)" }.joined(separator: ";")
    }

    /// The inverse of `encode` (a malformed entry keeps its text as the type).
    static func decode(_ text: String) -> [HPAConditionRow] {
        guard !text.isEmpty else { return [] }
        return text.split(separator: ";", omittingEmptySubsequences: false).map { entry in
            guard let eq = entry.firstIndex(of: "="), let slash = entry[eq...].firstIndex(of: "/") else {
                return HPAConditionRow(type: String(entry), status: "", reason: "")
            }
            return HPAConditionRow(type: String(entry[..<eq]),
                                   status: String(entry[entry.index(after: eq)..<slash]),
                                   reason: String(entry[entry.index(after: slash)...]))
        }
    }
}
