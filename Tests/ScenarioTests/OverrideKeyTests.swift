import Foundation
import Testing
import HPAController
@testable import Scenario

/// `metrics[cpu]`, `policies[Pods]`: overrides that select a list entry by its key.
@Suite("overrides select list entries by key")
struct OverrideKeyTests {
    static let manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
                - name: web
                  resources:
                    requests: {cpu: 100m, memory: 128Mi}
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web-hpa}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          minReplicas: 2
          maxReplicas: 8
          metrics:
            - type: Resource
              resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
            - type: Resource
              resource: {name: memory, target: {type: Utilization, averageUtilization: 80}}
            - type: Pods
              pods: {metric: {name: active_tasks}, target: {type: AverageValue, averageValue: "20"}}
          behavior:
            scaleUp:
              policies:
                - {type: Percent, value: 50, periodSeconds: 60}
                - {type: Pods, value: 2, periodSeconds: 60}
            scaleDown:
              policies:
                - {type: Pods, value: 1, periodSeconds: 60}
                - {type: Pods, value: 2, periodSeconds: 120}
        """

    /// Loads a scenario over ``manifest`` with `overrides`, in a fresh directory.
    func load(_ overrides: [String]) throws -> Result<LoadedScenario, ScenarioError> {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hpa-sim-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.manifest.write(to: dir.appendingPathComponent("app.yaml"), atomically: true, encoding: .utf8)
        let lines = overrides.map { "  - \"\($0)\"" }.joined(separator: "\n")
        let path = dir.appendingPathComponent("s.yaml").path
        try "name: keys\nmanifests: [app.yaml]\noverrides:\n\(lines)\n".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            return .success(try ScenarioLoader.load(path: path))
        } catch {
            var rendered = error
            for i in rendered.diagnostics.indices {
                rendered.diagnostics[i].file = URL(fileURLWithPath: rendered.diagnostics[i].file).lastPathComponent
                rendered.diagnostics[i].explanation = nil
                rendered.diagnostics[i].message = rendered.diagnostics[i].message.replacingOccurrences(of: dir.path + "/", with: "")
            }
            return .failure(rendered)
        }
    }

    func spec(_ overrides: [String]) throws -> HorizontalPodAutoscalerSpec {
        let loaded = try load(overrides).get()
        return try #require(loaded.configuration.autoscalers.first).hpa.spec
    }

    func errors(_ overrides: [String]) throws -> [String] {
        guard case .failure(let error) = try load(overrides) else { return [] }
        return error.diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    @Test("metrics[cpu] and metrics[active_tasks] select by resource and metric name")
    func metricKeys() throws {
        let s = try spec(["web-hpa:spec.metrics[cpu].resource.target.averageUtilization=60",
                          "web-hpa:spec.metrics[active_tasks].pods.target.averageValue=\\\"15\\\""])
        #expect(s.metrics.map { $0.resource?.target.averageUtilization ?? -1 } == [60, 80, -1])
        #expect(s.metrics[2].pods?.target.averageValue?.description == "15")
    }

    @Test("policies[Pods] selects by policy type")
    func policyKeys() throws {
        let s = try spec(["web-hpa:spec.behavior.scaleUp.policies[Pods].value=4"])
        #expect(s.behavior?.scaleUp?.policies?.map(\.value) == [50, 4])
    }

    @Test("a key matching two entries is an error naming both")
    func ambiguous() throws {
        #expect(try errors(["web-hpa:spec.behavior.scaleDown.policies[Pods].value=3"]) == [
            "s.yaml:4: overrides: web-hpa:spec.behavior.scaleDown.policies[Pods].value=3: spec.behavior.scaleDown.policies[Pods] is ambiguous: the key \"Pods\" matches both spec.behavior.scaleDown.policies[0] and spec.behavior.scaleDown.policies[1]; use an index",
        ])
    }

    @Test("an unknown key is an error listing the keys there are")
    func unknown() throws {
        #expect(try errors(["web-hpa:spec.metrics[gpu].resource.target.averageUtilization=60"]) == [
            "s.yaml:4: overrides: web-hpa:spec.metrics[gpu].resource.target.averageUtilization=60: spec.metrics[gpu]: no entry has the key \"gpu\"; the keys are cpu, memory, active_tasks",
        ])
    }

    @Test("a value the API server refuses is reported at the keyed override")
    func invalidValue() throws {
        #expect(try errors(["web-hpa:spec.behavior.scaleUp.policies[Percent].periodSeconds=3600"]) == [
            "s.yaml:4: spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 3600: must be less than or equal to 1800 (override web-hpa in app.yaml)",
        ])
    }

    @Test("the path parser reads keys and indices")
    func steps() {
        #expect(ManifestOverride.steps("spec.metrics[cpu].resource") == [.field("spec"), .field("metrics"), .key("cpu"), .field("resource")])
        #expect(ManifestOverride.steps("spec.policies[0]") == [.field("spec"), .field("policies"), .index(0)])
        #expect(ManifestOverride.steps("spec.policies[]") == nil)
        #expect(ManifestOverride.steps("spec.policies[-1]") == nil)
    }
}
