public import SimTime

/// One rescale of one HPA's target: a row of `scale_events`.
public struct ScaleEventRow: Hashable, Sendable {
    public var time: SimTime
    public var hpa: String
    public var fromReplicas: Int32
    public var toReplicas: Int32
    /// Kubernetes' event message, e.g. `New size: 5; reason: cpu resource utilization
    /// (percentage of request) above target`.
    public var message: String

    public init(time: SimTime, hpa: String, fromReplicas: Int32, toReplicas: Int32, message: String) {
        self.time = time
        self.hpa = hpa
        self.fromReplicas = fromReplicas
        self.toReplicas = toReplicas
        self.message = message
    }
}
