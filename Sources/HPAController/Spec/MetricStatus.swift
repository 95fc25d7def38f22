public import RunRecords
/// `status.currentMetrics[i].current`: what the HPA saw, milli-units.
public struct MetricValueStatus: Hashable, Sendable, Codable {
    public var value: Int64?
    public var averageValue: Int64?
    public var averageUtilization: Int32?
    public init(value: Int64? = nil, averageValue: Int64? = nil, averageUtilization: Int32? = nil) {
        self.value = value; self.averageValue = averageValue; self.averageUtilization = averageUtilization
    }
}

/// One entry of `status.currentMetrics`; a failed metric leaves an empty entry (`type: ""`).
public struct MetricStatus: Hashable, Sendable, Codable {
    /// The source type; empty for a metric that failed this sync.
    public var type: MetricSourceType
    /// Resource / ContainerResource: the resource name.
    public var resourceName: ResourceName?
    /// ContainerResource: the container.
    public var container: String?
    /// Pods / Object / External: the metric identifier.
    public var metric: MetricIdentifier?
    /// Object (Value target): the described object.
    public var describedObject: CrossVersionObjectReference?
    public var current: MetricValueStatus

    public init(type: MetricSourceType, resourceName: ResourceName? = nil, container: String? = nil,
                metric: MetricIdentifier? = nil, describedObject: CrossVersionObjectReference? = nil,
                current: MetricValueStatus = .init()) {
        self.type = type; self.resourceName = resourceName; self.container = container
        self.metric = metric; self.describedObject = describedObject; self.current = current
    }

    /// The empty entry a failed metric leaves.
    public static let empty = MetricStatus(type: MetricSourceType(rawValue: ""))

    /// The resource or metric name (empty for a failed entry).
    public var name: String { resourceName ?? metric?.name ?? "" }
}

extension LabelSelector {
    /// Go's `%+v` of a `*metav1.LabelSelector` (its generated `String()`), map keys sorted.
    public var goDescription: String {
        let labels = matchLabels.keys.sorted().map { "\($0): \(matchLabels[$0] ?? ""),"}.joined()
        let expressions = matchExpressions.map {
            "LabelSelectorRequirement{Key:\($0.key),Operator:\($0.operator),Values:[\($0.values.joined(separator: " "))],},"
        }.joined()
        return "&LabelSelector{MatchLabels:map[string]string{\(labels)},"
            + "MatchExpressions:[]LabelSelectorRequirement{\(expressions)},}"
    }
}

extension Optional where Wrapped == LabelSelector {
    /// `%+v` of a possibly nil selector: `nil` or the selector's `String()`.
    public var goDescription: String { map(\.goDescription) ?? "nil" }
}
