extension Engine {
    /// Why ``run(through:maxEvents:handler:)`` returned.
    public enum StopReason: Sendable, Equatable {
        /// The next event lies after the horizon.
        case horizon
        /// No event is pending.
        case exhausted
        /// `maxEvents` events were processed.
        case eventBudget
        /// The handler returned `false`.
        case predicate
    }

    /// Processes events through `horizon` (inclusive), at most `maxEvents` of them, until
    /// `handler` returns `false`.
    ///
    /// Before each event: if `maxEvents` have been processed by this call, it stops with
    /// `.eventBudget` (so events tied with the last one stay pending); if the next event is
    /// after `horizon`, with `.horizon`. The handler may schedule and cancel events.
    @inlinable @discardableResult
    public mutating func run(through horizon: Time, maxEvents: Int = .max,
                             handler: (inout Engine, Time, Event) -> Bool) -> StopReason {
        var count = 0
        while true {
            if count == maxEvents { return .eventBudget }
            guard let (time, event) = next(through: horizon) else {
                return nextTime == nil ? .exhausted : .horizon
            }
            count += 1
            if !handler(&self, time, event) { return .predicate }
        }
    }

    /// Processes events until `stop` holds for the next one (which then stays pending),
    /// through `horizon` (inclusive), at most `maxEvents`.
    @inlinable @discardableResult
    public mutating func run(through horizon: Time, maxEvents: Int = .max,
                             until stop: (Time, Event) -> Bool,
                             handler: (inout Engine, Time, Event) -> Void) -> StopReason {
        var count = 0
        while true {
            if count == maxEvents { return .eventBudget }
            guard let time = nextTime else { return .exhausted }
            if horizon < time { return .horizon }
            let peeked = storage.withUnsafeMutablePointerToHeader { s in
                s.pointee.slots.payloads[Int(s.pointee.heap.min.slot)]
            }
            if stop(time, peeked) { return .predicate }
            guard let (t, event) = next(through: horizon) else { return .exhausted }
            count += 1
            handler(&self, t, event)
        }
    }

    /// Pops every pending event through `horizon` (inclusive) in order (for tests).
    public mutating func drain(through horizon: Time) -> [Event] {
        var events: [Event] = []
        while let (_, event) = next(through: horizon) { events.append(event) }
        return events
    }

    /// Pops every pending event in order, with its time (for tests).
    public mutating func drainWithTimes() -> [(time: Time, event: Event)] {
        var events: [(time: Time, event: Event)] = []
        while let time = nextTime, let (t, event) = next(through: time) { events.append((t, event)) }
        return events
    }

    /// Pops every pending event in order (for tests).
    public mutating func drain() -> [Event] {
        drainWithTimes().map(\.event)
    }
}
