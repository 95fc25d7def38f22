import Foundation
public import Scenario

/// One HPA setting to try: the scenario (or a variant file that `extends` it) plus overrides.
///
/// **Every variant runs on the same task sequences as the baseline** (common random numbers):
/// the model derives each random stream from the seed by name, and a variant changes manifests,
/// never the seed or the load.
public struct Variant: Hashable, Sendable {
    /// The name printed in tables and stored as the run's name.
    public var name: String
    /// The scenario file to load: the base scenario or a variant file that `extends` it.
    public var scenarioPath: String
    /// Overrides applied after the scenario's own.
    public var overrides: [ManifestOverride]
    /// The knob values, in knob order (empty outside sweeps and tuning).
    public var settings: [String]

    public init(name: String, scenarioPath: String, overrides: [ManifestOverride] = [], settings: [String] = []) {
        self.name = name; self.scenarioPath = scenarioPath; self.overrides = overrides; self.settings = settings
    }

    /// Where overrides typed on the command line are reported.
    public static let commandLine = SourceLocation(file: "<command line>", line: nil)

    /// A `simulate compare` argument: a variant file, or `NAME=OVERRIDE[;OVERRIDE...]`.
    ///
    /// An existing file wins over the inline form (a path may contain `=`).
    /// - Throws: ``SweepError/invalidArgument(option:expected:found:)`` when it is neither.
    public static func parse(_ argument: String, scenarioPath: String) throws(SweepError) -> Variant {
        if FileManager.default.fileExists(atPath: argument) {
            let name = URL(fileURLWithPath: argument).deletingPathExtension().lastPathComponent
            return Variant(name: name, scenarioPath: argument)
        }
        guard let equals = argument.firstIndex(of: "="), argument[..<equals].allSatisfy({ $0 != ":" && $0 != "/" }) else {
            throw .invalidArgument(option: "VARIANT", expected: "a variant file or NAME=OVERRIDE[;OVERRIDE...]", found: argument)
        }
        let name = String(argument[..<equals])
        var overrides: [ManifestOverride] = []
        for text in argument[argument.index(after: equals)...].split(separator: ";") {
            guard let o = ManifestOverride(parsing: String(text), location: commandLine) else {
                throw .invalidArgument(option: "VARIANT \(name)", expected: "<object name>:<field path>=<value>, e.g. egress-hpa:spec.maxReplicas=20",
                                       found: String(text))
            }
            overrides.append(o)
        }
        if name.isEmpty || overrides.isEmpty {
            throw .invalidArgument(option: "VARIANT", expected: "NAME=OVERRIDE[;OVERRIDE...] with a name and at least one override", found: argument)
        }
        return Variant(name: name, scenarioPath: scenarioPath, overrides: overrides)
    }
}

/// A bad sweep, compare or tune argument (exit status 2; the CLI names the option).
public enum SweepError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An option's value has the wrong shape.
    case invalidArgument(option: String, expected: String, found: String)
    /// A variant does not load (its overrides do not fit the manifests, or fail validation).
    case invalidVariant(name: String, ScenarioError)
    /// The winner cannot be written back as YAML.
    case export(String)
    /// `--objective` is not a figure of the expectation language, or names what the scenario
    /// does not have: the text, and the expectations' message.
    case invalidObjective(String, String)

    public var description: String {
        switch self {
        case .invalidArgument(let option, let expected, let found): "\(option): expected \(expected), found \"\(found)\""
        case .invalidVariant(let name, let error): "variant \(name):\n\(error)"
        case .export(let message): "--export-best: \(message)"
        case .invalidObjective(let text, let message): "--objective \"\(text)\": \(message)"
        }
    }
}
