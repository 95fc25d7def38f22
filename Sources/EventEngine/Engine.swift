/// **Events at equal times run in the order they were scheduled; an event's phase sorts before that order.**
///
/// A discrete-event engine over any `Comparable` time and any event payload. It knows
/// nothing of Kubernetes: the model defines `Event` (usually an enum) and handles each
/// event it pops.
///
/// ```swift
/// var engine = Engine<SimTime, Tick>()
/// engine.schedule(.tick(1), at: .seconds(10))
/// while let (now, event) = engine.next(through: .minutes(5)) { handle(event, at: now) }
/// ```
///
/// NOTE: contract version; the tuned implementation (unsafe heap storage, slot table)
/// replaces the internals without changing this API.
public struct Engine<Time: Comparable, Event> {
    @usableFromInline var heap: [Entry] = []
    @usableFromInline var slots: [Event?] = []
    @usableFromInline var generations: [UInt32] = []
    @usableFromInline var freeSlots: [UInt32] = []
    @usableFromInline var sequence: UInt64 = 0
    @usableFromInline var clock: Time
    @usableFromInline var processedCount: Int = 0
    /// The time of the event processed last (the start time before any).
    @inlinable public var now: Time { clock }
    /// Events processed so far.
    @inlinable public var processed: Int { processedCount }

    @usableFromInline struct Entry {
        @usableFromInline var time: Time
        @usableFromInline var key: UInt64      // phase << 56 | sequence
        @usableFromInline var slot: UInt32
        @inlinable init(time: Time, key: UInt64, slot: UInt32) { self.time = time; self.key = key; self.slot = slot }
        @inlinable func precedes(_ other: Entry) -> Bool {
            time < other.time || (!(other.time < time) && key < other.key)
        }
    }

    /// An empty engine whose clock reads `start`.
    public init(start: Time) { self.clock = start }

    /// Events waiting to run (cancelled ones excluded).
    public var pendingCount: Int { slots.count - freeSlots.count }

    /// Schedules `event` at `time`. Among events at equal times, lower `phase` runs first,
    /// then the earlier-scheduled. Phase 0 (the default) is the order PHOLD needs.
    /// - Precondition: `time` is not before ``now``; `phase` < 256.
    @inlinable @discardableResult
    public mutating func schedule(_ event: Event, at time: Time, phase: UInt8 = 0) -> EventHandle {
        precondition(!(time < now), "scheduled in the past")
        let slot: UInt32
        if let free = freeSlots.popLast() { slot = free; slots[Int(slot)] = event }
        else { slot = UInt32(slots.count); slots.append(event); generations.append(0) }
        let key = UInt64(phase) << 56 | sequence
        sequence += 1
        heap.append(Entry(time: time, key: key, slot: slot))
        siftUp(heap.count - 1)
        return EventHandle(slot: slot, generation: generations[Int(slot)])
    }

    /// Cancels a scheduled event. Cancelling one that already ran, or twice, does nothing.
    @inlinable public mutating func cancel(_ handle: EventHandle) {
        let i = Int(handle.slot)
        guard i < generations.count, generations[i] == handle.generation, slots[i] != nil else { return }
        slots[i] = nil
        generations[i] &+= 1
    }

    /// Pops the next event if its time is at or before `horizon` (inclusive), advancing ``now``.
    @inlinable public mutating func next(through horizon: Time) -> (Time, Event)? {
        while let top = heap.first {
            if horizon < top.time { return nil }
            popTop()
            let i = Int(top.slot)
            guard let event = slots[i] else { freeSlots.append(top.slot); continue }  // cancelled
            slots[i] = nil
            generations[i] &+= 1
            freeSlots.append(top.slot)
            clock = top.time
            processedCount += 1
            return (top.time, event)
        }
        return nil
    }

    /// The time of the next pending event, if any (cancelled events may still show here).
    public var nextTime: Time? { heap.first?.time }

    @inlinable mutating func popTop() {
        let last = heap.removeLast()
        if !heap.isEmpty { heap[0] = last; siftDown(0) }
    }
    @inlinable mutating func siftUp(_ index: Int) {
        var i = index
        let e = heap[i]
        while i > 0 {
            let p = (i - 1) / 2
            guard e.precedes(heap[p]) else { break }
            heap[i] = heap[p]; i = p
        }
        heap[i] = e
    }
    @inlinable mutating func siftDown(_ index: Int) {
        var i = index
        let e = heap[i], n = heap.count
        while true {
            var c = 2 * i + 1
            if c >= n { break }
            if c + 1 < n, heap[c + 1].precedes(heap[c]) { c += 1 }
            guard heap[c].precedes(e) else { break }
            heap[i] = heap[c]; i = c
        }
        heap[i] = e
    }
}

/// Identifies one scheduled event for ``Engine/cancel(_:)``; stale handles are harmless.
public struct EventHandle: Hashable, Sendable {
    @usableFromInline var slot: UInt32
    @usableFromInline var generation: UInt32
    @inlinable init(slot: UInt32, generation: UInt32) { self.slot = slot; self.generation = generation }
}

extension Engine {
    /// Why ``run(through:maxEvents:handler:)`` returned.
    public enum StopReason: Sendable, Equatable { case horizon, exhausted, eventBudget, predicate }

    /// Processes events through `horizon` (inclusive), at most `maxEvents`, until `handler` returns `false`.
    @inlinable @discardableResult
    public mutating func run(through horizon: Time, maxEvents: Int = .max,
                             handler: (inout Engine, Time, Event) -> Bool) -> StopReason {
        var count = 0
        while true {
            if count == maxEvents { return .eventBudget }
            guard let (t, e) = next(through: horizon) else { return heap.isEmpty ? .exhausted : .horizon }
            count += 1
            if !handler(&self, t, e) { return .predicate }
        }
    }
}
