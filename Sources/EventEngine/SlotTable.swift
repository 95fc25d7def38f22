/// Payloads and ordering keys of pending events, indexed by slot.
///
/// A slot's key is its event's unique key (`phase << 56 | sequence`); it orders equal times
/// in the heap and serves as the slot's generation: a handle whose key differs from the
/// slot's is stale (its event ran, or the slot was reused). A cancelled event's payload is
/// destroyed at once, but its slot (and key) stay reserved until the heap drops its entry,
/// so the heap's order never changes under it. Free slots hold ``freeKey`` and sit on a
/// LIFO free list, so the slot a popped event releases is the one the handler's next
/// `schedule` reuses, still in cache. Does not own its memory: the engine's storage object
/// calls ``release()`` once.
@usableFromInline
struct SlotTable<Event> {
    /// The key of a free slot; never a valid event key (sequences stay below 2^56 - 1).
    @inlinable static var freeKey: UInt64 { .max }

    @usableFromInline var keys: UnsafeMutablePointer<UInt64>
    /// Whether a reserved slot's event was cancelled (its entry is still in the heap).
    @usableFromInline var cancelled: UnsafeMutablePointer<Bool>
    /// Initialised exactly where `keys[i] != freeKey && !cancelled[i]`.
    @usableFromInline var payloads: UnsafeMutablePointer<Event>
    @usableFromInline var freeList: UnsafeMutablePointer<UInt32>
    @usableFromInline var freeCount: Int
    /// Slots `0..<used` have been handed out at least once.
    @usableFromInline var used: Int
    @usableFromInline var capacity: Int

    @usableFromInline
    init(capacity: Int) {
        let capacity = Swift.max(capacity, 16)
        keys = .allocate(capacity: capacity)
        cancelled = .allocate(capacity: capacity)
        payloads = .allocate(capacity: capacity)
        freeList = .allocate(capacity: capacity)
        freeCount = 0
        used = 0
        self.capacity = capacity
    }

    /// Stores `event` under `key` and returns its slot.
    @inlinable
    mutating func insert(_ event: Event, key: UInt64) -> UInt32 {
        let slot: Int
        if freeCount > 0 {
            freeCount &-= 1
            slot = Int(freeList[freeCount])
        } else {
            if used == capacity { grow(to: capacity * 2) }
            precondition(used < Int(UInt32.max), "more than 2^32 - 1 pending events")
            slot = used
            used += 1
        }
        keys[slot] = key
        cancelled[slot] = false
        (payloads + slot).initialize(to: event)
        return UInt32(truncatingIfNeeded: slot)
    }

    /// Whether `slot` holds the pending (not cancelled) event scheduled under `key`.
    @inlinable
    func holds(_ slot: UInt32, key: UInt64) -> Bool {
        let i = Int(slot)
        return i < used && keys[i] == key && !cancelled[i]
    }

    /// Whether the event in a reserved slot was cancelled.
    @inlinable
    func isCancelled(_ slot: UInt32) -> Bool { cancelled[Int(slot)] }

    /// Moves the payload out of a live slot and frees it. - Precondition: the slot is live.
    @inlinable
    mutating func take(_ slot: UInt32) -> Event {
        let i = Int(slot)
        keys[i] = Self.freeKey
        freeList[freeCount] = slot
        freeCount &+= 1
        return (payloads + i).move()
    }

    /// Destroys the payload of the event scheduled under `key` in `slot` and marks it
    /// cancelled; returns whether there was such a pending event.
    @inlinable
    mutating func cancel(_ slot: UInt32, key: UInt64) -> Bool {
        guard holds(slot, key: key) else { return false }
        let i = Int(slot)
        (payloads + i).deinitialize(count: 1)
        cancelled[i] = true
        return true
    }

    /// Frees a cancelled slot once its heap entry is gone.
    @inlinable
    mutating func releaseCancelled(_ slot: UInt32) {
        let i = Int(slot)
        keys[i] = Self.freeKey
        cancelled[i] = false
        freeList[freeCount] = slot
        freeCount &+= 1
    }

    @inlinable
    func hasPayload(_ i: Int) -> Bool { keys[i] != Self.freeKey && !cancelled[i] }

    @usableFromInline
    mutating func grow(to newCapacity: Int) {
        let newCapacity = Swift.max(newCapacity, used, 16)
        var other = SlotTable(capacity: newCapacity)
        other.keys.moveInitialize(from: keys, count: used)
        other.cancelled.moveInitialize(from: cancelled, count: used)
        for i in 0..<used where other.hasPayload(i) {
            (other.payloads + i).moveInitialize(from: payloads + i, count: 1)
        }
        other.freeList.moveInitialize(from: freeList, count: freeCount)
        other.freeCount = freeCount
        other.used = used
        keys.deallocate()
        cancelled.deallocate()
        payloads.deallocate()
        freeList.deallocate()
        self = other
    }

    /// An independent copy (for copy-on-write).
    @usableFromInline
    func copy() -> SlotTable {
        var other = SlotTable(capacity: capacity)
        other.keys.initialize(from: keys, count: used)
        other.cancelled.initialize(from: cancelled, count: used)
        for i in 0..<used where hasPayload(i) {
            (other.payloads + i).initialize(to: payloads[i])
        }
        other.freeList.initialize(from: freeList, count: freeCount)
        other.freeCount = freeCount
        other.used = used
        return other
    }

    /// Destroys the live payloads and frees the storage; the table must not be used afterwards.
    @usableFromInline
    mutating func release() {
        for i in 0..<used where hasPayload(i) { (payloads + i).deinitialize(count: 1) }
        keys.deallocate()
        cancelled.deallocate()
        payloads.deallocate()
        freeList.deallocate()
        freeCount = 0
        used = 0
        capacity = 0
    }
}
