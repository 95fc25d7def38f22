import Testing
@testable import Scenario
import Expectations

/// The bad-expectation corpus: each file and the one error it must produce (exit status 2).
private let corpus: [(String, String)] = [
    ("bad/expectations/unknown-figure.yaml", "bad/expectations/unknown-figure.yaml:3: expectations[0].assert: Invalid value: \"podhours{deployment=web} <= 3\": column 1: expected a figure (\(Figure.names.joined(separator: ", "))), found \"podhours\" (did you mean \"podHours\"?)"),
    ("bad/expectations/unknown-label.yaml", "bad/expectations/unknown-label.yaml:3: expectations[0].assert: Invalid value: \"timedOut{deployment=web} == 0\": column 10: expected a label of timedOut (class), found \"deployment\""),
    ("bad/expectations/unknown-class.yaml", "bad/expectations/unknown-class.yaml:3: expectations[0].assert: class=job: expected a task class of the scenario (jobs), found \"job\" (did you mean \"jobs\"?)"),
    ("bad/expectations/unknown-deployment.yaml", "bad/expectations/unknown-deployment.yaml:4: expectations[0].assert: deployment=wbe: expected a deployment of the scenario (web), found \"wbe\" (did you mean \"web\"?)"),
    ("bad/expectations/unknown-hpa.yaml", "bad/expectations/unknown-hpa.yaml:3: expectations[0].assert: hpa=web: expected an HPA of the scenario (web-hpa), found \"web\""),
    ("bad/expectations/unknown-event.yaml", "bad/expectations/unknown-event.yaml:3: expectations[0].assert: after=burst: expected a named arrival segment or burst (spike), found \"burst\""),
    ("bad/expectations/bad-operator.yaml", "bad/expectations/bad-operator.yaml:3: expectations[0].assert: Invalid value: \"timedOut{class=jobs} => 0\": column 22: expected an operator (<, <=, ==, >=, >), found \"=>\""),
    ("bad/expectations/bad-unit.yaml", "bad/expectations/bad-unit.yaml:3: expectations[0].assert: Invalid value: \"queueWait.p95{class=jobs} <= 30sec\": column 30: expected a duration such as 30s, 3m or 1h for queueWait.p95, found \"30sec\""),
    ("bad/expectations/missing-unit.yaml", "bad/expectations/missing-unit.yaml:3: expectations[0].assert: Invalid value: \"queueWait.p95{class=jobs} <= 30\": column 30: expected a duration such as 30s, 3m or 1h for queueWait.p95, found \"30\""),
    ("bad/expectations/missing-assert.yaml", "bad/expectations/missing-assert.yaml:3: expectations[0].assert: Required value: a promise such as podHours{deployment=egress} <= 200"),
    ("bad/expectations/map-form-unknown.yaml", "bad/expectations/map-form-unknown.yaml:3: expectations.jbos.timedOut: class=jbos: expected a task class of the scenario (jobs), found \"jbos\" (did you mean \"jobs\"?)"),
    ("bad/expectations/bad-seeds.yaml", "bad/expectations/bad-seeds.yaml:4: expectations[0].seeds[1]: expected an integer (a non-negative seed), found -1: out of range"),
    ("bad/expectations/not-a-list.yaml", "bad/expectations/not-a-list.yaml:3: expectations: expected a list, found \"timedOut{class=jobs} == 0\""),
]

@Test("each bad expectation gets its expected error, first among the errors", arguments: corpus)
func badExpectation(_ fixture: String, _ expected: String) {
    let diagnostics = ScenarioLoader.validate(paths: [Fixtures.path(fixture)])
    let errors = Fixtures.rendered(diagnostics.filter { $0.severity == .error })
    #expect(errors.first == expected)
    #expect(diagnostics.hasErrors)   // the CLI exits 2
}

@Test("the list form: name, assert, seeds, each located; arrival segments and bursts named")
func listForm() throws {
    let loaded = try ScenarioLoader.load(path: Fixtures.path("expectations/promises.yaml"))
    let entries = loaded.file.expectations
    #expect(entries.map(\.expectation.description) == [
        "interrupted{class=jobs} == 0",
        "reactionTime{hpa=web-hpa, replicas=4, after=spike} <= 3m",
        "podHours{deployment=web} during 00:10..00:50 <= 4",
    ])
    #expect(entries.map(\.name) == ["jobs survive scale-downs", nil, nil])
    #expect(entries.map(\.seeds) == [[1, 2], [], []])
    #expect(entries.map(\.location.line) == [16, 18, 19])
    #expect(loaded.file.workloadEvents == [
        WorkloadEvent(name: "spike", taskClass: "jobs", timing: .segment(start: .minutes(30), period: nil)),
        WorkloadEvent(name: "hourly", taskClass: "jobs", timing: .bursts(offset: .minutes(5), interval: .hours(1))),
    ])
}

@Test("the old map form is still read, as an upper bound, with a note")
func mapForm() throws {
    let loaded = try ScenarioLoader.load(path: Fixtures.path("expectations/map-form.yaml"))
    #expect(loaded.file.expectations.map(\.expectation.description) == ["timedOut{class=jobs} <= 0", "maxReplicas{deployment=web} <= 3"])
    let notes = Fixtures.rendered(loaded.diagnostics.filter { $0.severity == .note })
    #expect(notes.contains("expectations/map-form.yaml:3: note: expectations.jobs.timedOut: the map form is read as \"timedOut{class=jobs} <= 0\"; write it as a list entry: - assert: timedOut{class=jobs} <= 0"))
}
