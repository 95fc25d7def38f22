public import SimTime
public import ClusterModel
public import HPAController
public import Expectations

/// A scenario file as written, before its manifests are read (see `docs/scenarios.md`).
public struct ScenarioFile: Sendable {
    public var name: String
    public var description: String?
    /// Manifest paths or globs, relative to the scenario file.
    public var manifests: [String]
    /// `target:path=value` edits applied to the manifests before they are read.
    public var overrides: [ManifestOverride]
    public var duration: SimDuration
    public var seed: UInt64
    /// The controller's settings, `kubernetesVersion` and explicit `featureGates` included.
    public var controller: ControllerConfiguration
    /// `controller.kubernetesVersion`: decides validation and the controller's behavior alike.
    public var kubernetesVersion: KubernetesVersion {
        get { controller.kubernetesVersion }
        set { controller.kubernetesVersion = newValue }
    }
    /// The feature gates in force: those the scenario sets, the version's defaults for the rest.
    public var featureGates: ResolvedFeatureGates { controller.resolvedFeatureGates }
    /// `controller.syncPhaseOffsets`: per HPA name.
    public var syncPhaseOffsets: [String: SimDuration]
    public var metrics: MetricsPipelineConfiguration
    public var workload: WorkloadConfiguration
    /// `deployments.<name>`: what the manifests cannot say (baseline usage, lifecycle, role).
    public var deployments: [String: DeploymentRuntime]
    public var nodeCapacity: NodeCapacity
    public var restartBackOff: RestartBackOff
    public var results: ResultsConfiguration
    public var lints: LintSettings
    /// The `expectations:` block as YAML (as written).
    public var expectationsYAML: String?
    /// The promises of `expectations:`, parsed; checked against the scenario's names when it loads.
    public var expectations: [ScenarioExpectation] = []
    /// Arrival segments and bursts given a `name:` (what `reactionTime{after=NAME}` refers to).
    public var workloadEvents: [WorkloadEvent] = []
    /// The file the scenario was read from.
    public var location: SourceLocation
    /// Where each entry of ``manifests`` was written.
    public var manifestLocations: [SourceLocation] = []
    /// `redisLists`: which task classes each Redis list (a KEDA trigger's `listName`) holds;
    /// a list not named here holds the classes whose `keyPattern` minus `:*` is its name.
    public var redisLists: [String: [String]] = [:]
}

/// The runtime side of one deployment (`deployments.<name>` in a scenario).
public struct DeploymentRuntime: Hashable, Sendable {
    /// Usage of the first container (the one that runs tasks) with no task running.
    public var baseline: ResourceUsage
    public var lifecycle: PodLifecycle
    public var role: DeploymentRole
    /// For workers: `POD_WORKERS`; nil takes the first container's `POD_WORKERS` env (else 1).
    public var podWorkers: Int?
    public var initialPodsReady: Bool
    public init(baseline: ResourceUsage = .zero, lifecycle: PodLifecycle = .init(), role: DeploymentRole = .idle,
                podWorkers: Int? = nil, initialPodsReady: Bool = true) {
        self.baseline = baseline; self.lifecycle = lifecycle; self.role = role; self.podWorkers = podWorkers
        self.initialPodsReady = initialPodsReady
    }
}

/// Thresholds of the lints (`lints:` in a scenario).
public struct LintSettings: Hashable, Sendable {
    /// Warn when scale-up from minReplicas to maxReplicas takes longer than this.
    public var scaleUpTimeThreshold: SimDuration = .minutes(2)
    /// Warn when a Pods metric's no-action band at minReplicas spans at least this fraction of its target.
    public var podsMetricDeadBand: Double = 0.5
    /// Lints switched off by name (`dead-policy`, ...).
    public var disabled: [String] = []
    public init() {}
}

/// `egress-hpa:spec.behavior.scaleUp.policies[0].value=100`.
public struct ManifestOverride: Hashable, Sendable, CustomStringConvertible {
    /// `metadata.name` of the object, optionally `Kind/name`.
    public var target: String
    public var path: String
    /// The value as YAML (`100`, `Min`, `[1, 2]`).
    public var value: String
    public var location: SourceLocation
    public var description: String { "\(target):\(path)=\(value)" }

    /// Parses `target:path=value`; nil when the text has no `:` before a `=`.
    public init?(parsing text: String, location: SourceLocation) {
        guard let colon = text.firstIndex(of: ":"), let equals = text[colon...].firstIndex(of: "=") else { return nil }
        target = String(text[..<colon]).trimmingSpaces
        path = String(text[text.index(after: colon)..<equals]).trimmingSpaces
        value = String(text[text.index(after: equals)...]).trimmingSpaces
        self.location = location
        if target.isEmpty || path.isEmpty { return nil }
    }
}

/// One entry of a scenario's `expectations:`: a promise, its name and the seeds it must hold for.
public struct ScenarioExpectation: Hashable, Sendable {
    /// `name:`; nil when the entry has none.
    public var name: String?
    public var expectation: Expectation
    /// `seeds:`; empty: the scenario's seed (or `--seed`).
    public var seeds: [UInt64]
    /// Where the `assert:` was written, and its field path (`expectations[2].assert`).
    public var location: SourceLocation
    public var field: String
    public init(name: String?, expectation: Expectation, seeds: [UInt64] = [], location: SourceLocation, field: String) {
        self.name = name; self.expectation = expectation; self.seeds = seeds; self.location = location; self.field = field
    }
}
