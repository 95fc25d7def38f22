import Testing
@testable import ClusterModel
import HPAController
import KEDA
import SimTime

/// KEDA's loop on the engine: scale to zero and back at the times KEDA's rules give.
@Suite("KEDA on the engine")
struct KEDAOnEngineTests {
    /// One worker (1 slot per pod, 30 s grace) scaled 0-5 by a ScaledObject on list `jobs`
    /// (listLength 1, polling 30 s, cooldown 120 s); three 200-s tasks arrive at t=100 s.
    static func configuration(duration: SimDuration = .seconds(300), failures: MetricFailures? = nil,
                              fallback: Fallback? = nil) -> SimulationConfiguration {
        let so = ScaledObject(name: "worker-so", namespace: "jobs", scaleTargetRef: .init(name: "worker"),
                              pollingInterval: 30, cooldownPeriod: 120, minReplicaCount: 0, maxReplicaCount: 5,
                              fallback: fallback,
                              triggers: [ScaleTrigger(type: "redis", metadata: ["listName": "jobs", "listLength": "1"])])
        let hpa: HorizontalPodAutoscaler
        do { hpa = try so.generatedHPA() } catch { preconditionFailure("\(error)") }
        var metrics = MetricsPipelineConfiguration()
        metrics.failures = failures
        return SimulationConfiguration(
            namespace: "jobs", duration: duration, seed: 1,
            deployments: [Fixture.worker("worker", replicas: 1, patterns: ["jobs:*"], slots: 1)],
            autoscalers: [AutoscalerConfiguration(hpa: hpa)], metrics: metrics,
            workload: WorkloadConfiguration(classes: [Fixture.taskClass("job", pattern: "jobs:*", duration: 200)],
                                            trace: Fixture.burst("job", count: 3, at: .seconds(100))),
            scaledObjects: [ScaledObjectConfiguration(scaledObject: so, listClasses: [["job"]])])
    }

    @Test("to zero at the first poll (new and idle), 0 → 1 at the poll after the arrivals, to zero after cooldown")
    func scaleToZeroAndBack() throws {
        let (result, recorder) = try Fixture.run(Self.configuration())
        let events = recorder.scales.map { "\($0.time.microseconds / 1_000_000)s \($0.hpa) \($0.from)→\($0.to)" }
        #expect(events == [
            "0s keda-hpa-worker-so 1→0",      // KEDA: a new idle ScaledObject drops at its first poll
            "120s keda-hpa-worker-so 0→1",    // KEDA: the first poll after the arrivals (t=100) activates
            "120s keda-hpa-worker-so 1→3",    // the HPA: ceil(3 waiting / listLength 1) at the same instant
            "240s keda-hpa-worker-so 3→0",    // KEDA: lastActiveTime 120 + cooldown 120, although 3 tasks run
            "270s keda-hpa-worker-so 0→1",    // the killed tasks are back in the list: activated again
            "270s keda-hpa-worker-so 1→3",    // and the HPA takes it from 1 to 3 again
        ])
        #expect(recorder.scales[0].message == "KEDAScaleTargetDeactivated: Deactivated apps/v1.Deployment jobs/worker from 1 to 0")
        #expect(recorder.scales[1].message == "KEDAScaleTargetActivated: Scaled apps/v1.Deployment jobs/worker from 0 to 1, triggered by s0-redis-jobs")
        #expect(result.classes[0].interruptedByScaleDown == 3)
        // The HPA is disabled while the target is at zero.
        let atZero = recorder.syncs.filter { $0.time == .seconds(60) }
        #expect(atZero.first?.conditions.first { $0.type == .scalingActive }?.reason == .scalingDisabled)
    }

    @Test("KEDA's metrics server down: the HPA gets FailedGetExternalMetric, KEDA's own loop goes on")
    func metricsServerDown() throws {
        let outage = MetricFailures(outages: [MetricOutage(source: .kedaMetricsServer, from: .seconds(110), duration: .seconds(60))])
        let (_, recorder) = try Fixture.run(Self.configuration(duration: .seconds(200), failures: outage))
        let events = recorder.scales.map { "\($0.time.microseconds / 1_000_000)s \($0.from)→\($0.to)" }
        // 1 pod claims one task at 120; at 180 the HPA reads 2 waiting over 1 pod: ceil(2 / 1) = 2.
        #expect(events == ["0s 1→0", "120s 0→1", "180s 1→2"])
        let failed = recorder.syncs.filter { $0.metrics.contains { $0.error?.hasPrefix("FailedGetExternalMetric: ") == true } }.map(\.time)
        #expect(failed == [.seconds(120), .seconds(135), .seconds(150), .seconds(165)])
    }

    @Test("Redis unreachable: the HPA fails its metric and holds, the fallback (threshold 1, 4 replicas) never engages")
    func redisDown() throws {
        let outage = MetricFailures(outages: [MetricOutage(source: .redis, from: .seconds(125), duration: .seconds(60))])
        let (_, recorder) = try Fixture.run(Self.configuration(failures: outage,
                                                               fallback: Fallback(failureThreshold: 1, replicas: 4)))
        let events = recorder.scales.map { "\($0.time.microseconds / 1_000_000)s \($0.from)→\($0.to)" }
        // As without the outage: nothing scales to the fallback's 4.
        #expect(events == ["0s 1→0", "120s 0→1", "120s 1→3", "240s 3→0", "270s 0→1", "270s 1→3"])
        let failed = recorder.syncs.filter { $0.metrics.contains { $0.error?.hasPrefix("FailedGetExternalMetric: ") == true } }.map(\.time)
        #expect(failed == [.seconds(135), .seconds(150), .seconds(165), .seconds(180)])
        let message = recorder.syncs.first { $0.time == .seconds(150) }?.metrics.first?.error ?? ""
        #expect(message.hasSuffix("unable to fetch metrics from external metrics API: error building scaler: dial tcp redis:6379: connect: connection refused"))
    }
}
