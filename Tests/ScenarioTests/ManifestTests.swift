import Testing
import Foundation
@testable import Scenario
import HPAController
import Quantities
import ClusterModel
import SimTime

/// Writes `text` to a fresh file in a per-test directory and returns its path.
func writeTemporary(_ name: String, _ text: String, directory: String = #function) throws -> String {
    let safe = directory.filter { $0.isLetter || $0.isNumber }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hpa-sim-scenario-tests-\(getpid())-\(safe)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

@Test("autoscaling/v1 targetCPUUtilizationPercentage converts to a Resource cpu Utilization metric")
func v1Conversion() throws {
    let path = try writeTemporary("v1.yaml", """
        apiVersion: autoscaling/v1
        kind: HorizontalPodAutoscaler
        metadata: {name: old, namespace: ns}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          minReplicas: 2
          maxReplicas: 6
          targetCPUUtilizationPercentage: 65
        """)
    var diagnostics: [Diagnostic] = []
    let version = KubernetesVersion.defaultVersion
    let set = ScenarioLoader.readManifests([path], overrides: [], version: version, gates: FeatureGates().resolved(for: version),
                                           limits: .init(), into: &diagnostics)
    #expect(diagnostics.isEmpty)
    let hpa = try #require(set.autoscalers.first)
    #expect(hpa.apiVersion == "autoscaling/v1")
    #expect(hpa.hpa.namespace == "ns")
    #expect(hpa.hpa.spec == HorizontalPodAutoscalerSpec(
        scaleTargetRef: CrossVersionObjectReference(apiVersion: "apps/v1", kind: "Deployment", name: "web"),
        minReplicas: 2, maxReplicas: 6, metrics: [.resource("cpu", .utilization(65))], behavior: nil))
}

@Test("an unknown field is a warning naming it, with the field it probably meant")
func unknownField() throws {
    let path = try writeTemporary("typo.yaml", """
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: typo}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          maxReplicas: 6
          behavior:
            scaleDown:
              stabilisationWindowSeconds: 60
        """)
    let diagnostics = ScenarioLoader.validate(paths: [path])
    #expect(diagnostics.map { "\($0.line ?? 0): \($0.field ?? ""): \($0.message)" } == [
        "9: spec.behavior.scaleDown.stabilisationWindowSeconds: unknown field \"stabilisationWindowSeconds\"; did you mean \"stabilizationWindowSeconds\"? (ignored)",
    ])
    #expect(diagnostics.first?.severity == .warning)
}

@Test("other kinds are accepted and ignored, with a note")
func ignoredKinds() throws {
    let path = try writeTemporary("mixed.yaml", """
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec: {ports: [{port: 80}]}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          replicas: 3
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: db, resources: {requests: {cpu: "1.5", memory: 1Gi}, limits: {cpu: "2", memory: 2Gi}}}]
        """)
    let diagnostics = ScenarioLoader.validate(paths: [path])
    #expect(diagnostics.map(\.severity) == [.note])
    #expect(diagnostics.first?.message == "Service web (v1) accepted and ignored: the simulation does not model it")
    var ignored: [Diagnostic] = []
    let version = KubernetesVersion.defaultVersion
    let set = ScenarioLoader.readManifests([path], overrides: [], version: version, gates: FeatureGates().resolved(for: version),
                                           limits: .init(), into: &ignored)
    let db = try #require(set.workloads.first)
    #expect(db.kind == .statefulSet && db.replicas == 3)
    #expect(db.podRequests.cpu?.milliValue == 1500)
    #expect(db.podRequests.memory?.milliValue == 1_073_741_824_000)
}

@Test("requests above limits are rejected in the API server's words")
func requestsAboveLimits() throws {
    let path = try writeTemporary("limits.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
                - name: web
                  resources: {requests: {cpu: 600m}, limits: {cpu: 500m}}
        """)
    let diagnostics = ScenarioLoader.validate(paths: [path])
    #expect(diagnostics.map { "\($0.line ?? 0): \($0.field ?? ""): \($0.message)" } == [
        "11: spec.template.spec.containers[0].resources.requests: Invalid value: \"600m\": must be less than or equal to cpu limit of 500m",
    ])
}

@Test("a Deployment's selector is required and must match its template's labels")
func selectorMismatch() throws {
    let path = try writeTemporary("selector.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector:
            matchLabels: {app: web}
            matchExpressions: [{key: tier, operator: In, values: [front]}]
          template:
            metadata:
              labels: {app: web, tier: back}
            spec:
              containers: [{name: web}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: bare}
        spec:
          template:
            spec:
              containers: [{name: bare}]
        """)
    let diagnostics = ScenarioLoader.validate(paths: [path])
    #expect(diagnostics.map { "\($0.line ?? 0): \($0.field ?? ""): \($0.message)" } == [
        "10: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\", \"tier\":\"back\"}: `selector` does not match template `labels`",
        "18: spec.selector: Required value",
    ])
}

@Test("a field the kubernetesVersion lacks gets a warning")
func versionField() throws {
    let manifest = try writeTemporary("tol.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, resources: {requests: {cpu: 100m}}}]
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web-hpa}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          maxReplicas: 6
          behavior:
            scaleUp:
              tolerance: 50m
        """)
    let scenario = try writeTemporary("tol-scenario.yaml", """
        manifests: [tol.yaml]
        controller: {kubernetesVersion: "1.30"}
        """)
    let loaded = try ScenarioLoader.load(path: scenario)
    #expect(loaded.diagnostics.map { "\($0.line ?? 0): \($0.field ?? ""): \($0.message)" } == [
        "19: spec.behavior.scaleUp.tolerance: field added in Kubernetes 1.33 (kubernetesVersion is 1.30); the API server drops it",
    ])
    #expect(loaded.manifests.autoscalers.first?.hpa.spec.behavior?.scaleUp?.tolerance == nil)
    _ = manifest
}

@Test("a CSV trace is replayed in order; bad rows are reported with their line")
func traceReplay() throws {
    let loaded = try ScenarioLoader.load(path: Fixtures.path("trace/scenario.yaml"))
    #expect(loaded.configuration.workload.trace == [
        TraceArrival(time: .zero, taskClass: "jobs"),
        TraceArrival(time: SimTime(seconds: 1.5), taskClass: "jobs", duration: .seconds(45)),
        TraceArrival(time: .seconds(90), taskClass: "jobs", duration: .minutes(2)),
    ])
    let diagnostics = ScenarioLoader.validate(paths: [Fixtures.path("trace/bad-scenario.yaml")])
    #expect(Fixtures.rendered(diagnostics) == [
        "trace/bad-arrivals.csv:3: Invalid value: \"chores\": no task class of that name",
        "trace/bad-arrivals.csv:5: timestamps must not decrease",
    ])
}

@Test("what the cluster model refuses is reported too (one notifier at most)")
func modelValidation() throws {
    _ = try writeTemporary("two.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: a}
        spec:
          selector: {matchLabels: {app: a}}
          template: {metadata: {labels: {app: a}}, spec: {containers: [{name: a}]}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: b}
        spec:
          selector: {matchLabels: {app: b}}
          template: {metadata: {labels: {app: b}}, spec: {containers: [{name: b}]}}
        """)
    let scenario = try writeTemporary("two-notifiers.yaml", """
        manifests: [two.yaml]
        deployments:
          a: {role: notifier, drainRatePerPod: 1/s}
          b: {role: notifier, drainRatePerPod: 1/s}
        """)
    let diagnostics = ScenarioLoader.validate(paths: [scenario])
    #expect(diagnostics.map { "\($0.field ?? ""): \($0.message)" } == [
        "deployments[b].role: expected at most one notifier deployment, found a second one",
    ])
}
