import Testing
import HPAController
@testable import Scenario

/// Bad ScaledObjects and the error each gets, in the words of the API server (CRD schema),
/// KEDA's admission webhook, or KEDA's operator (`KEDA would not create the HPA: ...`).
private let kedaCorpus: [(String, String)] = [
    ("list-length-decimal", "keda/bad/list-length-decimal.yaml:13: spec.triggers[0].metadata.listLength: KEDA would not create the HPA: error parsing redis metadata: error parsing redis metadata: unable to set param \"listLength\" value \"5.5\": unable to unmarshal to field type int64: json: cannot unmarshal number 5.5 into Go value of type int64 (the webhook accepts this; the operator sets Ready=False/ScaledObjectCheckFailed)"),
    ("missing-list-name", "keda/bad/missing-list-name.yaml:11: spec.triggers[0].metadata: KEDA would not create the HPA: error parsing redis metadata: error parsing redis metadata: missing required parameter \"listName\" in [triggerMetadata] (the webhook accepts this; the operator sets Ready=False/ScaledObjectCheckFailed)"),
    ("unknown-trigger", "keda/bad/unknown-trigger.yaml:10: spec.triggers[0].type: KEDA would not create the HPA: no scaler found for type: rabbit (the webhook accepts this; the operator sets Ready=False/ScaledObjectCheckFailed)"),
    ("zero-target", "keda/bad/zero-target.yaml:13: spec.triggers[0].metadata.listLength: KEDA would not create the HPA: HorizontalPodAutoscaler.autoscaling \"keda-hpa-worker-so\" is invalid: spec.metrics[0].external.target.averageValue: Invalid value: \"0\": must be positive (the webhook accepts this; the operator sets Ready=False/ScaledObjectCheckFailed)"),
    ("utilization", "keda/bad/utilization.yaml:11: spec.triggers[0].metricType: KEDA would not create the HPA: 'Utilization' metric type is unsupported for external metrics, allowed values are 'Value' or 'AverageValue' (the webhook accepts this; the operator sets Ready=False/ScaledObjectCheckFailed)"),
    ("min-above-max", "keda/bad/min-above-max.yaml:9: spec: Invalid value: \"object\": minReplicaCount must be less than or equal to maxReplicaCount"),
    ("idle-not-below-min", "keda/bad/idle-not-below-min.yaml:9: spec.idleReplicaCount: admission webhook \"vscaledobject.kb.io\" denied the request: IdleReplicaCount=2 must be less than MinReplicaCount=2"),
    ("polling-zero", "keda/bad/polling-zero.yaml:9: spec.pollingInterval: Invalid value: 0: spec.pollingInterval in body should be greater than or equal to 1"),
    ("no-triggers", "keda/bad/no-triggers.yaml:9: spec.triggers: Invalid value: 0: spec.triggers in body should have at least 1 items"),
    ("duplicate-trigger-name", "keda/bad/duplicate-trigger-name.yaml:15: spec.triggers[1].name: admission webhook \"vscaledobject.kb.io\" denied the request: triggerName \"q\" is defined multiple times in the ScaledObject/ScaledJob, but it must be unique"),
    ("number-metadata", "keda/bad/number-metadata.yaml:13: spec.triggers[0].metadata.listLength: Invalid value: \"integer\": spec.triggers[0].metadata.listLength in body must be of type string: \"integer\""),
    ("negative-fallback", "keda/bad/negative-fallback.yaml:11: spec.fallback.replicas: Invalid value: -1: spec.fallback.replicas in body should be greater than or equal to 0"),
    ("with-hpa", "keda/bad/with-hpa.yaml:20: spec.scaleTargetRef: admission webhook \"vscaledobject.kb.io\" denied the request: the workload 'worker' of type 'apps/v1.Deployment' is already managed by the hpa 'worker-hpa'"),
]

private let kedaScenarios = ["steady-day", "hourly-burst", "spike-4x", "diurnal-week", "notifier-backlog"].map { "keda/\($0).yaml" }
    + ["steady-day", "hourly-burst", "spike-4x", "diurnal-week"].map { "keda/tuned-\($0).yaml" } + ["metrics-outage.yaml"]

@Suite("ScaledObjects")
struct ScaledObjectTests {
    @Test("every shipped KEDA variant and the metrics-outage workload load with no error", arguments: kedaScenarios)
    func shippedLoads(_ name: String) throws {
        let loaded = try ScenarioLoader.load(path: Fixtures.project("scenarios/rtc-egress/\(name)"))
        #expect(!loaded.diagnostics.hasErrors)
        if name.hasPrefix("keda/") {
            let so = try #require(loaded.configuration.scaledObjects?.first?.scaledObject)
            #expect(so.minReplicaCount == (name.hasPrefix("keda/tuned-") ? 3 : 0))
            #expect(so.triggers.map { $0.metadata["listLength"] } == (name.hasPrefix("keda/tuned-") ? ["1", "1"] : ["20", "20"]))
            #expect(!loaded.configuration.autoscalers.contains { $0.hpa.spec.metrics.contains { $0.type == .resource } && $0.hpa.spec.scaleTargetRef.name == "egress" })
        }
    }

    @Test("paused-replicas: no HPA runs and the Deployment is set to the paused count; a warning says so")
    func paused() throws {
        let path = Fixtures.path("keda/paused.yaml")
        let loaded = try ScenarioLoader.load(path: path)
        #expect(loaded.configuration.autoscalers.isEmpty)
        #expect(loaded.configuration.deployments.first { $0.name == "worker" }?.replicas == 4)
        #expect(Fixtures.rendered(loaded.diagnostics.filter { $0.severity == .warning })
                == ["keda/paused-so.yaml:6: warning: metadata.annotations: ScaledObject worker-so is paused: KEDA deletes its HPA and does not scale worker"])
    }

    @Test("each bad ScaledObject gets exactly KEDA's error", arguments: kedaCorpus)
    func bad(_ name: String, _ expected: String) {
        let diagnostics = ScenarioLoader.validate(paths: [Fixtures.path("keda/worker.yaml"), Fixtures.path("keda/bad/\(name).yaml")])
        #expect(Fixtures.rendered(diagnostics.filter { $0.severity == .error }) == [expected])
    }

    @Test("KEDA's documentation example loads unmodified; the connection fields are notes; the generated HPA")
    func docsExample() throws {
        let path = Fixtures.path("keda/docs-example.yaml")
        let diagnostics = ScenarioLoader.validate(paths: [path])
        #expect(!diagnostics.contains { $0.severity != .note })
        #expect(diagnostics.filter { $0.severity == .note }.count == 7)
        let generated = ScenarioLoader.generatedHPAs(paths: [path])
        try #require(generated.count == 1)
        let hpa = generated[0].hpa
        #expect(hpa.name == "keda-hpa-redis-scaledobject")
        #expect(hpa.spec.minReplicas == 1 && hpa.spec.maxReplicas == 100)
        #expect(hpa.spec.metrics.map { $0.external?.metric.name } == ["s0-redis-mylist"])
        #expect(hpa.spec.metrics.first?.external?.target == .averageValue(try .init(parsing: "5")))
        let yaml = ScenarioLoader.generatedHPAYAML(generated[0].scaledObject, hpa)
        #expect(yaml.contains("  name: keda-hpa-redis-scaledobject\n"))
        #expect(yaml.contains("          name: s0-redis-mylist\n          selector:\n            matchLabels:\n              scaledobject.keda.sh/name: \"redis-scaledobject\"\n        target:\n          type: AverageValue\n          averageValue: \"5\""))
    }
}
