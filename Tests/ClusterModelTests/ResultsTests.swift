@testable import ClusterModel
import RunRecords
import SimTime
import Testing

/// Streaming aggregates: replicas over time, flapping, queue-wait quantiles, the summary.
struct ResultsTests {
    @Test("time-weighted replicas, time at maxReplicas and flaps within the window")
    func deploymentAccounting() {
        var a = DeploymentAccounting()
        a.setReplicas(3, maxAllowed: 5, at: .zero)
        a.setReplicas(5, maxAllowed: 5, at: .minutes(10)); a.recordScale(from: 3, to: 5, at: .minutes(10), window: .minutes(5))
        a.setReplicas(4, maxAllowed: 5, at: .minutes(12)); a.recordScale(from: 5, to: 4, at: .minutes(12), window: .minutes(5))
        a.setReplicas(5, maxAllowed: 5, at: .minutes(20)); a.recordScale(from: 4, to: 5, at: .minutes(20), window: .minutes(5))
        a.setReplicas(3, maxAllowed: 5, at: .minutes(21)); a.recordScale(from: 5, to: 3, at: .minutes(21), window: .minutes(5))
        a.advance(to: .minutes(30))
        // 3×10 + 5×2 + 4×8 + 5×1 + 3×9 = 104 replica-minutes over 30 minutes.
        #expect(abs(a.replicaIntegral / Double(SimDuration.minutes(1).microseconds) - 104) < 1e-9)
        #expect(a.timeAtMax == SimDuration.minutes(3).microseconds)
        #expect((a.scaleEvents, a.scaleUps, a.scaleDowns) == (4, 2, 2))
        // 10→12 min reverses within 5 min (flap); 12→20 min is 8 min apart (no flap); 20→21 min flaps.
        #expect(a.flaps == 2)
        #expect((a.maxReplicas, a.minReplicas) == (5, 3))
    }

    @Test("queue-wait quantiles from the histogram, to the millisecond")
    func queueWaits() {
        var c = ClassAccounting(significantDigits: 3)
        for ms in 1...1000 { c.recordWait(.milliseconds(Int64(ms))) }
        let s = c.summary()
        #expect(s.count == 1000)
        #expect(s.p50 == .milliseconds(500))
        #expect(s.p95 == .milliseconds(950))
        #expect(s.p99 == .milliseconds(990))
        #expect(s.max == .milliseconds(1000))
        #expect(s.mean == SimDuration(microseconds: 500_500))
    }

    @Test("the summary opens with the run line and lists every class and deployment")
    func summary() throws {
        let result = try Simulation.run(Example.configuration(seed: 2, duration: .minutes(5)))
        let text = Summary(result).description
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let backlog = String(format: "%.1f", result.notifierBacklogMaximum)
        let expected: String = "simulated 5m00s, seed 2, \(result.eventsProcessed) events, "
            + "\(result.notifications) notifications (notifier backlog max \(backlog))"
        #expect(lines.first.map(String.init) == expected)
        for name in result.classes.map(\.name) + result.deployments.map(\.name) {
            #expect(lines.contains { $0.hasPrefix(name + " ") }, "\(name)")
        }
        // Utilizations print as a percent with their unit (a ratio once printed under `CPU %`).
        for d in result.deployments {
            guard let cpu = d.meanCPUUtilization, let row = lines.first(where: { $0.hasPrefix(d.name + " ") }) else { continue }
            #expect(row.contains(String(format: "%.1f %%", cpu.ratio * 100)), "\(d.name): \(row)")
        }
    }

    @Test("a recorder changes nothing in the result: its series samples do not count as events")
    func eventCountWithRecorder() throws {
        let configuration = Example.configuration(seed: 2, duration: .minutes(5))
        let bare = try Simulation.run(configuration)
        let (recorded, recorder) = try Fixture.run(configuration, resolution: .seconds(15))
        #expect(recorder.series.count == 21 * configuration.deployments.count)   // 0 s, 15 s, ... 300 s
        #expect(recorded.eventsProcessed == bare.eventsProcessed)
        #expect(recorded == bare)
    }
}
