public import KEDA

/// A KEDA ScaledObject the model runs: KEDA's loop polls its triggers' Redis lists, and its
/// generated HPA (one of ``SimulationConfiguration/autoscalers``, named ``ScaledObject/hpaName``)
/// reads them through KEDA's metrics server.
public struct ScaledObjectConfiguration: Hashable, Sendable, Codable {
    public var scaledObject: ScaledObject
    /// Per trigger: the task classes (by name) whose waiting tasks the trigger's list holds.
    public var listClasses: [[String]]
    public init(scaledObject: ScaledObject, listClasses: [[String]]) {
        self.scaledObject = scaledObject; self.listClasses = listClasses
    }
}
