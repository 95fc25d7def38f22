import Foundation
internal import Yams
public import SimTime
public import ClusterModel
internal import HPAController
internal import Expectations

/// A scenario read, validated and converted: ready to run.
public struct LoadedScenario: Sendable {
    /// The scenario file as written (after `extends`).
    public var file: ScenarioFile
    /// The objects of its manifests (after overrides).
    public var manifests: ManifestSet
    /// What the cluster model runs.
    public var configuration: SimulationConfiguration
    /// Warnings (lints included) and notes; a loaded scenario has no errors.
    public var diagnostics: [Diagnostic]
    /// The HPAs with where they were read.
    public var autoscalers: [HPAManifest] { manifests.autoscalers }
}

/// Loads scenario files and validates scenarios and manifests.
///
/// **Every problem is reported, not just the first**, each with its file, line and field.
/// **A scenario with errors never yields a configuration**, so nothing runs and nothing is stored.
public enum ScenarioLoader {
    /// Reads the scenario at `path` and everything it names.
    ///
    /// - Parameters:
    ///   - seed: replaces the scenario's `seed` (the CLI's `--seed`).
    ///   - duration: replaces the scenario's `duration` (the CLI's `--duration`).
    ///   - overrides: applied after the scenario's own (a sweep's or a comparison's variant).
    /// - Throws: ``ScenarioError`` with every diagnostic when any is an error.
    public static func load(path: String, seed: UInt64? = nil, duration: SimDuration? = nil,
                            overrides: [ManifestOverride] = [],
                            limits: InputLimits = .init()) throws(ScenarioError) -> LoadedScenario {
        var diagnostics: [Diagnostic] = []
        guard var file = readScenarioFile(path: path, limits: limits, chain: [], into: &diagnostics) else {
            throw ScenarioError(diagnostics: diagnostics)
        }
        if let seed { file.seed = seed }
        if let duration { file.duration = duration }
        file.overrides += overrides
        let manifests = readManifests(file.manifests, locations: file.manifestLocations, overrides: file.overrides, version: file.kubernetesVersion,
                                      gates: file.featureGates, limits: limits, into: &diagnostics)
        let configuration = ScenarioConversion(file: file, manifests: manifests).configuration(into: &diagnostics)
        if !diagnostics.hasErrors {
            // What the model itself refuses (checked last: the checks above say it in the file's terms).
            do {
                try configuration.validate()
            } catch let error as ModelConfigurationError {
                diagnostics.append(Diagnostic(severity: .error, file: file.location.file, line: nil, field: error.field,
                                              message: "expected \(error.expected), found \(error.found)"))
            } catch {
                diagnostics.append(Diagnostic(severity: .error, file: file.location.file, line: nil, field: nil, message: "\(error)"))
            }
        }
        if !diagnostics.hasErrors {
            // Expectations name classes, deployments, HPAs and events the scenario must define.
            let context = ExpectationContext(configuration: configuration, events: file.workloadEvents)
            for entry in file.expectations {
                for problem in context.problems(entry.expectation) {
                    diagnostics.append(Diagnostic(severity: .error, file: entry.location.file, line: entry.location.line,
                                                  field: entry.field, message: problem))
                }
            }
        }
        let lints = Lints(controller: file.controller, pipeline: file.metrics, settings: file.lints)
        for hpa in manifests.autoscalers {
            let target = manifests.workload(named: hpa.hpa.spec.scaleTargetRef.name)
            diagnostics += lints.run(hpa, target: target, runtime: target.flatMap { file.deployments[$0.name] })
        }
        if diagnostics.hasErrors { throw ScenarioError(diagnostics: diagnostics) }
        return LoadedScenario(file: file, manifests: manifests, configuration: configuration, diagnostics: diagnostics)
    }

    /// Every problem in each scenario or manifest file (a file whose first document has
    /// `apiVersion` and `kind` is a manifest; anything else is a scenario).
    public static func validate(paths: [String], limits: InputLimits = .init()) -> [Diagnostic] {
        var all: [Diagnostic] = []
        // Manifests are read together, so an HPA's lints see the workload in another file.
        let manifests = paths.filter { isManifest(path: $0, limits: limits) }
        if !manifests.isEmpty {
            let version = KubernetesVersion.defaultVersion
            let set = readManifests(manifests, overrides: [], version: version, gates: FeatureGates().resolved(for: version),
                                    limits: limits, into: &all)
            let lints = Lints(controller: .init(), pipeline: .init(), settings: .init())
            for hpa in set.autoscalers {
                all += lints.run(hpa, target: set.workload(named: hpa.hpa.spec.scaleTargetRef.name), runtime: nil)
            }
            all += ScenarioConversion.problems(set)
        }
        for path in paths where !manifests.contains(path) {
            do {
                all += try load(path: path, limits: limits).diagnostics
            } catch {
                all += error.diagnostics
            }
        }
        return all
    }

    static func isManifest(path: String, limits: InputLimits) -> Bool {
        var ignored: [Diagnostic] = []
        guard let text = YAMLSource.read(path: path, display: path, limits: limits, into: &ignored),
              let first = YAMLSource.documents(text: text, file: path, limits: limits, into: &ignored).first,
              let mapping = first.root.mapping else { return false }
        return mapping["apiVersion"] != nil && mapping["kind"] != nil
    }

    /// Reads a scenario file, following `extends` (at most 8 levels, no cycles).
    static func readScenarioFile(path: String, limits: InputLimits, chain: [String],
                                 into diagnostics: inout [Diagnostic]) -> ScenarioFile? {
        guard let text = YAMLSource.read(path: path, display: path, limits: limits, into: &diagnostics) else { return nil }
        let documents = YAMLSource.documents(text: text, file: path, limits: limits, into: &diagnostics)
        guard let document = documents.first else { return nil }
        if documents.count > 1 {
            diagnostics.append(Diagnostic(severity: .error, file: path, line: NodeReader.line(documents[1].root), field: nil,
                                          message: "a scenario is one YAML document; found \(documents.count)"))
            return nil
        }
        var base: ScenarioFile?
        if let extends = document.root.mapping?["extends"] {
            let reader = NodeReader(file: path)
            if let relative = reader.string(extends, FieldPath("extends")) {
                let basePath = ScenarioReader.resolve(relative, against: path)
                if chain.contains(basePath) || basePath == path || chain.count >= 8 {
                    reader.error(extends, FieldPath("extends"), "Invalid value: \"\(relative)\": extends forms a cycle or is nested deeper than 8")
                } else {
                    base = readScenarioFile(path: basePath, limits: limits, chain: chain + [path], into: &diagnostics)
                    if base == nil {
                        reader.error(extends, FieldPath("extends"), "Invalid value: \"\(relative)\": the base scenario has errors (above)")
                    }
                }
            }
            diagnostics += reader.diagnostics
            if reader.diagnostics.hasErrors { return nil }
        }
        let reader = NodeReader(file: path)
        let file = ScenarioReader(reader: reader).read(document.root, location: SourceLocation(file: path, line: 1), base: base)
        diagnostics += reader.diagnostics
        return file
    }

    /// Reads manifests (paths or globs), applying overrides to the documents they name.
    /// The manifest files a scenario reads, in reading order (its patterns expanded).
    public static func manifestPaths(of file: ScenarioFile) -> [String] {
        var files: [String] = []
        for pattern in file.manifests {
            for path in ManifestFiles.expand(pattern) ?? [] where !files.contains(path) { files.append(path) }
        }
        return files
    }

    static func readManifests(_ patterns: [String], locations: [SourceLocation] = [], overrides: [ManifestOverride], version: KubernetesVersion,
                              gates: ResolvedFeatureGates, limits: InputLimits, into diagnostics: inout [Diagnostic]) -> ManifestSet {
        var set = ManifestSet()
        var files: [String] = []
        for (i, pattern) in patterns.enumerated() {
            // A problem with the pattern itself is reported where the scenario names it.
            func fail(_ message: String) {
                if i < locations.count {
                    diagnostics.append(Diagnostic(severity: .error, file: locations[i].file, line: locations[i].line,
                                                  field: "manifests[\(i)]", message: "\"\(pattern)\": " + message))
                } else {
                    diagnostics.append(Diagnostic(severity: .error, file: pattern, line: nil, field: nil, message: message))
                }
            }
            guard let expanded = ManifestFiles.expand(pattern) else {
                fail("wildcards are allowed only in the last path component")
                continue
            }
            if expanded.isEmpty { fail("matches no file") }
            if expanded.count == 1, let only = expanded.first, only == pattern, !FileManager.default.fileExists(atPath: only) {
                fail("no such file")
                continue
            }
            for file in expanded where !files.contains(file) { files.append(file) }
        }
        var applied = Array(repeating: false, count: overrides.count)
        for file in files {
            guard let text = YAMLSource.read(path: file, display: file, limits: limits, into: &diagnostics) else { continue }
            let reader = NodeReader(file: file)
            let manifestReader = ManifestReader(reader: reader, version: version, featureGates: gates)
            for var document in YAMLSource.documents(text: text, file: file, limits: limits, into: &diagnostics) {
                var overridden: [(override: ManifestOverride, path: String)] = []
                for (i, override) in overrides.enumerated() where override.matches(document.root) {
                    applied[i] = true
                    let resolved = override.resolvedPath(in: document.root)
                    if let problem = override.apply(to: &document.root) {
                        diagnostics.append(Diagnostic(severity: .error, file: override.location.file, line: override.location.line,
                                                      field: "overrides", message: "\(override): \(problem)"))
                    } else {
                        overridden.append((override, (try? resolved.get()) ?? override.path))
                    }
                }
                let before = reader.diagnostics.count
                manifestReader.read(document, into: &set)
                // Problems in an overridden value belong to the override that wrote it.
                for index in before..<reader.diagnostics.count {
                    guard let field = reader.diagnostics[index].field,
                          let override = overridden.last(where: { field == $0.path || field.hasPrefix($0.path + ".") || field.hasPrefix($0.path + "[") })?.override
                    else { continue }
                    let manifestFile = reader.diagnostics[index].file
                    reader.diagnostics[index].file = override.location.file
                    reader.diagnostics[index].line = override.location.line
                    reader.diagnostics[index].message += " (override \(override.target) in \(manifestFile))"
                }
            }
            diagnostics += reader.diagnostics
        }
        for (i, override) in overrides.enumerated() where !applied[i] {
            diagnostics.append(Diagnostic(severity: .error, file: override.location.file, line: override.location.line,
                                          field: "overrides", message: "\(override): no object named \"\(override.target)\" in the manifests"))
        }
        return set
    }
}
