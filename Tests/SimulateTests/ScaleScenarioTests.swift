import Foundation
import HPASim
import Testing

/// The `scale-scenario` executable built beside the test bundle (`swift build` builds it), or nil.
let scaleScenarioExecutable: URL? = simulateExecutable.map {
    $0.deletingLastPathComponent().appendingPathComponent("scale-scenario")
}.flatMap { FileManager.default.isExecutableFile(atPath: $0.path) ? $0 : nil }

/// Runs `scale-scenario` with `arguments` and returns its exit status.
func scaleScenario(_ arguments: [String]) throws -> Int32 {
    guard let executable = scaleScenarioExecutable else { throw CocoaError(.fileNoSuchFile) }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}

@Suite("The generated scale scenario (scenarios/scale/)")
struct ScaleScenarioTests {
    let committed = packageRoot.appendingPathComponent("scenarios/scale")

    @Test("the generator reproduces the committed scenario byte for byte",
          .enabled(if: scaleScenarioExecutable != nil, "scale-scenario is not built: run `swift build` before `swift test`"))
    func regenerates() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        #expect(try scaleScenario(["--hpas", "100", "--pods", "5000", "--output", dir.url.path]) == 0)
        for file in ["scale-day.yaml", "manifests/services.yaml"] {
            let generated = try Data(contentsOf: dir.url.appendingPathComponent(file))
            let shipped = try Data(contentsOf: committed.appendingPathComponent(file))
            #expect(generated == shipped, "\(file) differs from a fresh `scale-scenario` run")
        }
    }

    @Test("the committed scenario validates: 100 HPAs, one per Deployment, over 5,000 starting pods")
    func shape() throws {
        let loaded = try ScenarioLoader.load(path: committed.appendingPathComponent("scale-day.yaml").path)
        let c = loaded.configuration
        #expect(c.autoscalers.count == 100)
        #expect(c.deployments.count == 100)
        #expect(c.deployments.map { Int($0.replicas) }.reduce(0, +) == 5000)
        #expect(Set(c.autoscalers.map(\.hpa.spec.scaleTargetRef.name)).count == 100)
        #expect(c.duration == .hours(24))
        #expect(!loaded.diagnostics.contains { $0.severity == .error })
    }

    @Test("bad sizes are usage errors (exit 64)",
          .enabled(if: scaleScenarioExecutable != nil, "scale-scenario is not built: run `swift build` before `swift test`"))
    func badSizes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        #expect(try scaleScenario(["--hpas", "3", "--pods", "10", "--output", dir.url.path]) == 64)
        #expect(try scaleScenario(["--hpas", "0", "--output", dir.url.path]) == 64)
        #expect(!FileManager.default.fileExists(atPath: dir.path("scale-day.yaml")))
    }
}
