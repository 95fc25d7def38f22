import Foundation
import SimTime
import Randomness

/// Draws a class's arrival instants: a non-homogeneous Poisson process over a
/// piecewise-constant rate, by inversion (an Exp(1) amount of "work" spent through the
/// segments), so the draws depend only on the stream and the schedule.
struct ArrivalGenerator {
    /// Segment starts in microseconds within the period, ascending, the first at zero.
    private let starts: [Int64]
    private let rates: [Double]
    /// Period in microseconds; nil: the last segment holds forever.
    private let period: Int64?
    private let anyPositive: Bool
    private var stream: Xoshiro256StarStar

    init(schedule: RateSchedule, stream: Xoshiro256StarStar) {
        starts = schedule.segments.map(\.start.microseconds)
        rates = schedule.segments.map { max(0, $0.ratePerSecond) }
        period = schedule.period.map(\.microseconds)
        anyPositive = rates.contains { $0 > 0 }
        self.stream = stream
    }

    /// The first arrival after `time`, or nil when none ever comes.
    mutating func next(after time: SimTime) -> SimTime? {
        guard anyPositive, !starts.isEmpty else { return nil }
        var need = -log(1.0 - stream.nextUnit())          // Exp(1) work, in rate × seconds
        var t = time.microseconds
        while true {
            let (rate, end) = segment(at: t)
            if rate > 0 {
                let dt = need / rate
                let candidate = Double(t) + dt * 1_000_000
                if end == nil || candidate < Double(end ?? .max) {
                    guard candidate < 9.0e18 else { return nil }
                    return SimTime(microseconds: Int64(candidate.rounded()))
                }
            }
            guard let end else { return nil }             // rate zero forever
            need -= rate * Double(end - t) / 1_000_000
            t = end
        }
    }

    /// The rate at `t` and the instant it next changes (nil: never).
    private func segment(at t: Int64) -> (Double, Int64?) {
        let base: Int64, phase: Int64
        if let period {
            phase = ((t % period) + period) % period
            base = t - phase
        } else {
            phase = t; base = 0
        }
        var i = 0
        while i + 1 < starts.count, starts[i + 1] <= phase { i += 1 }
        if phase < starts[0] { return (0, base + starts[0]) }
        let end: Int64? = i + 1 < starts.count ? base + starts[i + 1] : period.map { base + $0 }
        return (rates[i], end)
    }
}

/// Bursts of a class: at each burst instant a size is drawn, then that many arrivals are
/// placed uniformly over the spread in increasing order (sequential order statistics,
/// so only the remaining count is kept).
struct BurstGenerator {
    let bursts: Bursts
    private var stream: Xoshiro256StarStar
    private(set) var remaining = 0
    private var cursor: Int64 = 0
    private var end: Int64 = 0

    init(bursts: Bursts, stream: Xoshiro256StarStar) { self.bursts = bursts; self.stream = stream }

    /// The `k`-th burst instant (k ≥ 0).
    func instant(_ k: Int64) -> SimTime { SimTime.zero + bursts.offset + bursts.interval * k }

    /// Starts the burst at `time`: draws its size; returns the first arrival, if any.
    mutating func begin(at time: SimTime) -> SimTime? {
        let size = bursts.size.sample(using: &stream)
        remaining = size.isFinite ? Int(max(0, min(1e7, size.rounded()))) : 0
        cursor = time.microseconds
        end = time.microseconds + max(0, bursts.spread.microseconds)
        return nextArrival()
    }

    /// The next arrival of the current burst, if any remain.
    mutating func nextArrival() -> SimTime? {
        guard remaining > 0 else { return nil }
        let u = stream.nextUnit()
        let fraction = 1 - pow(1 - u, 1 / Double(remaining))      // min of `remaining` uniforms
        cursor += Int64((Double(end - cursor) * fraction).rounded(.down))
        remaining -= 1
        return SimTime(microseconds: cursor)
    }
}
