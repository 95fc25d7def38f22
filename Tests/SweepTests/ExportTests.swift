import Foundation
import Testing
import Scenario
@testable import Sweep

/// Splicing overrides into the user's own YAML, and the unified diff.
@Suite("export: the winner's manifests as the user wrote them")
struct ExportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let hpaFile = root + "/scenarios/rtc-egress/manifests/06-hpa-configs.yaml"

    func overrides(_ texts: [String]) -> [ManifestOverride] {
        texts.compactMap { ManifestOverride(parsing: $0, location: SourceLocation(file: "<test>", line: nil)) }
    }

    @Test("only the overridden scalars change; comments, quotes and key order stay")
    func splice() throws {
        let text = try String(contentsOfFile: Self.hpaFile, encoding: .utf8)
        let spliced = try ManifestOverride.splice(
            overrides(["egress-hpa:spec.behavior.scaleUp.policies[Pods].value=4",
                       "egress-hpa:spec.behavior.scaleDown.stabilizationWindowSeconds=60",
                       "egress-hpa:spec.metrics[active_tasks].pods.target.averageValue=\"18\""]),
            into: text, file: Self.hpaFile)
        #expect(spliced.written.count == 3)
        let diff = UnifiedDiff.diff(text, spliced.text, oldName: "a/06-hpa-configs.yaml", newName: "b/06-hpa-configs.yaml")
        #expect(diff == """
            --- a/06-hpa-configs.yaml
            +++ b/06-hpa-configs.yaml
            @@ -32,7 +32,7 @@
                       name: active_tasks
                     target:
                       type: AverageValue
            -          averageValue: "20"
            +          averageValue: "18"
               behavior:
                 scaleUp:
                   # "+50% or +2 pods (whichever is smaller)"
            @@ -43,11 +43,11 @@
                       value: 50
                       periodSeconds: 60
                     - type: Pods
            -          value: 2
            +          value: 4
                       periodSeconds: 60
                 scaleDown:
                   # "-25% or -1 pod (whichever is smaller)", "5 minutes stabilization"
            -      stabilizationWindowSeconds: 300
            +      stabilizationWindowSeconds: 60
                   selectPolicy: Min
                   policies:
                     - type: Percent

            """)
    }

    @Test("a field the file does not have cannot be exported, and says so")
    func missingField() throws {
        let text = try String(contentsOfFile: Self.hpaFile, encoding: .utf8)
        #expect(throws: ScenarioError.self) {
            try ManifestOverride.splice(overrides(["egress-hpa:spec.behavior.scaleUp.tolerance=0.2"]), into: text, file: Self.hpaFile)
        }
    }

    @Test("flow-style scalars are replaced in place")
    func flowStyle() throws {
        let text = """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: web-hpa}   # the web tier
            spec:
              maxReplicas: 8
              behavior:
                scaleUp:
                  policies:
                    - {type: Percent, value: 50, periodSeconds: 60}
                    - {type: Pods, value: 2, periodSeconds: 60}   # two at a time

            """
        let spliced = try ManifestOverride.splice(overrides(["web-hpa:spec.behavior.scaleUp.policies[Pods].value=12",
                                                            "web-hpa:spec.maxReplicas=16"]), into: text, file: "web.yaml")
        #expect(spliced.text == text.replacingOccurrences(of: "{type: Pods, value: 2,", with: "{type: Pods, value: 12,")
                    .replacingOccurrences(of: "maxReplicas: 8", with: "maxReplicas: 16"))
    }

    @Test("changes 6 unchanged lines apart share a hunk, 7 apart do not (as diff -u)")
    func hunks() {
        let old = (1...20).map { "l\($0)" }
        func changed(_ lines: [Int]) -> String {
            old.enumerated().map { lines.contains($0.offset + 1) ? $0.element + "x" : $0.element }.joined(separator: "\n") + "\n"
        }
        let text = old.joined(separator: "\n") + "\n"
        let near = UnifiedDiff.diff(text, changed([5, 12]), oldName: "a", newName: "b")
        #expect(near.components(separatedBy: "\n@@ ").count == 2)
        #expect(near.contains("@@ -2,14 +2,14 @@"))
        let far = UnifiedDiff.diff(text, changed([5, 13]), oldName: "a", newName: "b")
        #expect(far.components(separatedBy: "\n@@ ").count == 3)
        #expect(far.contains("@@ -2,7 +2,7 @@") && far.contains("@@ -10,7 +10,7 @@"))
    }

    @Test("the diff of equal texts is empty; an insertion gets its hunk")
    func diff() {
        #expect(UnifiedDiff.diff("a\nb\n", "a\nb\n", oldName: "a", newName: "b") == "")
        #expect(UnifiedDiff.diff("a\nb\nc\n", "a\nb\nx\nc\n", oldName: "a/f", newName: "b/f") == """
            --- a/f
            +++ b/f
            @@ -1,3 +1,4 @@
             a
             b
            +x
             c

            """)
    }
}
