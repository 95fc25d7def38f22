/// How serious a ``Diagnostic`` is.
public enum Severity: String, Hashable, Sendable, Comparable, CaseIterable {
    /// The input is invalid: nothing runs and nothing is stored (exit status 2).
    case error
    /// Valid, but probably not what was meant (exit status 0).
    case warning
    /// Information shown in verbose mode only (an ignored kind, say).
    case note

    private var rank: Int { self == .error ? 0 : (self == .warning ? 1 : 2) }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One problem found in a scenario or a manifest, located by file, line and field.
///
/// Errors read as the API server words them, prefixed with the place:
/// `06-hpa-configs.yaml:41: spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 3600: must be less than or equal to 1800`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    /// The file as it was named (relative to the working directory or the scenario).
    public var file: String
    /// 1-based line, nil when the problem is the whole file.
    public var line: Int?
    /// The field path (`spec.behavior.scaleUp.policies[0].periodSeconds`), nil for file-level problems.
    public var field: String?
    public var message: String
    /// A stable identifier for lints (`dead-policy`), nil for validation problems.
    public var lint: String?
    /// For lints: why it matters and the formula used.
    public var explanation: String?

    public init(severity: Severity, file: String, line: Int?, field: String?, message: String,
                lint: String? = nil, explanation: String? = nil) {
        self.severity = severity; self.file = file; self.line = line; self.field = field
        self.message = message; self.lint = lint; self.explanation = explanation
    }

    /// `file:line: field: message`; warnings and notes say so after the place.
    public var description: String {
        var out = file
        if let line { out += ":\(line)" }
        out += ": "
        switch severity {
        case .error: break
        case .warning: out += "warning: "
        case .note: out += "note: "
        }
        if let lint { out += "[\(lint)] " }
        if let field, !field.isEmpty { out += field + ": " }
        return out + message
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// One diagnostic per line (explanations indented below lints when `explain`),
    /// notes only when `verbose`.
    public func rendered(verbose: Bool = false, explain: Bool = true) -> String {
        var lines: [String] = []
        for diagnostic in self where verbose || diagnostic.severity != .note {
            lines.append(diagnostic.description)
            if explain, let explanation = diagnostic.explanation {
                for line in explanation.split(separator: "\n", omittingEmptySubsequences: false) {
                    lines.append("    " + line)
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// A scenario or manifest that failed validation; `diagnostics` holds every problem found.
public struct ScenarioError: Error, Hashable, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.filter { $0.severity == .error }.rendered(explain: false) }
}
