public import SimTime
public import HPAController

/// Everything one run needs: the cluster, its autoscalers, the metrics pipeline, the
/// workload, the duration and the seed.
///
/// **The same configuration gives the same ``SimulationResult``, bit for bit.**
/// Build one in Swift (the tests do) or from a scenario file (the Scenario module parses
/// YAML into these types). Every field has a default taken from Kubernetes or named as an
/// assumption in `docs/model.md`.
public struct SimulationConfiguration: Hashable, Sendable, Codable {
    /// The namespace pods and HPAs live in (used in names and messages only).
    public var namespace: String
    /// How long the run lasts; events exactly at the end still run.
    public var duration: SimDuration
    /// The seed of every random stream; the same seed gives the same run.
    public var seed: UInt64
    /// The deployments, in a fixed order (results list them in this order).
    public var deployments: [DeploymentConfiguration]
    /// The HPAs; each scales the deployment its `scaleTargetRef.name` names.
    public var autoscalers: [AutoscalerConfiguration]
    /// kube-controller-manager's HPA flags (sync period, tolerance, CPU initialization period ...).
    public var controller: ControllerConfiguration
    /// What the HPAs see and how late they see it.
    public var metrics: MetricsPipelineConfiguration
    /// The tasks arriving at the Redis queue and the notifier's feed.
    public var workload: WorkloadConfiguration
    /// The nodes' allocatable CPU and memory in total; unlimited by default.
    public var nodeCapacity: NodeCapacity
    /// The kubelet's container restart back-off (after an OOM kill).
    public var restartBackOff: RestartBackOff
    /// Series resolution, flapping window, histogram precision, per-task recording.
    public var results: ResultsConfiguration
    /// KEDA ScaledObjects (their generated HPAs are in ``autoscalers``); nil: none (also
    /// configurations stored before KEDA was modelled).
    public var scaledObjects: [ScaledObjectConfiguration]?

    public init(namespace: String = "default", duration: SimDuration = .hours(1), seed: UInt64 = 1,
                deployments: [DeploymentConfiguration] = [], autoscalers: [AutoscalerConfiguration] = [],
                controller: ControllerConfiguration = .init(), metrics: MetricsPipelineConfiguration = .init(),
                workload: WorkloadConfiguration = .init(), nodeCapacity: NodeCapacity = .unlimited,
                restartBackOff: RestartBackOff = .init(), results: ResultsConfiguration = .init(),
                scaledObjects: [ScaledObjectConfiguration]? = nil) {
        self.namespace = namespace; self.duration = duration; self.seed = seed
        self.deployments = deployments; self.autoscalers = autoscalers; self.controller = controller
        self.metrics = metrics; self.workload = workload; self.nodeCapacity = nodeCapacity
        self.restartBackOff = restartBackOff; self.results = results; self.scaledObjects = scaledObjects
    }
}

/// One HPA and when, within its sync period, the controller reaches it.
public struct AutoscalerConfiguration: Hashable, Sendable, Codable {
    /// The autoscaling/v2 object as written in the manifest (its status is the starting status).
    public var hpa: HorizontalPodAutoscaler
    /// The first sync runs at this offset after the start, then every sync period.
    /// Kubernetes enqueues a new HPA at once, so the default is zero; offsets spread
    /// several HPAs over the period as the controller's work queue does.
    public var syncPhaseOffset: SimDuration

    public init(hpa: HorizontalPodAutoscaler, syncPhaseOffset: SimDuration = .zero) {
        self.hpa = hpa; self.syncPhaseOffset = syncPhaseOffset
    }
}

/// Total allocatable resources of the nodes, in milli-units; nil means unlimited.
///
/// The scheduler places a pod when the sum of the requests of the pods already placed
/// plus its own fits (the `NodeResourcesFit` filter over one pooled node); a pod that
/// does not fit stays Pending until capacity frees up.
public struct NodeCapacity: Hashable, Sendable, Codable {
    /// Allocatable CPU in millicores; nil: unlimited.
    public var cpuMilli: Int64?
    /// Allocatable memory in milli-bytes; nil: unlimited.
    public var memoryMilli: Int64?
    public init(cpuMilli: Int64? = nil, memoryMilli: Int64? = nil) { self.cpuMilli = cpuMilli; self.memoryMilli = memoryMilli }
    /// No limit on either resource (the default).
    public static let unlimited = NodeCapacity()
}

/// The kubelet's crash-loop back-off for restarting containers.
///
/// Defaults from the kubelet (`pkg/kubelet/kubelet.go`: `backOffPeriod = 10 s`,
/// `MaxContainerBackOff = 300 s`) and the Pod lifecycle docs: the delay doubles per
/// restart up to the cap, and resets once a container has run 10 minutes without trouble.
public struct RestartBackOff: Hashable, Sendable, Codable {
    /// Delay before the first restart.
    public var initial: SimDuration
    /// The cap the doubling stops at.
    public var maximum: SimDuration
    /// A container running this long without exiting resets the back-off.
    public var resetAfter: SimDuration
    public init(initial: SimDuration = .seconds(10), maximum: SimDuration = .minutes(5),
                resetAfter: SimDuration = .minutes(10)) {
        self.initial = initial; self.maximum = maximum; self.resetAfter = resetAfter
    }
}

/// What a run keeps beyond the summary counters.
public struct ResultsConfiguration: Hashable, Sendable, Codable {
    /// Interval of `recordSeries` calls; nil: the controller's sync period.
    public var seriesResolution: SimDuration?
    /// Two scale events in opposite directions closer than this count as one flap.
    public var flappingWindow: SimDuration
    /// Significant decimal digits the queue-wait histogram keeps (HdrHistogram precision;
    /// 3 means quantiles within 0.1 %).
    public var queueWaitSignificantDigits: Int
    /// Whether the recorder receives one call per finished task (off: summaries only).
    public var recordTasks: Bool
    /// Whether the recorder receives one call per pod at every series step (off: per deployment only).
    public var recordPods: Bool
    public init(seriesResolution: SimDuration? = nil, flappingWindow: SimDuration = .minutes(5),
                queueWaitSignificantDigits: Int = 3, recordTasks: Bool = false, recordPods: Bool = false) {
        self.seriesResolution = seriesResolution; self.flappingWindow = flappingWindow
        self.queueWaitSignificantDigits = queueWaitSignificantDigits; self.recordTasks = recordTasks
        self.recordPods = recordPods
    }

    private enum CodingKeys: String, CodingKey {
        case seriesResolution, flappingWindow, queueWaitSignificantDigits, recordTasks, recordPods
    }

    /// Decodes; `recordPods` may be absent (configurations stored before it existed).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seriesResolution = try c.decodeIfPresent(SimDuration.self, forKey: .seriesResolution)
        flappingWindow = try c.decode(SimDuration.self, forKey: .flappingWindow)
        queueWaitSignificantDigits = try c.decode(Int.self, forKey: .queueWaitSignificantDigits)
        recordTasks = try c.decode(Bool.self, forKey: .recordTasks)
        recordPods = try c.decodeIfPresent(Bool.self, forKey: .recordPods) ?? false
    }
}
