public import SimTime

/// A named instant of the workload that `reactionTime{..., after=NAME}` measures from: an
/// arrival-rate segment's start, or a class's bursts (`name:` on either in a scenario).
public struct WorkloadEvent: Hashable, Sendable {
    /// When the event happens.
    public enum Timing: Hashable, Sendable {
        /// A rate segment starting at `start`; with a `period`, again every period.
        case segment(start: SimDuration, period: SimDuration?)
        /// Bursts at `offset + k × interval`.
        case bursts(offset: SimDuration, interval: SimDuration)
    }

    public var name: String
    /// The task class whose arrivals it belongs to.
    public var taskClass: String
    public var timing: Timing

    public init(name: String, taskClass: String, timing: Timing) {
        self.name = name; self.taskClass = taskClass; self.timing = timing
    }

    /// Every occurrence in `[0, duration)`, in order.
    public func occurrences(before duration: SimDuration) -> [SimTime] {
        let (first, step): (SimDuration, SimDuration?) = switch timing {
        case .segment(let start, let period): (start, period)
        case .bursts(let offset, let interval): (offset, interval)
        }
        var out: [SimTime] = []
        var t = first
        while t < duration {
            out.append(.zero + t)
            guard let step, step > .zero else { break }
            t = t + step
        }
        return out
    }
}
