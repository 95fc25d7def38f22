/// Payloads of pending events, indexed by slot, with the key of the event that owns each slot.
///
/// A slot's key is the scheduled event's unique key (`phase << 56 | sequence`), which acts as
/// its generation: a handle or heap entry whose key differs from the slot's is stale (its
/// event ran or was cancelled, and the slot may hold a newer event). Free slots hold
/// ``SlotTable/freeKey`` and sit on a LIFO free list, so a slot released by a popped event is
/// the one the handler's next `schedule` reuses, still in cache. Does not own its memory:
/// the engine's storage object calls ``release()`` once.
@usableFromInline
struct SlotTable<Event> {
    /// The key of a free slot; never a valid event key (sequences stay below 2^56 - 1).
    @usableFromInline static var freeKey: UInt64 { .max }

    @usableFromInline var keys: UnsafeMutablePointer<UInt64>
    /// Initialised exactly where `keys[i] != freeKey`.
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
        payloads = .allocate(capacity: capacity)
        freeList = .allocate(capacity: capacity)
        freeCount = 0
        used = 0
        self.capacity = capacity
    }

    /// Events held (live slots).
    @inlinable
    var liveCount: Int { used - freeCount }

    /// Stores `event` under `key` and returns its slot.
    @inlinable
    mutating func insert(_ event: Event, key: UInt64) -> UInt32 {
        let slot: Int
        if freeCount > 0 {
            freeCount -= 1
            slot = Int(freeList[freeCount])
        } else {
            if used == capacity { grow(to: capacity * 2) }
            precondition(used < Int(UInt32.max), "more than 2^32 - 1 pending events")
            slot = used
            used += 1
        }
        keys[slot] = key
        (payloads + slot).initialize(to: event)
        return UInt32(truncatingIfNeeded: slot)
    }

    /// Whether `slot` holds the event scheduled under `key`.
    @inlinable
    func holds(_ slot: UInt32, key: UInt64) -> Bool {
        Int(slot) < used && keys[Int(slot)] == key
    }

    /// Moves the payload out of a live slot and frees it. - Precondition: the slot is live.
    @inlinable
    mutating func take(_ slot: UInt32) -> Event {
        let i = Int(slot)
        keys[i] = Self.freeKey
        freeList[freeCount] = slot
        freeCount += 1
        return (payloads + i).move()
    }

    /// Frees `slot` if it holds the event scheduled under `key`; returns whether it did.
    @inlinable
    mutating func remove(_ slot: UInt32, key: UInt64) -> Bool {
        guard holds(slot, key: key) else { return false }
        _ = take(slot)
        return true
    }

    @usableFromInline
    mutating func grow(to newCapacity: Int) {
        let newCapacity = Swift.max(newCapacity, used, 16)
        let newKeys = UnsafeMutablePointer<UInt64>.allocate(capacity: newCapacity)
        let newPayloads = UnsafeMutablePointer<Event>.allocate(capacity: newCapacity)
        let newFree = UnsafeMutablePointer<UInt32>.allocate(capacity: newCapacity)
        newKeys.initialize(from: keys, count: used)
        for i in 0..<used where keys[i] != Self.freeKey {
            (newPayloads + i).moveInitialize(from: payloads + i, count: 1)
        }
        newFree.initialize(from: freeList, count: freeCount)
        keys.deallocate()
        payloads.deallocate()
        freeList.deallocate()
        keys = newKeys
        payloads = newPayloads
        freeList = newFree
        capacity = newCapacity
    }

    /// An independent copy (for copy-on-write).
    @usableFromInline
    func copy() -> SlotTable {
        var other = SlotTable(capacity: capacity)
        other.keys.initialize(from: keys, count: used)
        for i in 0..<used where keys[i] != Self.freeKey {
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
        for i in 0..<used where keys[i] != Self.freeKey { (payloads + i).deinitialize(count: 1) }
        keys.deallocate()
        payloads.deallocate()
        freeList.deallocate()
        freeCount = 0
        used = 0
        capacity = 0
    }
}
