/// The engine's mutable state behind one reference: the heap, the slot table and counters.
@usableFromInline
struct EngineState<Time: Comparable, Event> {
    @usableFromInline var heap: PendingHeap<Time>
    @usableFromInline var slots: SlotTable<Event>
    /// The next insertion sequence number.
    @usableFromInline var sequence: UInt64
    /// Cancelled entries still in the heap (their slots are already free).
    @usableFromInline var stale: Int

    @usableFromInline
    init(capacity: Int) {
        heap = PendingHeap(capacity: capacity)
        slots = SlotTable(capacity: capacity)
        sequence = 0
        stale = 0
    }

    /// Events waiting to run (cancelled ones excluded).
    @inlinable
    var pendingCount: Int { heap.count - stale }

    /// Pops cancelled entries off the top, so that the top (if any) is a live event.
    /// (Inlinable, as the engine's inlinable methods that call it: an unspecialized call looked
    /// up the generic state's metadata at run time, about 1 % of a simulation.)
    @inlinable
    mutating func dropStaleTop() {
        while heap.count > 0 && slots.isCancelled(heap.min.slot) {
            let entry = heap.removeMin(keys: slots.keys)
            slots.releaseCancelled(entry.slot)
            stale -= 1
        }
    }

    /// Removes every cancelled entry once they are more than half the heap, so memory stays
    /// bounded by the live events (amortised O(1) per cancel). The check is inlined; the
    /// compaction itself is rare.
    @inlinable
    mutating func compactIfMostlyStale() {
        if stale > 32 && stale * 2 > heap.count { compact() }
    }

    @usableFromInline
    mutating func compact() {
        var slots = self.slots
        heap.removeAll(keeping: { !slots.isCancelled($0.slot) },
                       removed: { slots.releaseCancelled($0.slot) },
                       keys: slots.keys)
        self.slots = slots
        stale = 0
    }

    @usableFromInline
    func copy() -> EngineState {
        var other = self
        other.heap = heap.copy()
        other.slots = slots.copy()
        return other
    }
}

/// Owns the engine's memory. The hot path reaches the state through the header pointer
/// (no exclusivity bookkeeping), and ``Engine`` copies it on write when shared.
@usableFromInline
final class EngineStorage<Time: Comparable, Event>: ManagedBuffer<EngineState<Time, Event>, UInt8> {
    @usableFromInline
    static func make(state: EngineState<Time, Event>) -> EngineStorage {
        let buffer = EngineStorage.create(minimumCapacity: 0) { _ in state }
        return unsafeDowncast(buffer, to: EngineStorage.self)
    }

    deinit {
        withUnsafeMutablePointerToHeader { state in
            state.pointee.heap.release()
            state.pointee.slots.release()
        }
    }
}
