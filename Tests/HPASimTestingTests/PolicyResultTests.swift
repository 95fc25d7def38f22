import Foundation
import Testing
import HPASim
import HPASimTesting

/// The package root (the shipped scenarios live there).
private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private func shipped(_ name: String) -> String { root.appendingPathComponent("scenarios/rtc-egress/\(name)").path }

/// One worker deployment `api` (1 replica, HPA up to 5 on CPU), fed hard for 20 minutes.
private func builtInCode(seed: UInt64 = 1) -> PolicyScenario {
    var scenario = PolicyScenario(duration: .minutes(20), seed: seed)
    scenario.addWorker("api", replicas: 1, cpuRequestMilli: 200, patterns: ["jobs:*"], podWorkers: 2)
    scenario.addAutoscaler("api-hpa", target: "api", minReplicas: 1, maxReplicas: 5, cpuUtilization: 50)
    scenario.addTaskClass("jobs", keyPattern: "jobs:*", arrivals: .poisson(ratePerSecond: 0.5), duration: .constant(20), cpuMilli: 150)
    scenario.nameEvent("start", taskClass: "jobs", .segment(start: .zero, period: nil))
    return scenario
}

@Test("a scenario built in code runs; replicas from the scale records agree with the run's own accounting")
func builtScenario() throws {
    let result = try builtInCode().run()
    let api = try #require(result.result.deployment("api"))
    #expect(result.replicas(of: "api").max == api.maxReplicas)
    #expect(result.decisions(for: "api-hpa").count == api.scaleEvents)
    #expect(api.scaleEvents > 0)   // the load makes it scale: the queries below see decisions
    let measured = try result.measure("maxReplicas{deployment=api} <= 0")
    #expect(measured.value == Double(api.maxReplicas))
    try result.check("maxReplicas{deployment=api} <= 5")
    #expect(try result.queueWait(.p95, class: "jobs") == (try #require(result.result.taskClass("jobs"))).queueWait.p95)
}

@Test("a broken promise throws with the promise and the measured value")
func brokenPromise() throws {
    let result = try builtInCode().run()
    let peak = result.replicas(of: "api").max
    #expect(throws: PromiseBroken.self) { try result.check("maxReplicas{deployment=api} < 1") }
    do {
        try result.check("maxReplicas{deployment=api} < 1")
    } catch {
        #expect("\(error)" == "promise broken: maxReplicas{deployment=api} < 1: measured \(peak), promised < 1")
    }
    #expect(throws: InvalidPromise.self) { try result.check("maxReplicas{deployment=web} < 1") }
    #expect(throws: ExpectationSyntaxError.self) { try result.check("maxReplicas{deployment=api} =< 1") }
}

@Test("a slice sees only its window: decisions, replicas, and windowed promises")
func slices() throws {
    let result = try builtInCode().run()
    let all = result.decisions(for: "api-hpa")
    let slice = result.during(.minutes(5), .minutes(10))
    let inSlice = slice.decisions(for: "api-hpa")
    #expect(inSlice == all.filter { $0.time >= .minutes(5) && $0.time < .minutes(10) })
    #expect(slice.replicas(of: "api").steps.count == inSlice.count + 1)
    #expect(try slice.measure("scaleEvents{hpa=api-hpa} >= 0").value == Double(inSlice.count))
    #expect(try result.measure("scaleEvents{hpa=api-hpa} during 00:05..00:10 >= 0").value == Double(inSlice.count))
}

@Test("reactionTime from a named event: the first decision reaching the replicas")
func reaction() throws {
    let result = try builtInCode().run()
    let first = try #require(result.decisions(for: "api-hpa").first { $0.to >= 2 })
    #expect(try result.measure("reactionTime{hpa=api-hpa, replicas=2, after=start} <= 3m").value == (first.time - SimTime.zero).seconds)
}

@Test("a scenario file with overrides: the override is applied before the run")
func loadedWithOverrides() throws {
    let scenario = try PolicyScenario.load(shipped("spike-4x.yaml"), overrides: ["egress-hpa:spec.maxReplicas=3"], duration: .minutes(20))
    #expect(scenario.configuration.autoscalers.first { $0.hpa.name == "egress-hpa" }?.hpa.spec.maxReplicas == 3)
    let result = try scenario.run()
    #expect(result.replicas(of: "egress").max <= 3)
    #expect(throws: ScenarioError.self) { try PolicyScenario.load(shipped("spike-4x.yaml"), overrides: ["nope:spec.maxReplicas=3"]) }
}

@Test("the same scenario and seed give the same result")
func deterministic() throws {
    #expect(try builtInCode(seed: 4).run().result == (try builtInCode(seed: 4).run().result))
}

@Test("a loaded scenario's own promises are checked against the run, in file order")
func scenarioPromises() throws {
    let scenario = try PolicyScenario.load(shipped("steady-day.yaml"), duration: .minutes(30))
    #expect(!scenario.expectations.isEmpty)
    let outcomes = try scenario.run().checkScenarioExpectations()
    #expect(outcomes.map(\.expectation) == scenario.expectations.map(\.expectation))
    #expect(outcomes.map(\.name) == scenario.expectations.map(\.name))
}
