public import SimTime

/// Simulated instants as a person reads them: the time of day on the simulated clock, with the
/// day when it is not the first (`14:30:00`, `2d14:30:00`).
///
/// **One parser for every command.** `--at`, `--from` and `--to` accept `14:30` (within the
/// first day), `2d14:30` (day 2, counting from 0), `62h30m` (a duration since the start, as
/// `--duration` takes it: `d`, `h`, `m`, `s`, `ms` parts) and `14:30:15`.
public enum TimeOfDay {
    /// `14:30:00` within the first day, `2d14:30:00` beyond it; fractions of a second are cut.
    public static func format(_ time: SimTime) -> String {
        let totalSeconds = time.microseconds >= 0 ? time.microseconds / 1_000_000
            : -((-time.microseconds + 999_999) / 1_000_000)
        let sign = totalSeconds < 0 ? "-" : ""
        let s = abs(totalSeconds)
        let days = s / 86_400, h = (s / 3600) % 24, m = (s / 60) % 60, sec = s % 60
        let clock = "\(pad2(h)):\(pad2(m)):\(pad2(sec))"
        return sign + (days > 0 ? "\(days)d\(clock)" : clock)
    }

    /// `14:30`, `14:30:15`, `2d14:30`, `62h30m`, `90s`; nil for anything else.
    public static func parse(_ text: String) -> SimTime? {
        let trimmed = text.trimmingWhitespace
        guard !trimmed.isEmpty else { return nil }
        if trimmed.contains(":") { return parseClock(trimmed) }
        return parseDuration(trimmed).map { SimTime(microseconds: $0) }
    }

    /// What the parser accepts, for error messages.
    public static let expected = "a simulated time such as 14:30, 2d14:30 or 62h30m"

    /// `[<days>d]HH:MM[:SS]`.
    private static func parseClock(_ text: String) -> SimTime? {
        var rest = Substring(text)
        var days: Int64 = 0
        if let d = rest.firstIndex(of: "d") {
            guard let value = Int64(rest[..<d]), value >= 0 else { return nil }
            days = value
            rest = rest[rest.index(after: d)...]
        }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCIIDigit) }),
              let h = Int64(parts[0]), let m = Int64(parts[1]), h < 24, m < 60 else { return nil }
        let s = parts.count == 3 ? Int64(parts[2]) ?? 60 : 0
        guard s < 60 else { return nil }
        return .seconds(days * 86_400 + h * 3600 + m * 60 + s)
    }

    /// `62h30m`, `2d`, `90s`, `1500ms`: parts in the order d, h, m, s, ms, each at most once;
    /// microseconds.
    private static func parseDuration(_ text: String) -> Int64? {
        // `ms` is tried before `m`; `order` is the position a part must keep.
        let units: [(suffix: String, microseconds: Int64, order: Int)] = [
            ("ms", 1_000, 4), ("d", 86_400_000_000, 0), ("h", 3_600_000_000, 1), ("m", 60_000_000, 2),
            ("s", 1_000_000, 3)]
        var rest = Substring(text), total: Int64 = 0, lastOrder = -1
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCIIDigit }
            guard !digits.isEmpty, let value = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.suffix) }), unit.order > lastOrder else { return nil }
            lastOrder = unit.order
            let (product, overflow) = value.multipliedReportingOverflow(by: unit.microseconds)
            guard !overflow else { return nil }
            let (sum, sumOverflow) = total.addingReportingOverflow(product)
            guard !sumOverflow else { return nil }
            total = sum
            rest = rest.dropFirst(unit.suffix.count)
        }
        return total
    }

    private static func pad2(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
