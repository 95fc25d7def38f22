/// The pause annotations of a ScaledObject (`scaledobject_types.go`, `scaledobject_controller.go`, `hpa.go`).
///
/// Booleans parse as Go's `strconv.ParseBool`; any value it rejects means true, as in KEDA.
public struct PauseAnnotations: Hashable, Sendable, Codable {
    public static let paused = "autoscaling.keda.sh/paused"
    public static let pausedReplicas = "autoscaling.keda.sh/paused-replicas"
    public static let pausedScaleIn = "autoscaling.keda.sh/paused-scale-in"
    public static let pausedScaleOut = "autoscaling.keda.sh/paused-scale-out"
    public static let forceActivation = "autoscaling.keda.sh/force-activation"

    /// `paused` true or `paused-replicas` present: the loop stops and the HPA is deleted.
    public var paused: Bool
    /// `paused-replicas` when it parses as an int32: the target is set to it while paused.
    public var pausedReplicas: Int32?
    /// `paused-scale-in`: the HPA's scale-down is disabled and KEDA skips its move to zero.
    public var pausedScaleIn: Bool
    /// `paused-scale-out`: the HPA's scale-up is disabled and KEDA skips its move from zero.
    public var pausedScaleOut: Bool
    /// `force-activation`: the ScaledObject counts as active whatever its triggers say.
    public var forceActivation: Bool

    /// Reads the annotations of `object`.
    public init(_ annotations: [String: String]) {
        func flag(_ key: String) -> Bool { annotations[key].map(Self.goBoolOrTrue) ?? false }
        pausedReplicas = annotations[Self.pausedReplicas].flatMap { Int32($0) }
        paused = flag(Self.paused) || annotations[Self.pausedReplicas] != nil
        pausedScaleIn = flag(Self.pausedScaleIn)
        pausedScaleOut = flag(Self.pausedScaleOut)
        forceActivation = flag(Self.forceActivation)
    }

    /// `strconv.ParseBool`, an error counting as true.
    static func goBoolOrTrue(_ text: String) -> Bool {
        switch text {
        case "0", "f", "F", "false", "FALSE", "False": false
        default: true
        }
    }
}

extension ScaledObject {
    /// The pause annotations as KEDA reads them.
    public var pause: PauseAnnotations { PauseAnnotations(annotations) }
}
