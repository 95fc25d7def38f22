public import SimTime

/// One promise about a run: `<figure>{<labels>} [during <window>] <op> <value>`.
///
/// ```swift
/// let promise = try Expectation(parsing: "queueWait.p95{class=egress-snapshot} <= 30s")
/// ```
/// **The YAML form and the Swift form are the same type**: a scenario's `expectations:`
/// entries and `try result.check("...")` parse with ``init(parsing:)``. Values are kept in the
/// figure's measuring unit: seconds for durations, a ratio for percentages (`70%` is 0.7).
public struct Expectation: Hashable, Sendable, CustomStringConvertible {
    /// The comparison a promise makes.
    public enum Comparison: String, Hashable, Sendable, CaseIterable {
        case less = "<", lessOrEqual = "<=", equal = "==", greaterOrEqual = ">=", greater = ">"

        /// Whether `measured <op> promised`.
        public func holds(_ measured: Double, _ promised: Double) -> Bool {
            switch self {
            case .less: return measured < promised
            case .lessOrEqual: return measured <= promised
            case .equal: return measured == promised
            case .greaterOrEqual: return measured >= promised
            case .greater: return measured > promised
            }
        }
    }

    /// A span of simulated time, from the start of the run: `08:00..12:00`, `2d08:00..2d12:00`.
    public struct Window: Hashable, Sendable, CustomStringConvertible {
        public var start: SimDuration
        public var end: SimDuration
        public init(start: SimDuration, end: SimDuration) { self.start = start; self.end = end }
        /// Whether `time` (from the start of the run) lies in `[start, end)`.
        public func contains(_ time: SimTime) -> Bool {
            time.microseconds >= start.microseconds && time.microseconds < end.microseconds
        }
        public var description: String { Self.clock(start) + ".." + Self.clock(end) }
        /// `08:00`, `2d08:00`.
        static func clock(_ d: SimDuration) -> String {
            let minutes = d.microseconds / 60_000_000
            let days = minutes / 1440, hour = (minutes % 1440) / 60, minute = minutes % 60
            func pad(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
            return (days > 0 ? "\(days)d" : "") + pad(hour) + ":" + pad(minute)
        }
    }

    /// One `key=value` between the braces.
    public struct Label: Hashable, Sendable {
        public var key: String
        public var value: String
        public init(key: String, value: String) { self.key = key; self.value = value }
    }

    public var figure: Figure
    /// As written, in order.
    public var labels: [Label]
    public var window: Window?
    public var comparison: Comparison
    /// The promised value in the figure's measuring unit (seconds, a ratio, or a number).
    public var value: Double
    /// The promised value as written (`30s`, `70%`).
    public var valueText: String

    /// The value of label `key`, if given.
    public func label(_ key: String) -> String? { labels.first { $0.key == key }?.value }

    /// Who the figure is about: `class`, `deployment` or `hpa`, with the name.
    public var subject: (kind: Figure.Subject, name: String) {
        for kind in figure.subjects { if let name = label(kind.rawValue) { return (kind, name) } }
        preconditionFailure("a parsed expectation always names its subject")
    }

    /// `reactionTime`'s target replicas.
    public var replicas: Int32? { label("replicas").flatMap { Int32($0) } }
    /// `reactionTime`'s event name.
    public var after: String? { label("after") }

    /// The canonical text: `podHours{deployment=egress} during 08:00..12:00 <= 200`.
    public var description: String {
        var out = figure.rawValue + "{" + labels.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "}"
        if let window { out += " during \(window)" }
        return out + " \(comparison.rawValue) \(valueText)"
    }

    public init(figure: Figure, labels: [Label], window: Window? = nil, comparison: Comparison, value: Double, valueText: String) {
        self.figure = figure; self.labels = labels; self.window = window; self.comparison = comparison
        self.value = value; self.valueText = valueText
    }
}

/// An expectation's text that does not parse: where (1-based column), what was expected and what was found.
///
/// `column 24: expected an operator (<, <=, ==, >=, >), found "=<"`.
public struct ExpectationSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var column: Int
    public var expected: String
    public var found: String
    public init(column: Int, expected: String, found: String) {
        self.column = column; self.expected = expected; self.found = found
    }
    public var description: String { "column \(column): expected \(expected), found \(found)" }
}
