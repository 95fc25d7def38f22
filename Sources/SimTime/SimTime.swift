/// **Simulated time is an exact integer count of microseconds: it never drifts.**
///
/// `SimTime` is an instant on the simulation's clock; `SimDuration` is the distance between
/// two instants. Both wrap an `Int64` of microseconds, so a 30-day run sums 15-second sync
/// periods without rounding, and `.seconds(15)` is the same value everywhere.
/// The range is about ±292,000 years, which holds ``SimTime/farPast`` (Go's zero
/// `time.Time`, which the conformance vectors write as `-1e12` seconds).
public struct SimTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Microseconds since the start of the simulation (negative: before it).
    public var microseconds: Int64

    /// The instant `microseconds` after the start of the simulation.
    @inlinable public init(microseconds: Int64) { self.microseconds = microseconds }

    /// The start of the simulation.
    public static let zero = SimTime(microseconds: 0)

    /// Go's zero `time.Time` as the controller sees it: long before any event
    /// (`-1e12` seconds, as the conformance vectors write it).
    public static let farPast = SimTime(microseconds: -1_000_000_000_000 * 1_000_000)

    /// The instant `seconds` after the start.
    @inlinable public static func seconds(_ seconds: Int64) -> SimTime { SimTime(microseconds: seconds * 1_000_000) }
    /// The instant `minutes` after the start.
    @inlinable public static func minutes(_ minutes: Int64) -> SimTime { .seconds(minutes * 60) }
    /// The instant `hours` after the start.
    @inlinable public static func hours(_ hours: Int64) -> SimTime { .seconds(hours * 3600) }
    /// The instant `days` after the start.
    @inlinable public static func days(_ days: Int64) -> SimTime { .seconds(days * 86_400) }
    /// The instant nearest to `seconds` (a float) after the start, rounded to the microsecond.
    @inlinable public init(seconds: Double) {
        self.init(microseconds: SimDuration.roundedMicroseconds(seconds))
    }

    /// Seconds since the start, as a float (for reports; decisions compare `microseconds`).
    @inlinable public var seconds: Double { Double(microseconds) / 1_000_000 }

    @inlinable public static func < (lhs: SimTime, rhs: SimTime) -> Bool { lhs.microseconds < rhs.microseconds }
    @inlinable public static func + (lhs: SimTime, rhs: SimDuration) -> SimTime {
        SimTime(microseconds: lhs.microseconds + rhs.microseconds)
    }
    @inlinable public static func - (lhs: SimTime, rhs: SimDuration) -> SimTime {
        SimTime(microseconds: lhs.microseconds - rhs.microseconds)
    }
    @inlinable public static func - (lhs: SimTime, rhs: SimTime) -> SimDuration {
        SimDuration(microseconds: lhs.microseconds - rhs.microseconds)
    }
    @inlinable public static func += (lhs: inout SimTime, rhs: SimDuration) { lhs = lhs + rhs }

    /// `t=1h02m03.5s`-style rendering for logs and messages.
    public var description: String { "t=" + SimDuration(microseconds: microseconds).description }
}

/// A length of simulated time, in exact microseconds.
public struct SimDuration: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The length in microseconds (negative durations exist only as differences).
    public var microseconds: Int64

    @inlinable public init(microseconds: Int64) { self.microseconds = microseconds }

    public static let zero = SimDuration(microseconds: 0)

    @inlinable public static func microseconds(_ us: Int64) -> SimDuration { SimDuration(microseconds: us) }
    @inlinable public static func milliseconds(_ ms: Int64) -> SimDuration { SimDuration(microseconds: ms * 1_000) }
    @inlinable public static func seconds(_ seconds: Int64) -> SimDuration { SimDuration(microseconds: seconds * 1_000_000) }
    @inlinable public static func minutes(_ minutes: Int64) -> SimDuration { .seconds(minutes * 60) }
    @inlinable public static func hours(_ hours: Int64) -> SimDuration { .seconds(hours * 3600) }
    @inlinable public static func days(_ days: Int64) -> SimDuration { .seconds(days * 86_400) }
    /// The duration nearest to `seconds` (a float), rounded to the microsecond.
    @inlinable public init(seconds: Double) {
        self.init(microseconds: SimDuration.roundedMicroseconds(seconds))
    }

    /// `seconds × 10⁶` rounded to nearest, saturating at the `Int64` range (NaN → 0).
    @inlinable public static func roundedMicroseconds(_ seconds: Double) -> Int64 {
        let us = (seconds * 1_000_000).rounded()
        guard us.isFinite else { return us.isNaN ? 0 : (us > 0 ? .max : .min) }
        if us >= 9.2e18 { return .max }
        if us <= -9.2e18 { return .min }
        return Int64(us)
    }

    /// The length in seconds, as a float.
    @inlinable public var seconds: Double { Double(microseconds) / 1_000_000 }

    @inlinable public static func < (lhs: SimDuration, rhs: SimDuration) -> Bool { lhs.microseconds < rhs.microseconds }
    @inlinable public static func + (lhs: SimDuration, rhs: SimDuration) -> SimDuration {
        SimDuration(microseconds: lhs.microseconds + rhs.microseconds)
    }
    @inlinable public static func - (lhs: SimDuration, rhs: SimDuration) -> SimDuration {
        SimDuration(microseconds: lhs.microseconds - rhs.microseconds)
    }
    @inlinable public static func * (lhs: SimDuration, rhs: Int64) -> SimDuration {
        SimDuration(microseconds: lhs.microseconds * rhs)
    }
    @inlinable public static prefix func - (d: SimDuration) -> SimDuration { SimDuration(microseconds: -d.microseconds) }

    /// `1h02m03.5s`, `15s`, `-300s`, `250ms`.
    public var description: String {
        var us = microseconds
        var out = ""
        if us < 0 { out = "-"; us = us == .min ? .max : -us }
        if us < 1_000_000, us % 1_000 == 0, us != 0 { return out + "\(us / 1_000)ms" }
        let h = us / 3_600_000_000, m = (us / 60_000_000) % 60, s = (us / 1_000_000) % 60, frac = us % 1_000_000
        if h > 0 { out += "\(h)h" }
        if h > 0 || m > 0 { out += h > 0 ? pad2(m) + "m" : "\(m)m" }
        out += (h > 0 || m > 0) ? pad2(s) : "\(s)"
        if frac != 0 {
            var f = String(frac)
            while f.count < 6 { f = "0" + f }
            while f.hasSuffix("0") { f.removeLast() }
            out += "." + f
        }
        return out + "s"
    }
}

private func pad2(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
