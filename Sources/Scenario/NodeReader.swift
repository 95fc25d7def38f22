internal import Yams
internal import Quantities
internal import Expectations

/// A field path as `field.Path` renders it: `spec.metrics[0].resource.name`.
struct FieldPath: Hashable, CustomStringConvertible {
    var text: String
    init(_ text: String = "") { self.text = text }
    func child(_ name: String) -> FieldPath { FieldPath(text.isEmpty ? name : text + "." + name) }
    func index(_ i: Int) -> FieldPath { FieldPath(text + "[\(i)]") }
    func key(_ k: String) -> FieldPath { FieldPath(text + "[\(k)]") }
    var description: String { text }
}

/// The fields of one mapping, by name; the last of duplicated keys wins (as JSON decoding does).
struct Fields {
    var values: [String: Node] = [:]
    var keyLines: [String: Int] = [:]
    var line: Int?
    var path: FieldPath
    subscript(_ key: String) -> Node? { values[key] }
    /// Keys in document order (for maps whose order matters to results).
    var orderedKeys: [String] = []
}

/// Walks a composed `Node` tree field by field, so every problem gets a line, and
/// unknown fields are reported (YAMLDecoder drops them silently).
final class NodeReader {
    let file: String
    var diagnostics: [Diagnostic] = []
    /// Line of every field read since the last reset, by path (for lints and overrides).
    var fieldLines: [String: Int] = [:]

    init(file: String) { self.file = file }

    static func line(_ node: Node?) -> Int? { node?.mark?.line }

    func error(_ line: Int?, _ path: FieldPath, _ message: String) {
        diagnostics.append(Diagnostic(severity: .error, file: file, line: line, field: path.text, message: message))
    }
    func error(_ node: Node?, _ path: FieldPath, _ message: String) { error(Self.line(node), path, message) }
    func warning(_ line: Int?, _ path: FieldPath, _ message: String) {
        diagnostics.append(Diagnostic(severity: .warning, file: file, line: line, field: path.text, message: message))
    }
    func note(_ line: Int?, _ message: String) {
        diagnostics.append(Diagnostic(severity: .note, file: file, line: line, field: nil, message: message))
    }

    /// Whether the node is YAML null (`~`, `null`, empty): JSON `null`, an absent pointer.
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    static func kind(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let s):
            if isNull(node) { return "null" }
            if s.style == .plain, Int64(s.string) != nil { return s.string }
            return "\"\(s.string)\""
        }
    }

    /// The fields of a mapping; warns on every key not in `known` (with a suggestion)
    /// and on duplicated keys. Nil (with an error) when `node` is not a mapping.
    func fields(_ node: Node, _ path: FieldPath, known: [String]) -> Fields? {
        guard case .mapping(let mapping) = node else {
            error(node, path, "expected a mapping, found \(Self.kind(node))")
            return nil
        }
        var fields = Fields(line: Self.line(node), path: path)
        for (keyNode, value) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                error(keyNode, path, "expected a field name, found \(Self.kind(keyNode))")
                continue
            }
            let key = keyScalar.string
            if fields.values[key] != nil {
                warning(Self.line(keyNode), path.child(key), "duplicate field \"\(key)\"; the last one is used")
            } else {
                fields.orderedKeys.append(key)
            }
            fields.values[key] = value
            fields.keyLines[key] = Self.line(keyNode)
            if let line = Self.line(keyNode) { fieldLines[path.child(key).text] = line }
            if !known.isEmpty, !known.contains(key) {
                var message = "unknown field \"\(key)\""
                if let guess = nearest(key, in: known) { message += "; did you mean \"\(guess)\"?" }
                warning(Self.line(keyNode), path.child(key), message + " (ignored)")
            }
        }
        return fields
    }

    /// Like `fields`, accepting any key (labels, free-form maps).
    func anyFields(_ node: Node, _ path: FieldPath) -> Fields? { fields(node, path, known: []) }

    func sequence(_ node: Node, _ path: FieldPath) -> [Node]? {
        if case .sequence(let items) = node { return Array(items) }
        error(node, path, "expected a list, found \(Self.kind(node))")
        return nil
    }

    func scalarString(_ node: Node, _ path: FieldPath, expected: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error(node, path, "expected \(expected), found \(Self.kind(node))")
            return nil
        }
        return scalar.string
    }

    func string(_ node: Node, _ path: FieldPath) -> String? {
        scalarString(node, path, expected: "a string")
    }

    /// A plain integer scalar within `range`; quoted numbers are strings, as in JSON.
    func integer(_ node: Node, _ path: FieldPath, range: ClosedRange<Int64>, typeName: String) -> Int64? {
        guard case .scalar(let scalar) = node, scalar.style == .plain else {
            error(node, path, "expected an integer (\(typeName)), found \(Self.kind(node))")
            return nil
        }
        let text = scalar.string.hasPrefix("+") ? String(scalar.string.dropFirst()) : scalar.string
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            error(node, path, "expected an integer (\(typeName)), found \(Self.kind(node))")
            return nil
        }
        guard let value = Int64(text), range.contains(value) else {
            error(node, path, "expected an integer (\(typeName)), found \(scalar.string): out of range")
            return nil
        }
        return value
    }

    func int32(_ node: Node, _ path: FieldPath) -> Int32? {
        integer(node, path, range: Int64(Int32.min)...Int64(Int32.max), typeName: "int32").map { Int32($0) }
    }

    func int64(_ node: Node, _ path: FieldPath) -> Int64? {
        integer(node, path, range: Int64.min...Int64.max, typeName: "int64")
    }

    func bool(_ node: Node, _ path: FieldPath) -> Bool? {
        if case .scalar(let scalar) = node, scalar.style == .plain {
            switch scalar.string {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: break
            }
        }
        error(node, path, "expected a boolean (true or false), found \(Self.kind(node))")
        return nil
    }

    /// A float (plain scalar) that is finite.
    func double(_ node: Node, _ path: FieldPath) -> Double? {
        guard case .scalar(let scalar) = node, scalar.style == .plain,
              let value = Double(scalar.string), value.isFinite else {
            error(node, path, "expected a number, found \(Self.kind(node))")
            return nil
        }
        return value
    }

    /// A Kubernetes quantity, from a string or a number, as `resource.ParseQuantity` reads it.
    func quantity(_ node: Node, _ path: FieldPath) -> Quantity? {
        guard case .scalar(let scalar) = node else {
            error(node, path, "expected a quantity, found \(Self.kind(node))")
            return nil
        }
        do {
            return try Quantity(parsing: scalar.string)
        } catch {
            self.error(node, path, "Invalid value: \"\(scalar.string)\": \(error)")
            return nil
        }
    }
}
