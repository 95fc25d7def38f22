import RunRecords
public import SimTime

/// One HPA of a stored run as `kubectl describe hpa` would have shown it at a simulated instant,
/// with its events over a window and, under each rescale, why it was that size.
///
/// **Everything comes from the stored records; nothing is re-simulated.** The header and the
/// conditions are those of the last sync at or before ``at``; the events are those of the syncs
/// in ``from``…``to``, identical ones folded as kubectl's event recorder folds them.
/// Build one with ``init(hpa:controller:syncs:scales:from:to:at:)``; print it with
/// ``text`` or encode it as JSON (it is `Codable`).
public struct HPADescription: Hashable, Sendable, Codable {
    public var name: String
    public var namespace: String
    /// `Deployment/egress`.
    public var reference: String
    /// The instant the header and conditions describe (the last sync at or before it).
    public var at: Instant
    public var from: Instant
    public var to: Instant
    public var metrics: [MetricLine]
    /// nil: unset (the API default 1 applies).
    public var minReplicas: Int32?
    public var maxReplicas: Int32
    /// nil without `spec.behavior`.
    public var behavior: Behavior?
    public var targetKind: String
    /// `status.currentReplicas` / `status.desiredReplicas` after the sync at ``at``; nil before the first sync.
    public var currentReplicas: Int32?
    public var desiredReplicas: Int32?
    public var conditions: [Condition]
    public var events: [Event]

    /// A simulated instant: exact seconds from the start and the time of day (`2d14:30:00`).
    public struct Instant: Hashable, Sendable, Codable {
        public var seconds: Double
        public var time: String
        public init(_ t: SimTime) { seconds = t.seconds; time = TimeOfDay.format(t) }
    }

    /// One `Metrics:` line: `label: current / target`.
    public struct MetricLine: Hashable, Sendable, Codable {
        public var label: String
        public var values: String
    }

    /// `spec.behavior` as kubectl prints it (only what the spec sets).
    public struct Behavior: Hashable, Sendable, Codable {
        public var scaleUp: Rules?
        public var scaleDown: Rules?
        public struct Rules: Hashable, Sendable, Codable {
            public var stabilizationWindowSeconds: Int32?
            /// Printed with the policies (unset → `Max`).
            public var selectPolicy: String?
            public var policies: [Policy]?
        }
        public struct Policy: Hashable, Sendable, Codable {
            public var type: String
            public var value: Int32
            public var periodSeconds: Int32
        }
    }

    /// A `Conditions:` row.
    public struct Condition: Hashable, Sendable, Codable {
        public var type: String
        public var status: String
        public var reason: String
        public var message: String
    }

    /// An `Events:` row: identical events (type, reason, message) folded into one.
    public struct Event: Hashable, Sendable, Codable {
        public var type: String
        public var reason: String
        /// The first and last occurrence in the window.
        public var first: Instant
        public var last: Instant
        public var count: Int
        public var message: String
        /// For a rescale, why it was that size, at each occurrence (oldest first).
        public var why: [RescaleWhy]
    }
}

/// Why a rescale (or a failed one) was the size it was, stage by stage, from the sync record.
public struct RescaleWhy: Hashable, Sendable, Codable {
    public var at: HPADescription.Instant
    public var from: Int32
    public var to: Int32
    /// Each metric's proposal, in spec order.
    public var proposals: [Proposal]
    /// The max over the proposals; nil when the metrics step did not run (min/max correction).
    public var recommendation: Int32?
    public var stabilized: Int32?
    /// What the stabilization window held (`scaleDown window 300s held 6 (recommendation 4)`), or nil.
    public var stabilization: String?
    /// The `ScalingLimited` reason.
    public var limitingReason: String?
    /// The rule that limited (`Pods 2 per 60s → 5 (selectPolicy Min of Percent 50 per 60s → 6,
    /// Pods 2 per 60s → 5)`, `maxReplicas 10`), or nil when nothing did.
    public var limit: String?
    /// The line printed under the event.
    public var summary: String

    public struct Proposal: Hashable, Sendable, Codable {
        public var metric: String
        /// `148`, `41%`; nil when the metric failed.
        public var current: String?
        public var target: String
        public var replicas: Int32?
        public var error: String?
    }
}
