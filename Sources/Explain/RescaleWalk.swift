import Foundation
import HPAController
import RunRecords
import SimTime

/// Walks one HPA's syncs in order and says, for each rescale, why it was that size.
///
/// Keeps the controller's in-memory `ScalingHistory` as `reconcileAutoscaler` does
/// (horizontal.go: `recordInitialRecommendation`, the recommendations `normalize` records,
/// `storeScaleEvent` after a rescale), so the rate limit of a rescale is computed from the same
/// scale events the controller saw. The stored stages (proposals, recommendation, stabilized,
/// desired, limiting reason) are read, never recomputed; `normalize` runs only to learn the bounds
/// it applied (and the size a failed Update asked for).
struct RescaleWalk {
    let hpa: HorizontalPodAutoscaler
    let controller: HorizontalPodAutoscalerController
    let rules: ResolvedBehavior?
    private var history = ScalingHistory()

    init(hpa: HorizontalPodAutoscaler, controller: HorizontalPodAutoscalerController) {
        self.hpa = hpa; self.controller = controller
        rules = hpa.spec.behavior.map(controller.resolvedBehavior)
    }

    /// One rescale's reason (the event's `reason: ...`) and derivation.
    struct Derivation { var reason: String; var why: RescaleWhy }

    /// Advances over `sync`; returns its derivation when it rescaled or tried to.
    mutating func step(_ sync: SyncRecord) -> Derivation? {
        let spec = hpa.spec, current = sync.currentReplicas, now = sync.time
        let minReplicas = spec.minReplicas ?? 1
        history.recordInitialRecommendation(current, now: now)
        var normalization: NormalizationResult?
        if let recommendation = sync.recommendation, sync.stabilized != nil {
            let result = controller.normalize(recommendation: max(0, recommendation), current: current, spec: spec,
                                              history: history, now: now)
            normalization = result
            history = result.history
        }
        let failedUpdate = !sync.scaleUpdated && (sync.failure?.hasPrefix("failed to rescale: ") ?? false)
        guard sync.scaleUpdated || failedUpdate else { return nil }
        let newSize = sync.scaleUpdated ? sync.desiredReplicas : (normalization?.desired ?? sync.desiredReplicas)
        let derivation = derive(sync, normalization: normalization, newSize: newSize, minReplicas: minReplicas)
        if sync.scaleUpdated {
            history.storeScaleEvent(rules: rules, previous: current, new: sync.desiredReplicas, now: now)
        }
        return derivation
    }

    private func derive(_ sync: SyncRecord, normalization: NormalizationResult?, newSize: Int32,
                        minReplicas: Int32) -> Derivation {
        let spec = hpa.spec, specs = spec.effectiveMetrics, current = sync.currentReplicas
        let range = "minReplicas \(minReplicas), maxReplicas \(spec.maxReplicas)"
        var why = RescaleWhy(at: .init(sync.time), from: current, to: newSize, proposals: [],
                             recommendation: sync.recommendation, stabilized: sync.stabilized, stabilization: nil,
                             limitingReason: sync.limitingReason?.rawValue, limit: nil, summary: "")
        guard let recommendation = sync.recommendation else {
            // The min/max correction: metrics are not computed.
            let above = current > spec.maxReplicas
            why.limitingReason = nil
            why.limit = above ? "maxReplicas \(spec.maxReplicas)" : "minReplicas \(minReplicas)"
            why.summary = "current \(current) is \(above ? "above maxReplicas \(spec.maxReplicas)" : "below minReplicas \(minReplicas)"): "
                + "set to \(newSize) without computing metrics"
            let reason = above ? "Current number of replicas above Spec.MaxReplicas"
                : "Current number of replicas below Spec.MinReplicas"
            return Derivation(reason: reason, why: why)
        }
        // Proposals, in spec order.
        for (i, sample) in sync.metrics.enumerated() {
            let definition = i < sync.metricDefinitions.count ? sync.metricDefinitions[i] : nil
            let name = definition?.metricName ?? (i < specs.count ? KubectlWords.rescaleName(specs[i]) : "metric \(i)")
            let percent = definition?.targetType == .utilization
            let target = definition.map { Self.number($0.target, percent: percent) } ?? "?"
            why.proposals.append(.init(metric: name, current: sample.current.map { Self.number($0, percent: percent) },
                                       target: target, replicas: sample.proposal,
                                       error: sample.error.map(KubectlWords.failureMessage)))
        }
        var parts: [String] = []
        let proposals = why.proposals.map { p in
            if let replicas = p.replicas { return "\(p.metric) \(p.current ?? "?") / \(p.target) → \(replicas)" }
            return "\(p.metric) failed (\(p.error ?? "no value"))"
        }
        if !proposals.isEmpty { parts.append(proposals.joined(separator: ", ")) }
        parts.append("recommendation \(recommendation)")
        // Stabilization.
        if let stabilized = sync.stabilized {
            if stabilized != recommendation {
                let (direction, seconds): (String, Int32) = if let rules {
                    stabilized > recommendation ? ("scaleDown", rules.scaleDown.stabilizationWindowSeconds)
                        : ("scaleUp", rules.scaleUp.stabilizationWindowSeconds)
                } else {
                    ("downscale", Int32(clamping: controller.configuration.downscaleStabilizationWindow.microseconds / 1_000_000))
                }
                why.stabilization = "\(direction) stabilization window \(seconds)s held \(stabilized)"
                parts.append(why.stabilization ?? "")
            } else {
                parts.append("not stabilized")
            }
        }
        // The limit.
        if let reason = sync.limitingReason {
            switch reason {
            case .scaleUpLimit, .scaleDownLimit:
                why.limit = rateLimit(up: reason == .scaleUpLimit, current: current, bound: newSize, at: sync.time)
                parts.append("\(reason): \(why.limit ?? "")")
            case .tooManyReplicas:
                why.limit = "maxReplicas \(spec.maxReplicas)"
                parts.append("\(reason): clamped to maxReplicas \(spec.maxReplicas)")
            case .tooFewReplicas:
                why.limit = "minReplicas \(minReplicas)"
                parts.append("\(reason): clamped to minReplicas \(minReplicas)")
            case .desiredWithinRange:
                parts.append("within \(range)")
            }
        }
        why.summary = parts.joined(separator: "; ")
        let metricName = KubectlWords.proposingMetric(sync).flatMap { $0 < specs.count ? KubectlWords.rescaleName(specs[$0]) : nil } ?? ""
        let reason = recommendation > current ? "\(metricName) above target"
            : recommendation < current ? "All metrics below target" : ""
        return Derivation(reason: reason, why: why)
    }

    /// The policy that gave `bound`: each policy's allowance from the remembered events, and the
    /// one `selectPolicy` picked (`Pods 2 per 60s → 5 (Min of Percent 50 per 60s → 6, Pods 2 per 60s → 5)`).
    private func rateLimit(up: Bool, current: Int32, bound: Int32, at now: SimTime) -> String {
        guard let rules else {
            // convertDesiredReplicasWithRules: max(factor × current, minimum) per sync.
            let c = controller.configuration
            return "no behavior: at most max(\(Self.number(c.scaleUpLimitFactor, percent: false)) × \(current), "
                + "\(Self.number(c.scaleUpLimitMinimum, percent: false))) = \(bound) per sync"
        }
        let direction = up ? rules.scaleUp : rules.scaleDown
        let allowances = direction.policies.map { policy -> (String, Int32) in
            let start = RateLimit.periodStart(current: current, periodSeconds: policy.periodSeconds,
                                              upEvents: history.scaleUpEvents, downEvents: history.scaleDownEvents, now: now)
            let value: Double = switch (policy.type, up) {
            case (.pods, true): Double(start) + Double(policy.value)
            case (.pods, false): Double(start) - Double(policy.value)
            case (.percent, true): (Double(start) * (1 + Double(policy.value) / 100)).rounded(.up)
            case (.percent, false): (Double(start) * (1 - Double(policy.value) / 100)).rounded(.towardZero)
            }
            let text = "\(policy.type.rawValue) \(policy.value) per \(policy.periodSeconds)s"
            return (text, Int32(clamping: Int64(max(-9e18, min(9e18, value)))))
        }
        let others = allowances.map { "\($0.0) → \($0.1)" }.joined(separator: ", ")
        let picked = allowances.first { $0.1 == bound }
        let select = "selectPolicy \(direction.selectPolicy.rawValue)"
        guard let picked else {
            return "policies allow no change from \(current) (\(select): \(others))"
        }
        return allowances.count == 1 ? "\(picked.0) → \(bound)" : "\(picked.0) → \(bound) (\(select) of \(others))"
    }

    /// `27.5`, `41%`: up to three decimals, trailing zeros dropped.
    static func number(_ value: Double, percent: Bool) -> String {
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return percent ? text + "%" : text
    }
}
