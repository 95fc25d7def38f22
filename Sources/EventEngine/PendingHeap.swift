/// One pending event in the heap: its time and the slot holding its payload and key.
///
/// 16 bytes for an 8-byte `Time`, so a node's four children share one cache line. The
/// ordering key (`phase << 56 | sequence`) lives in the slot table and is read only when
/// two times are equal.
@usableFromInline
struct PendingEntry<Time: Comparable> {
    @usableFromInline var time: Time
    @usableFromInline var slot: UInt32

    @inlinable
    init(time: Time, slot: UInt32) {
        self.time = time
        self.slot = slot
    }
}

/// A 4-ary min-heap of ``PendingEntry`` over manually managed, cache-line-aligned storage,
/// ordered by (time, key) with keys read from the slot table's `keys`.
///
/// It does not own its memory: the engine's storage object calls ``release()`` once.
/// Hand-tuned, measured on PHOLD (see docs/engine.md):
/// - 4-ary rather than binary: half the levels, and the four children of a node sit in
///   one 64-byte line (index 1 is aligned), so a pop touches about half the lines;
/// - `removeMin` moves the hole from the root to a leaf, choosing the first child without
///   branches (the choice is a coin flip to the branch predictor), then sifts the last
///   entry up from there (it usually belongs near the bottom), as libstdc++'s `pop_heap`;
/// - no bounds checks in the loops; positions stay initialised (assignment, not moves).
@usableFromInline
struct PendingHeap<Time: Comparable> {
    @usableFromInline var base: UnsafeMutablePointer<PendingEntry<Time>>
    @usableFromInline var allocation: UnsafeMutableRawPointer
    @usableFromInline var count: Int
    @usableFromInline var capacity: Int

    @usableFromInline
    init(capacity: Int) {
        (base, allocation) = Self.allocate(capacity: Swift.max(capacity, 16))
        count = 0
        self.capacity = Swift.max(capacity, 16)
    }

    /// Storage for `capacity` entries with entry 1 at a 64-byte boundary when the stride allows.
    static func allocate(capacity: Int) -> (UnsafeMutablePointer<PendingEntry<Time>>, UnsafeMutableRawPointer) {
        let stride = MemoryLayout<PendingEntry<Time>>.stride
        let alignment = Swift.max(64, MemoryLayout<PendingEntry<Time>>.alignment)
        let pad = stride < 64 && 64 % stride == 0 ? 64 - stride : 0
        let raw = UnsafeMutableRawPointer.allocate(byteCount: pad + capacity * stride, alignment: alignment)
        return ((raw + pad).bindMemory(to: PendingEntry<Time>.self, capacity: capacity), raw)
    }

    /// The first entry to run. - Precondition: `count > 0` (unchecked).
    @inlinable
    var min: PendingEntry<Time> { base[0] }

    /// Whether `a` runs before `b`: earlier time, then lower key.
    @inlinable
    static func precedes(_ a: PendingEntry<Time>, _ b: PendingEntry<Time>, keys: UnsafeMutablePointer<UInt64>) -> Bool {
        a.time < b.time || (a.time == b.time && keys[Int(a.slot)] < keys[Int(b.slot)])
    }

    /// 1 if the entry at `i` runs before the one at `j`, else 0. Computed as a number, not a
    /// branch, unless the times are equal (rare, and then predictable): the compiler turns a
    /// select on a loaded value into a branch, which mispredicts half the time here.
    @inlinable
    func precedesBit(_ i: Int, _ j: Int, keys: UnsafeMutablePointer<UInt64>) -> Int {
        let a = base[i], b = base[j]
        if _slowPath(a.time == b.time) { return keys[Int(a.slot)] < keys[Int(b.slot)] ? 1 : 0 }
        return a.time < b.time ? 1 : 0
    }

    /// The index among `i` and `j` whose entry runs first.
    @inlinable
    func first(_ i: Int, _ j: Int, keys: UnsafeMutablePointer<UInt64>) -> Int {
        precedesBit(j, i, keys: keys) == 1 ? j : i
    }

    /// Adds `entry`, growing the storage when full.
    @inlinable
    mutating func push(_ entry: PendingEntry<Time>, keys: UnsafeMutablePointer<UInt64>) {
        if count == capacity { grow(to: capacity * 2) }
        (base + count).initialize(to: entry)
        count &+= 1
        siftUp(entry, from: count &- 1, keys: keys)
    }

    /// Places `entry` at the free position `hole` or above it: each parent that `entry`
    /// runs before moves down a level (the sift-up of both `push` and `removeMin`).
    @inlinable @inline(__always)
    func siftUp(_ entry: PendingEntry<Time>, from hole: Int, keys: UnsafeMutablePointer<UInt64>) {
        var hole = hole
        while hole > 0 {
            let parent = (hole &- 1) &>> 2
            guard Self.precedes(entry, base[parent], keys: keys) else { break }
            base[hole] = base[parent]
            hole = parent
        }
        base[hole] = entry
    }

    /// Removes and returns the first entry. - Precondition: `count > 0`.
    @inlinable
    @discardableResult
    mutating func removeMin(keys: UnsafeMutablePointer<UInt64>) -> PendingEntry<Time> {
        precondition(count > 0, "removeMin on an empty heap")
        let n = count &- 1
        count = n
        let last = (base + n).move()
        if n == 0 { return last }
        let top = base[0]
        var hole = 0
        var child = 1
        while child &+ 3 < n {
            let a = child &+ precedesBit(child &+ 1, child, keys: keys)
            let b = (child &+ 2) &+ precedesBit(child &+ 3, child &+ 2, keys: keys)
            child = a &+ (b &- a) &* precedesBit(b, a, keys: keys)
            base[hole] = base[child]
            hole = child
            child = hole &* 4 &+ 1
        }
        if child < n {
            var best = child
            var i = child &+ 1
            while i < n {
                best = first(best, i, keys: keys)
                i &+= 1
            }
            base[hole] = base[best]
            hole = best
        }
        siftUp(last, from: hole, keys: keys)
        return top
    }

    /// Reallocates to `newCapacity` entries (at least `count`).
    @usableFromInline
    mutating func grow(to newCapacity: Int) {
        let newCapacity = Swift.max(newCapacity, count, 16)
        let (newBase, newAllocation) = Self.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        allocation.deallocate()
        base = newBase
        allocation = newAllocation
        capacity = newCapacity
    }

    /// Keeps only the entries for which `isKept` holds (calling `removed` for the others),
    /// then restores the heap order.
    ///
    /// The order is total (keys are unique), so the pop order afterwards does not depend on
    /// how the heap was rebuilt.
    @usableFromInline
    mutating func removeAll(keeping isKept: (PendingEntry<Time>) -> Bool, removed: (PendingEntry<Time>) -> Void,
                            keys: UnsafeMutablePointer<UInt64>) {
        var kept = 0
        for i in 0..<count {
            let entry = (base + i).move()
            if isKept(entry) {
                (base + kept).initialize(to: entry)
                kept += 1
            } else {
                removed(entry)
            }
        }
        count = kept
        if count > 1 {
            for i in stride(from: (count - 2) / 4, through: 0, by: -1) { siftDown(from: i, keys: keys) }
        }
    }

    @usableFromInline
    mutating func siftDown(from start: Int, keys: UnsafeMutablePointer<UInt64>) {
        let entry = base[start]
        var hole = start
        while true {
            let firstChild = 4 * hole + 1
            if firstChild >= count { break }
            var best = firstChild
            for i in (firstChild + 1)..<Swift.min(firstChild + 4, count) { best = first(best, i, keys: keys) }
            guard Self.precedes(base[best], entry, keys: keys) else { break }
            base[hole] = base[best]
            hole = best
        }
        base[hole] = entry
    }

    /// An independent copy (for copy-on-write).
    @usableFromInline
    func copy() -> PendingHeap {
        var other = PendingHeap(capacity: capacity)
        other.base.initialize(from: base, count: count)
        other.count = count
        return other
    }

    /// Frees the storage; the heap must not be used afterwards.
    @usableFromInline
    mutating func release() {
        base.deinitialize(count: count)
        allocation.deallocate()
        count = 0
        capacity = 0
    }
}
