/// `spec.template.spec` of a Deployment, as far as the model needs it.
public struct PodTemplate: Hashable, Sendable, Codable {
    /// The containers; the first one runs the tasks (its limits throttle and OOM-kill).
    public var containers: [ContainerTemplate]
    /// The first container's readiness probe; nil: Ready as soon as the container starts.
    public var readinessProbe: ReadinessProbe?
    /// `terminationGracePeriodSeconds` (API default 30).
    public var terminationGracePeriodSeconds: Int64
    /// `restartPolicy` (API default `Always`).
    public var restartPolicy: RestartPolicy
    /// The `controller.kubernetes.io/pod-deletion-cost` annotation (default 0): pods
    /// with a lower cost are deleted first on scale-down.
    public var podDeletionCost: Int32

    public init(containers: [ContainerTemplate] = [ContainerTemplate(name: "main")],
                readinessProbe: ReadinessProbe? = .init(), terminationGracePeriodSeconds: Int64 = 30,
                restartPolicy: RestartPolicy = .always, podDeletionCost: Int32 = 0) {
        self.containers = containers; self.readinessProbe = readinessProbe
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.restartPolicy = restartPolicy; self.podDeletionCost = podDeletionCost
    }
}

/// One container: requests, limits and what it uses with no task running.
public struct ContainerTemplate: Hashable, Sendable, Codable {
    public var name: String
    /// `resources.requests`; the scheduler and the HPA's utilization use these.
    public var requests: ResourceValues
    /// `resources.limits`; CPU above the limit throttles, memory above it OOM-kills.
    public var limits: ResourceValues
    /// Usage with no task running (the process's idle footprint).
    public var baselineUsage: ResourceUsage

    public init(name: String, requests: ResourceValues = .init(), limits: ResourceValues = .init(),
                baselineUsage: ResourceUsage = .zero) {
        self.name = name; self.requests = requests; self.limits = limits; self.baselineUsage = baselineUsage
    }
}

/// CPU and memory amounts that may be unset (requests, limits), in milli-units as
/// `Quantity.milliValue` gives them: CPU in millicores, memory in milli-bytes
/// (`512Mi` = 536 870 912 000).
public struct ResourceValues: Hashable, Sendable, Codable {
    /// Millicores; nil: not set.
    public var cpuMilli: Int64?
    /// Milli-bytes; nil: not set.
    public var memoryMilli: Int64?
    public init(cpuMilli: Int64? = nil, memoryMilli: Int64? = nil) { self.cpuMilli = cpuMilli; self.memoryMilli = memoryMilli }
}

/// CPU and memory in use, in milli-units (millicores, milli-bytes).
public struct ResourceUsage: Hashable, Sendable, Codable {
    public var cpuMilli: Int64
    public var memoryMilli: Int64
    public init(cpuMilli: Int64 = 0, memoryMilli: Int64 = 0) { self.cpuMilli = cpuMilli; self.memoryMilli = memoryMilli }
    /// Nothing in use.
    public static let zero = ResourceUsage()
    /// `mebibytes` MiB in milli-bytes.
    public static func memoryMilli(mebibytes: Int64) -> Int64 { mebibytes * 1_048_576 * 1000 }
}

/// A readiness probe's timing (API defaults: delay 0, period 10 s, thresholds 1 and 3).
///
/// Probes run every `periodSeconds` from `initialDelaySeconds` after the container
/// starts. A probe succeeds once the application is up (``PodLifecycle/applicationStartup``
/// after the start); `successThreshold` successes in a row make the pod Ready. In the
/// model a running, started application never fails a probe, so `failureThreshold`
/// matters only as documentation; a killed container is NotReady at once, as the
/// kubelet reports it.
public struct ReadinessProbe: Hashable, Sendable, Codable {
    public var initialDelaySeconds: Int32
    public var periodSeconds: Int32
    public var successThreshold: Int32
    public var failureThreshold: Int32
    public init(initialDelaySeconds: Int32 = 0, periodSeconds: Int32 = 10, successThreshold: Int32 = 1,
                failureThreshold: Int32 = 3) {
        self.initialDelaySeconds = initialDelaySeconds; self.periodSeconds = periodSeconds
        self.successThreshold = successThreshold; self.failureThreshold = failureThreshold
    }
}

/// `restartPolicy` of a pod.
public enum RestartPolicy: String, Hashable, Sendable, Codable, CaseIterable {
    /// Restart a killed container in place, with back-off.
    case always = "Always"
    /// Same as `Always` for OOM kills (exit code 137 is a failure).
    case onFailure = "OnFailure"
    /// The pod fails; the ReplicaSet replaces it with a new pod.
    case never = "Never"
}
