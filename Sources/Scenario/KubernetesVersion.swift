/// The Kubernetes minor version a scenario targets (`kubernetesVersion: "1.33"`).
///
/// It decides which API versions and fields exist: a field the version lacks gets a warning
/// (the API server would drop it), an API version it no longer serves gets an error.
public struct KubernetesVersion: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public init(major: Int, minor: Int) { self.major = major; self.minor = minor }

    /// Parses `1.33`, `v1.33` or `1.33.2` (the patch is ignored).
    public init?(parsing text: String) {
        let trimmed = text.hasPrefix("v") ? String(text.dropFirst()) : text
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let major = Int(parts[0]), let minor = Int(parts[1]),
              major == 1, (0...99).contains(minor), parts.count == 2 || Int(parts[2]) != nil else { return nil }
        self.init(major: major, minor: minor)
    }

    /// The version scenarios target unless they say otherwise.
    public static let defaultVersion = KubernetesVersion(major: 1, minor: 33)

    public static func < (lhs: KubernetesVersion, rhs: KubernetesVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }
    public var description: String { "\(major).\(minor)" }
}

/// The HPA feature gates the validation and the controller consult.
public struct FeatureGates: Hashable, Sendable {
    /// `HPAScaleToZero` (alpha since 1.16, off by default): allows `minReplicas: 0`.
    public var hpaScaleToZero: Bool
    /// `HPAConfigurableTolerance` (alpha 1.33, beta and on by default from 1.35): `behavior.*.tolerance`.
    public var hpaConfigurableTolerance: Bool

    /// The defaults of `version`.
    public init(defaultsFor version: KubernetesVersion) {
        hpaScaleToZero = false
        hpaConfigurableTolerance = version >= KubernetesVersion(major: 1, minor: 35)
    }
}
