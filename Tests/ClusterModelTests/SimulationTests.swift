import ClusterModel
import RunRecords
import HPAController
import SimTime
import Testing

/// Whole runs: determinism, common random numbers, the HPA end to end, bookkeeping.
struct SimulationTests {
    @Test("the same configuration and seed give the same result and the same recorded stream", arguments: [UInt64(1), 7])
    func determinism(seed: UInt64) throws {
        let config = Example.configuration(seed: seed, duration: .minutes(20))
        let (a, ra) = try Fixture.run(config, resolution: .seconds(30))
        let (b, rb) = try Fixture.run(config, resolution: .seconds(30))
        #expect(a == b)
        #expect(ra.series == rb.series)
        #expect(ra.tasks == rb.tasks)
        #expect(ra.syncs == rb.syncs)
        #expect(a.classes.reduce(0) { $0 + $1.arrived } > 100)
        // A different seed gives a different run.
        let other = try Simulation.run(Example.configuration(seed: seed + 100, duration: .minutes(20)))
        #expect(other.classes.map(\.arrived) != a.classes.map(\.arrived))
    }

    @Test("two HPA variants face the identical task sequence (common random numbers)")
    func commonRandomNumbers() throws {
        // Arrivals stop after 10 minutes and pods finish their tasks when scaled down, so
        // both variants complete every task.
        func config(scaleUpPods: Int32) -> SimulationConfiguration {
            var c = Example.configuration(seed: 3, duration: .minutes(90), egressRate: 0.5, egressScaleUpPods: scaleUpPods)
            c.deployments[0].template.terminationGracePeriodSeconds = 7200
            for i in c.workload.classes.indices {
                let rate = c.workload.classes[i].arrivals.rate.segments[0].ratePerSecond
                c.workload.classes[i].arrivals = ArrivalProcess(rate: RateSchedule(segments: [
                    RateSegment(start: .zero, ratePerSecond: rate), RateSegment(start: .minutes(10), ratePerSecond: 0)]))
                c.workload.classes[i].maxQueueWait = nil
            }
            return c
        }
        let (slow, slowTasks) = try Fixture.run(config(scaleUpPods: 1), resolution: .minutes(1))
        let (fast, fastTasks) = try Fixture.run(config(scaleUpPods: 4), resolution: .minutes(1))
        // The variants scaled differently and their tasks waited differently ...
        #expect(slow.deployment("egress")?.meanReplicas != fast.deployment("egress")?.meanReplicas)
        #expect(slow.classes.map(\.queueWait) != fast.classes.map(\.queueWait))
        // ... yet saw the same tasks: keys, arrival times and run times.
        #expect(slow.classes.map(\.arrived) == fast.classes.map(\.arrived))
        #expect(slow.classes.map(\.completed) == slow.classes.map(\.arrived))
        #expect(fast.classes.map(\.completed) == fast.classes.map(\.arrived))
        func sequence(_ r: CollectingRecorder) -> [String: [Int64]] {
            Dictionary(uniqueKeysWithValues: r.tasks.map { ($0.key, [$0.arrivedAt.microseconds, $0.runTime?.microseconds ?? -1]) })
        }
        let a = sequence(slowTasks), b = sequence(fastTasks)
        #expect(a.count == slow.classes.reduce(0) { $0 + $1.arrived } && a.count > 300)
        #expect(a.count == b.count)
        #expect(a.filter { b[$0.key] != $0.value }.count == 0)
        // Completed tasks ran exactly their drawn run time (no throttling in this system).
        #expect(slowTasks.tasks.filter { $0.endedAt - ($0.startedAt ?? $0.endedAt) != $0.runTime }.count == 0)
    }

    @Test("the HPA scales egress up under load and the ReplicaSet follows")
    func hpaEndToEnd() throws {
        let config = Example.configuration(seed: 5, duration: .minutes(20), egressRate: 1.0)
        let (result, recorder) = try Fixture.run(config, resolution: .seconds(15))
        let scales = recorder.scales.filter { $0.deployment == "egress" }
        #expect(!scales.isEmpty)
        #expect(scales.first?.from == 3)
        // Up by at most min(50 %, 2 pods) per minute: 3 → 5 first.
        #expect(scales.first?.to == 5)
        #expect(scales.first?.message.hasPrefix("New size: 5; reason: ") == true)
        #expect(result.deployment("egress")?.maxReplicas ?? 0 > 5)
        // Every scale event is one sync's decision, and pods follow within the instant.
        for scale in scales {
            #expect(recorder.syncs.contains { $0.hpa == "egress-hpa" && $0.time == scale.time && $0.desiredReplicas == scale.to })
            let point = recorder.series(of: "egress").first { $0.time >= scale.time }
            if let point, point.time == scale.time { #expect(point.replicas == scale.to) }
        }
        // The syncs ran every 15 s from 0 s (egress) and from 5 s (notifier).
        let times = recorder.syncs.filter { $0.hpa == "webhook-notifier-hpa" }.prefix(3).map(\.time)
        #expect(times == [.seconds(5), .seconds(20), .seconds(35)])
    }

    @Test("every arrived task is completed, failed or still in flight; pod-hours follow the replicas")
    func bookkeeping() throws {
        let result = try Simulation.run(Example.configuration(seed: 11, duration: .minutes(30), egressRate: 0.8))
        for c in result.classes {
            #expect(c.arrived == c.completed + c.failed + c.waitingAtEnd + c.runningAtEnd, "\(c.name)")
            #expect(c.queueWait.count <= c.arrived)
            #expect(c.queueWait.p50 <= c.queueWait.p95 && c.queueWait.p95 <= c.queueWait.p99 && c.queueWait.p99 <= c.queueWait.max)
        }
        let dispatch = try #require(result.deployment("web-dispatch"))
        #expect(abs(dispatch.podHours - 3.0) < 1e-9)           // 6 pods × 0.5 h, never rescaled
        #expect(dispatch.meanReplicas == 6 && dispatch.timeAtMaxReplicas == nil)
        let egress = try #require(result.deployment("egress"))
        #expect(egress.scaleEvents == egress.scaleUps + egress.scaleDowns)
        #expect(egress.meanReplicas >= 3 && egress.meanReplicas <= Double(egress.maxReplicas))
        #expect((egress.meanCPUUtilization?.percent ?? 0) > 0)
    }

    @Test("bad configurations are rejected with the field and what was expected")
    func validation() {
        var config = Example.configuration()
        config.autoscalers[0].hpa.spec.scaleTargetRef.name = "egres"
        #expect(throws: ModelConfigurationError(
            field: "autoscalers[egress-hpa].spec.scaleTargetRef.name",
            expected: "the name of a deployment (one of egress, webhook-notifier, web-dispatch, web-recorder)", found: "egres")) {
            try Simulation(configuration: config)
        }
        config = Example.configuration()
        config.workload.trace = [TraceArrival(time: .seconds(1), taskClass: "nope")]
        #expect(throws: ModelConfigurationError.self) { try Simulation(configuration: config) }
    }
}
