@testable import ClusterModel
import RunRecords
import SimTime
import Testing

/// Pod start-up: scheduling, image pull, container start, readiness probe; capacity.
struct LifecycleTests {
    /// Scheduling 1 s, pull 5 s, start 2 s, app up 3 s after start; probe delay 5 s, period 10 s, 2 successes.
    static let lifecycle = PodLifecycle(schedulingDelay: .constant(1), imagePull: .constant(5),
                                        containerStart: .constant(2), applicationStartup: .constant(3))
    static let probe = ReadinessProbe(initialDelaySeconds: 5, periodSeconds: 10, successThreshold: 2)

    @Test("a new pod is Pending until its container starts and Ready on the second passing probe tick")
    func readinessTiming() throws {
        let config = SimulationConfiguration(
            duration: .seconds(40),
            deployments: [Fixture.worker("w", patterns: ["a:*"], probe: Self.probe, lifecycle: Self.lifecycle,
                                         initialPodsReady: false)])
        let (_, recorder) = try Fixture.run(config)
        let points = recorder.series(of: "w")
        // Bound at 1 s, container at 8 s: pending through 7 s.
        #expect(points.first { $0.pendingPods == 0 }?.time == .seconds(8))
        // Probe ticks at 1, 11, 21, 31 s (from binding); the first success needs 8 + 5 = 13 s
        // and the app (11 s): tick 21 s; the second success, 31 s, makes it Ready.
        #expect(points.first { $0.readyPods == 1 }?.time == .seconds(31))
        #expect(points.allSatisfy { $0.pods == 1 })
    }

    @Test("without a readiness probe a pod is Ready when its container starts")
    func noProbe() throws {
        let config = SimulationConfiguration(
            duration: .seconds(20),
            deployments: [Fixture.worker("w", patterns: ["a:*"], probe: nil, lifecycle: Self.lifecycle, initialPodsReady: false)])
        let (_, recorder) = try Fixture.run(config)
        #expect(recorder.series(of: "w").first { $0.readyPods == 1 }?.time == .seconds(8))
    }

    @Test("pods that do not fit the node capacity stay Pending until capacity frees up")
    func capacity() throws {
        let config = SimulationConfiguration(
            duration: .seconds(30),
            deployments: [Fixture.worker("w", replicas: 3, patterns: ["a:*"], initialPodsReady: false)],
            nodeCapacity: NodeCapacity(cpuMilli: 1200))        // room for two 500m pods
        var model = Model(configuration: config, recorder: nil)
        model.start()
        try model.advance(through: .seconds(10))
        var point = model.seriesPoint(deployment: 0, at: .seconds(10))
        #expect((point.pods, point.readyPods, point.pendingPods) == (3, 2, 1))
        // A running pod goes away: the waiting pod gets its room, the replacement waits.
        let waiting = model.unschedulable
        #expect(waiting.count == 1)
        model.removePod(model.deployments[0].pods[0], at: .seconds(10))
        model.reconcileReplicas(deployment: 0, at: .seconds(10))
        try model.advance(through: .seconds(11))
        point = model.seriesPoint(deployment: 0, at: .seconds(11))
        #expect((point.pods, point.readyPods, point.pendingPods) == (3, 2, 1))
        #expect(model.unschedulable.count == 1 && model.unschedulable != waiting)
        #expect(model.pods[Int(waiting[0])].ready)
    }
}
