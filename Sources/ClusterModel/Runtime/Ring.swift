/// A growable FIFO ring buffer: O(1) append and pop at the front, storage reused.
///
/// Used for task queues and idle-slot queues, so a steady run allocates nothing per
/// event once the buffers have reached their working size.
struct Ring<Element> {
    private var storage: [Element?] = []
    private var head = 0
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// The element `offset` places from the front.
    subscript(offset: Int) -> Element {
        get {
            precondition(offset >= 0 && offset < count)
            return storage[(head + offset) % storage.count].unsafelyUnwrapped
        }
        set {
            precondition(offset >= 0 && offset < count)
            storage[(head + offset) % storage.count] = newValue
        }
    }

    var first: Element? { count == 0 ? nil : self[0] }

    mutating func append(_ element: Element) {
        if count == storage.count { grow() }
        storage[(head + count) % storage.count] = element
        count += 1
    }

    @discardableResult
    mutating func popFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = storage[head]
        storage[head] = nil
        head = (head + 1) % storage.count
        count -= 1
        return element
    }

    /// Removes the element at `offset`, shifting the shorter side. O(min(offset, count − offset)).
    mutating func remove(at offset: Int) {
        precondition(offset >= 0 && offset < count)
        if offset < count / 2 {
            var i = offset
            while i > 0 { self[i] = self[i - 1]; i -= 1 }
            popFirst()
            return
        }
        var i = offset
        while i + 1 < count { self[i] = self[i + 1]; i += 1 }
        storage[(head + count - 1) % storage.count] = nil
        count -= 1
    }

    /// Inserts `element` before the element at `offset` (`offset == count` appends).
    mutating func insert(_ element: Element, at offset: Int) {
        precondition(offset >= 0 && offset <= count)
        append(element)
        var i = count - 1
        while i > offset { self[i] = self[i - 1]; i -= 1 }
        self[offset] = element
    }

    /// Keeps only the elements for which `keep` is true, in order.
    mutating func filter(_ keep: (Element) -> Bool) {
        var kept = 0
        for i in 0..<count {
            let e = self[i]
            if keep(e) { self[kept] = e; kept += 1 }
        }
        while count > kept {
            storage[(head + count - 1) % storage.count] = nil
            count -= 1
        }
    }

    private mutating func grow() {
        var bigger = [Element?](repeating: nil, count: Swift.max(8, storage.count * 2))
        for i in 0..<count { bigger[i] = storage[(head + i) % storage.count] }
        storage = bigger
        head = 0
    }
}
