import Testing
import Expectations
import RunRecords
import ClusterModel
import SimTime

/// Swift Testing has an `Expectation` of its own.
private typealias Expectation = Expectations.Expectation

/// A hand-made run: one class, one deployment `egress` (2 replicas at start) scaled by `egress-hpa` (max 10).
private func context(events: [WorkloadEvent] = []) -> ExpectationContext {
    var c = ExpectationContext(configuration: SimulationConfiguration(), events: events)
    c.classes = ["record"]
    c.deployments = ["egress"]
    c.initialReplicas = [2]
    c.autoscalers = [.init(name: "egress-hpa", deployment: "egress", maxReplicas: 10)]
    c.duration = .hours(6)
    c.seriesResolution = .minutes(1)
    c.flappingWindow = .minutes(5)
    return c
}

private let result = SimulationResult(
    duration: .hours(6), seed: 1,
    classes: [ClassResult(name: "record", arrived: 100, completed: 90, failed: 4, timedOut: 1, interruptedByScaleDown: 3,
                          interruptedByOOM: 2, requeued: 5,
                          queueWait: QueueWaitSummary(count: 96, p50: .seconds(2), p95: .seconds(41), p99: .seconds(70), max: .seconds(90)))],
    deployments: [DeploymentResult(name: "egress", podHours: 31.5, meanReplicas: 5.25, maxReplicas: 10, minReplicas: 2,
                                   timeAtMaxReplicas: .minutes(20), scaleEvents: 4, scaleUps: 3, scaleDowns: 1, flaps: 1,
                                   meanCPUUtilization: Utilization(ratio: 0.634), meanMemoryUtilization: nil, oomKills: 2)],
    notifierBacklogMaximum: 0, notifications: 0, eventsProcessed: 0)

private func timeline(_ expectations: [Expectation]) throws -> ExpectationTimeline {
    let t = ExpectationTimeline(for: expectations)
    // 2 → 6 at 2h01m, 6 → 10 at 2h04m, 10 → 4 at 3h30m, 4 → 6 at 3h33m (a flap: reversal within 5m).
    for (minute, from, to) in [(121, 2, 6), (124, 6, 10), (210, 10, 4), (213, 4, 6)] as [(Int64, Int32, Int32)] {
        try t.recordScale(ScaleRecord(time: .minutes(minute), hpa: "egress-hpa", deployment: "egress", from: from, to: to, message: ""))
    }
    return t
}

private func measure(_ text: String, events: [WorkloadEvent] = []) throws -> Measurement {
    let e = try Expectation(parsing: text)
    return e.measure(result, timeline: try timeline([e]), context: context(events: events))
}

@Test("whole-run figures come from the result, in their units")
func wholeRun() throws {
    #expect(try measure("interrupted{class=record} == 0").value == 5)
    #expect(try measure("requeued{class=record} == 0").value == 5)
    #expect(try measure("queueWait.p95{class=record} <= 30s") == Measurement(value: 41, text: "41s"))
    #expect(try measure("podHours{deployment=egress} <= 30") == Measurement(value: 31.5, text: "31.50"))
    #expect(try measure("timeAtMax{deployment=egress} <= 30m").value == 1200)
    #expect(try measure("scaleEvents{hpa=egress-hpa} <= 3").value == 4)
    #expect(try measure("cpuUtilization{deployment=egress} >= 70%") == Measurement(value: 0.634, text: "63.4 %"))
    #expect(try measure("memoryUtilization{deployment=egress} >= 70%").value == nil)
}

@Test("an outcome passes only when the comparison holds; no value is a failure")
func outcomes() throws {
    let e = try Expectation(parsing: "queueWait.p95{class=record} <= 30s")
    let failed = ExpectationOutcome(expectation: e, name: "snappy", seed: 7, measured: e.measure(result, timeline: try timeline([e]), context: context()))
    #expect(!failed.passed)
    #expect(failed.description == "FAIL  snappy: queueWait.p95{class=record} <= 30s (seed 7): measured 41s, promised <= 30s")
    let m = try Expectation(parsing: "memoryUtilization{deployment=egress} >= 0%")
    #expect(!ExpectationOutcome(expectation: m, name: nil, seed: 1, measured: Measurement(value: nil, text: "none")).passed)
}

@Test("windowed replicas follow the scale records exactly")
func windowedReplicas() throws {
    #expect(try measure("maxReplicas{deployment=egress} during 00:00..02:00 < 4").value == 2)
    #expect(try measure("maxReplicas{deployment=egress} during 02:00..03:00 < 4").value == 10)
    // 02:00..02:10: 1 min at 2, 3 min at 6, 6 min at 10 → (2 + 18 + 60) / 10 = 8.
    #expect(try measure("meanReplicas{deployment=egress} during 02:00..02:10 < 4").value == 8)
    #expect(try measure("timeAtMax{deployment=egress} during 02:00..04:00 < 4m").value == 86 * 60)
    #expect(try measure("scaleEvents{deployment=egress} during 03:00..04:00 == 0").value == 2)
    #expect(try measure("scaleDowns{deployment=egress} during 03:00..04:00 == 0").value == 1)
    #expect(try measure("flaps{deployment=egress} during 03:00..04:00 == 0").value == 1)
    #expect(try measure("flaps{deployment=egress} during 02:00..03:00 == 0").value == 0)
}

@Test("reactionTime: from the named event until the target's replicas reach the value; the worst occurrence")
func reactionTime() throws {
    let spike = WorkloadEvent(name: "spike", taskClass: "record", timing: .segment(start: .hours(2), period: nil))
    #expect(try measure("reactionTime{hpa=egress-hpa, replicas=10, after=spike} <= 3m", events: [spike]).value == 240)
    #expect(try measure("reactionTime{hpa=egress-hpa, replicas=6, after=spike} <= 3m", events: [spike]).value == 60)
    // Hourly bursts: at 3h and 4h the target is already above 4, at 0h and 1h it waits until 2h01m.
    let bursts = WorkloadEvent(name: "burst", taskClass: "record", timing: .bursts(offset: .zero, interval: .hours(1)))
    #expect(try measure("reactionTime{hpa=egress-hpa, replicas=4, after=burst} <= 3m", events: [bursts]).value == 121 * 60)
    // 10 replicas are never reached again after the 4h burst.
    let never = try measure("reactionTime{hpa=egress-hpa, replicas=10, after=burst} <= 3m", events: [bursts])
    #expect(never.value == nil)
    #expect(never.text == "never (egress did not reach 10 replicas after burst at 4h00m00s)")
}

@Test("windowed class figures count the tasks that arrived in the window; quantiles by nearest rank")
func windowedTasks() throws {
    let e = try Expectation(parsing: "queueWait.p95{class=record} during 01:00..02:00 <= 30s")
    let t = ExpectationTimeline(for: [e])
    #expect(t.needsTaskRecords)
    for i in 0..<20 {
        let arrived = SimTime.hours(1) + .minutes(Int64(i))
        try t.recordTask(TaskRecord(taskID: Int64(i), taskClass: "record", key: "k\(i)", arrivedAt: arrived, runTime: .seconds(1),
                                    startedAt: arrived + .seconds(Int64(i + 1)), endedAt: arrived + .seconds(60),
                                    outcome: i == 0 ? .timedOut : .completed, pod: nil))
    }
    try t.recordTask(TaskRecord(taskID: 999, taskClass: "record", key: "late", arrivedAt: .hours(2), runTime: .seconds(1), startedAt: nil,
                                endedAt: .hours(3), outcome: .timedOut, pod: nil))
    // Waits 1…20 s; the 95th percentile by nearest rank is the 19th: 19 s.
    #expect(e.measure(result, timeline: t, context: context()).value == 19)
    let timedOut = try Expectation(parsing: "timedOut{class=record} during 01:00..02:00 == 0")
    #expect(timedOut.measure(result, timeline: t, context: context()).value == 1)
}

@Test("validation names what the scenario lacks, with a suggestion")
func validation() throws {
    let c = context(events: [WorkloadEvent(name: "spike", taskClass: "record", timing: .segment(start: .hours(2), period: nil))])
    #expect(c.problems(try Expectation(parsing: "timedOut{class=recrod} == 0"))
            == ["class=recrod: expected a task class of the scenario (record), found \"recrod\" (did you mean \"record\"?)"])
    #expect(c.problems(try Expectation(parsing: "podHours{deployment=web} <= 3"))
            == ["deployment=web: expected a deployment of the scenario (egress), found \"web\""])
    #expect(c.problems(try Expectation(parsing: "reactionTime{hpa=egress-hpa, replicas=12, after=spik} <= 3m"))
            == ["after=spik: expected a named arrival segment or burst (spike), found \"spik\" (did you mean \"spike\"?)"])
    // Beyond the run or above maxReplicas is not invalid: such a promise fails when checked.
    #expect(c.problems(try Expectation(parsing: "maxReplicas{deployment=egress} during 08:00..09:00 < 3")).isEmpty)
    #expect(c.problems(try Expectation(parsing: "reactionTime{hpa=egress-hpa, replicas=12, after=spike} <= 3m")).isEmpty)
    #expect(c.problems(try Expectation(parsing: "scaleEvents{hpa=egress-hpa} <= 40")).isEmpty)
}

@Test("a window after the end of the run has no value, so its promise fails")
func windowAfterRun() throws {
    let m = try measure("maxReplicas{deployment=egress} during 08:00..09:00 < 3")
    #expect(m == Measurement(value: nil, text: "none (the window starts after the run's 6h00m00s)"))
}

@Test("a figure alone parses as an expectation's left-hand side and measures as the expectation does")
func figureQuery() throws {
    let query = try FigureQuery(parsing: " maxReplicas{deployment=egress} during 02:00..03:00 ")
    #expect(query.description == "maxReplicas{deployment=egress} during 02:00..03:00")
    let promise = try Expectation(parsing: "maxReplicas{deployment=egress} during 02:00..03:00 <= 8")
    let t = try timeline([promise])
    #expect(query.measure(result, timeline: t, context: context()) == promise.measure(result, timeline: t, context: context()))
    #expect(query.measure(result, timeline: t, context: context()).value == 10)
    #expect(throws: ExpectationSyntaxError(column: 32, expected: "the end of the figure (a figure alone has no operator or value)",
                                           found: "\">=\"")) {
        try FigureQuery(parsing: "podHours{deployment=egress}    >= 3")
    }
    #expect(throws: ExpectationSyntaxError.self) { try FigureQuery(parsing: "podHours{class=record}") }
    #expect(try FigureQuery(parsing: "completed{class=nope}").problems(in: context())
            == ["class=nope: expected a task class of the scenario (record), found \"nope\""])
}
