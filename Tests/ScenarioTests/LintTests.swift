import Testing
@testable import Scenario

/// Each lint's fixture and the one warning it must produce.
private let lintFixtures: [(String, String)] = [
    ("dead-policy", "lints/dead-policy-app.yaml:33: warning: [dead-policy] spec.behavior.scaleUp.policies[1]: web-hpa: dead policy: Pods 1 per 15s never decides the scale-up limit for 2–9 replicas under selectPolicy Max"),
    ("slow-scale-up", "lints/slow-scale-up-app.yaml:29: warning: [slow-scale-up] spec.behavior.scaleUp: web-hpa: scale-up from minReplicas 1 to maxReplicas 20 takes at least 18m00s (1 → 2 → 3 → 4 → 5 → 6 → 7 → 8 → 9 → 10 → 11 → 12 → 13 → 14 → 15 → 16 → 17 → 18 → 19 → 20), longer than 2m00s"),
    ("short-scale-down-window", "lints/short-scale-down-window-app.yaml:32: warning: [short-scale-down-window] spec.behavior.scaleDown.stabilizationWindowSeconds: web-hpa: scale-down stabilization window 30s is shorter than the metrics pipeline's lag 1m45s (Pods metric)"),
    ("pods-metric-dead-band", "lints/pods-metric-dead-band-app.yaml:26: warning: [pods-metric-dead-band] spec.metrics[0]: web-hpa: Pods metric active_tasks is insensitive at 2 replicas: nothing changes while its per-pod value stays within (5, 11] for target 10"),
    ("memory-target-unreachable", "lints/memory-target-unreachable-app.yaml:26: warning: [memory-target-unreachable] spec.metrics[0]: web-hpa: memory target 64.00Mi per pod can never be met: an idle web pod already uses 100.00Mi"),
]

@Test("each lint fires on its own fixture, alone, with its formula", arguments: lintFixtures)
func lintFires(_ name: String, _ expected: String) throws {
    let loaded = try ScenarioLoader.load(path: Fixtures.path("lints/\(name).yaml"))
    let warnings = loaded.diagnostics.filter { $0.severity == .warning }
    #expect(Fixtures.rendered(warnings) == [expected])
    #expect(warnings.first?.lint == name)
    #expect(warnings.first?.explanation?.contains("Formula") == true)
}

@Test("no lint fires on the clean fixture")
func cleanFixture() throws {
    let loaded = try ScenarioLoader.load(path: Fixtures.path("lints/clean.yaml"))
    #expect(loaded.diagnostics.filter { $0.severity == .warning }.isEmpty)
}

@Test("a lint can be switched off by name")
func disabledLint() throws {
    var file = try ScenarioLoader.load(path: Fixtures.path("lints/dead-policy.yaml")).file
    file.lints.disabled = ["dead-policy"]
    let lints = Lints(controller: file.controller, pipeline: file.metrics, settings: file.lints)
    let manifests = try ScenarioLoader.load(path: Fixtures.path("lints/dead-policy.yaml")).manifests
    let hpa = try #require(manifests.autoscalers.first)
    #expect(lints.run(hpa, target: manifests.workloads.first, runtime: nil).isEmpty)
}

@Test("scale limits are the controller's: scale-up Percent rounds up, scale-down Percent truncates")
func limits() {
    let up = ScalingRulesView.both(.init(scaleUp: .init(policies: [.init(type: .percent, value: 10, periodSeconds: 60)])),
                                   configuration: .init()).up
    #expect(up.limit(up.policies[0], from: 3) == 4)      // ceil(3.3)
    #expect(up.limit(up.policies[0], from: 50) == 56)    // ceil(55.00000000000001)
    let down = ScalingRulesView.both(.init(scaleDown: .init(policies: [.init(type: .percent, value: 90, periodSeconds: 60)])),
                                     configuration: .init()).down
    #expect(down.limit(down.policies[0], from: 100) == 9)  // int32(9.999999999999998)
    #expect(down.window == .minutes(5))                    // nil window: the controller's flag
}
