/// An error KEDA finds only when it reconciles a ScaledObject (the admission webhook lets
/// it through): a bad trigger, bad scaler metadata, a generated HPA the API server refuses.
///
/// KEDA sets `Ready=False/ScaledObjectCheckFailed` and creates no HPA; the simulator refuses
/// the ScaledObject before the run (``ScaledObjectProblem/Stage/reconcile``).
public struct KEDAReconcileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// KEDA's message, e.g. `no scaler found for type: rabbit`.
    public var message: String
    /// The field it is about (`spec.triggers[0].metadata.listLength`), when known.
    public var field: String?
    public init(_ message: String, field: String? = nil) { self.message = message; self.field = field }
    public var description: String { message }
}

/// One problem with a ScaledObject, in KEDA's (or the API server's) words.
public struct ScaledObjectProblem: Hashable, Sendable, CustomStringConvertible {
    /// Who would refuse it.
    public enum Stage: String, Hashable, Sendable {
        /// The CRD's OpenAPI schema or CEL rule: the API server refuses the object.
        case schema
        /// KEDA's admission webhook (`vscaledobject.kb.io`) denies the request.
        case admission
        /// The webhook accepts it; the operator fails when it builds the scalers or the HPA.
        case reconcile
    }
    public var stage: Stage
    /// The field path the problem is about (`spec.minReplicaCount`), for a line number.
    public var field: String
    /// KEDA's words.
    public var message: String

    public init(_ stage: Stage, field: String, _ message: String) {
        self.stage = stage; self.field = field; self.message = message
    }

    /// The message as a user sees it at each stage.
    public var description: String {
        switch stage {
        case .schema: message
        case .admission: "admission webhook \"vscaledobject.kb.io\" denied the request: \(message)"
        case .reconcile: "KEDA would not create the HPA: \(message) (the webhook accepts this; the operator sets Ready=False/ScaledObjectCheckFailed)"
        }
    }
}
