import HPAController
import PropertyBased
import SimTime
import Testing

/// Random HPA settings and history built from one seed (SplitMix64), so PropertyBased only
/// has to generate and shrink a `UInt64`.
struct RandomScenario {
    var rng: SplitMix64
    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func int32(_ range: ClosedRange<Int32>) -> Int32 { Int32.random(in: range, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    mutating func policy() -> HPAScalingPolicy {
        let period = [15, 30, 60, 120, 300].randomElement(using: &rng) ?? 15
        return chance(0.5) ? HPAScalingPolicy(type: .pods, value: int32(1...6), periodSeconds: Int32(period))
            : HPAScalingPolicy(type: .percent, value: int32(1...200), periodSeconds: Int32(period))
    }

    mutating func rules(select: ScalingPolicySelect? = nil) -> HPAScalingRules? {
        if chance(0.2) { return nil }
        let window: Int32? = chance(0.3) ? nil : [0, 15, 60, 300].randomElement(using: &rng).map(Int32.init)
        let policies: [HPAScalingPolicy]? = chance(0.2) ? nil : (0..<Int(int32(1...3))).map { _ in policy() }
        let chosen = select ?? (chance(0.2) ? nil : ScalingPolicySelect.allCases.randomElement(using: &rng))
        return HPAScalingRules(stabilizationWindowSeconds: window, selectPolicy: chosen, policies: policies)
    }

    mutating func behavior() -> HorizontalPodAutoscalerBehavior? {
        chance(0.3) ? nil : HorizontalPodAutoscalerBehavior(scaleUp: rules(), scaleDown: rules())
    }

    mutating func history() -> ScalingHistory {
        let recommendations = chance(0.2) ? nil : (0..<Int(int32(0...8))).map { _ in
            TimestampedRecommendation(replicas: int32(0...30), time: .seconds(Int64(int32(-40...0)) * 15))
        }
        func events(_ me: inout RandomScenario) -> [ScaleEvent] {
            (0..<Int(me.int32(0...4))).map { _ in
                ScaleEvent(change: me.int32(1...5), time: .seconds(Int64(me.int32(-40...0)) * 15), outdated: me.chance(0.1))
            }
        }
        return ScalingHistory(recommendations: recommendations, scaleUpEvents: events(&self), scaleDownEvents: events(&self))
    }

    mutating func spec(behavior: HorizontalPodAutoscalerBehavior?) -> HorizontalPodAutoscalerSpec {
        let min = int32(1...5)
        return HorizontalPodAutoscalerSpec(scaleTargetRef: .init(name: "t"), minReplicas: min,
                                           maxReplicas: min + int32(0...15),
                                           metrics: [.pods("qps", .averageValue(.init(milliValue: 10_000)))],
                                           behavior: behavior)
    }

    /// A Pods-metric observation of `current` pods with random per-pod values.
    mutating func observation(current: Int32) -> Observation {
        let pods = (0..<Int(current)).map { ObservedPod(name: "p\($0)") }
        let samples = pods.map { PodMetricSample(pod: $0.name, valueMilli: Int64(int32(0...40_000)), timestamp: .zero) }
        return Observation(scale: ScaleObservation(specReplicas: current, statusReplicas: current), pods: pods,
                           podMetrics: ["qps": samples])
    }
}

/// Invariants checked on random inputs (PropertyBased: a failure reports the seed that
/// reproduces it) and on a fixed sweep of seeds.
@Suite("Controller invariants (property tests)")
struct PropertyTests {

    @Test("normalization keeps desired within [min, max] when current is within")
    func normalizedWithinBounds() async {
        await propertyCheck(count: 400, input: Gen.uint64()) { seed in Self.normalizedWithinBoundsCheck(seed) }
    }

    static func normalizedWithinBoundsCheck(_ seed: UInt64) {
        let controller = HorizontalPodAutoscalerController()
        do {
            var random = RandomScenario(seed: seed)
            let spec = random.spec(behavior: random.behavior())
            let min = spec.minReplicas ?? 1
            let current = random.int32(min...spec.maxReplicas)
            let result = controller.normalize(recommendation: random.int32(0...60), current: current, spec: spec,
                                              history: random.history(), now: .zero)
            #expect(result.desired >= min && result.desired <= spec.maxReplicas, "seed \(seed)")
        }
    }

    @Test("reconcile: desired within [min, max], or the bound when current is outside")
    func reconcileBounds() async {
        await propertyCheck(count: 200, input: Gen.uint64()) { seed in Self.reconcileBoundsCheck(seed) }
    }

    static func reconcileBoundsCheck(_ seed: UInt64) {
        let controller = HorizontalPodAutoscalerController()
        do {
            var random = RandomScenario(seed: seed)
            let spec = random.spec(behavior: random.behavior())
            let min = spec.minReplicas ?? 1, max = spec.maxReplicas
            let current = random.int32(1...(max + 5))
            var history = random.history()
            let decision = controller.reconcile(random.observation(current: current),
                                                hpa: HorizontalPodAutoscaler(name: "h", spec: spec), history: &history,
                                                now: .zero)
            let desired = decision.status.desiredReplicas
            if current > max { #expect(desired == max, "seed \(seed)") }
            else if current < min { #expect(desired == min, "seed \(seed)") }
            else { #expect(desired >= min && desired <= max, "seed \(seed)") }
        }
    }

    @Test("over a sequence of syncs no policy's limit is exceeded within its period")
    func policyLimitsHold() async {
        await propertyCheck(count: 150, input: Gen.uint64()) { seed in Self.policyLimitsHoldCheck(seed) }
    }

    static func policyLimitsHoldCheck(_ seed: UInt64) {
        let controller = HorizontalPodAutoscalerController()
        do {
            var random = RandomScenario(seed: seed)
            let up = random.policy(), down = random.policy()
            let behavior = HorizontalPodAutoscalerBehavior(
                scaleUp: HPAScalingRules(stabilizationWindowSeconds: 0, selectPolicy: .max, policies: [up]),
                scaleDown: HPAScalingRules(stabilizationWindowSeconds: random.int32(0...2) * 15, selectPolicy: .max,
                                           policies: [down]))
            let spec = HorizontalPodAutoscalerSpec(scaleTargetRef: .init(name: "t"), minReplicas: 1, maxReplicas: 60,
                                                   behavior: behavior)
            let rules = controller.resolvedBehavior(behavior)
            var history = ScalingHistory()
            var replicas: [Int32] = [random.int32(1...60)]   // replicas[k] = count after sync k (k = 0: start)
            for sync in 1...40 {
                let now = SimTime.seconds(Int64(sync) * 15)
                let current = replicas[sync - 1]
                history.recordInitialRecommendation(current, now: now)
                let result = controller.normalize(recommendation: random.int32(0...80), current: current, spec: spec,
                                                  history: history, now: now)
                history = result.history
                if result.desired != current {
                    history.storeScaleEvent(rules: rules, previous: current, new: result.desired, now: now)
                }
                replicas.append(result.desired)
                func startOfPeriod(_ policy: HPAScalingPolicy) -> Double {
                    Double(replicas[Swift.max(0, sync - Int(policy.periodSeconds) / 15)])
                }
                if result.desired > current {
                    let start = startOfPeriod(up)
                    let bound = up.type == .pods ? start + Double(up.value) : (start * (1 + Double(up.value) / 100)).rounded(.up)
                    #expect(Double(result.desired) <= bound, "seed \(seed) sync \(sync)")
                } else if result.desired < current {
                    let start = startOfPeriod(down)
                    let bound = down.type == .pods ? start - Double(down.value)
                        : (start * (1 - Double(down.value) / 100)).rounded(.towardZero)
                    #expect(Double(result.desired) >= bound, "seed \(seed) sync \(sync)")
                }
            }
        }
    }

    @Test("a Disabled direction never moves that way")
    func disabledNeverMoves() async {
        await propertyCheck(count: 300, input: Gen.uint64()) { seed in Self.disabledNeverMovesCheck(seed) }
    }

    static func disabledNeverMovesCheck(_ seed: UInt64) {
        let controller = HorizontalPodAutoscalerController()
        do {
            var random = RandomScenario(seed: seed)
            let disableUp = random.chance(0.5), disableDown = random.chance(0.5) || !disableUp
            let behavior = HorizontalPodAutoscalerBehavior(
                scaleUp: disableUp ? random.rules(select: .disabled) ?? HPAScalingRules(selectPolicy: .disabled) : random.rules(),
                scaleDown: disableDown ? random.rules(select: .disabled) ?? HPAScalingRules(selectPolicy: .disabled) : random.rules())
            let spec = random.spec(behavior: behavior)
            let current = random.int32((spec.minReplicas ?? 1)...spec.maxReplicas)
            let result = controller.normalize(recommendation: random.int32(0...60), current: current, spec: spec,
                                              history: random.history(), now: .zero)
            if disableUp { #expect(result.desired <= current, "seed \(seed)") }
            if disableDown { #expect(result.desired >= current, "seed \(seed)") }
        }
    }

    @Test("the same inputs always give the same decision")
    func deterministic() async {
        await propertyCheck(count: 150, input: Gen.uint64()) { seed in Self.deterministicCheck(seed) }
    }

    static func deterministicCheck(_ seed: UInt64) {
        let controller = HorizontalPodAutoscalerController()
        do {
            var random = RandomScenario(seed: seed)
            let spec = random.spec(behavior: random.behavior())
            let observed = random.observation(current: random.int32(1...(spec.maxReplicas + 3)))
            let initial = random.history()
            let hpa = HorizontalPodAutoscaler(name: "h", spec: spec)
            var first = initial, second = initial
            let a = controller.reconcile(observed, hpa: hpa, history: &first, now: .seconds(30))
            let b = controller.reconcile(observed, hpa: hpa, history: &second, now: .seconds(30))
            #expect(a == b && first == second, "seed \(seed)")
        }
    }

    /// The same invariants over a fixed sweep of seeds, so every run also checks the same cases.
    @Test("invariants hold for a fixed sweep of seeds", arguments: Array(UInt64(0)..<UInt64(40)))
    func fixedSweep(_ seed: UInt64) {
        Self.normalizedWithinBoundsCheck(seed)
        Self.reconcileBoundsCheck(seed)
        Self.policyLimitsHoldCheck(seed)
        Self.disabledNeverMovesCheck(seed)
        Self.deterministicCheck(seed)
    }
}

