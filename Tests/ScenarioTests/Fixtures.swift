import Foundation
@testable import Scenario

/// Paths to the test fixtures (copied into the test bundle) and to the project's own scenarios.
enum Fixtures {
    static var root: String {
        guard let path = Bundle.module.resourcePath else { preconditionFailure("no resource path") }
        return path + "/Fixtures"
    }
    static func path(_ relative: String) -> String { root + "/" + relative }

    /// The package root, from this file's location (scenarios/ and docs/ are project files, not shared/).
    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
    static func project(_ relative: String) -> String { packageRoot + "/" + relative }

    /// Diagnostics rendered with the fixture root stripped from file names.
    static func rendered(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { d in
            var copy = d
            copy.explanation = nil
            for prefix in [root + "/", packageRoot + "/"] where copy.file.hasPrefix(prefix) {
                copy.file = String(copy.file.dropFirst(prefix.count))
            }
            copy.message = copy.message.replacingOccurrences(of: root + "/", with: "")
            return copy.description
        }
    }
}
