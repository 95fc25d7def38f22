/// The `redis` (lists) trigger's metadata as `pkg/scalers/redis_scaler.go` parses it.
///
/// `listLength` (default 5) and `activationListLength` (default 0) are int64 decoded as
/// JSON numbers from the trimmed string (`scalersconfig/typed_config.go`): `"10"` parses;
/// `"5.5"`, `"1e3"`, `"05"`, `"+5"` fail; negatives parse (HPA validation rejects a target ≤ 0 later).
public struct RedisListTrigger: Hashable, Sendable, Codable {
    /// `listName`: the Redis key whose length is measured.
    public var listName: String
    /// `listLength`: the target per pod (AverageValue) or in total (Value).
    public var listLength: Int64
    /// `activationListLength`: the trigger is active when the length is strictly greater.
    public var activationListLength: Int64

    public init(listName: String, listLength: Int64 = 5, activationListLength: Int64 = 0) {
        self.listName = listName; self.listLength = listLength; self.activationListLength = activationListLength
    }

    /// Parses a trigger's `metadata` as KEDA does when it builds the scaler.
    ///
    /// - Throws: ``KEDAReconcileError`` in KEDA's words (`error parsing redis metadata: ...`).
    public init(metadata: [String: String]) throws(KEDAReconcileError) {
        let prefix = "error parsing redis metadata: error parsing redis metadata: "
        func number(_ key: String, default value: Int64) throws(KEDAReconcileError) -> Int64 {
            guard let raw = metadata[key] else { return value }
            let text = raw.trimmingGoSpace()
            if text.isEmpty { return value }
            switch GoJSONInt64.decode(text) {
            case .success(let n): return n
            case .failure(let message):
                throw KEDAReconcileError(prefix + "unable to set param \"\(key)\" value \"\(raw)\": unable to unmarshal to field type int64: \(message)",
                                         field: "metadata.\(key)")
            }
        }
        guard let name = metadata["listName"]?.trimmingGoSpace(), !name.isEmpty else {
            throw KEDAReconcileError(prefix + "missing required parameter \"listName\" in [triggerMetadata]", field: "metadata")
        }
        self.listName = name
        self.listLength = try number("listLength", default: 5)
        self.activationListLength = try number("activationListLength", default: 0)
    }

    /// Whether a measured length activates the trigger: strictly above `activationListLength`.
    public func isActive(length: Double) -> Bool { length > Double(activationListLength) }

    /// The metric name KEDA gives trigger `index`: `s<i>-redis-<listName>` with `/ . : % ( )`
    /// replaced by `-` (`GenerateMetricNameWithIndex`, `pkg/util/normalize_string.go`).
    public func metricName(index: Int) -> String {
        "s\(index)-redis-" + String(listName.map { "/.:%()".contains($0) ? "-" : $0 })
    }

    /// What the scaler reports for a measured length: the length as a quantity parsed
    /// from `%.3f` (NaN or negative: 0), in milli-units.
    public static func reportedMilli(length: Double) -> Int64 {
        guard length.isFinite, length > 0 else { return 0 }
        return Int64((length * 1000).rounded())
    }
}

/// Go's `encoding/json` decoding a number into an `int64`, with its error text.
enum GoJSONInt64 {
    enum Outcome { case success(Int64), failure(String) }

    static func decode(_ text: String) -> Outcome {
        let chars = Array(text.utf8)
        // The JSON number grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
        var i = 0
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        func invalid(_ at: Int, _ context: String) -> Outcome {
            let c = Character(UnicodeScalar(chars[at]))
            return .failure("invalid character '\(c)' \(context)")
        }
        guard let first = chars.first else { return .failure("unexpected end of JSON input") }
        if first == UInt8(ascii: "-") { i += 1 } else if !isDigit(first) { return invalid(0, "looking for beginning of value") }
        guard i < chars.count else { return .failure("unexpected end of JSON input") }
        guard isDigit(chars[i]) else { return invalid(i, "in numeric literal") }
        if chars[i] == UInt8(ascii: "0") { i += 1 } else { while i < chars.count, isDigit(chars[i]) { i += 1 } }
        var isInteger = true
        if i < chars.count, chars[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            guard i < chars.count else { return .failure("unexpected end of JSON input") }
            guard isDigit(chars[i]) else { return invalid(i, "after decimal point in numeric literal") }
            while i < chars.count, isDigit(chars[i]) { i += 1 }
        }
        if i < chars.count, chars[i] == UInt8(ascii: "e") || chars[i] == UInt8(ascii: "E") {
            isInteger = false
            i += 1
            if i < chars.count, chars[i] == UInt8(ascii: "+") || chars[i] == UInt8(ascii: "-") { i += 1 }
            guard i < chars.count else { return .failure("unexpected end of JSON input") }
            guard isDigit(chars[i]) else { return invalid(i, "in exponent of numeric literal") }
            while i < chars.count, isDigit(chars[i]) { i += 1 }
        }
        if i < chars.count { return invalid(i, "after top-level value") }
        guard isInteger, let value = Int64(text) else {
            return .failure("json: cannot unmarshal number \(text) into Go value of type int64")
        }
        return .success(value)
    }
}

extension String {
    /// `strings.TrimSpace` for ASCII whitespace.
    func trimmingGoSpace() -> String {
        let space: Set<Character> = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"]
        var s = Substring(self)
        while let f = s.first, space.contains(f) { s.removeFirst() }
        while let l = s.last, space.contains(l) { s.removeLast() }
        return String(s)
    }
}
