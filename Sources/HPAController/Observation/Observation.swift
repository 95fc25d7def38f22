public import RunRecords
public import SimTime

/// Everything one sync of the controller observes, as the API server and the metrics
/// APIs return it. The model builds one per sync; the conformance runner builds one per vector.
///
/// Resource amounts are milli-units throughout (`MilliValue()`: CPU millicores, memory
/// milli-bytes); custom, object and external metric values are milli-units too.
public struct Observation: Sendable {
    public var scale: ScaleObservation
    /// Every pod matching the scale's selector (terminating and failed pods included).
    public var pods: [ObservedPod]
    /// metrics-server's answer for the pods, or its error.
    public var resourceMetrics: Result<[PodResourceMetrics], MetricsAPIError>
    /// custom.metrics.k8s.io per-pod samples, keyed by metric name.
    public var podMetrics: [String: [PodMetricSample]]
    /// custom.metrics.k8s.io object samples, keyed by metric name.
    public var objectMetrics: [String: ObjectMetricSample]
    /// external.metrics.k8s.io values, keyed by metric name.
    public var externalMetrics: [String: ExternalMetricSample]
    /// When set, every Pods and Object metric read fails with this message.
    public var customMetricsError: String?
    /// When set, every External metric read fails with this message.
    public var externalMetricsError: String?

    public init(scale: ScaleObservation, pods: [ObservedPod] = [],
                resourceMetrics: Result<[PodResourceMetrics], MetricsAPIError> = .success([]),
                podMetrics: [String: [PodMetricSample]] = [:], objectMetrics: [String: ObjectMetricSample] = [:],
                externalMetrics: [String: ExternalMetricSample] = [:], customMetricsError: String? = nil,
                externalMetricsError: String? = nil) {
        self.scale = scale; self.pods = pods; self.resourceMetrics = resourceMetrics
        self.podMetrics = podMetrics; self.objectMetrics = objectMetrics; self.externalMetrics = externalMetrics
        self.customMetricsError = customMetricsError; self.externalMetricsError = externalMetricsError
    }
}

/// An error message from a metrics API.
public struct MetricsAPIError: Error, Hashable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// The target's scale subresource, and how the API server answers reads and writes of it.
public struct ScaleObservation: Hashable, Sendable {
    /// `scale.spec.replicas`: the controller's `currentReplicas`.
    public var specReplicas: Int32
    /// `scale.status.replicas` (used by Object/External AverageValue targets).
    public var statusReplicas: Int32
    public var selector: SelectorState
    /// Reading the scale fails with this message (`FailedGetScale`).
    public var getError: String?
    /// Updating the scale fails with this message (`FailedRescale`).
    public var updateError: String?
    public init(specReplicas: Int32, statusReplicas: Int32, selector: SelectorState = .ok,
                getError: String? = nil, updateError: String? = nil) {
        self.specReplicas = specReplicas; self.statusReplicas = statusReplicas; self.selector = selector
        self.getError = getError; self.updateError = updateError
    }
}

/// What the controller finds in `scale.status.selector`.
public enum SelectorState: String, Hashable, Sendable {
    case ok, missing, unparsable, ambiguous
}

/// `Running`, `Pending`, ...
public enum PodPhase: String, Hashable, Sendable, CaseIterable {
    case pending = "Pending"
    case running = "Running"
    case succeeded = "Succeeded"
    case failed = "Failed"
    case unknown = "Unknown"
}


/// What the controller reads of one pod.
public struct ObservedPod: Hashable, Sendable {
    public var name: String
    public var phase: PodPhase
    /// `metadata.deletionTimestamp` is set.
    public var deleted: Bool
    /// The PodReady condition's status; nil when the pod has no such condition.
    public var ready: ConditionStatus?
    public var readyTransitionTime: SimTime
    /// `status.startTime`; nil when unset.
    public var startTime: SimTime?
    public var containers: [ContainerRequests]
    public var initContainers: [ContainerRequests]
    /// Pod-level requests (KEP-2837), when the pod sets them.
    public var podRequests: ResourceList?

    public init(name: String, phase: PodPhase = .running, deleted: Bool = false, ready: ConditionStatus? = .true,
                readyTransitionTime: SimTime = .farPast, startTime: SimTime? = .farPast,
                containers: [ContainerRequests] = [], initContainers: [ContainerRequests] = [],
                podRequests: ResourceList? = nil) {
        self.name = name; self.phase = phase; self.deleted = deleted; self.ready = ready
        self.readyTransitionTime = readyTransitionTime; self.startTime = startTime
        self.containers = containers; self.initContainers = initContainers; self.podRequests = podRequests
    }
}

/// A container's name and requests; for init containers, whether it is a restartable sidecar.
public struct ContainerRequests: Hashable, Sendable {
    public var name: String
    public var requests: ResourceList
    /// Init containers only: `restartPolicy: Always` (a sidecar, whose requests count).
    public var restartable: Bool
    public init(name: String, requests: ResourceList, restartable: Bool = false) {
        self.name = name; self.requests = requests; self.restartable = restartable
    }

    /// `a == b`, answered without comparing entries when both are one buffer (a model hands
    /// every pod of a template one shared list; a call to `==` also retained both).
    @inline(__always)
    public static func same(_ a: [ContainerRequests], _ b: [ContainerRequests]) -> Bool {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress && x.count == y.count } }
            || a == b
    }
}

/// One pod's entry in metrics-server's answer.
public struct PodResourceMetrics: Hashable, Sendable {
    public var pod: String
    public var timestamp: SimTime
    public var window: SimDuration
    public var containers: [ContainerUsage]
    public init(pod: String, timestamp: SimTime, window: SimDuration, containers: [ContainerUsage]) {
        self.pod = pod; self.timestamp = timestamp; self.window = window; self.containers = containers
    }
}

/// One container's usage in a metrics-server pod entry (milli-units per resource).
public struct ContainerUsage: Hashable, Sendable {
    public var name: String
    public var usage: ResourceList
    public init(name: String, usage: ResourceList) { self.name = name; self.usage = usage }
}

/// A per-pod custom metric sample.
public struct PodMetricSample: Hashable, Sendable {
    public var pod: String
    public var valueMilli: Int64
    public var timestamp: SimTime
    public var window: SimDuration
    public init(pod: String, valueMilli: Int64, timestamp: SimTime, window: SimDuration = .seconds(60)) {
        self.pod = pod; self.valueMilli = valueMilli; self.timestamp = timestamp; self.window = window
    }
}

/// An object metric sample.
public struct ObjectMetricSample: Hashable, Sendable {
    public var valueMilli: Int64
    public var timestamp: SimTime
    public init(valueMilli: Int64, timestamp: SimTime) { self.valueMilli = valueMilli; self.timestamp = timestamp }
}

/// External metric values (summed by the controller).
public struct ExternalMetricSample: Hashable, Sendable {
    public var valuesMilli: [Int64]
    public var timestamp: SimTime
    public init(valuesMilli: [Int64], timestamp: SimTime) { self.valuesMilli = valuesMilli; self.timestamp = timestamp }
}
