/// One difference between an expected and an actual value.
public struct Mismatch: Hashable, Sendable, CustomStringConvertible {
    /// `conditions[1].reason`-style path from the top of `expect`.
    public var path: String
    public var expected: JSONValue
    /// nil when the runner does not produce that key at all.
    public var actual: JSONValue?
    public var description: String {
        "\(path.isEmpty ? "value" : path): expected \(expected), actual \(actual?.description ?? "(not produced)")"
    }
}

/// The README's comparison rules: only keys present in `expect` are checked; objects key by
/// key (recursively, expected keys only); lists by length and element; numbers within 1e-9
/// relative; `error` is a substring test (`null` = no error).
public enum Comparison {
    public static func mismatches(expected: JSONValue, actual: JSONValue?, path: String = "") -> [Mismatch] {
        guard let actual else { return [Mismatch(path: path, expected: expected, actual: nil)] }
        switch (expected, actual) {
        case (.object(let want), .object(let have)):
            var result: [Mismatch] = []
            for key in want.keys.sorted() {
                guard let wanted = want[key] else { continue }
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                if key == "error" {
                    result += errorMismatch(expected: wanted, actual: have[key] ?? .null, path: childPath)
                } else {
                    result += mismatches(expected: wanted, actual: have[key], path: childPath)
                }
            }
            return result
        case (.array(let want), .array(let have)):
            guard want.count == have.count else { return [Mismatch(path: path, expected: expected, actual: actual)] }
            return zip(want, have).enumerated().flatMap { index, pair in
                mismatches(expected: pair.0, actual: pair.1, path: "\(path)[\(index)]")
            }
        default:
            return equal(expected, actual) ? [] : [Mismatch(path: path, expected: expected, actual: actual)]
        }
    }

    static func errorMismatch(expected: JSONValue, actual: JSONValue, path: String) -> [Mismatch] {
        switch (expected, actual) {
        case (.null, .null): return []
        case (.string(let want), .string(let have)) where have.contains(want): return []
        default: return [Mismatch(path: path, expected: expected, actual: actual)]
        }
    }

    /// Scalars: numbers within 1e-9 relative (exact for two integers); others exactly.
    static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if case .int(let a) = lhs, case .int(let b) = rhs { return a == b }
        if let a = lhs.number, let b = rhs.number {
            if a == b { return true }
            return abs(a - b) <= 1e-9 * max(abs(a), abs(b))
        }
        return lhs == rhs
    }
}
