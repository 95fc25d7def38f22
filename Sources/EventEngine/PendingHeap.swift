/// One pending event in the heap: its time, its ordering key and the slot holding its payload.
///
/// `key` is `phase << 56 | sequence`, so comparing keys compares phases first and then the
/// insertion order; with the default phase 0 the order is exactly (time, sequence).
@usableFromInline
struct PendingEntry<Time: Comparable> {
    @usableFromInline var time: Time
    @usableFromInline var key: UInt64
    @usableFromInline var slot: UInt32

    @inlinable
    init(time: Time, key: UInt64, slot: UInt32) {
        self.time = time
        self.key = key
        self.slot = slot
    }

    /// Whether `self` runs before `other`: earlier time, then lower key.
    @inlinable
    func precedes(_ other: PendingEntry) -> Bool {
        time < other.time || (time == other.time && key < other.key)
    }

    /// 1 if `self` runs before `other`, else 0, evaluating every comparison (no branches).
    @inlinable
    func precedesWithoutBranches(_ other: PendingEntry) -> Int {
        let earlier = time < other.time ? 1 : 0
        let same = time == other.time ? 1 : 0
        let lowerKey = key < other.key ? 1 : 0
        return earlier | (same & lowerKey)
    }
}

/// A binary min-heap of ``PendingEntry`` over manually managed storage.
///
/// It does not own its memory: the engine's storage object calls ``release()`` once.
/// Hand-tuned: no bounds checks inside the sift loops, and `removeMin` moves the hole to a
/// leaf with one comparison per level before sifting the last entry up (the strategy of
/// libstdc++'s `pop_heap`), since the last entry usually belongs near the bottom.
@usableFromInline
struct PendingHeap<Time: Comparable> {
    @usableFromInline var base: UnsafeMutablePointer<PendingEntry<Time>>
    @usableFromInline var count: Int
    @usableFromInline var capacity: Int

    @usableFromInline
    init(capacity: Int) {
        let capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: capacity)
        count = 0
        self.capacity = capacity
    }

    /// The first entry to run. - Precondition: `count > 0` (unchecked).
    @inlinable
    var min: PendingEntry<Time> { base[0] }

    /// Adds `entry`, growing the storage when full.
    @inlinable
    mutating func push(_ entry: PendingEntry<Time>) {
        if count == capacity { grow(to: capacity * 2) }
        (base + count).initialize(to: entry)
        var i = count
        count &+= 1
        // Every position stays initialised: parents are copied down over the path.
        while i > 0 {
            let parent = (i &- 1) &>> 2
            guard entry.precedes(base[parent]) else { break }
            base[i] = base[parent]
            i = parent
        }
        base[i] = entry
    }

    /// Removes and returns the first entry. - Precondition: `count > 0`.
    @inlinable
    @discardableResult
    mutating func removeMin() -> PendingEntry<Time> {
        precondition(count > 0, "removeMin on an empty heap")
        let n = count &- 1
        count = n
        let last = (base + n).move()
        if n == 0 { return last }
        let top = base[0]
        // Move the hole from the root down to a leaf, always towards the first child
        // (positions stay initialised: children are copied up over the path). Which of the
        // four children comes first is a coin flip the branch predictor cannot learn, so it
        // is chosen without branches.
        var hole = 0
        var child = 1
        while child &+ 3 < n {
            let a = child &+ base[child &+ 1].precedesWithoutBranches(base[child])
            let b = (child &+ 2) &+ base[child &+ 3].precedesWithoutBranches(base[child &+ 2])
            child = base[b].precedesWithoutBranches(base[a]) != 0 ? b : a
            base[hole] = base[child]
            hole = child
            child = hole &* 4 &+ 1
        }
        if child < n {
            var best = child
            var i = child &+ 1
            while i < n {
                if base[i].precedes(base[best]) { best = i }
                i &+= 1
            }
            base[hole] = base[best]
            hole = best
        }
        // Sift `last` up from the leaf hole.
        while hole > 0 {
            let parent = (hole &- 1) &>> 2
            guard last.precedes(base[parent]) else { break }
            base[hole] = base[parent]
            hole = parent
        }
        base[hole] = last
        return top
    }

    /// Reallocates to `newCapacity` entries (at least `count`).
    @usableFromInline
    mutating func grow(to newCapacity: Int) {
        let newCapacity = Swift.max(newCapacity, count, 16)
        let newBase = UnsafeMutablePointer<PendingEntry<Time>>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Keeps only the entries for which `isKept` holds, then restores the heap order.
    ///
    /// The order is total (keys are unique), so the pop order afterwards does not depend on
    /// how the heap was rebuilt.
    @usableFromInline
    mutating func removeAll(keeping isKept: (PendingEntry<Time>) -> Bool) {
        var kept = 0
        for i in 0..<count {
            let entry = (base + i).move()
            if isKept(entry) {
                (base + kept).initialize(to: entry)
                kept += 1
            }
        }
        count = kept
        if count > 1 {
            for i in stride(from: (count - 2) / 4, through: 0, by: -1) { siftDown(from: i) }
        }
    }

    @usableFromInline
    mutating func siftDown(from start: Int) {
        let entry = (base + start).move()
        var hole = start
        while true {
            let first = 4 * hole + 1
            if first >= count { break }
            var best = first
            for i in (first + 1)..<Swift.min(first + 4, count) where base[i].precedes(base[best]) { best = i }
            guard base[best].precedes(entry) else { break }
            (base + hole).moveInitialize(from: base + best, count: 1)
            hole = best
        }
        (base + hole).initialize(to: entry)
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
        base.deallocate()
        count = 0
        capacity = 0
    }
}
