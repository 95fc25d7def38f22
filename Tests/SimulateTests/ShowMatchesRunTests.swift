import Foundation
import Testing

/// `simulate runs show` prints, for a stored run, the figures `simulate run` printed for it:
/// the same summary, field by field (a CPU ratio once printed as `0.60` under `CPU %`).
@Suite("runs show matches run", .enabled(if: simulateExecutable != nil,
                                         "the simulate executable is not built beside the tests"))
struct ShowMatchesRunTests {
    /// Every shipped workload and variant.
    static let scenarios: [String] = {
        let root = packageRoot.appendingPathComponent("scenarios/rtc-egress").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let variants = (try? FileManager.default.contentsOfDirectory(atPath: root + "/variants")) ?? []
        return (names.filter { $0.hasSuffix(".yaml") } + variants.filter { $0.hasSuffix(".yaml") }.map { "variants/" + $0 })
            .sorted()
    }()

    @Test("every shipped scenario: runs show prints run's summary, field by field", arguments: scenarios)
    func showMatchesRun(_ name: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let db = dir.path("runs.sqlite")
        let run = try simulate(["run", scenario(name), "--duration", "20m", "--db", db])
        try #require(run.status == 0, "\(run.stderr)")
        let show = try simulate(["runs", "show", "1", "--db", db])
        try #require(show.status == 0, "\(show.stderr)")
        let printed = summary(in: run.stdout), shown = summary(in: show.stdout)
        #expect(printed.count > 8)
        #expect(shown.count == printed.count)
        for (ran, stored) in zip(printed, shown) {
            let a = ran.split(separator: " ", omittingEmptySubsequences: true)
            let b = stored.split(separator: " ", omittingEmptySubsequences: true)
            #expect(a == b, "run printed \"\(ran)\", runs show printed \"\(stored)\"")
        }
    }

    /// The summary's lines: from `simulated ...` to the end of the deployments table (a blank line,
    /// or `run`'s `Stored as run ...`).
    private func summary(in output: String) -> [String] {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("simulated ") }),
              let table = lines[start...].firstIndex(where: { $0.hasPrefix("deployment ") }) else { return [] }
        let end = lines[table...].firstIndex { $0.isEmpty || $0.hasPrefix("Stored as run") } ?? lines.endIndex
        return lines[start..<end].filter { !$0.isEmpty }
    }
}
