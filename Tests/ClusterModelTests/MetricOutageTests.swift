import Testing
@testable import ClusterModel
import HPAController
import SimTime

/// `metricsPipeline.outages` and failure rates: what the controller sees while a source is down.
@Suite("Metric source outages")
struct MetricOutageTests {
    static func run(_ failures: MetricFailures, duration: SimDuration = .minutes(20)) throws -> CollectingRecorder {
        var c = Example.configuration(duration: duration)
        c.metrics.failures = failures
        return try Fixture.run(c, resolution: .seconds(15)).1
    }

    static func syncs(_ r: CollectingRecorder, hpa: String, with reason: String) -> [Int64] {
        r.syncs.filter { $0.hpa == hpa && $0.metrics.contains { $0.error?.hasPrefix(reason + ": ") == true } }
            .map { $0.time.microseconds / 1_000_000 }
    }

    @Test("the Prometheus adapter down: every sync in [from, from + for) fails its Pods metric, the others decide")
    func customOutage() throws {
        let r = try Self.run(MetricFailures(outages: [MetricOutage(source: .custom, from: .minutes(10), duration: .minutes(1))]))
        #expect(Self.syncs(r, hpa: "egress-hpa", with: "FailedGetPodsMetric") == [600, 615, 630, 645])
        #expect(Self.syncs(r, hpa: "webhook-notifier-hpa", with: "FailedGetPodsMetric") == [605, 620, 635, 650])
        // A failed metric beside valid ones: ScalingActive stays True (horizontal.go computeReplicasForMetrics).
        let during = r.syncs.filter { $0.hpa == "egress-hpa" && $0.time == .seconds(615) }
        #expect(during.first?.conditions.first { $0.type == .scalingActive }?.status == .true)
    }

    @Test("every source down: ScalingActive False and no rescale")
    func allFailed() throws {
        let outages = [MetricSource.resource, .custom].map { MetricOutage(source: $0, from: .minutes(10), duration: .minutes(1)) }
        let r = try Self.run(MetricFailures(outages: outages))
        let during = r.syncs.filter { $0.hpa == "egress-hpa" && $0.time >= .seconds(600) && $0.time < .seconds(660) }
        #expect(during.count == 4)
        for sync in during {
            let active = sync.conditions.first { $0.type == .scalingActive }
            #expect(active?.status == .false)
            #expect(active?.reason == .failedGetResourceMetric)
            #expect(!sync.scaleUpdated)
        }
        #expect(!r.scales.contains { $0.time >= .seconds(600) && $0.time < .seconds(660) && $0.hpa == "egress-hpa" })
    }

    @Test("a failure rate fails the same reads for the same seed, and about its share of them")
    func failureRate() throws {
        let rate = MetricFailures(rates: [MetricFailureRate(source: .custom, probability: 0.25)])
        let a = Self.syncs(try Self.run(rate), hpa: "egress-hpa", with: "FailedGetPodsMetric")
        let b = Self.syncs(try Self.run(rate), hpa: "egress-hpa", with: "FailedGetPodsMetric")
        #expect(a == b)
        #expect(a.count > 5 && a.count < 40)   // 81 syncs × 0.25 ≈ 20 (binomial: ±4σ)
    }
}
