internal import HPAController
internal import ClusterModel
internal import SimTime

/// One direction of an HPA's behavior with API defaults filled in, and the replica limits
/// its policies allow from a given count with no scale events in their periods.
///
/// Defaults follow `pkg/apis/autoscaling/v2/defaults.go`: scale-up Max of {Pods 4 / 15 s,
/// Percent 100 / 15 s} with no window; scale-down Max of {Percent 100 / 15 s} with the
/// controller's `--horizontal-pod-autoscaler-downscale-stabilization` window. Limits follow
/// `calculateScaleUpLimitWithScalingRules` / `calculateScaleDownLimitWithBehaviors`
/// (horizontal.go): scale-up Percent rounds up, scale-down Percent truncates.
struct ScalingRulesView {
    enum Direction: String { case scaleUp, scaleDown }
    var direction: Direction
    var policies: [HPAScalingPolicy]
    var select: ScalingPolicySelect
    var window: SimDuration
    var windowExplicit: Bool
    /// Whether the policies were written (not API defaults).
    var policiesExplicit: Bool
    var tolerance: Double

    init(_ rules: HPAScalingRules?, direction: Direction, controller: ControllerConfiguration) {
        self.direction = direction
        switch direction {
        case .scaleUp:
            policies = HPAScalingRules.generateScaleUpRules(rules).policies ?? []
            window = .seconds(Int64(rules?.stabilizationWindowSeconds ?? 0))
        case .scaleDown:
            policies = HPAScalingRules.generateScaleDownRules(rules).policies ?? []
            window = rules?.stabilizationWindowSeconds.map { .seconds(Int64($0)) } ?? controller.downscaleStabilizationWindow
        }
        windowExplicit = rules?.stabilizationWindowSeconds != nil
        policiesExplicit = rules?.policies != nil
        select = rules?.selectPolicy ?? .max
        tolerance = rules?.tolerance.map { $0.doubleValue } ?? controller.tolerance
    }

    /// The limit one policy sets from `replicas`.
    func limit(_ policy: HPAScalingPolicy, from replicas: Int) -> Int {
        let r = Double(replicas), v = Double(policy.value)
        switch (direction, policy.type) {
        case (.scaleUp, .pods): return replicas + Int(policy.value)
        case (.scaleUp, .percent): return Int(min((r * (1 + v / 100)).rounded(.up), Double(Int32.max)))
        case (.scaleDown, .pods): return replicas - Int(policy.value)
        case (.scaleDown, .percent): return Int(r * (1 - v / 100))
        }
    }

    /// The selected limit over `policies`, clamped to [minimum, maximum]; nil when disabled.
    func selected(_ policies: [HPAScalingPolicy], from replicas: Int, minimum: Int, maximum: Int) -> Int? {
        if select == .disabled || policies.isEmpty { return nil }
        let limits = policies.map { limit($0, from: replicas) }
        let pick: Int
        switch (direction, select) {
        case (.scaleUp, .min), (.scaleDown, .max): pick = limits.min() ?? replicas
        default: pick = limits.max() ?? replicas
        }
        return direction == .scaleUp ? min(pick, maximum) : max(pick, minimum)
    }

    /// The replica counts a move in this direction can start from.
    func startingCounts(minimum: Int, maximum: Int) -> ClosedRange<Int>? {
        switch direction {
        case .scaleUp: return minimum < maximum ? minimum...(maximum - 1) : nil
        case .scaleDown: return minimum < maximum ? (minimum + 1)...maximum : nil
        }
    }

    static func describe(_ p: HPAScalingPolicy) -> String {
        p.type == .pods ? "Pods \(p.value) per \(p.periodSeconds)s" : "Percent \(p.value) per \(p.periodSeconds)s"
    }
}
