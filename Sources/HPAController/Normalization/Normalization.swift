public import RunRecords
public import SimTime

/// Which normalization ran: `normalizeDesiredReplicas` (no behavior) or `...WithBehaviors`.
public enum NormalizationPath: String, Hashable, Sendable {
    case legacy
    case behavior
}

/// Every stage of one normalization: recommendation → stabilized → desired.
public struct NormalizationResult: Hashable, Sendable {
    public var path: NormalizationPath
    /// The raw recommendation (max over metrics) that went in.
    public var recommendation: Int32
    /// After stabilization.
    public var stabilized: Int32
    /// After min/max and rate limits.
    public var desired: Int32
    /// The `AbleToScale` reason normalization sets.
    public var stabilizationReason: StabilizationReason
    /// The `ScalingLimited` reason; the condition is True iff `desired ≠ stabilized`.
    public var limitedReason: ScalingLimitedReason
    /// The upper bound applied (`maxReplicas` or the scale-up limit).
    public var maximumAllowed: Int32?
    /// The lower bound applied (`minReplicas` or the scale-down limit).
    public var minimumAllowed: Int32?
    /// The history after recording the recommendation (events unchanged).
    public var history: ScalingHistory

    public var scalingLimited: Bool { desired != stabilized }

    public init(path: NormalizationPath, recommendation: Int32, stabilized: Int32, desired: Int32,
                stabilizationReason: StabilizationReason, limitedReason: ScalingLimitedReason,
                maximumAllowed: Int32?, minimumAllowed: Int32?, history: ScalingHistory) {
        self.path = path; self.recommendation = recommendation; self.stabilized = stabilized
        self.desired = desired; self.stabilizationReason = stabilizationReason
        self.limitedReason = limitedReason; self.maximumAllowed = maximumAllowed
        self.minimumAllowed = minimumAllowed; self.history = history
    }
}

extension HorizontalPodAutoscalerController {
    /// Normalization of one recommendation: stabilization, then min/max and rate limits.
    ///
    /// A pure function of its arguments (the returned `history` carries the recorded
    /// recommendation), so a stored sync can be re-derived from its inputs. `reconcile` calls it.
    /// Without `spec.behavior` follows `normalizeDesiredReplicas`; with it,
    /// `normalizeDesiredReplicasWithBehaviors` (horizontal.go).
    public func normalize(recommendation: Int32, current: Int32, spec: HorizontalPodAutoscalerSpec,
                          history: ScalingHistory, now: SimTime) -> NormalizationResult {
        var history = history
        return normalize(recommendation: recommendation, current: current, spec: spec, history: &history, now: now)
    }

    /// ``normalize(recommendation:current:spec:history:now:)`` recording into `history` in place
    /// (the result carries the same history). Taking the recommendations out while they change
    /// keeps their buffer unshared, so recording one is not a copy of them all.
    func normalize(recommendation: Int32, current: Int32, spec: HorizontalPodAutoscalerSpec,
                   history: inout ScalingHistory, now: SimTime) -> NormalizationResult {
        let minReplicas = spec.minReplicas ?? 1
        var recommendations = history.recommendations ?? []
        history.recommendations = nil
        guard let behavior = spec.behavior else {
            let stabilized = Stabilization.legacy(prenormalized: recommendation, recommendations: &recommendations,
                                                  window: configuration.downscaleStabilizationWindow, now: now)
            history.recommendations = recommendations
            let limits = convertLegacy(current: current, stabilized: stabilized, min: minReplicas, max: spec.maxReplicas)
            return NormalizationResult(
                path: .legacy, recommendation: recommendation, stabilized: stabilized, desired: limits.desired,
                stabilizationReason: stabilized != recommendation ? .scaleDownStabilized : .readyForNewScale,
                limitedReason: limits.reason, maximumAllowed: limits.maximumAllowed, minimumAllowed: minReplicas,
                history: history)
        }
        let rules = resolvedBehavior(behavior)
        let stabilized = Stabilization.withBehavior(
            prenormalized: recommendation, current: current, recommendations: &recommendations,
            scaleUpWindowSeconds: rules.scaleUp.stabilizationWindowSeconds,
            scaleDownWindowSeconds: rules.scaleDown.stabilizationWindowSeconds, now: now)
        history.recommendations = recommendations
        let reason: StabilizationReason = stabilized == recommendation
            ? .readyForNewScale : (recommendation >= current ? .scaleUpStabilized : .scaleDownStabilized)
        let limits = convertWithBehaviorRate(current: current, stabilized: stabilized, min: minReplicas,
                                             max: spec.maxReplicas, rules: rules, history: history, now: now)
        return NormalizationResult(
            path: .behavior, recommendation: recommendation, stabilized: stabilized, desired: limits.desired,
            stabilizationReason: reason, limitedReason: limits.reason, maximumAllowed: limits.maximumAllowed,
            minimumAllowed: limits.minimumAllowed, history: history)
    }

    /// `spec.behavior` defaulted by the API server, the scale-down window from the flag.
    public func resolvedBehavior(_ behavior: HorizontalPodAutoscalerBehavior) -> ResolvedBehavior {
        behavior.resolved(downscaleStabilizationWindowSeconds: downscaleStabilizationWindowSeconds)
    }

    /// The flag in whole seconds, truncated as `int32(d.Seconds())` does.
    var downscaleStabilizationWindowSeconds: Int32 {
        Int32(clamping: configuration.downscaleStabilizationWindow.microseconds / 1_000_000)
    }

    /// Legacy limits, `convertDesiredReplicasWithRules`: at most `max(factor · current, minimum)`
    /// replicas each sync, and `[min, max]`.
    public func convertLegacy(current: Int32, stabilized: Int32, min minReplicas: Int32, max maxReplicas: Int32)
        -> (desired: Int32, reason: ScalingLimitedReason, maximumAllowed: Int32) {
        let scaleUpLimit = int32Truncating(
            Swift.max(configuration.scaleUpLimitFactor * Double(current), configuration.scaleUpLimitMinimum))
        let maximumAllowed: Int32, upReason: ScalingLimitedReason
        if maxReplicas > scaleUpLimit {
            maximumAllowed = scaleUpLimit; upReason = .scaleUpLimit
        } else {
            maximumAllowed = maxReplicas; upReason = .tooManyReplicas
        }
        if stabilized < minReplicas { return (minReplicas, .tooFewReplicas, maximumAllowed) }
        if stabilized > maximumAllowed { return (maximumAllowed, upReason, maximumAllowed) }
        return (stabilized, .desiredWithinRange, maximumAllowed)
    }

    /// Behavior limits, `convertDesiredReplicasWithBehaviorRate`. The scale-up branch does not
    /// apply `min` and the scale-down branch does not apply `max`.
    public func convertWithBehaviorRate(current: Int32, stabilized: Int32, min minReplicas: Int32,
                                        max maxReplicas: Int32, rules: ResolvedBehavior, history: ScalingHistory,
                                        now: SimTime)
        -> (desired: Int32, reason: ScalingLimitedReason, maximumAllowed: Int32?, minimumAllowed: Int32?) {
        if stabilized > current {
            var limit = RateLimit.scaleUpLimit(current: current, upEvents: history.scaleUpEvents,
                                               downEvents: history.scaleDownEvents, rules: rules.scaleUp, now: now)
            if limit < current { limit = current }
            let maximumAllowed: Int32, reason: ScalingLimitedReason
            if maxReplicas > limit { maximumAllowed = limit; reason = .scaleUpLimit } else {
                maximumAllowed = maxReplicas; reason = .tooManyReplicas
            }
            if stabilized > maximumAllowed { return (maximumAllowed, reason, maximumAllowed, nil) }
            return (stabilized, .desiredWithinRange, maximumAllowed, nil)
        }
        if stabilized < current {
            var limit = RateLimit.scaleDownLimit(current: current, upEvents: history.scaleUpEvents,
                                                 downEvents: history.scaleDownEvents, rules: rules.scaleDown, now: now)
            if limit > current { limit = current }
            let minimumAllowed: Int32, reason: ScalingLimitedReason
            if minReplicas < limit { minimumAllowed = limit; reason = .scaleDownLimit } else {
                minimumAllowed = minReplicas; reason = .tooFewReplicas
            }
            if stabilized < minimumAllowed { return (minimumAllowed, reason, nil, minimumAllowed) }
            return (stabilized, .desiredWithinRange, nil, minimumAllowed)
        }
        return (stabilized, .desiredWithinRange, nil, nil)
    }
}
