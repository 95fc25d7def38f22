import Testing
import Foundation
@testable import Scenario

/// The scenario documented in docs/scenarios.md, extracted from the document itself:
/// every ```yaml block whose first line is `# file: <name>` is written out and loaded.
@Test("a scenario written only from docs/scenarios.md validates and converts")
func docsExample() throws {
    let doc = try String(contentsOfFile: Fixtures.project("docs/scenarios.md"), encoding: .utf8)
    var files: [String: String] = [:]
    var current: (name: String, lines: [String])?
    var inYAML = false
    for line in doc.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
        if line.hasPrefix("```yaml") { inYAML = true; continue }
        if line.hasPrefix("```"), inYAML {
            if let c = current { files[c.name] = c.lines.joined(separator: "\n") + "\n" }
            current = nil; inYAML = false; continue
        }
        guard inYAML else { continue }
        if current == nil, line.hasPrefix("# file: ") { current = (String(line.dropFirst(8)), []); continue }
        current?.lines.append(line)
    }
    #expect(files.keys.sorted() == ["example/app.yaml", "example/scenario.yaml"])
    var scenarioPath = ""
    for name in files.keys.sorted() {
        let path = try writeTemporary(name.replacingOccurrences(of: "example/", with: ""), files[name] ?? "")
        if name.hasSuffix("scenario.yaml") { scenarioPath = path }
    }
    let loaded = try ScenarioLoader.load(path: scenarioPath)
    #expect(!loaded.diagnostics.hasErrors)
    #expect(loaded.configuration.deployments.map(\.name) == ["api", "worker"])
    #expect(loaded.configuration.autoscalers.first?.hpa.spec.maxReplicas == 12)   // set by the documented override
    #expect(loaded.configuration.workload.classes.map(\.name) == ["report"])
    #expect(loaded.file.expectationsYAML != nil)
}
