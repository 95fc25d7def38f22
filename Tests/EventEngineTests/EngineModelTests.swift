import EventEngine
import Testing

/// The engine against a naive reference: a list ordered by (time, phase, sequence),
/// under random mixes of schedule, cancel and pop (fixed seeds, as swift-collections'
/// HeapTests sweep them).
@Suite("Engine against a reference model")
struct EngineModelTests {
    struct Pending {
        var time: Int, phase: UInt8, sequence: Int, id: Int, handle: EventHandle
    }

    @Test("random schedule/cancel/pop sequences pop like the reference", arguments: [1, 2, 3, 5, 8, 13] as [UInt64])
    func randomOperations(seed: UInt64) {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var engine = Engine<Int, Int>(start: 0)
        var reference: [Pending] = []
        var gone: [EventHandle] = []   // handles of events that ran or were cancelled
        var sequence = 0
        for id in 0..<6000 {
            switch next(10) {
            case 0..<5:   // schedule, often at a tied time, sometimes with a phase
                let time = engine.now + next(20)
                let phase = UInt8(next(4))
                let handle = engine.schedule(id, at: time, phase: phase)
                reference.append(Pending(time: time, phase: phase, sequence: sequence, id: id, handle: handle))
                sequence += 1
            case 5..<7:   // cancel a pending event, or a stale handle
                if !reference.isEmpty && next(3) > 0 {
                    let victim = reference.remove(at: next(reference.count))
                    let cancelled = engine.cancel(victim.handle)
                    #expect(cancelled)
                    gone.append(victim.handle)
                } else if !gone.isEmpty {
                    let stale = gone[next(gone.count)]
                    let cancelled = engine.cancel(stale)
                    #expect(!cancelled)
                }
            default:      // pop one
                let popped = engine.next(through: .max)
                if let first = reference.indices.min(by: { a, b in
                    let x = reference[a], y = reference[b]
                    return (x.time, x.phase, x.sequence) < (y.time, y.phase, y.sequence)
                }) {
                    let expected = reference.remove(at: first)
                    #expect(popped?.0 == expected.time)
                    #expect(popped?.1 == expected.id)
                    gone.append(expected.handle)
                } else {
                    #expect(popped == nil)
                }
            }
            #expect(engine.pendingCount == reference.count)
        }
        let rest = reference.sorted { ($0.time, $0.phase, $0.sequence) < ($1.time, $1.phase, $1.sequence) }.map(\.id)
        let drained = engine.drain()
        #expect(drained == rest)
    }
}
