import RunRecords
public import Quantities

/// One direction's scaling rules with every field decided (API defaulting plus the
/// controller's scale-down window flag).
public struct ResolvedScalingRules: Hashable, Sendable {
    public var stabilizationWindowSeconds: Int32
    public var selectPolicy: ScalingPolicySelect
    public var policies: [HPAScalingPolicy]
    public var tolerance: Quantity?

    public init(stabilizationWindowSeconds: Int32, selectPolicy: ScalingPolicySelect,
                policies: [HPAScalingPolicy], tolerance: Quantity? = nil) {
        self.stabilizationWindowSeconds = stabilizationWindowSeconds; self.selectPolicy = selectPolicy
        self.policies = policies; self.tolerance = tolerance
    }

    /// The longest `periodSeconds` of the policies, 0 when there are none (`getLongestPolicyPeriod`).
    public var longestPolicyPeriod: Int32 { policies.map(\.periodSeconds).max() ?? 0 }
}

/// `spec.behavior` with both directions defaulted.
public struct ResolvedBehavior: Hashable, Sendable {
    public var scaleUp: ResolvedScalingRules
    public var scaleDown: ResolvedScalingRules
    public init(scaleUp: ResolvedScalingRules, scaleDown: ResolvedScalingRules) {
        self.scaleUp = scaleUp; self.scaleDown = scaleDown
    }
}

extension HPAScalingRules {
    /// The API server's scale-up defaults: window 0, `Max` of {Pods 4 / 15 s, Percent 100 / 15 s}.
    public static let defaultScaleUp = HPAScalingRules(
        stabilizationWindowSeconds: 0, selectPolicy: .max,
        policies: [HPAScalingPolicy(type: .pods, value: 4, periodSeconds: 15),
                   HPAScalingPolicy(type: .percent, value: 100, periodSeconds: 15)])

    /// The API server's scale-down defaults: window nil (the controller flag fills it),
    /// `Max` of {Percent 100 / 15 s}.
    public static let defaultScaleDown = HPAScalingRules(
        stabilizationWindowSeconds: nil, selectPolicy: .max,
        policies: [HPAScalingPolicy(type: .percent, value: 100, periodSeconds: 15)])

    /// `GenerateHPAScaleUpRules` (pkg/apis/autoscaling/v2/defaults.go): nil fields of `rules`
    /// take the scale-up defaults; an explicit empty policy list stays empty.
    public static func generateScaleUpRules(_ rules: HPAScalingRules?) -> HPAScalingRules {
        defaulted(rules, with: defaultScaleUp)
    }

    /// `GenerateHPAScaleDownRules`: as `generateScaleUpRules` with the scale-down defaults.
    public static func generateScaleDownRules(_ rules: HPAScalingRules?) -> HPAScalingRules {
        defaulted(rules, with: defaultScaleDown)
    }

    private static func defaulted(_ rules: HPAScalingRules?, with defaults: HPAScalingRules) -> HPAScalingRules {
        guard let rules else { return defaults }
        return HPAScalingRules(
            stabilizationWindowSeconds: rules.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds,
            selectPolicy: rules.selectPolicy ?? defaults.selectPolicy,
            policies: rules.policies ?? defaults.policies,
            tolerance: rules.tolerance ?? defaults.tolerance)
    }

    /// Every field decided; a nil stabilization window takes `defaultWindowSeconds`
    /// (`maybeInitScaleDownStabilizationWindow`).
    public func resolved(defaultWindowSeconds: Int32) -> ResolvedScalingRules {
        ResolvedScalingRules(stabilizationWindowSeconds: stabilizationWindowSeconds ?? defaultWindowSeconds,
                             selectPolicy: selectPolicy ?? .max, policies: policies ?? [], tolerance: tolerance)
    }
}

extension HorizontalPodAutoscalerBehavior {
    /// API defaulting of both directions, then the scale-down window from the controller flag.
    public func resolved(downscaleStabilizationWindowSeconds: Int32) -> ResolvedBehavior {
        ResolvedBehavior(
            scaleUp: HPAScalingRules.generateScaleUpRules(scaleUp).resolved(defaultWindowSeconds: 0),
            scaleDown: HPAScalingRules.generateScaleDownRules(scaleDown)
                .resolved(defaultWindowSeconds: downscaleStabilizationWindowSeconds))
    }
}

extension HorizontalPodAutoscalerSpec {
    /// The API default when `metrics` is empty: CPU utilization 80 %.
    public static let defaultMetrics: [MetricSpec] = [.resource("cpu", .utilization(80))]

    /// `metrics`, or the API default when empty.
    public var effectiveMetrics: [MetricSpec] { metrics.isEmpty ? Self.defaultMetrics : metrics }
}
