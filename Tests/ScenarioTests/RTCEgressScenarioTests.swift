import Foundation
import Testing
@testable import Scenario
import ClusterModel
import HPAController
import SimTime

private let workloads = ["steady-day", "diurnal-week", "hourly-burst", "spike-4x", "notifier-backlog"]
private let variants = ["notifier-up-min", "notifier-down-period", "egress-policy-period-15s",
                        "egress-trigger-thresholds", "egress-workers-8", "notifier-lean-memory"]

@Test("the shipped rtc-egress manifests validate with no error and no unknown field")
func manifestsValidate() {
    let paths = (1...9).map { n in
        ["01-namespace", "02-redis", "03-egress-deployment", "04-webhook-notifier-deployment", "05-web-recorder-deployment",
         "06-hpa-configs", "07-configmaps-secrets", "08-storage", "09-monitoring"][n - 1]
    }.map { Fixtures.project("scenarios/rtc-egress/manifests/\($0).yaml") }
    let diagnostics = ScenarioLoader.validate(paths: paths)
    #expect(!diagnostics.hasErrors)
    #expect(diagnostics.filter { $0.severity == .warning && $0.lint == nil }.isEmpty)
}

@Test("every shipped workload and variant loads with no error", arguments: workloads.map { "\($0).yaml" } + variants.map { "variants/\($0).yaml" })
func scenarioLoads(_ name: String) throws {
    let loaded = try ScenarioLoader.load(path: Fixtures.project("scenarios/rtc-egress/\(name)"))
    #expect(loaded.configuration.deployments.map(\.name) == ["redis", "egress", "webhook-notifier", "web-dispatch", "web-recorder"])
    #expect(loaded.configuration.autoscalers.map(\.hpa.name) == ["egress-hpa", "webhook-notifier-hpa"])
    #expect(loaded.configuration.namespace == "rtc-egress")
}

@Test("steady-day converts to the model configuration with the seed's numbers")
func steadyDayConversion() throws {
    let loaded = try ScenarioLoader.load(path: Fixtures.project("scenarios/rtc-egress/steady-day.yaml"))
    let config = loaded.configuration
    #expect(config.duration == .hours(24) && config.seed == 1)
    let egress = try #require(config.deployments.first { $0.name == "egress" })
    #expect(egress.replicas == 3)
    #expect(egress.template.containers[0].requests == ResourceValues(cpuMilli: 500, memoryMilli: 536_870_912_000))
    #expect(egress.template.containers[0].limits == ResourceValues(cpuMilli: 2000, memoryMilli: 2_147_483_648_000))
    #expect(egress.template.terminationGracePeriodSeconds == 300)
    #expect(egress.template.readinessProbe == ReadinessProbe(initialDelaySeconds: 10, periodSeconds: 5, successThreshold: 1, failureThreshold: 3))
    guard case .worker(let worker) = egress.role else { Issue.record("egress is not a worker"); return }
    #expect(worker.podWorkers == 4 && worker.tasksPerWorker == 6)   // POD_WORKERS from the manifest
    #expect(worker.patterns == ["egress:record:*", "egress:snapshot:*"])
    let dispatch = try #require(config.deployments.first { $0.name == "web-dispatch" })
    #expect(dispatch.replicas == 6)
    guard case .worker(let d) = dispatch.role else { Issue.record("web-dispatch is not a worker"); return }
    #expect(d.forwarding?.target == "web-recorder")
    let notifier = try #require(config.deployments.first { $0.name == "webhook-notifier" })
    guard case .notifier(let n) = notifier.role else { Issue.record("notifier role"); return }
    #expect(n.drainRatePerPod == 5)

    let hpa = try #require(config.autoscalers.first { $0.hpa.name == "egress-hpa" }).hpa.spec
    #expect(hpa.minReplicas == 3 && hpa.maxReplicas == 10)
    #expect(hpa.metrics.count == 3)
    #expect(hpa.behavior?.scaleUp == HPAScalingRules(stabilizationWindowSeconds: 0, selectPolicy: .min, policies: [
        HPAScalingPolicy(type: .percent, value: 50, periodSeconds: 60), HPAScalingPolicy(type: .pods, value: 2, periodSeconds: 60)]))
    #expect(hpa.behavior?.scaleDown?.stabilizationWindowSeconds == 300)
    let notifierHPA = try #require(config.autoscalers.first { $0.hpa.name == "webhook-notifier-hpa" })
    #expect(notifierHPA.syncPhaseOffset == .seconds(7))
    #expect(config.workload.classes.map(\.name) == ["egress-record", "egress-snapshot", "web-record", "web-snapshot"])
    #expect(config.workload.classes[0].arrivals.rate == .constant(60.0 / 3600))
    #expect(loaded.file.expectationsYAML?.contains("timedOut") == true)
}

@Test("the lints that fire on the shipped default scenario (listed in scenarios/rtc-egress/README.md)")
func shippedLints() throws {
    let loaded = try ScenarioLoader.load(path: Fixtures.project("scenarios/rtc-egress/steady-day.yaml"))
    let lints = loaded.diagnostics.compactMap { d in d.lint.map { "\($0) \(d.field ?? "")" } }
    #expect(lints == [
        "dead-policy spec.behavior.scaleUp.policies[0]",
        "dead-policy spec.behavior.scaleDown.policies[0]",
        "slow-scale-up spec.behavior.scaleUp",
        "dead-policy spec.behavior.scaleUp.policies[1]",
        "memory-target-unreachable spec.metrics[1]",
        "pods-metric-dead-band spec.metrics[2]",
    ])
}

@Test("variants' overrides reach the HPA the model runs")
func variantOverrides() throws {
    func hpa(_ variant: String, _ name: String) throws -> HorizontalPodAutoscalerSpec {
        let loaded = try ScenarioLoader.load(path: Fixtures.project("scenarios/rtc-egress/variants/\(variant).yaml"))
        return try #require(loaded.configuration.autoscalers.first { $0.hpa.name == name }).hpa.spec
    }
    #expect(try hpa("notifier-up-min", "webhook-notifier-hpa").behavior?.scaleUp?.selectPolicy == .min)
    #expect(try hpa("notifier-down-period", "webhook-notifier-hpa").behavior?.scaleDown
            == HPAScalingRules(selectPolicy: .max, policies: [HPAScalingPolicy(type: .percent, value: 50, periodSeconds: 180)]))
    #expect(try hpa("egress-policy-period-15s", "egress-hpa").behavior?.scaleUp?.policies?.map(\.periodSeconds) == [15, 15])
    #expect(try hpa("egress-trigger-thresholds", "egress-hpa").metrics.map { $0.resource?.target.averageUtilization ?? -1 } == [64, 73, -1])
    let workers8 = try ScenarioLoader.load(path: Fixtures.project("scenarios/rtc-egress/variants/egress-workers-8.yaml"))
    guard case .worker(let w) = try #require(workers8.configuration.deployments.first { $0.name == "egress" }).role else {
        Issue.record("egress role"); return
    }
    #expect(w.podWorkers == 8)
}

@Test("seed and duration overrides replace the scenario's")
func seedAndDuration() throws {
    let loaded = try ScenarioLoader.load(path: Fixtures.project("scenarios/rtc-egress/diurnal-week.yaml"), seed: 7, duration: .days(30))
    #expect(loaded.configuration.seed == 7)
    #expect(loaded.configuration.duration == .days(30))
    #expect(ScenarioDuration.parse("30d") == .days(30))
    #expect(ScenarioDuration.parse("1h30m") == .minutes(90))
    #expect(ScenarioDuration.parse("250ms") == .milliseconds(250))
    #expect(ScenarioDuration.parse("-5m") == nil)
    #expect(ScenarioDuration.parse("400d") == nil)
}

@Test("the scenario's kubernetesVersion and featureGates reach the controller")
func versionReachesController() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hpa-sim-version-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let base = Fixtures.packageRoot + "/scenarios/rtc-egress/steady-day.yaml"
    func load(_ controller: String) throws -> ControllerConfiguration {
        let path = dir.appendingPathComponent("s-\(controller.count).yaml").path
        try "extends: \(base)\ncontroller:\n\(controller)\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        return try ScenarioLoader.load(path: path).configuration.controller
    }
    let old = try load("  kubernetesVersion: \"1.32\"")
    #expect(old.kubernetesVersion == KubernetesVersion(minor: 32))
    #expect(old.usesAbsoluteToleranceTest)
    #expect(old.zeroReplicasSemantics == .legacy)
    #expect(!old.resolvedFeatureGates.hpaConfigurableTolerance)
    let new = try load("  kubernetesVersion: \"1.36\"\n  featureGates: {HPAScaleToZero: true}")
    #expect(new.kubernetesVersion == KubernetesVersion(minor: 36))
    #expect(!new.usesAbsoluteToleranceTest)
    #expect(new.zeroReplicasSemantics == .scaledToZeroCondition)
    #expect(new.resolvedFeatureGates.hpaConfigurableTolerance)
    #expect(new.resolvedFeatureGates.hpaScaleToZero)
}
