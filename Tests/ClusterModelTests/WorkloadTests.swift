@testable import ClusterModel
import RunRecords
import SimTime
import Testing

/// Routing by key pattern, throttling, OOM kills, interruption on scale-down, notifications.
struct WorkloadTests {
    @Test("Redis glob patterns", arguments: [
        ("egress:record:*", "egress:record:42", true),
        ("egress:record:*", "egress:web:record:42", false),
        ("egress:*", "egress:web:record:42", true),
        ("egress:?eb:*", "egress:web:record:1", true),
        ("egress:[sr]*", "egress:snapshot:1", true),
        ("egress:[^sr]*", "egress:snapshot:1", false),
        ("a\\*b", "a*b", true),
        ("a\\*b", "axb", false),
    ])
    func globs(pattern: String, key: String, matches: Bool) {
        #expect(KeyPattern.matches(pattern, key) == matches)
    }

    @Test("workers claim only the keys their patterns match; web tasks are forwarded to the recorder")
    func routing() throws {
        let config = SimulationConfiguration(
            duration: .seconds(100),
            deployments: [
                Fixture.worker("egress", replicas: 2, patterns: ["egress:record:*", "egress:snapshot:*"], slots: 4),
                Fixture.worker("web-dispatch", replicas: 1, patterns: ["egress:web:record:*", "egress:web:snapshot:*"], slots: 2,
                               forwarding: Forwarding(target: "web-recorder", handoff: .constant(2))),
                Fixture.worker("web-recorder", replicas: 2, patterns: [], slots: 1),
            ],
            workload: WorkloadConfiguration(
                classes: [Fixture.taskClass("record", pattern: "egress:record:*", duration: 10),
                          Fixture.taskClass("snapshot", pattern: "egress:snapshot:*", duration: 1),
                          Fixture.taskClass("web-record", pattern: "egress:web:record:*", duration: 10)],
                trace: Fixture.burst("record", count: 3, at: .seconds(1)) + Fixture.burst("snapshot", count: 2, at: .seconds(2))
                    + Fixture.burst("web-record", count: 3, at: .seconds(3))))
        let (result, recorder) = try Fixture.run(config)
        #expect(result.classes.map(\.completed) == [3, 2, 3])
        for task in recorder.tasks {
            let pod = task.pod ?? ""
            if task.taskClass == "web-record" { #expect(pod.hasPrefix("web-recorder-")) } else { #expect(pod.hasPrefix("egress-")) }
        }
        #expect(recorder.tasks.contains { $0.key == "egress:web:record:3" })
        // Web tasks: dispatch slots (2) hand over in 2 s; two recorder slots run 10 s each.
        // Task 1 and 2 reach the recorder at 5 s and finish at 15 s; task 3 is claimed at 5 s,
        // handed over at 7 s, waits for a recorder until 15 s and finishes at 25 s.
        let web = recorder.tasks.filter { $0.taskClass == "web-record" }.sorted { $0.key < $1.key }
        #expect(web.map(\.endedAt) == [.seconds(15), .seconds(15), .seconds(25)])
        #expect(result.classes[2].queueWait.max == .seconds(10))   // 2 s for dispatch + 8 s for a recorder
    }

    @Test("CPU demand above the limit slows CPU-bound tasks to limit ÷ demand")
    func throttling() throws {
        func run(cpuBound: Bool) throws -> [SimTime] {
            let config = SimulationConfiguration(
                duration: .seconds(300),
                deployments: [Fixture.worker("w", patterns: ["t:*"], slots: 2, cpuLimit: 1000,
                                             baseline: ResourceUsage(cpuMilli: 0))],
                workload: WorkloadConfiguration(
                    classes: [Fixture.taskClass("t", pattern: "t:*", duration: 100, usage: ResourceUsage(cpuMilli: 800),
                                                cpuBound: cpuBound)],
                    trace: [TraceArrival(time: .zero, taskClass: "t"), TraceArrival(time: .seconds(50), taskClass: "t")]))
            return try Fixture.run(config).1.tasks.map(\.endedAt)
        }
        // One task alone runs at full speed for 50 s (50 left); both together demand 1600m
        // on a 1000m limit: rate 0.625. The first finishes 50 / 0.625 = 80 s later, at 130 s,
        // when the second has done 50 s of work; alone again it finishes at 180 s.
        #expect(try run(cpuBound: true) == [.seconds(130), .seconds(180)])
        #expect(try run(cpuBound: false) == [.seconds(100), .seconds(150)])
    }

    @Test("memory above the limit OOM-kills the container: tasks lost, restarts back off 10, 20, 40, 80 s")
    func oomRestartBackOff() throws {
        let config = SimulationConfiguration(
            duration: .seconds(160),
            deployments: [Fixture.worker("w", patterns: ["t:*"], slots: 2, memoryLimit: 1000 * Fixture.mebibyte)],
            workload: WorkloadConfiguration(
                classes: [Fixture.taskClass("t", pattern: "t:*", duration: 30,
                                            usage: ResourceUsage(memoryMilli: 600 * Fixture.mebibyte))],
                trace: Fixture.burst("t", count: 12, at: .seconds(1))))
        let (result, recorder) = try Fixture.run(config)
        // Each restart claims two tasks at once (1200 Mi > 1000 Mi) and dies again.
        let kills = recorder.tasks.filter { $0.outcome == .interruptedByOOM }.map(\.endedAt)
        #expect(kills == [1, 1, 11, 11, 31, 31, 71, 71, 151, 151].map { SimTime.seconds($0) })
        #expect(result.classes[0].interruptedByOOM == 10)
        #expect(result.classes[0].failed == 10)
        #expect(result.deployments[0].oomKills == 5)
        #expect(result.classes[0].waitingAtEnd == 2)
        // NotReady during every back-off.
        #expect(recorder.series(of: "w").first { $0.time == .seconds(20) }?.readyPods == 0)
    }

    @Test("restartPolicy Never: the OOM-killed pod fails and the ReplicaSet replaces it")
    func oomNeverRestarts() throws {
        let config = SimulationConfiguration(
            duration: .seconds(10),
            deployments: [Fixture.worker("w", patterns: ["t:*"], slots: 2, memoryLimit: 1000 * Fixture.mebibyte,
                                         restartPolicy: .never)],
            workload: WorkloadConfiguration(
                classes: [Fixture.taskClass("t", pattern: "t:*", duration: 30,
                                            usage: ResourceUsage(memoryMilli: 600 * Fixture.mebibyte))],
                trace: Fixture.burst("t", count: 2, at: .seconds(1))))
        let (result, recorder) = try Fixture.run(config)
        #expect(result.deployments[0].podsCreated == 2)
        #expect(recorder.tasks.map(\.pod) == ["w-0", "w-0"])
        #expect(recorder.series(of: "w").last?.readyPods == 1)
    }

    @Test("a terminating pod finishes within its grace period, else its task is interrupted",
          arguments: [(TerminationBehavior.requeue, Int64(30)), (.fail, 30), (.requeue, 200)])
    func interruption(policy: TerminationBehavior, grace: Int64) throws {
        let config = SimulationConfiguration(
            duration: .seconds(400),
            deployments: [Fixture.worker("w", replicas: 2, patterns: ["t:*"], grace: grace)],
            workload: WorkloadConfiguration(
                classes: [Fixture.taskClass("t", pattern: "t:*", duration: 100, onPodTermination: policy)],
                trace: Fixture.burst("t", count: 2, at: .zero)))
        var model = Model(configuration: config, recorder: nil)
        model.start()
        try model.advance(through: .seconds(10))
        model.deployments[0].replicas = 1
        model.reconcileReplicas(deployment: 0, at: .seconds(10))
        #expect(model.seriesPoint(deployment: 0, at: .seconds(10)).terminatingPods == 1)
        try model.advance(through: .seconds(400))
        let result = model.finish()
        let c = result.classes[0]
        if grace >= 100 {
            #expect((c.completed, c.interruptedByScaleDown, c.failed) == (2, 0, 0))
        } else if policy == .requeue {
            // Killed at 40 s, back in the queue, run on the other pod from 100 s to 200 s.
            #expect((c.completed, c.interruptedByScaleDown, c.requeued, c.failed) == (2, 1, 1, 0))
        } else {
            #expect((c.completed, c.interruptedByScaleDown, c.requeued, c.failed) == (1, 1, 0, 1))
        }
        #expect(model.deployments[0].pods.count == 1)
    }

    @Test("one notification per state change: queued, started, completed, failed, interrupted")
    func notifications() throws {
        let config = SimulationConfiguration(
            duration: .seconds(100),
            deployments: [Fixture.worker("w", patterns: ["t:*"], slots: 1)],
            workload: WorkloadConfiguration(
                classes: [Fixture.taskClass("t", pattern: "t:*", duration: 10, maxQueueWait: .seconds(25))],
                trace: Fixture.burst("t", count: 5, at: .zero)))
        let (result, _) = try Fixture.run(config)
        // Three run (0–10, 10–20, 20–30 s); two time out at 25 s.
        #expect((result.classes[0].completed, result.classes[0].timedOut) == (3, 2))
        #expect(result.notifications == 5 + 3 + 3 + 2)
    }

    @Test("the notifier drains at its rate per Ready pod; its backlog is what it scales on")
    func notifierBacklog() throws {
        let notifier = DeploymentConfiguration(
            name: "notifier", replicas: 1, template: PodTemplate(readinessProbe: nil), lifecycle: Fixture.instant,
            role: .notifier(NotifierSettings(drainRatePerPod: 2)))
        let config = SimulationConfiguration(
            duration: .seconds(60),
            deployments: [Fixture.worker("w", patterns: ["t:*"], slots: 10), notifier],
            workload: WorkloadConfiguration(
                classes: [Fixture.taskClass("t", pattern: "t:*", duration: 5)],
                trace: Fixture.burst("t", count: 10, at: .seconds(1))))
        let (result, recorder) = try Fixture.run(config)
        // 20 notifications at 1 s (queued + started), 10 more at 6 s.
        #expect(result.notifierBacklogMaximum == 20)
        let backlog = recorder.series(of: "notifier").map { ($0.time, $0.notifierBacklog) }
        #expect(backlog.first { $0.0 == .seconds(6) }?.1 == 20)   // 20 − 2·5 + 10
        #expect(backlog.first { $0.0 == .seconds(16) }?.1 == 0)
    }
}
