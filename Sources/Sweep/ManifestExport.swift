import Foundation
public import Scenario

/// `--export-best DIR`: the winner's manifests as complete YAML ready for `kubectl apply`.
///
/// **The user's own text with only the overridden scalars replaced**: comments and key order
/// stay (see ``ManifestOverride/splice(_:into:file:)``). Each changed file is written as
/// `DIR/<original file name>`, with `DIR/<file name without extension>.diff`, a unified diff
/// against the original.
public enum ManifestExport {
    /// One manifest file the winner changes.
    public struct File: Hashable, Sendable {
        /// The original file's path.
        public var original: String
        /// Its text with the overrides written in.
        public var text: String
        /// A unified diff from the original.
        public var diff: String
    }

    /// The manifest files of the scenario at `scenarioPath` that the scenario's own `overrides`
    /// and then `overrides` change.
    ///
    /// **The files are the manifests the winner ran on**: the scenario's own overrides (those of
    /// every file it `extends`) are written too, then the winner's, later ones winning as when
    /// they are applied. Without them, applying the files would deploy something the sweep
    /// never measured (a scenario override of a field no knob touches would be lost).
    /// - Throws: ``SweepError/export(_:)`` when an override names no object of the manifests
    ///   or is not an existing scalar (a scenario override that adds a field cannot be written:
    ///   the export is refused, naming it); ``ScenarioError`` when the scenario does not load.
    public static func files(scenarioPath: String, overrides winner: [ManifestOverride]) throws -> [File] {
        let loaded = try ScenarioLoader.load(path: scenarioPath)
        let overrides = loaded.file.overrides + winner
        var written = Array(repeating: false, count: overrides.count)
        var files: [File] = []
        for path in ScenarioLoader.manifestPaths(of: loaded.file) {
            guard let data = FileManager.default.contents(atPath: path) else { throw SweepError.export("cannot read \(path)") }
            let text = String(decoding: data, as: UTF8.self)
            let spliced: (text: String, written: [ManifestOverride])
            do {
                spliced = try ManifestOverride.splice(overrides, into: text, file: path)
            } catch {
                throw SweepError.export(error.description + (loaded.file.overrides.isEmpty ? ""
                    : " (the scenario's own overrides are written with the winner's, so that the files are what the winner ran on)"))
            }
            for (i, o) in overrides.enumerated() where spliced.written.contains(o) { written[i] = true }
            guard spliced.text != text else { continue }
            let name = URL(fileURLWithPath: path).lastPathComponent
            files.append(File(original: path, text: spliced.text,
                              diff: UnifiedDiff.diff(text, spliced.text, oldName: "a/\(name)", newName: "b/\(name)")))
        }
        if let missing = overrides.indices.first(where: { !written[$0] }) {
            let whose = missing < loaded.file.overrides.count ? "the scenario's override " : ""
            throw SweepError.export("\(whose)\(overrides[missing]): no object named \"\(overrides[missing].target)\" in the manifests")
        }
        return files
    }

    /// Writes `files` into `directory` (created if absent); returns the paths written.
    public static func write(_ files: [File], to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var paths: [String] = []
        for file in files {
            let url = URL(fileURLWithPath: file.original)
            let yaml = URL(fileURLWithPath: directory).appendingPathComponent(url.lastPathComponent).path
            let diff = URL(fileURLWithPath: directory).appendingPathComponent(url.deletingPathExtension().lastPathComponent + ".diff").path
            try Data(file.text.utf8).write(to: URL(fileURLWithPath: yaml))
            try Data(file.diff.utf8).write(to: URL(fileURLWithPath: diff))
            paths += [yaml, diff]
        }
        return paths
    }
}
