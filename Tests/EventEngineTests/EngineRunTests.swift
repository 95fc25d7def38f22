import EventEngine
import Testing

@Suite("Engine run loop")
struct EngineRunTests {
    private func ticks(_ times: [Int]) -> Engine<Int, Int> {
        var engine = Engine<Int, Int>(start: 0)
        for (id, time) in times.enumerated() { engine.schedule(id, at: time) }
        return engine
    }

    @Test("run stops at the horizon, inclusive")
    func horizon() {
        var engine = ticks([1, 2, 3, 4])
        var seen: [Int] = []
        let reason = engine.run(through: 3) { _, _, id in seen.append(id); return true }
        #expect(reason == .horizon)
        #expect(seen == [0, 1, 2])
        #expect(engine.now == 3)
    }

    @Test("run stops when nothing is pending")
    func exhausted() {
        var engine = ticks([1, 2])
        let reason = engine.run(through: 100) { _, _, _ in true }
        #expect(reason == .exhausted)
        #expect(engine.processed == 2)
    }

    @Test("the event budget stops inside a tie group")
    func budget() {
        var engine = ticks([5, 5, 5, 5])
        var seen: [Int] = []
        let reason = engine.run(through: 100, maxEvents: 2) { _, _, id in seen.append(id); return true }
        #expect(reason == .eventBudget)
        #expect(seen == [0, 1])
        #expect(engine.pendingCount == 2)
        let reason2 = engine.run(through: 100, maxEvents: 0) { _, _, _ in true }
        #expect(reason2 == .eventBudget)
        let order = engine.drain()
        #expect(order == [2, 3])
    }

    @Test("a handler returning false stops after that event")
    func handlerStops() {
        var engine = ticks([1, 2, 3])
        let reason = engine.run(through: 100) { _, _, id in id != 1 }
        #expect(reason == .predicate)
        #expect(engine.processed == 2)
        let order = engine.drain()
        #expect(order == [2])
    }

    @Test("the until predicate stops before the event it matches, leaving it pending")
    func untilPredicate() {
        var engine = ticks([1, 2, 3, 4])
        var seen: [Int] = []
        let reason = engine.run(through: 100, until: { time, _ in time >= 3 }) { _, _, id in seen.append(id) }
        #expect(reason == .predicate)
        #expect(seen == [0, 1])
        #expect(engine.nextTime == 3)
        #expect(engine.now == 2)
    }

    @Test("events scheduled by the handler run in the same call")
    func handlerSchedules() {
        var engine = Engine<Int, Int>(start: 0)
        engine.schedule(0, at: 0)
        var seen: [Int] = []
        engine.run(through: 10) { engine, time, id in
            seen.append(id)
            engine.schedule(id + 1, at: time + 3)
            return true
        }
        #expect(seen == [0, 1, 2, 3])
        #expect(engine.now == 9)
        #expect(engine.nextTime == 12)
    }

    @Test("reserved capacity does not change behaviour")
    func reserve() {
        var engine = Engine<Int, Int>(start: 0)
        engine.reserveCapacity(1000)
        for i in 0..<1000 { engine.schedule(i, at: 999 - i) }
        let order = engine.drain()
        #expect(order == Array((0..<1000).reversed()))
    }
}
