internal import SimTime

extension Expectation {
    /// Parses `<figure>{<labels>} [during <start>..<end>] <op> <value>`.
    ///
    /// Checks everything the text alone decides: the figure's name, its labels (the subject
    /// it needs; `replicas` and `after` for `reactionTime`), the window, the operator, and that
    /// the value's unit suits the figure (`30s` for a duration, `70%` for a utilization, a bare
    /// number otherwise). Whether the names exist is ``ExpectationContext``'s check.
    ///
    /// - Throws: ``ExpectationSyntaxError`` at the first problem.
    public init(parsing text: String) throws(ExpectationSyntaxError) {
        var scanner = Scanner(Array(text))
        self = try scanner.expectation()
    }
}

extension FigureQuery {
    /// Parses `<figure>{<labels>} [during <start>..<end>]`: an expectation without operator and value.
    ///
    /// Checks what ``Expectation/init(parsing:)`` checks of a figure (its name, labels and
    /// window), with the same messages.
    /// - Throws: ``ExpectationSyntaxError`` at the first problem.
    public init(parsing text: String) throws(ExpectationSyntaxError) {
        var scanner = Scanner(Array(text))
        let (figure, labels, window) = try scanner.figureQuery()
        if scanner.i < scanner.chars.count {
            throw scanner.fail("the end of the figure (a figure alone has no operator or value)")
        }
        self.init(figure: figure, labels: labels, window: window)
    }
}

/// A hand-written scanner: one pass, every error with its column.
private struct Scanner {
    let chars: [Character]
    var i = 0
    init(_ chars: [Character]) { self.chars = chars }

    var column: Int { i + 1 }
    mutating func skipSpaces() { while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 } }
    var rest: String { String(chars[i...]) }
    /// What was found at the current position, for messages.
    var found: String {
        if i >= chars.count { return "the end of the expression" }
        var j = i
        while j < chars.count, chars[j] != " ", j - i < 12 { j += 1 }
        return "\"" + String(chars[i..<max(j, i + 1)]) + "\""
    }

    func fail(_ expected: String, at column: Int? = nil, found: String? = nil) -> ExpectationSyntaxError {
        ExpectationSyntaxError(column: column ?? self.column, expected: expected, found: found ?? self.found)
    }

    static func isNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "-" || c == "_")
    }

    mutating func word() -> String {
        let start = i
        while i < chars.count, Self.isNameCharacter(chars[i]) { i += 1 }
        return String(chars[start..<i])
    }

    mutating func expectation() throws(ExpectationSyntaxError) -> Expectation {
        let (figure, labels, window) = try figureQuery()
        let comparison = try self.comparison()
        skipSpaces()
        let (value, valueText) = try self.value(for: figure)
        skipSpaces()
        if i < chars.count { throw fail("the end of the expression after the value") }
        return Expectation(figure: figure, labels: labels, window: window, comparison: comparison, value: value, valueText: valueText)
    }

    /// `<figure>{<labels>} [during <start>..<end>]`, and the spaces after it: an expectation's
    /// left-hand side, and the whole of a ``FigureQuery``.
    mutating func figureQuery() throws(ExpectationSyntaxError) -> (Figure, [Expectation.Label], Expectation.Window?) {
        skipSpaces()
        let figureColumn = column
        let name = word()
        guard let figure = Figure(rawValue: name) else {
            if name.isEmpty { throw fail("a figure such as podHours or queueWait.p95") }
            var found = "\"\(name)\""
            if let guess = nearest(name, in: Figure.names) { found += " (did you mean \"\(guess)\"?)" }
            throw fail("a figure (\(Figure.names.joined(separator: ", ")))", at: figureColumn, found: found)
        }
        skipSpaces()
        guard i < chars.count, chars[i] == "{" else {
            throw fail("{ and the figure's labels, e.g. \(figure.rawValue){\(figure.subjects[0].rawValue)=NAME}")
        }
        let braceColumn = column
        i += 1
        let labels = try self.labels(for: figure, braceColumn: braceColumn)
        skipSpaces()
        var window: Expectation.Window?
        let duringColumn = column
        if rest.hasPrefix("during") {
            i += "during".count
            if let restriction = figure.windowRestriction {
                throw fail("a figure with a windowed form", at: duringColumn, found: "\(figure.rawValue), which \(restriction)")
            }
            window = try self.window()
            skipSpaces()
        }
        return (figure, labels, window)
    }

    mutating func labels(for figure: Figure, braceColumn: Int) throws(ExpectationSyntaxError) -> [Expectation.Label] {
        var allowed = figure.subjects.map(\.rawValue)
        if figure == .reactionTime { allowed += ["replicas", "after"] }
        var labels: [Expectation.Label] = []
        while true {
            skipSpaces()
            if i < chars.count, chars[i] == "}", labels.isEmpty { break }
            let keyColumn = column
            let key = word()
            guard !key.isEmpty else { throw fail("a label (\(allowed.joined(separator: ", ")))") }
            guard allowed.contains(key) else {
                throw fail("a label of \(figure.rawValue) (\(allowed.joined(separator: ", ")))", at: keyColumn, found: "\"\(key)\"")
            }
            if labels.contains(where: { $0.key == key }) {
                throw fail("each label once", at: keyColumn, found: "\"\(key)\" twice")
            }
            skipSpaces()
            guard i < chars.count, chars[i] == "=" else { throw fail("= after the label \"\(key)\"") }
            i += 1
            skipSpaces()
            let valueColumn = column
            let value = word()
            if value.isEmpty { throw fail("a name after \(key)=") }
            if key == "replicas", Int32(value).map({ $0 >= 0 }) != true {
                throw fail("a replica count (a non-negative integer)", at: valueColumn, found: "\"\(value)\"")
            }
            labels.append(Expectation.Label(key: key, value: value))
            skipSpaces()
            if i < chars.count, chars[i] == "," { i += 1; continue }
            if i < chars.count, chars[i] == "}" { break }
            throw fail(", or } after the label \(key)=\(value)")
        }
        i += 1   // the }
        let subjects = figure.subjects.map(\.rawValue)
        let given = labels.filter { subjects.contains($0.key) }
        if given.isEmpty {
            throw fail("the label \(subjects.joined(separator: " or ")) (\(figure.rawValue){\(subjects[0])=NAME})",
                       at: braceColumn, found: labels.isEmpty ? "no label" : "only " + labels.map(\.key).joined(separator: ", "))
        }
        if given.count > 1 {
            throw fail("one of the labels \(subjects.joined(separator: ", "))", at: braceColumn,
                       found: given.map(\.key).joined(separator: " and "))
        }
        if figure == .reactionTime {
            for needed in ["replicas", "after"] where !labels.contains(where: { $0.key == needed }) {
                throw fail("the label \(needed) (reactionTime{hpa=NAME, replicas=N, after=EVENT})", at: braceColumn,
                           found: "no \(needed)")
            }
        }
        return labels
    }

    mutating func window() throws(ExpectationSyntaxError) -> Expectation.Window {
        skipSpaces()
        let startColumn = column
        let start = try instant()
        guard rest.hasPrefix("..") else { throw fail(".. between the window's start and end (08:00..12:00)") }
        i += 2
        let end = try instant()
        if end <= start {
            throw fail("a window that ends after it starts", at: startColumn,
                       found: "\(Expectation.Window.clock(start))..\(Expectation.Window.clock(end))")
        }
        return Expectation.Window(start: start, end: end)
    }

    /// `08:00` or `2d08:00`: from the start of the run.
    mutating func instant() throws(ExpectationSyntaxError) -> SimDuration {
        let startColumn = column
        let start = i
        while i < chars.count, chars[i].isASCII, chars[i].isNumber || chars[i] == ":" || chars[i] == "d" { i += 1 }
        let token = String(chars[start..<i])
        let expected = "a time of day such as 08:00 (2d08:00 beyond the first day)"
        var days: Int64 = 0
        var clock = Substring(token)
        if let d = token.firstIndex(of: "d") {
            guard let n = Int64(token[..<d]) else { throw fail(expected, at: startColumn, found: "\"\(token)\"") }
            days = n
            clock = token[token.index(after: d)...]
        }
        let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let h = Int64(parts[0]), let m = Int64(parts[1]),
              (0...24).contains(h), (0..<60).contains(m), h * 60 + m <= 1440, days <= 366 else {
            throw fail(expected, at: startColumn, found: token.isEmpty ? found : "\"\(token)\"")
        }
        return .days(days) + .hours(h) + .minutes(m)
    }

    mutating func comparison() throws(ExpectationSyntaxError) -> Expectation.Comparison {
        let start = i
        while i < chars.count, "<>=!".contains(chars[i]) { i += 1 }
        let op = String(chars[start..<i])
        guard let comparison = Expectation.Comparison(rawValue: op) else {
            i = start
            throw fail("an operator (<, <=, ==, >=, >)")
        }
        return comparison
    }

    mutating func value(for figure: Figure) throws(ExpectationSyntaxError) -> (Double, String) {
        let valueColumn = column
        let start = i
        while i < chars.count, chars[i].isASCII, chars[i].isNumber || chars[i] == "." || chars[i] == "-" { i += 1 }
        let number = String(chars[start..<i])
        while i < chars.count, chars[i].isASCII, chars[i].isLetter || chars[i] == "%" { i += 1 }
        let unit = String(chars[(start + number.count)..<i])
        let text = number + unit
        let expected: String
        switch figure.unit {
        case .number: expected = "a number without unit"
        case .duration: expected = "a duration such as 30s, 3m or 1h"
        case .percent: expected = "a percentage such as 70%"
        }
        guard let n = Double(number), n.isFinite else {
            throw fail("\(expected) for \(figure.rawValue)", at: valueColumn, found: text.isEmpty ? found : "\"\(text)\"")
        }
        let wrong = ExpectationSyntaxError(column: valueColumn, expected: "\(expected) for \(figure.rawValue)", found: "\"\(text)\"")
        switch (figure.unit, unit) {
        case (.number, ""): return (n, text)
        case (.percent, "%"): return (n / 100, text)
        case (.duration, "ms"): return (n / 1000, text)
        case (.duration, "s"): return (n, text)
        case (.duration, "m"): return (n * 60, text)
        case (.duration, "h"): return (n * 3600, text)
        case (.duration, "d"): return (n * 86_400, text)
        default: throw wrong
        }
    }
}

/// The candidate nearest to `key` (edit distance ≤ 3, case-insensitive), for "did you mean";
/// the scenario reader suggests field names with it too.
public func nearest(_ key: String, in candidates: [String]) -> String? {
    var best: (String, Int)?
    for candidate in candidates {
        let d = editDistance(Array(key.lowercased()), Array(candidate.lowercased()))
        if d <= 3, best.map({ d < $0.1 }) ?? true { best = (candidate, d) }
    }
    return best?.0
}

private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
