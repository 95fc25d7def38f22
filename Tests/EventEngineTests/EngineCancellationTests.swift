import EventEngine
import Testing

@Suite("Engine cancellation")
struct EngineCancellationTests {
    @Test("a cancelled event does not run and no longer counts as pending")
    func cancelPending() {
        var engine = Engine<Int, String>(start: 0)
        engine.schedule("a", at: 1)
        let b = engine.schedule("b", at: 2)
        engine.schedule("c", at: 3)
        #expect(engine.isPending(b))
        let cancelled = engine.cancel(b)
        #expect(cancelled)
        #expect(!engine.isPending(b))
        #expect(engine.pendingCount == 2)
        let order = engine.drain()
        #expect(order == ["a", "c"])
    }

    @Test("cancelling an event that already ran does nothing")
    func cancelAfterRun() {
        var engine = Engine<Int, String>(start: 0)
        let a = engine.schedule("a", at: 1)
        engine.schedule("b", at: 2)
        let popped = engine.next(through: 1)
        #expect(popped?.1 == "a")
        let cancelled = engine.cancel(a)
        #expect(!cancelled)
        #expect(engine.pendingCount == 1)
        let order = engine.drain()
        #expect(order == ["b"])
    }

    @Test("cancelling twice does nothing the second time")
    func cancelTwice() {
        var engine = Engine<Int, String>(start: 0)
        let a = engine.schedule("a", at: 1)
        engine.schedule("b", at: 1)
        let cancelled = engine.cancel(a)
        #expect(cancelled)
        let cancelled2 = engine.cancel(a)
        #expect(!cancelled2)
        #expect(engine.pendingCount == 1)
        let order = engine.drain()
        #expect(order == ["b"])
    }

    @Test("a stale handle does not cancel the event that reused its slot")
    func staleHandleAfterReuse() {
        var engine = Engine<Int, String>(start: 0)
        let a = engine.schedule("a", at: 1)
        let popped = engine.next(through: 1)
        #expect(popped?.1 == "a")
        let b = engine.schedule("b", at: 2)   // reuses a's slot (LIFO free list)
        let cancelled = engine.cancel(a)
        #expect(!cancelled)
        #expect(engine.isPending(b))
        let c = engine.schedule("c", at: 3)
        let cancelled2 = engine.cancel(c)
        #expect(cancelled2)
        let d = engine.schedule("d", at: 4)   // reuses c's slot
        let cancelled3 = engine.cancel(c)
        #expect(!cancelled3)
        #expect(engine.isPending(d))
        let order = engine.drain()
        #expect(order == ["b", "d"])
    }

    @Test("cancelling the next event updates nextTime")
    func cancelTop() {
        var engine = Engine<Int, String>(start: 0)
        let a = engine.schedule("a", at: 1)
        let b = engine.schedule("b", at: 2)
        engine.schedule("c", at: 3)
        engine.cancel(b)
        #expect(engine.nextTime == 1)
        engine.cancel(a)
        #expect(engine.nextTime == 3)
        let order = engine.drain()
        #expect(order == ["c"])
        #expect(engine.nextTime == nil)
    }

    @Test("cancelling events whose time a pop passes leaves the next time exact")
    func staleBelowTop() {
        var engine = Engine<Int, Int>(start: 0)
        var handles: [EventHandle] = []
        for t in 1...10 { handles.append(engine.schedule(t, at: t)) }
        for i in [1, 2, 4] { engine.cancel(handles[i]) }   // events at 2, 3, 5
        let popped = engine.next(through: 100)
        #expect(popped?.1 == 1)
        #expect(engine.nextTime == 4)
        let order = engine.drain()
        #expect(order == [4, 6, 7, 8, 9, 10])
    }

    @Test("mass cancellation compacts the heap and keeps the order", arguments: [3, 11, 29])
    func massCancellation(seed: UInt64) {
        var engine = Engine<Int, Int>(start: 0)
        var state = seed
        var handles: [(Int, EventHandle)] = []
        for id in 0..<3000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let time = Int(state >> 54)   // 0..<1024: many ties
            handles.append((id, engine.schedule(id, at: time)))
        }
        var kept: [(time: Int, id: Int)] = []
        for (id, handle) in handles {
            if id % 10 == 0 {
                kept.append((Int(engineTime(of: id, seed: seed)), id))
            } else {
                let cancelled = engine.cancel(handle)
                #expect(cancelled)
            }
        }
        #expect(engine.pendingCount == 300)
        let expected = kept.sorted { ($0.time, $0.id) < ($1.time, $1.id) }.map(\.id)
        let order = engine.drain()
        #expect(order == expected)
        #expect(engine.pendingCount == 0)
        #expect(engine.processed == 300)
    }

    /// Replays the generator of `massCancellation` to find an id's time.
    private func engineTime(of id: Int, seed: UInt64) -> UInt64 {
        var state = seed
        for _ in 0...id { state = state &* 6364136223846793005 &+ 1442695040888963407 }
        return state >> 54
    }

    @Test("a model that keeps cancelling and rescheduling timers keeps memory bounded")
    func timerChurn() {
        // One live timer per key, rescheduled 10,000 times: the pending count stays at 10.
        var engine = Engine<Int, Int>(start: 0)
        var timers = (0..<10).map { engine.schedule($0, at: 1_000_000 + $0) }
        for round in 0..<10_000 {
            let k = round % 10
            engine.cancel(timers[k])
            timers[k] = engine.schedule(k, at: 1_000_000 + round)
        }
        #expect(engine.pendingCount == 10)
        let order = engine.drain()
        #expect(order.count == 10)
    }
}
