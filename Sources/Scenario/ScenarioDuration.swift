public import SimTime

/// Durations as scenario files write them: `250ms`, `15s`, `5m`, `1h30m`, `7d`, or a
/// number of seconds.
public enum ScenarioDuration {
    /// The longest duration a scenario may name (a year): longer is taken for a typo.
    public static let maximum: SimDuration = .days(366)

    /// Parses `text`; nil when it is not a duration (negative durations are not durations).
    public static func parse(_ text: String) -> SimDuration? {
        let s = text.trimmingSpaces
        if s.isEmpty { return nil }
        if let seconds = Double(s) {
            guard seconds.isFinite, seconds >= 0, seconds <= maximum.seconds else { return nil }
            return SimDuration(seconds: seconds)
        }
        var total: Int64 = 0
        var number = ""
        var rest = Substring(s)
        var sawUnit = false
        while let c = rest.first {
            if c.isASCII, c.isNumber || c == "." {
                number.append(c); rest = rest.dropFirst(); continue
            }
            var unit = ""
            while let u = rest.first, u.isASCII, u.isLetter { unit.append(u); rest = rest.dropFirst() }
            let scale: Double
            switch unit {
            case "ms": scale = 1_000
            case "s": scale = 1_000_000
            case "m": scale = 60_000_000
            case "h": scale = 3_600_000_000
            case "d": scale = 86_400_000_000
            default: return nil
            }
            guard let value = Double(number), value.isFinite else { return nil }
            let micros = value * scale
            guard micros <= Double(maximum.microseconds) else { return nil }
            total += Int64(micros.rounded())
            guard total <= maximum.microseconds else { return nil }
            number = ""
            sawUnit = true
        }
        guard number.isEmpty, sawUnit else { return nil }
        return SimDuration(microseconds: total)
    }
}

extension String {
    /// Without leading and trailing spaces.
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
