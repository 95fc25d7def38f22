public import SimTime
public import Randomness

/// When a class's tasks arrive: a Poisson process whose rate follows a schedule,
/// plus optional bursts (meetings starting on the hour).
public struct ArrivalProcess: Hashable, Sendable, Codable {
    /// The Poisson rate over time (a non-homogeneous Poisson process).
    public var rate: RateSchedule
    /// Extra arrivals at regular instants; nil: none.
    public var bursts: Bursts?

    public init(rate: RateSchedule, bursts: Bursts? = nil) { self.rate = rate; self.bursts = bursts }

    /// No arrivals (for classes fed only by a trace).
    public static let none = ArrivalProcess(rate: .constant(0))
    /// A constant-rate Poisson process.
    public static func poisson(ratePerSecond: Double) -> ArrivalProcess { ArrivalProcess(rate: .constant(ratePerSecond)) }
}

/// A piecewise-constant rate in arrivals per second, optionally repeating.
///
/// Segment *i* holds from `segments[i].start` until the next segment's start (the last
/// holds until the period ends, or forever without a period). With a period the
/// schedule repeats: `.daily` repeats every day, `.weekly` every 7 days.
public struct RateSchedule: Hashable, Sendable, Codable {
    /// Sorted by start; the first starts at zero.
    public var segments: [RateSegment]
    /// The schedule repeats with this period; nil: it does not repeat.
    public var period: SimDuration?

    public init(segments: [RateSegment], period: SimDuration? = nil) { self.segments = segments; self.period = period }

    /// The same rate forever.
    public static func constant(_ ratePerSecond: Double) -> RateSchedule {
        RateSchedule(segments: [RateSegment(start: .zero, ratePerSecond: ratePerSecond)])
    }
    /// 24 hourly rates (arrivals per second) repeating every day.
    public static func daily(hourlyRatesPerSecond rates: [Double]) -> RateSchedule {
        RateSchedule(segments: rates.enumerated().map { RateSegment(start: .hours(Int64($0.offset)), ratePerSecond: $0.element) },
                     period: .days(1))
    }
    /// A daily profile (24 hourly rates) scaled per weekday (7 factors, day 0 first), repeating weekly.
    public static func weekly(hourlyRatesPerSecond rates: [Double], dayFactors: [Double]) -> RateSchedule {
        var segments: [RateSegment] = []
        for (day, factor) in dayFactors.enumerated() {
            for (hour, rate) in rates.enumerated() {
                segments.append(RateSegment(start: .days(Int64(day)) + .hours(Int64(hour)), ratePerSecond: rate * factor))
            }
        }
        return RateSchedule(segments: segments, period: .days(7))
    }
}

/// A rate from an instant on (relative to the start of the schedule's period).
public struct RateSegment: Hashable, Sendable, Codable {
    public var start: SimDuration
    public var ratePerSecond: Double
    public init(start: SimDuration, ratePerSecond: Double) { self.start = start; self.ratePerSecond = ratePerSecond }
}

/// Bursts of arrivals at regular instants: at `offset + k × interval` a burst of
/// ``size`` tasks (rounded) arrives spread uniformly over ``spread``.
/// Sizes and instants come from the stream `bursts.<class>`.
public struct Bursts: Hashable, Sendable, Codable {
    /// Distance between bursts (one hour: meetings starting on the hour).
    public var interval: SimDuration
    /// The first burst's instant.
    public var offset: SimDuration
    /// Tasks per burst.
    public var size: Distribution
    /// Arrivals spread uniformly over this long after the burst instant; zero: all at once.
    public var spread: SimDuration

    public init(interval: SimDuration = .hours(1), offset: SimDuration = .zero, size: Distribution,
                spread: SimDuration = .minutes(2)) {
        self.interval = interval; self.offset = offset; self.size = size; self.spread = spread
    }
}
