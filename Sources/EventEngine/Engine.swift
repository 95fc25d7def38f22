/// **Events run in time order; at equal times a lower phase runs first, then the earlier-scheduled (FIFO).**
///
/// A discrete-event engine over any `Comparable` time and any event payload. It knows
/// nothing of Kubernetes: the model defines `Event` (usually an enum) and handles each
/// event it pops.
///
/// ```swift
/// var engine = Engine<SimTime, Tick>(start: .zero)
/// engine.schedule(.tick(1), at: .seconds(10))
/// while let (now, event) = engine.next(through: .minutes(5)) { handle(event, at: now) }
/// ```
///
/// Guarantees:
/// - **Order.** Events pop by (time, phase, insertion sequence), smallest first; the
///   sequence is one counter incremented by every `schedule`. The phase sits in the top
///   8 bits of a 64-bit key, so with the default phase 0 the order is exactly
///   (time, sequence) and costs one integer comparison, as PHOLD requires.
/// - **Inclusive horizon.** `next(through: h)` and `run(through: h)` process an event at
///   exactly `h`.
/// - **Cancellation.** ``cancel(_:)`` frees the payload at once; cancelling an event that
///   already ran, or twice, or through a handle whose slot was reused, does nothing.
///   Cancelled heap entries are dropped lazily, and the heap is compacted once they are
///   more than half of it, so memory stays proportional to the pending events.
/// - **Determinism.** No hashing, clocks or randomness: the same calls give the same order.
/// - **Allocation.** Storage grows by doubling and is reused; a steady-state event loop
///   allocates nothing (see `Benchmarks/`). ``reserveCapacity(_:)`` avoids the growth.
///
/// `Engine` is a value: copies are independent (copy-on-write; copying is O(*n*) once).
public struct Engine<Time: Comparable, Event> {
    @usableFromInline var storage: EngineStorage<Time, Event>
    @usableFromInline var clock: Time
    @usableFromInline var processedCount: Int = 0

    /// The time of the event processed last (the start time before any).
    @inlinable public var now: Time { clock }
    /// Events processed so far.
    @inlinable public var processed: Int { processedCount }

    /// An empty engine whose clock reads `start`.
    public init(start: Time) {
        self.init(start: start, capacity: 16)
    }

    /// An empty engine whose clock reads `start`, with room for `capacity` pending events.
    public init(start: Time, capacity: Int) {
        clock = start
        storage = EngineStorage.make(state: EngineState(capacity: capacity))
    }

    /// Events waiting to run (cancelled ones excluded).
    @inlinable
    public var pendingCount: Int {
        storage.withUnsafeMutablePointerToHeader { $0.pointee.pendingCount }
    }

    /// The time of the next pending event, if any.
    @inlinable
    public var nextTime: Time? {
        storage.withUnsafeMutablePointerToHeader { s in
            s.pointee.heap.count > 0 ? s.pointee.heap.min.time : nil
        }
    }

    /// Makes room for `capacity` pending events without further allocation.
    public mutating func reserveCapacity(_ capacity: Int) {
        makeUnique()
        storage.withUnsafeMutablePointerToHeader { s in
            if s.pointee.heap.capacity < capacity { s.pointee.heap.grow(to: capacity) }
            if s.pointee.slots.capacity < capacity { s.pointee.slots.grow(to: capacity) }
        }
    }

    /// Schedules `event` at `time` and returns a handle that can cancel it.
    ///
    /// Among events at equal times, lower `phase` runs first, then the earlier-scheduled.
    /// Phase 0 (the default) is the plain (time, sequence) order PHOLD needs; the cluster
    /// model defines its own phases (ClusterModel `Phase`: pod state, metric scrapes, HPA syncs, scaling).
    /// - Precondition: `time` is not before ``now`` and is ordered (not NaN).
    /// - Complexity: O(log *n*), amortised; no allocation once capacity suffices.
    @inlinable @discardableResult
    public mutating func schedule(_ event: Event, at time: Time, phase: UInt8 = 0) -> EventHandle {
        precondition(!(time < clock) && time == time, "scheduled in the past, or at an unordered time")
        makeUnique()
        return storage.withUnsafeMutablePointerToHeader { s in
            let sequence = s.pointee.sequence
            precondition(sequence < (1 << 56) - 1, "sequence numbers exhausted")
            s.pointee.sequence = sequence &+ 1
            let key = UInt64(phase) << 56 | sequence
            let slot = s.pointee.slots.insert(event, key: key)
            s.pointee.heap.push(PendingEntry(time: time, slot: slot), keys: s.pointee.slots.keys)
            return EventHandle(slot: slot, key: key)
        }
    }

    /// Cancels a scheduled event and returns whether it was pending.
    ///
    /// Cancelling an event that already ran, or was cancelled, is a harmless no-op.
    /// - Complexity: O(1) amortised (O(log *n*) when it was the next event).
    @inlinable @discardableResult
    public mutating func cancel(_ handle: EventHandle) -> Bool {
        makeUnique()
        return storage.withUnsafeMutablePointerToHeader { s in
            guard s.pointee.slots.cancel(handle.slot, key: handle.key) else { return false }
            s.pointee.stale += 1
            s.pointee.dropStaleTop()
            s.pointee.compactIfMostlyStale()
            return true
        }
    }

    /// Whether the event behind `handle` is still waiting to run.
    @inlinable
    public func isPending(_ handle: EventHandle) -> Bool {
        storage.withUnsafeMutablePointerToHeader { $0.pointee.slots.holds(handle.slot, key: handle.key) }
    }

    /// Pops the next event if its time is at or before `horizon` (inclusive), advancing ``now``.
    /// - Complexity: O(log *n*).
    @inlinable
    public mutating func next(through horizon: Time) -> (Time, Event)? {
        let top: PendingEntry<Time>? = storage.withUnsafeMutablePointerToHeader { s in
            s.pointee.heap.count > 0 ? s.pointee.heap.min : nil
        }
        guard let top, !(horizon < top.time) else { return nil }
        makeUnique()
        let event = storage.withUnsafeMutablePointerToHeader { s in
            // Invariant: the top is live (cancel and this method drop stale tops).
            s.pointee.heap.removeMin(keys: s.pointee.slots.keys)
            let event = s.pointee.slots.take(top.slot)
            if s.pointee.stale > 0 { s.pointee.dropStaleTop() }
            return event
        }
        clock = top.time
        processedCount += 1
        return (top.time, event)
    }

    /// Makes the storage unique before a mutation (copy-on-write).
    @inlinable
    mutating func makeUnique() {
        if _slowPath(!isKnownUniquelyReferenced(&storage)) { copyStorage() }
    }

    @usableFromInline
    mutating func copyStorage() {
        let state = storage.withUnsafeMutablePointerToHeader { $0.pointee.copy() }
        storage = EngineStorage.make(state: state)
    }
}

extension Engine where Time: AdditiveArithmetic {
    /// An empty engine whose clock reads zero.
    public init() { self.init(start: .zero) }
}

/// Identifies one scheduled event for ``Engine/cancel(_:)``; stale handles are harmless.
///
/// The handle carries the event's unique key, which serves as the slot's generation: once
/// the event runs or is cancelled, its slot may be reused, but never under the same key.
public struct EventHandle: Hashable, Sendable {
    @usableFromInline var slot: UInt32
    @usableFromInline var key: UInt64
    @inlinable init(slot: UInt32, key: UInt64) {
        self.slot = slot
        self.key = key
    }
}

/// An engine moves between tasks as Array does: its storage is copied on write, and
/// uniqueness is checked with atomic reference counts.
extension Engine: @unchecked Sendable where Time: Sendable, Event: Sendable {}
