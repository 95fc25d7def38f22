import HPAController
import SimTime
import Testing

@Suite("Stabilization (Stabilization.swift)")
struct StabilizationTests {
    @Test("legacy: a recommendation exactly window old still counts (inclusive)")
    func legacyInclusive() {
        var recommendations = [TimestampedRecommendation(replicas: 7, time: .seconds(-300))]
        let stabilized = Stabilization.legacy(prenormalized: 3, recommendations: &recommendations,
                                              window: .seconds(300), now: .zero)
        #expect(stabilized == 7)
        #expect(recommendations.map(\.replicas) == [7, 3])
    }

    @Test("legacy: the last entry older than the window is overwritten")
    func legacyOverwrite() {
        var recommendations = [TimestampedRecommendation(replicas: 10, time: .seconds(-600)),
                               TimestampedRecommendation(replicas: 9, time: .seconds(-540))]
        let stabilized = Stabilization.legacy(prenormalized: 3, recommendations: &recommendations,
                                              window: .seconds(300), now: .zero)
        #expect(stabilized == 3)
        #expect(recommendations == [TimestampedRecommendation(replicas: 10, time: .seconds(-600)),
                                    TimestampedRecommendation(replicas: 3, time: .zero)])
    }

    @Test("behavior: a recommendation exactly window old is excluded (strict)")
    func behaviorExclusive() {
        var recommendations = [TimestampedRecommendation(replicas: 7, time: .seconds(-300))]
        let stabilized = Stabilization.withBehavior(prenormalized: 3, current: 5, recommendations: &recommendations,
                                                    scaleUpWindowSeconds: 0, scaleDownWindowSeconds: 300, now: .zero)
        #expect(stabilized == 3)
    }

    @Test("behavior: the result is current clamped into [min over up window, max over down window]")
    func behaviorClamp() {
        var recommendations = [TimestampedRecommendation(replicas: 4, time: .seconds(-30)),
                               TimestampedRecommendation(replicas: 8, time: .seconds(-30))]
        // Rising recommendation 9 with a recent 4: scale-up takes the min → held at current 6.
        let up = Stabilization.withBehavior(prenormalized: 9, current: 6, recommendations: &recommendations,
                                            scaleUpWindowSeconds: 60, scaleDownWindowSeconds: 60, now: .zero)
        #expect(up == 6)
        var fresh = [TimestampedRecommendation(replicas: 8, time: .seconds(-30))]
        let down = Stabilization.withBehavior(prenormalized: 2, current: 6, recommendations: &fresh,
                                              scaleUpWindowSeconds: 0, scaleDownWindowSeconds: 60, now: .zero)
        #expect(down == 6)
    }
}
