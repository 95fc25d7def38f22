internal import HPAController
internal import SimTime

/// One direction of an HPA's behavior as the controller resolves it, and the replica limits its
/// policies allow from a given count with no scale events in their periods.
///
/// **Nothing is re-derived here; the lints ask the controller.** The rules are
/// `HorizontalPodAutoscalerController.resolvedBehavior` (API defaulting by
/// `generateScaleUpRules` / `generateScaleDownRules`, then the scale-down window from the
/// controller's flag in whole seconds); the tolerance is `ControllerConfiguration.tolerances(for:)`
/// (the flag, or `behavior.*.tolerance` through `approximateDouble` when `HPAConfigurableTolerance`
/// is on); every limit is the controller's `RateLimit` / `convertWithBehaviorRate` with an empty
/// history. Without `behavior` the controller takes its legacy path (`normalizeDesiredReplicas`):
/// no policies, at most `max(scaleUpLimitFactor · r, scaleUpLimitMinimum)` each sync
/// (`convertLegacy`), and the scale-down window is the flag.
struct ScalingRulesView {
    enum Direction: String { case scaleUp, scaleDown }
    var direction: Direction
    /// Both directions, resolved (the limits need the whole behavior).
    private var behavior: ResolvedBehavior
    private var controller: HorizontalPodAutoscalerController
    /// The HPA has no `behavior`: the controller's legacy path.
    var legacy: Bool
    /// Whether the policies were written (not API defaults).
    var policiesExplicit: Bool
    /// This direction's tolerance, as the controller's replica calculator uses it.
    var tolerance: Double

    /// This direction's rules with every field decided.
    var rules: ResolvedScalingRules { direction == .scaleUp ? behavior.scaleUp : behavior.scaleDown }
    /// The policies in force; none on the legacy path.
    var policies: [HPAScalingPolicy] { legacy ? [] : rules.policies }
    var select: ScalingPolicySelect { rules.selectPolicy }
    /// The stabilization window in force (legacy: none up, the flag down).
    var window: SimDuration {
        guard legacy else { return .seconds(Int64(rules.stabilizationWindowSeconds)) }
        return direction == .scaleUp ? .zero : controller.configuration.downscaleStabilizationWindow
    }

    /// The scale-up and scale-down views of `behavior` under `configuration`.
    static func both(_ behavior: HorizontalPodAutoscalerBehavior?, configuration: ControllerConfiguration)
        -> (up: ScalingRulesView, down: ScalingRulesView) {
        let controller = HorizontalPodAutoscalerController(configuration: configuration)
        let resolved = controller.resolvedBehavior(behavior ?? HorizontalPodAutoscalerBehavior())
        let tolerances = configuration.tolerances(for: behavior)
        return (ScalingRulesView(direction: .scaleUp, behavior: resolved, controller: controller, legacy: behavior == nil,
                                 policiesExplicit: behavior?.scaleUp?.policies != nil, tolerance: tolerances.scaleUp),
                ScalingRulesView(direction: .scaleDown, behavior: resolved, controller: controller, legacy: behavior == nil,
                                 policiesExplicit: behavior?.scaleDown?.policies != nil, tolerance: tolerances.scaleDown))
    }

    /// The limit `policy` alone sets from `replicas`: `RateLimit.scaleUpLimit` /
    /// `scaleDownLimit` with only that policy and no scale events.
    func limit(_ policy: HPAScalingPolicy, from replicas: Int) -> Int {
        var single = rules
        single.policies = [policy]
        single.selectPolicy = .max
        let current = Int32(clamping: replicas)
        switch direction {
        case .scaleUp:
            return Int(RateLimit.scaleUpLimit(current: current, upEvents: [], downEvents: [], rules: single, now: .zero))
        case .scaleDown:
            return Int(RateLimit.scaleDownLimit(current: current, upEvents: [], downEvents: [], rules: single, now: .zero))
        }
    }

    /// Where the controller goes from `replicas` when pushed to the bound (`maximum` up, `minimum`
    /// down) with only `policies` in this direction and no scale events: the `desired` of
    /// `convertWithBehaviorRate` (`selectPolicy`, policy limits, then `[minReplicas, maxReplicas]`),
    /// or on the legacy path of `convertLegacy` (`policies` is then ignored).
    func selected(_ policies: [HPAScalingPolicy], from replicas: Int, minimum: Int, maximum: Int) -> Int {
        let goal = direction == .scaleUp ? maximum : minimum
        if legacy {
            return Int(controller.convertLegacy(current: Int32(clamping: replicas), stabilized: Int32(clamping: goal),
                                                min: Int32(clamping: minimum), max: Int32(clamping: maximum)).desired)
        }
        var rules = behavior
        switch direction {
        case .scaleUp: rules.scaleUp.policies = policies
        case .scaleDown: rules.scaleDown.policies = policies
        }
        return Int(controller.convertWithBehaviorRate(
            current: Int32(clamping: replicas), stabilized: Int32(clamping: goal), min: Int32(clamping: minimum),
            max: Int32(clamping: maximum), rules: rules, history: ScalingHistory(), now: .zero).desired)
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
