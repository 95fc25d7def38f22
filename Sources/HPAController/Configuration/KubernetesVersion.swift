/// A Kubernetes minor release (`1.35`), which selects the controller behavior where releases differ.
///
/// The version switches (see docs/controller.md, "Version switches"):
/// - before 1.33 the tolerance test is `|1 − r| ≤ tolerance`; from 1.33 it is the closed band
///   `1 − tolDown ≤ r ≤ 1 + tolUp` (`replica_calculator.go`);
/// - `HPAConfigurableTolerance` (per-direction `behavior.*.tolerance`): absent before 1.33,
///   alpha (off) in 1.33–1.34, beta (on) from 1.35 (`pkg/features/kube_features.go`);
/// - `PodLevelResources`: absent before 1.32, alpha (off) 1.32–1.33, beta (on) from 1.34;
/// - at zero replicas: the legacy rule through 1.35, the `ScaledToZero` condition from 1.36
///   (KEP-2021; the spec's newest snapshot).
public struct KubernetesVersion: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int = 1, minor: Int) { self.major = major; self.minor = minor }

    /// Parses `1.35`, `v1.35` or `v1.35.2` (the patch is ignored); nil when malformed.
    public init?(_ text: String) {
        var body = Substring(text)
        if body.hasPrefix("v") { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.count <= 3, let major = Int(parts[0]), let minor = Int(parts[1]),
              major >= 0, minor >= 0 else { return nil }
        if parts.count == 3, Int(parts[2]) == nil { return nil }
        self.init(major: major, minor: minor)
    }

    /// The snapshot the specification was written from (master during the 1.37 cycle).
    public static let newest = KubernetesVersion(minor: 37)

    public static func < (lhs: KubernetesVersion, rhs: KubernetesVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    public var description: String { "\(major).\(minor)" }
}

/// How the controller treats a target at zero replicas.
public enum ZeroReplicasSemantics: String, Hashable, Sendable, Codable, CaseIterable {
    /// Releases through 1.35: `minReplicas ≠ 0` disables autoscaling at zero; `minReplicas == 0`
    /// computes metrics.
    case legacy
    /// Newest source (KEP-2021): metrics are computed at zero only when the HPA itself scaled
    /// to zero (`ScaledToZero=True`) and the `HPAScaleToZero` gate is on.
    case scaledToZeroCondition = "scaled_to_zero_condition"
}

/// The feature gates the controller reads. A nil field takes the version's default.
public struct FeatureGates: Hashable, Sendable, Codable {
    /// Per-direction `behavior.scaleUp/scaleDown.tolerance`.
    public var hpaConfigurableTolerance: Bool?
    /// `minReplicas: 0` and scaling from zero.
    public var hpaScaleToZero: Bool?
    /// Pod-level `resources.requests` (KEP-2837) replace the container sum.
    public var podLevelResources: Bool?

    public init(hpaConfigurableTolerance: Bool? = nil, hpaScaleToZero: Bool? = nil, podLevelResources: Bool? = nil) {
        self.hpaConfigurableTolerance = hpaConfigurableTolerance
        self.hpaScaleToZero = hpaScaleToZero
        self.podLevelResources = podLevelResources
    }

    /// Every gate resolved: explicit values, else the defaults of `version`.
    public func resolved(for version: KubernetesVersion) -> ResolvedFeatureGates {
        ResolvedFeatureGates(
            hpaConfigurableTolerance: hpaConfigurableTolerance ?? (version >= KubernetesVersion(minor: 35)),
            hpaScaleToZero: hpaScaleToZero ?? false,
            podLevelResources: podLevelResources ?? (version >= KubernetesVersion(minor: 34)))
    }
}

/// Feature gates with every value decided.
public struct ResolvedFeatureGates: Hashable, Sendable, Codable {
    public var hpaConfigurableTolerance: Bool
    public var hpaScaleToZero: Bool
    public var podLevelResources: Bool
    public init(hpaConfigurableTolerance: Bool, hpaScaleToZero: Bool, podLevelResources: Bool) {
        self.hpaConfigurableTolerance = hpaConfigurableTolerance
        self.hpaScaleToZero = hpaScaleToZero
        self.podLevelResources = podLevelResources
    }
}
