import RunRecords
public import SimTime

/// The scale-up and scale-down limits the behavior policies allow, from the scale-event history.
public enum RateLimit {
    /// The most replicas the scale-up policies allow at `now` (before clamping to current).
    ///
    /// Mirrors `calculateScaleUpLimitWithScalingRules` (horizontal.go): the period start is
    /// `current − (recent ups) + (recent downs)`; `Pods` adds its value; `Percent` is float64 and
    /// rounds up (50 + 10 % → ceil(55.00000000000001) = 56); `Max` takes the largest proposal,
    /// `Min` the smallest; `Disabled` returns `current`. An event exactly `periodSeconds` old no
    /// longer counts.
    ///
    /// - Complexity: O(*p*·*e*), *p* policies and *e* recorded scale events.
    public static func scaleUpLimit(current: Int32, upEvents: [ScaleEvent], downEvents: [ScaleEvent],
                                    rules: ResolvedScalingRules, now: SimTime) -> Int32 {
        let pick: (Int32, Int32) -> Int32
        var result: Int32
        switch rules.selectPolicy {
        case .disabled: return current
        case .min: pick = { Swift.min($0, $1) }; result = .max
        case .max: pick = { Swift.max($0, $1) }; result = .min
        }
        for policy in rules.policies {
            let start = periodStart(current: current, periodSeconds: policy.periodSeconds,
                                    upEvents: upEvents, downEvents: downEvents, now: now)
            let proposed: Int32
            switch policy.type {
            case .pods: proposed = start &+ policy.value
            case .percent: proposed = int32Truncating((Double(start) * (1 + Double(policy.value) / 100)).rounded(.up))
            }
            result = pick(result, proposed)
        }
        return result
    }

    /// The fewest replicas the scale-down policies allow at `now` (before clamping to current).
    ///
    /// Mirrors `calculateScaleDownLimitWithBehaviors`: `Percent` is float64 and truncates
    /// (100 − 90 % → int32(9.999999999999998) = 9); `Max` (most change) takes the smallest
    /// proposal, `Min` the largest; `Disabled` returns `current`.
    public static func scaleDownLimit(current: Int32, upEvents: [ScaleEvent], downEvents: [ScaleEvent],
                                      rules: ResolvedScalingRules, now: SimTime) -> Int32 {
        let pick: (Int32, Int32) -> Int32
        var result: Int32
        switch rules.selectPolicy {
        case .disabled: return current
        case .min: pick = { Swift.max($0, $1) }; result = .min
        case .max: pick = { Swift.min($0, $1) }; result = .max
        }
        for policy in rules.policies {
            let start = periodStart(current: current, periodSeconds: policy.periodSeconds,
                                    upEvents: upEvents, downEvents: downEvents, now: now)
            let proposed: Int32
            switch policy.type {
            case .pods: proposed = start &- policy.value
            case .percent: proposed = int32Truncating(Double(start) * (1 - Double(policy.value) / 100))
            }
            result = pick(result, proposed)
        }
        return result
    }

    /// The replica count at the start of the period: recent scale-ups subtracted, recent
    /// scale-downs added back, so flapping consumes budget in both directions.
    public static func periodStart(current: Int32, periodSeconds: Int32, upEvents: [ScaleEvent],
                                   downEvents: [ScaleEvent], now: SimTime) -> Int32 {
        current &- replicasChange(inLast: periodSeconds, events: upEvents, now: now)
            &+ replicasChange(inLast: periodSeconds, events: downEvents, now: now)
    }
}

/// Go's `int32(f)` for a float64: truncation toward zero; out of range (or NaN) saturates
/// here, where Go's result is implementation-defined.
@usableFromInline
func int32Truncating(_ value: Double) -> Int32 {
    guard value.isFinite else { return value.isNaN ? 0 : (value > 0 ? .max : .min) }
    if value >= Double(Int32.max) { return .max }
    if value <= Double(Int32.min) { return .min }
    return Int32(value.rounded(.towardZero))
}

/// Go's `int64(f)` for a float64, saturating.
@usableFromInline
func int64Truncating(_ value: Double) -> Int64 {
    guard value.isFinite else { return value.isNaN ? 0 : (value > 0 ? .max : .min) }
    if value >= 9.223372036854775807e18 { return .max }
    if value <= -9.223372036854775808e18 { return .min }
    return Int64(value.rounded(.towardZero))
}
