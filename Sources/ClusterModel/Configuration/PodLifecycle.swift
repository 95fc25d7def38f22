public import Randomness

/// How long each step from creation to Ready takes, in seconds, drawn per pod.
///
/// Creation → (``schedulingDelay``, once capacity allows) scheduled, `startTime` set →
/// (``imagePull``) → (``containerStart``) container running → (``applicationStartup``)
/// probes succeed → readiness probe → Ready. A restart after an OOM kill skips
/// scheduling and the image pull (the image is on the node).
/// Draws come from the stream `lifecycle.<deployment>`.
public struct PodLifecycle: Hashable, Sendable, Codable {
    /// From creation (or capacity freeing up) to binding to a node.
    public var schedulingDelay: Distribution
    /// Pulling the image (zero when the node has it: `IfNotPresent`).
    public var imagePull: Distribution
    /// Creating and starting the container.
    public var containerStart: Distribution
    /// From container start until the application answers its readiness probe.
    public var applicationStartup: Distribution

    public init(schedulingDelay: Distribution = .constant(1), imagePull: Distribution = .constant(0),
                containerStart: Distribution = .constant(1), applicationStartup: Distribution = .constant(0)) {
        self.schedulingDelay = schedulingDelay; self.imagePull = imagePull
        self.containerStart = containerStart; self.applicationStartup = applicationStartup
    }
}
