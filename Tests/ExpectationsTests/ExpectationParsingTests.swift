import Testing
import Expectations
import SimTime

/// Swift Testing has an `Expectation` of its own.
private typealias Expectation = Expectations.Expectation

@Test("the issue's promises parse to their figure, subject, operator and value")
func parsesIssueExamples() throws {
    let a = try Expectation(parsing: "interrupted{class=egress-record} == 0")
    #expect(a.figure == .interrupted)
    #expect(a.subject.kind == .class && a.subject.name == "egress-record")
    #expect(a.comparison == .equal && a.value == 0)

    let b = try Expectation(parsing: "queueWait.p95{class=egress-snapshot} <= 30s")
    #expect(b.figure == .queueWaitP95 && b.value == 30 && b.valueText == "30s")

    let c = try Expectation(parsing: "reactionTime{hpa=egress-hpa, replicas=10, after=burst} <= 3m")
    #expect(c.figure == .reactionTime && c.replicas == 10 && c.after == "burst" && c.value == 180)
    #expect(c.subject.kind == .hpa)

    let d = try Expectation(parsing: "scaleEvents{hpa=egress-hpa} <= 40")
    #expect(d.subject.kind == .hpa)
    let e = try Expectation(parsing: "scaleEvents{deployment=egress} < 40")
    #expect(e.subject.kind == .deployment && e.comparison == .less)

    let f = try Expectation(parsing: "cpuUtilization{deployment=egress} >= 70%")
    #expect(f.value == 0.7)
}

@Test("windows: 08:00..12:00 on the first day, 2d08:00 beyond it")
func windows() throws {
    let a = try Expectation(parsing: "maxReplicas{deployment=egress} during 08:00..12:00 < 4")
    #expect(a.window == Expectation.Window(start: .hours(8), end: .hours(12)))
    let b = try Expectation(parsing: "podHours{deployment=egress} during 2d08:00..2d12:30 <= 200")
    #expect(b.window == Expectation.Window(start: .days(2) + .hours(8), end: .days(2) + .hours(12) + .minutes(30)))
    #expect(b.description == "podHours{deployment=egress} during 2d08:00..2d12:30 <= 200")
}

/// Every bad expression and its exact message: the column, what was expected, what was found.
private let bad: [(String, String)] = [
    ("queuewait.p95{class=a} <= 30s",
     "column 1: expected a figure (\(Figure.names.joined(separator: ", "))), found \"queuewait.p95\" (did you mean \"queueWait.p95\"?)"),
    ("podHours <= 3", "column 10: expected { and the figure's labels, e.g. podHours{deployment=NAME}, found \"<=\""),
    ("podHours{class=a} <= 3", "column 10: expected a label of podHours (deployment), found \"class\""),
    ("podHours{} <= 3", "column 9: expected the label deployment (podHours{deployment=NAME}), found no label"),
    ("reactionTime{hpa=h, after=b} <= 3m", "column 13: expected the label replicas (reactionTime{hpa=NAME, replicas=N, after=EVENT}), found no replicas"),
    ("reactionTime{hpa=h, replicas=ten, after=b} <= 3m", "column 30: expected a replica count (a non-negative integer), found \"ten\""),
    ("timedOut{class=a} =< 0", "column 19: expected an operator (<, <=, ==, >=, >), found \"=<\""),
    ("timedOut{class=a} = 0", "column 19: expected an operator (<, <=, ==, >=, >), found \"=\""),
    ("queueWait.p95{class=a} <= 30", "column 27: expected a duration such as 30s, 3m or 1h for queueWait.p95, found \"30\""),
    ("queueWait.p95{class=a} <= 30x", "column 27: expected a duration such as 30s, 3m or 1h for queueWait.p95, found \"30x\""),
    ("cpuUtilization{deployment=d} <= 0.7", "column 33: expected a percentage such as 70% for cpuUtilization, found \"0.7\""),
    ("timedOut{class=a} <= 5s", "column 22: expected a number without unit for timedOut, found \"5s\""),
    ("timedOut{class=a} <= ", "column 22: expected a number without unit for timedOut, found the end of the expression"),
    ("timedOut{class=a} <= 0 please", "column 24: expected the end of the expression after the value, found \"please\""),
    ("maxReplicas{deployment=d} during 8..12 < 4", "column 34: expected a time of day such as 08:00 (2d08:00 beyond the first day), found \"8\""),
    ("maxReplicas{deployment=d} during 12:00..08:00 < 4", "column 34: expected a window that ends after it starts, found 12:00..08:00"),
    ("maxReplicas{deployment=d} during 08:00-12:00 < 4", "column 39: expected .. between the window's start and end (08:00..12:00), found \"-12:00\""),
    ("requeued{class=a} during 08:00..12:00 == 0",
     "column 19: expected a figure with a windowed form, found requeued, which has no windowed form (an interruption that re-queues its task ends no task to place in a window)"),
    ("timedOut{class=a, class=b} == 0", "column 19: expected each label once, found \"class\" twice"),
    ("scaleEvents{hpa=h, deployment=d} == 0", "column 12: expected one of the labels deployment, hpa, found hpa and deployment"),
]

@Test("a malformed expression is refused with its column and what was expected", arguments: bad)
func badExpression(_ text: String, _ message: String) {
    #expect(throws: ExpectationSyntaxError.self) { try Expectation(parsing: text) }
    do {
        _ = try Expectation(parsing: text)
    } catch {
        #expect(error.description == message)
    }
}

@Test("comparisons hold exactly as written")
func comparisons() {
    #expect(Expectation.Comparison.lessOrEqual.holds(3, 3))
    #expect(!Expectation.Comparison.less.holds(3, 3))
    #expect(Expectation.Comparison.equal.holds(0, 0))
    #expect(!Expectation.Comparison.greater.holds(2, 3))
    #expect(Expectation.Comparison.greaterOrEqual.holds(3, 3))
}
