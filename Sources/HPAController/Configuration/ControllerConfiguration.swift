public import SimTime

/// The kube-controller-manager's HPA settings, with Kubernetes' defaults
/// (`pkg/controller/podautoscaler/config/v1alpha1/defaults.go`, `horizontal.go`).
///
/// `kubernetesVersion` selects the behavior where released versions differ; the feature
/// gates and the zero-replica semantics default from it and can be overridden one by one.
public struct ControllerConfiguration: Hashable, Sendable, Codable {
    /// `--horizontal-pod-autoscaler-sync-period`.
    public var syncPeriod: SimDuration = .seconds(15)
    /// `--horizontal-pod-autoscaler-tolerance` (both directions).
    public var tolerance: Double = 0.1
    /// `--horizontal-pod-autoscaler-cpu-initialization-period`.
    public var cpuInitializationPeriod: SimDuration = .minutes(5)
    /// `--horizontal-pod-autoscaler-initial-readiness-delay`.
    public var initialReadinessDelay: SimDuration = .seconds(30)
    /// `--horizontal-pod-autoscaler-downscale-stabilization`.
    public var downscaleStabilizationWindow: SimDuration = .minutes(5)
    /// Legacy path (no `behavior`): at most `max(factor · current, minimum)` replicas per sync.
    public var scaleUpLimitFactor: Double = 2.0
    /// See `scaleUpLimitFactor`.
    public var scaleUpLimitMinimum: Double = 4.0
    /// The release whose behavior to reproduce; defaults to the spec's snapshot.
    public var kubernetesVersion: KubernetesVersion = .newest
    /// Explicit feature gates; nil fields follow `kubernetesVersion`.
    public var featureGates: FeatureGates = .init()
    /// Explicit zero-replica semantics; nil follows `kubernetesVersion`.
    public var zeroReplicasSemanticsOverride: ZeroReplicasSemantics?

    public init() {}

    /// The feature gates in force.
    public var resolvedFeatureGates: ResolvedFeatureGates { featureGates.resolved(for: kubernetesVersion) }

    /// The zero-replica rule in force: the `ScaledToZero` condition from 1.36, legacy before.
    /// Setting it overrides the version's rule.
    public var zeroReplicasSemantics: ZeroReplicasSemantics {
        get {
            zeroReplicasSemanticsOverride
                ?? (kubernetesVersion >= KubernetesVersion(minor: 36) ? .scaledToZeroCondition : .legacy)
        }
        set { zeroReplicasSemanticsOverride = newValue }
    }

    /// Before 1.33 the tolerance test was `|1 − r| ≤ tolerance`.
    public var usesAbsoluteToleranceTest: Bool { kubernetesVersion < KubernetesVersion(minor: 33) }

    /// The tolerances for one HPA: the flag, replaced per direction by `behavior.*.tolerance`
    /// when `HPAConfigurableTolerance` is on.
    public func tolerances(for behavior: HorizontalPodAutoscalerBehavior?) -> Tolerances {
        var result = Tolerances(scaleDown: tolerance, scaleUp: tolerance, absoluteTest: usesAbsoluteToleranceTest)
        guard resolvedFeatureGates.hpaConfigurableTolerance, let behavior else { return result }
        if let down = behavior.scaleDown?.tolerance { result.scaleDown = down.approximateDouble }
        if let up = behavior.scaleUp?.tolerance { result.scaleUp = up.approximateDouble }
        return result
    }
}

/// The tolerance band around a usage ratio of 1 inside which the controller does not scale.
public struct Tolerances: Hashable, Sendable, Codable {
    public var scaleDown: Double
    public var scaleUp: Double
    /// Pre-1.33 form `|1 − r| ≤ tol` (tol by the side `r` is on).
    public var absoluteTest: Bool

    public init(scaleDown: Double = 0.1, scaleUp: Double = 0.1, absoluteTest: Bool = false) {
        self.scaleDown = scaleDown; self.scaleUp = scaleUp; self.absoluteTest = absoluteTest
    }

    /// Whether `usageRatio` is close enough to 1 to leave the replica count alone.
    ///
    /// The band `(1 − scaleDown) ≤ r ≤ (1 + scaleUp)` is closed; the pre-1.33 form excludes
    /// `r = 1.1` for tolerance 0.1 because `|1 − 1.1|` is 0.10000000000000009 in float64.
    public func contains(_ usageRatio: Double) -> Bool {
        if absoluteTest {
            return abs(1.0 - usageRatio) <= (usageRatio < 1 ? scaleDown : scaleUp)
        }
        return (1.0 - scaleDown) <= usageRatio && usageRatio <= (1.0 + scaleUp)
    }
}
