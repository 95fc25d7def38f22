public import RunRecords
public import Quantities

/// An autoscaling/v2 `HorizontalPodAutoscaler`: what `kubectl describe hpa` shows.
public struct HorizontalPodAutoscaler: Hashable, Sendable, Codable {
    public var name: String
    public var namespace: String
    public var spec: HorizontalPodAutoscalerSpec
    public var status: HorizontalPodAutoscalerStatus

    public init(name: String, namespace: String = "default", spec: HorizontalPodAutoscalerSpec,
                status: HorizontalPodAutoscalerStatus = .init()) {
        self.name = name; self.namespace = namespace; self.spec = spec; self.status = status
    }
}

/// `spec` of an autoscaling/v2 HorizontalPodAutoscaler.
public struct HorizontalPodAutoscalerSpec: Hashable, Sendable, Codable {
    public var scaleTargetRef: CrossVersionObjectReference
    /// nil means 1 (the API default).
    public var minReplicas: Int32?
    public var maxReplicas: Int32
    /// Empty means the API default: CPU utilization 80 %.
    public var metrics: [MetricSpec]
    /// nil selects the legacy normalization path.
    public var behavior: HorizontalPodAutoscalerBehavior?

    public init(scaleTargetRef: CrossVersionObjectReference, minReplicas: Int32? = nil, maxReplicas: Int32,
                metrics: [MetricSpec] = [], behavior: HorizontalPodAutoscalerBehavior? = nil) {
        self.scaleTargetRef = scaleTargetRef; self.minReplicas = minReplicas; self.maxReplicas = maxReplicas
        self.metrics = metrics; self.behavior = behavior
    }
}

/// `scaleTargetRef`, `describedObject`.
public struct CrossVersionObjectReference: Hashable, Sendable, Codable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public init(apiVersion: String = "apps/v1", kind: String = "Deployment", name: String) {
        self.apiVersion = apiVersion; self.kind = kind; self.name = name
    }
}

/// One entry of `spec.metrics`.
///
/// A value type whose fields live in one shared, immutable box: a copy is one retain rather
/// than a retain of every name and quantity in it (the controller copies each metric spec into
/// every sync's evaluations). Setting a field replaces the box.
public struct MetricSpec: Hashable, Sendable, Codable {
    /// The spec's fields as written.
    private struct Values: Hashable, Sendable, Codable {
        var type: MetricSourceType
        var resource: ResourceMetricSource?
        var containerResource: ContainerResourceMetricSource?
        var pods: PodsMetricSource?
        var object: ObjectMetricSource?
        var external: ExternalMetricSource?
    }

    /// The values, and what the controller derives from them once rather than every sync.
    private final class Fields: Sendable {
        let values: Values
        /// `pods metric <name>`, the name events give a Pods metric.
        let podsMetricName: String?
        /// `type` as a case (matching the type's name once, not every sync).
        let kind: SourceKind

        init(_ values: Values) {
            self.values = values
            podsMetricName = values.pods.map { "pods metric \($0.metric.name)" }
            kind = switch values.type {
            case .resource: .resource
            case .containerResource: .containerResource
            case .pods: .pods
            case .object: .object
            case .external: .external
            default: .unknown
            }
        }
    }

    /// The metric source types the controller knows, and every other.
    enum SourceKind { case resource, containerResource, pods, object, external, unknown }

    /// ``type`` as a ``SourceKind``.
    var kind: SourceKind { fields.kind }

    /// `pods metric <name>` for a Pods source (made with the spec, not per sync).
    var podsMetricName: String? { fields.podsMetricName }

    private var fields: Fields

    public init(type: MetricSourceType, resource: ResourceMetricSource? = nil,
                containerResource: ContainerResourceMetricSource? = nil, pods: PodsMetricSource? = nil,
                object: ObjectMetricSource? = nil, external: ExternalMetricSource? = nil) {
        fields = Fields(Values(type: type, resource: resource, containerResource: containerResource, pods: pods,
                               object: object, external: external))
    }

    public var type: MetricSourceType {
        get { fields.values.type }
        set { change { $0.type = newValue } }
    }
    public var resource: ResourceMetricSource? {
        get { fields.values.resource }
        set { change { $0.resource = newValue } }
    }
    public var containerResource: ContainerResourceMetricSource? {
        get { fields.values.containerResource }
        set { change { $0.containerResource = newValue } }
    }
    public var pods: PodsMetricSource? {
        get { fields.values.pods }
        set { change { $0.pods = newValue } }
    }
    public var object: ObjectMetricSource? {
        get { fields.values.object }
        set { change { $0.object = newValue } }
    }
    public var external: ExternalMetricSource? {
        get { fields.values.external }
        set { change { $0.external = newValue } }
    }

    /// Replaces the box with a changed copy (the box itself is never written).
    private mutating func change(_ body: (inout Values) -> Void) {
        var values = fields.values
        body(&values)
        fields = Fields(values)
    }

    public static func resource(_ name: String, _ target: MetricTarget) -> MetricSpec {
        MetricSpec(type: .resource, resource: .init(name: name, target: target))
    }
    public static func pods(_ name: String, _ target: MetricTarget) -> MetricSpec {
        MetricSpec(type: .pods, pods: .init(metric: .init(name: name), target: target))
    }

    public static func == (a: MetricSpec, b: MetricSpec) -> Bool {
        a.fields === b.fields || a.fields.values == b.fields.values
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(fields.values) }

    // Coded as the values are: the keys and optional handling a synthesized conformance uses.
    public init(from decoder: any Decoder) throws { fields = Fields(try Values(from: decoder)) }

    public func encode(to encoder: any Encoder) throws { try fields.values.encode(to: encoder) }
}

/// `target` of a metric.
public struct MetricTarget: Hashable, Sendable, Codable {
    public var type: MetricTargetType
    public var value: Quantity?
    public var averageValue: Quantity?
    /// Integer percent of the pods' requests.
    public var averageUtilization: Int32?
    public init(type: MetricTargetType, value: Quantity? = nil, averageValue: Quantity? = nil,
                averageUtilization: Int32? = nil) {
        self.type = type; self.value = value; self.averageValue = averageValue
        self.averageUtilization = averageUtilization
    }
    public static func utilization(_ percent: Int32) -> MetricTarget { .init(type: .utilization, averageUtilization: percent) }
    public static func averageValue(_ q: Quantity) -> MetricTarget { .init(type: .averageValue, averageValue: q) }
    public static func value(_ q: Quantity) -> MetricTarget { .init(type: .value, value: q) }
}

/// A resource name (`cpu`, `memory`, ...).
public typealias ResourceName = String

/// `type: Resource`: a resource of the whole pod (the containers' sum) against `target`.
public struct ResourceMetricSource: Hashable, Sendable, Codable {
    public var name: ResourceName
    public var target: MetricTarget
    public init(name: ResourceName, target: MetricTarget) { self.name = name; self.target = target }
}

/// `type: ContainerResource`: a resource of one named container against `target`.
public struct ContainerResourceMetricSource: Hashable, Sendable, Codable {
    public var name: ResourceName
    public var container: String
    public var target: MetricTarget
    public init(name: ResourceName, container: String, target: MetricTarget) {
        self.name = name; self.container = container; self.target = target
    }
}

/// `metric: {name, selector}`.
public struct MetricIdentifier: Hashable, Sendable, Codable {
    public var name: String
    public var selector: LabelSelector?
    public init(name: String, selector: LabelSelector? = nil) { self.name = name; self.selector = selector }
}

/// A label selector; keys are kept sorted wherever they are rendered.
public struct LabelSelector: Hashable, Sendable, Codable {
    public var matchLabels: [String: String]
    public var matchExpressions: [LabelSelectorRequirement]
    public init(matchLabels: [String: String] = [:], matchExpressions: [LabelSelectorRequirement] = []) {
        self.matchLabels = matchLabels; self.matchExpressions = matchExpressions
    }
}

/// One `matchExpressions` entry: `key`, `operator` (`In`, `NotIn`, `Exists`, `DoesNotExist`), `values`.
public struct LabelSelectorRequirement: Hashable, Sendable, Codable {
    public var key: String
    public var `operator`: String
    public var values: [String]
    public init(key: String, operator: String, values: [String]) { self.key = key; self.operator = `operator`; self.values = values }
}

/// `type: Pods`: a custom metric per pod, averaged over the pods, against an `AverageValue` target.
public struct PodsMetricSource: Hashable, Sendable, Codable {
    public var metric: MetricIdentifier
    public var target: MetricTarget
    public init(metric: MetricIdentifier, target: MetricTarget) { self.metric = metric; self.target = target }
}

/// `type: Object`: a custom metric describing one object (`describedObject`).
public struct ObjectMetricSource: Hashable, Sendable, Codable {
    public var describedObject: CrossVersionObjectReference
    public var metric: MetricIdentifier
    public var target: MetricTarget
    public init(describedObject: CrossVersionObjectReference, metric: MetricIdentifier, target: MetricTarget) {
        self.describedObject = describedObject; self.metric = metric; self.target = target
    }
}

/// `type: External`: a metric from outside the cluster, summed over the series the selector picks.
public struct ExternalMetricSource: Hashable, Sendable, Codable {
    public var metric: MetricIdentifier
    public var target: MetricTarget
    public init(metric: MetricIdentifier, target: MetricTarget) { self.metric = metric; self.target = target }
}

/// `spec.behavior`.
public struct HorizontalPodAutoscalerBehavior: Hashable, Sendable, Codable {
    public var scaleUp: HPAScalingRules?
    public var scaleDown: HPAScalingRules?
    public init(scaleUp: HPAScalingRules? = nil, scaleDown: HPAScalingRules? = nil) {
        self.scaleUp = scaleUp; self.scaleDown = scaleDown
    }
}

/// `Max`, `Min` or `Disabled`.
public enum ScalingPolicySelect: String, Hashable, Sendable, Codable, CaseIterable {
    case max = "Max"
    case min = "Min"
    case disabled = "Disabled"
}

/// `scaleUp` / `scaleDown`; nil fields are filled by API defaulting.
public struct HPAScalingRules: Hashable, Sendable, Codable {
    public var stabilizationWindowSeconds: Int32?
    public var selectPolicy: ScalingPolicySelect?
    /// nil: defaulted; an explicit empty list stays empty.
    public var policies: [HPAScalingPolicy]?
    /// Per-direction tolerance (`HPAConfigurableTolerance`).
    public var tolerance: Quantity?
    public init(stabilizationWindowSeconds: Int32? = nil, selectPolicy: ScalingPolicySelect? = nil,
                policies: [HPAScalingPolicy]? = nil, tolerance: Quantity? = nil) {
        self.stabilizationWindowSeconds = stabilizationWindowSeconds; self.selectPolicy = selectPolicy
        self.policies = policies; self.tolerance = tolerance
    }
}

/// `Pods` or `Percent`.
public enum HPAScalingPolicyType: String, Hashable, Sendable, Codable, CaseIterable {
    case pods = "Pods"
    case percent = "Percent"
}

/// One scaling policy: at most `value` pods (or percent) of change per `periodSeconds`.
public struct HPAScalingPolicy: Hashable, Sendable, Codable {
    public var type: HPAScalingPolicyType
    public var value: Int32
    public var periodSeconds: Int32
    public init(type: HPAScalingPolicyType, value: Int32, periodSeconds: Int32) {
        self.type = type; self.value = value; self.periodSeconds = periodSeconds
    }
}
