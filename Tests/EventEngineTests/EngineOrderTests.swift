import EventEngine
import SimTime
import Testing

@Suite("Engine ordering")
struct EngineOrderTests {
    @Test("events pop in time order")
    func timeOrder() {
        var engine = Engine<SimTime, Int>(start: .zero)
        for (id, seconds) in [(0, 30), (1, 10), (2, 20), (3, 5), (4, 25)] {
            engine.schedule(id, at: .seconds(Int64(seconds)))
        }
        let order = engine.drain()
        #expect(order == [3, 1, 2, 4, 0])
        #expect(engine.now == .seconds(30))
        #expect(engine.processed == 5)
    }

    @Test("equal times run first in, first out")
    func fifoTies() {
        var engine = Engine<SimTime, Int>(start: .zero)
        for id in 0..<5 { engine.schedule(id, at: .seconds(10)) }
        let order = engine.drain()
        #expect(order == [0, 1, 2, 3, 4])
    }

    @Test("FIFO ties hold across heap growth and interleaved pops", arguments: [1, 7, 42])
    func fifoTiesUnderLoad(seed: UInt64) {
        // Many ties among 4 times, scheduled in a shuffled order; each time's events must pop
        // in insertion order, and times ascending.
        var engine = Engine<Int, Int>(start: 0)
        var state = seed
        var expected: [Int: [Int]] = [:]
        for id in 0..<2000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let time = Int(state >> 62)
            engine.schedule(id, at: time)
            expected[time, default: []].append(id)
        }
        let popped = engine.drainWithTimes()
        #expect(popped.map(\.event) == (0...3).flatMap { expected[$0] ?? [] })
    }

    @Test("phase sorts before insertion order at equal times, never across times")
    func phases() {
        var engine = Engine<SimTime, String>(start: .zero)
        engine.schedule("scale", at: .seconds(15), phase: EventPhase.scaling)
        engine.schedule("sync", at: .seconds(15), phase: EventPhase.hpaSync)
        engine.schedule("scrape", at: .seconds(15), phase: EventPhase.metricScrape)
        engine.schedule("pod", at: .seconds(15), phase: EventPhase.podState)
        engine.schedule("early scale", at: .seconds(14), phase: EventPhase.scaling)
        engine.schedule("pod 2", at: .seconds(15))
        engine.schedule("sync 2", at: .seconds(15), phase: EventPhase.hpaSync)
        let order = engine.drain()
        #expect(order == ["early scale", "pod", "pod 2", "scrape", "sync", "sync 2", "scale"])
    }

    @Test("the documented phases are ordered pod state, scrape, sync, scaling")
    func phaseConstants() {
        #expect([EventPhase.podState, EventPhase.metricScrape, EventPhase.hpaSync, EventPhase.scaling] == [0, 1, 2, 3])
    }

    @Test("the horizon is inclusive")
    func inclusiveHorizon() {
        var engine = Engine<SimTime, Int>(start: .zero)
        engine.schedule(1, at: .seconds(10))
        engine.schedule(2, at: .seconds(20))
        engine.schedule(3, at: .seconds(21))
        let order = engine.drain(through: .seconds(20))
        #expect(order == [1, 2])
        #expect(engine.now == .seconds(20))
        #expect(engine.pendingCount == 1)
        #expect(engine.nextTime == .seconds(21))
        let popped = engine.next(through: .seconds(20))
        #expect(popped == nil)
        #expect(engine.now == .seconds(20))
    }

    @Test("an empty engine reports its start time and nothing pending")
    func empty() {
        var engine = Engine<Double, Int>(start: 3.5)
        #expect(engine.now == 3.5)
        #expect(engine.nextTime == nil)
        #expect(engine.pendingCount == 0)
        let popped = engine.next(through: .infinity)
        #expect(popped == nil)
        #expect(Engine<Double, Int>().now == 0)
    }

    @Test("a handler's events at the current time run after those already pending")
    func scheduleAtNow() {
        var engine = Engine<Int, String>(start: 0)
        engine.schedule("a", at: 5)
        engine.schedule("b", at: 5)
        var order: [String] = []
        engine.run(through: 100) { engine, time, event in
            order.append(event)
            if event == "a" { engine.schedule("a-child", at: time) }
            return true
        }
        #expect(order == ["a", "b", "a-child"])
    }

    @Test("copies are independent")
    func valueSemantics() {
        var engine = Engine<Int, Int>(start: 0)
        for i in 0..<10 { engine.schedule(i, at: 10 - i) }
        var copy = engine
        copy.schedule(99, at: 0)
        let order = engine.drain()
        #expect(order == [9, 8, 7, 6, 5, 4, 3, 2, 1, 0])
        #expect(copy.drain() == [99, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0])
    }

    @Test("payloads with references are released when they run, are cancelled or the engine goes")
    func payloadLifetimes() {
        final class Token {}
        weak var ran: Token?, cancelled: Token?, leftOver: Token?
        do {
            var engine = Engine<Int, Token>(start: 0)
            do {
                let a = Token(), b = Token(), c = Token()
                ran = a; cancelled = b; leftOver = c
                engine.schedule(a, at: 1)
                let handle = engine.schedule(b, at: 2)
                engine.schedule(c, at: 3)
                engine.cancel(handle)
            }
            #expect(cancelled == nil)
            _ = engine.next(through: 1)
            #expect(ran == nil)
            #expect(leftOver != nil)
        }
        #expect(leftOver == nil)
    }
}
