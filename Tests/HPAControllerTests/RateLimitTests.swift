import HPAController
import SimTime
import Testing

private func rules(_ policies: [HPAScalingPolicy], select: ScalingPolicySelect = .max) -> ResolvedScalingRules {
    ResolvedScalingRules(stabilizationWindowSeconds: 0, selectPolicy: select, policies: policies)
}

@Suite("Rate limits (RateLimit.swift)")
struct RateLimitTests {
    @Test("Percent scale-up is float64 and rounds up: 50 + 10 % allows 56")
    func percentUpRoundsUp() {
        let limit = RateLimit.scaleUpLimit(current: 50, upEvents: [], downEvents: [],
                                           rules: rules([.init(type: .percent, value: 10, periodSeconds: 60)]), now: .zero)
        #expect(limit == 56)
    }

    @Test("Percent scale-down is float64 and truncates: 100 − 90 % allows 9")
    func percentDownTruncates() {
        let limit = RateLimit.scaleDownLimit(current: 100, upEvents: [], downEvents: [],
                                             rules: rules([.init(type: .percent, value: 90, periodSeconds: 60)]), now: .zero)
        #expect(limit == 9)
    }

    @Test("1 % of 3 still allows one more pod")
    func smallPercentUp() {
        let limit = RateLimit.scaleUpLimit(current: 3, upEvents: [], downEvents: [],
                                           rules: rules([.init(type: .percent, value: 1, periodSeconds: 15)]), now: .zero)
        #expect(limit == 4)
    }

    @Test("an event exactly periodSeconds old no longer counts")
    func boundaryEventExcluded() {
        let policy = rules([.init(type: .pods, value: 2, periodSeconds: 60)])
        let atEdge = [ScaleEvent(change: 2, time: .seconds(-60))]
        let inside = [ScaleEvent(change: 2, time: SimTime(microseconds: -59_999_999))]
        #expect(RateLimit.scaleUpLimit(current: 5, upEvents: atEdge, downEvents: [], rules: policy, now: .zero) == 7)
        #expect(RateLimit.scaleUpLimit(current: 5, upEvents: inside, downEvents: [], rules: policy, now: .zero) == 5)
    }

    @Test("recent scale-downs are added back to the period start in both directions")
    func flappingConsumesBudget() {
        let policy = rules([.init(type: .pods, value: 1, periodSeconds: 60)])
        let downs = [ScaleEvent(change: 3, time: .seconds(-10))]
        #expect(RateLimit.periodStart(current: 4, periodSeconds: 60, upEvents: [], downEvents: downs, now: .zero) == 7)
        #expect(RateLimit.scaleDownLimit(current: 4, upEvents: [], downEvents: downs, rules: policy, now: .zero) == 6)
        #expect(RateLimit.scaleUpLimit(current: 4, upEvents: [], downEvents: downs, rules: policy, now: .zero) == 8)
    }

    @Test("Max takes the policy allowing most change, Min the least, Disabled returns current")
    func selectPolicies() {
        let policies: [HPAScalingPolicy] = [.init(type: .pods, value: 2, periodSeconds: 60),
                                            .init(type: .percent, value: 50, periodSeconds: 60)]
        #expect(RateLimit.scaleUpLimit(current: 10, upEvents: [], downEvents: [], rules: rules(policies, select: .max), now: .zero) == 15)
        #expect(RateLimit.scaleUpLimit(current: 10, upEvents: [], downEvents: [], rules: rules(policies, select: .min), now: .zero) == 12)
        #expect(RateLimit.scaleUpLimit(current: 10, upEvents: [], downEvents: [], rules: rules(policies, select: .disabled), now: .zero) == 10)
        #expect(RateLimit.scaleDownLimit(current: 10, upEvents: [], downEvents: [], rules: rules(policies, select: .max), now: .zero) == 5)
        #expect(RateLimit.scaleDownLimit(current: 10, upEvents: [], downEvents: [], rules: rules(policies, select: .min), now: .zero) == 8)
        #expect(RateLimit.scaleDownLimit(current: 10, upEvents: [], downEvents: [], rules: rules(policies, select: .disabled), now: .zero) == 10)
    }
}

@Suite("Scale-event history (ScalingHistory.swift)")
struct ScalingHistoryTests {
    @Test("the last event older than the longest period is overwritten, others are kept")
    func overwritesLastOutdated() {
        var history = ScalingHistory(scaleUpEvents: [
            ScaleEvent(change: 8, time: .seconds(-29)), ScaleEvent(change: 7, time: .seconds(-61)),
            ScaleEvent(change: 9, time: .seconds(-61)),
        ])
        let behavior = HorizontalPodAutoscalerBehavior(scaleUp: HPAScalingRules(
            policies: [.init(type: .pods, value: 10, periodSeconds: 60)])).resolved(downscaleStabilizationWindowSeconds: 300)
        history.storeScaleEvent(rules: behavior, previous: 10, new: 15, now: .zero)
        #expect(history.scaleUpEvents == [ScaleEvent(change: 8, time: .seconds(-29)),
                                          ScaleEvent(change: 7, time: .seconds(-61), outdated: true),
                                          ScaleEvent(change: 5, time: .zero)])
    }

    @Test("without behavior no event is stored")
    func legacyStoresNothing() {
        var history = ScalingHistory()
        history.storeScaleEvent(rules: nil, previous: 3, new: 5, now: .zero)
        #expect(history.scaleUpEvents.isEmpty && history.scaleDownEvents.isEmpty)
    }
}
