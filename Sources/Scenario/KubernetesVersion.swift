internal import HPAController

// A scenario's `controller.kubernetesVersion` is the controller's own `KubernetesVersion`:
// one value decides which API versions and fields exist (validation) and how the controller
// decides (tolerance test, per-direction tolerance, zero-replica semantics).
extension KubernetesVersion {
    /// Parses a scenario's `1.33`, `v1.33` or `1.33.2` (the patch is ignored; major 1 only).
    init?(parsing text: String) {
        guard let version = KubernetesVersion(text), version.major == 1, version.minor <= 99 else { return nil }
        self = version
    }

    /// The version scenarios target unless they say otherwise.
    static let defaultVersion = KubernetesVersion(minor: 33)
}
