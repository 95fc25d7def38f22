import Foundation
import Testing

/// Each command's `--help`, compared with its snapshot in `Tests/SimulateTests/Snapshots/`.
///
/// A change to a command's options or wording shows here as a diff to review. To accept it,
/// run the tests with `HPA_SIM_UPDATE_SNAPSHOTS=1` and commit the rewritten files.
@Suite("--help snapshots", .enabled(if: simulateExecutable != nil,
                                    "the simulate executable is not built beside the tests"))
struct HelpSnapshotTests {
    static let commands: [[String]] = [
        [], ["run"], ["check"], ["validate"], ["conformance"], ["explain"], ["report"], ["compare"], ["sweep"], ["tune"], ["runs"],
        ["runs", "list"], ["runs", "show"], ["runs", "export"], ["runs", "replay"], ["runs", "delete"], ["runs", "sql"],
        ["runs", "merge"],
    ]

    @Test("--help prints its snapshot", arguments: commands)
    func help(_ command: [String]) throws {
        let r = try simulate(command + ["--help"])
        #expect(r.status == 0)
        let name = (["simulate"] + command).joined(separator: "-") + ".txt"
        let file = packageRoot.appendingPathComponent("Tests/SimulateTests/Snapshots/\(name)")
        if ProcessInfo.processInfo.environment["HPA_SIM_UPDATE_SNAPSHOTS"] == "1" {
            try r.stdout.write(to: file, atomically: true, encoding: .utf8)
        }
        let snapshot = try String(contentsOf: file, encoding: .utf8)
        #expect(r.stdout == snapshot, "simulate \(command.joined(separator: " ")) --help differs from \(name)")
    }
}
