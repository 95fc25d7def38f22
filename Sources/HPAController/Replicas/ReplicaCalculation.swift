/// One metric's replica proposal with the aggregates the calculation used.
public struct ReplicaCalculation: Hashable, Sendable {
    /// The proposal.
    public var replicas: Int32
    /// Resource Utilization: the truncated integer percent of request (ready pods).
    public var utilization: Int32?
    /// Resource metrics: the truncated average usage of ready pods, milli-units.
    public var rawAverage: Int64?
    /// AverageValue and Value kinds: the value the HPA saw (average or total), milli-units.
    public var usage: Int64?
    /// The pod classes (pod-based metrics only).
    public var podGroups: PodGroups?
    /// Σ usage over the first-pass samples (pod-based metrics), milli-units.
    public var usageSum: Int64?
    /// Σ requests over the first-pass samples (Utilization only), milli-units.
    public var requestSum: Int64?
    /// Number of samples in the first pass (superfluous samples included).
    public var sampleCount: Int?
    /// The first-pass usage ratio (usage / target).
    public var usageRatio: Double?
    /// The ratio after the missing/unready rebalance, when it ran.
    public var rebalancedRatio: Double?
    /// Pods counted as ready by Object/External Value targets.
    public var readyPodCount: Int?

    public init(replicas: Int32, utilization: Int32? = nil, rawAverage: Int64? = nil, usage: Int64? = nil,
                podGroups: PodGroups? = nil, usageSum: Int64? = nil, requestSum: Int64? = nil,
                sampleCount: Int? = nil, usageRatio: Double? = nil, rebalancedRatio: Double? = nil,
                readyPodCount: Int? = nil) {
        self.replicas = replicas; self.utilization = utilization; self.rawAverage = rawAverage
        self.usage = usage; self.podGroups = podGroups; self.usageSum = usageSum
        self.requestSum = requestSum; self.sampleCount = sampleCount; self.usageRatio = usageRatio
        self.rebalancedRatio = rebalancedRatio; self.readyPodCount = readyPodCount
    }
}

/// A replica-calculation failure with Kubernetes' error text.
public struct ReplicaCalculationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Metric samples keyed by pod, in first-seen order (`metricsclient.PodMetricsInfo`).
///
/// A map in Go; here an ordered map so nothing depends on hash order. A later sample for
/// the same pod replaces the earlier one.
struct SampleSet {
    private(set) var order: [String] = []
    private(set) var byPod: [String: PodSample] = [:]

    init(_ samples: [PodSample]) { for sample in samples { self[sample.pod] = sample } }

    subscript(pod: String) -> PodSample? {
        get { byPod[pod] }
        set {
            if let newValue {
                if byPod.updateValue(newValue, forKey: pod) == nil { order.append(pod) }
            } else if byPod.removeValue(forKey: pod) != nil {
                order.removeAll { $0 == pod }
            }
        }
    }

    var count: Int { order.count }
    var values: [PodSample] { order.compactMap { byPod[$0] } }

    mutating func remove(_ pods: [String]) {
        guard !pods.isEmpty else { return }
        let drop = Set(pods)
        for pod in pods { byPod.removeValue(forKey: pod) }
        order.removeAll { drop.contains($0) }
    }
}
