import EventEngine
import SimTime
import Testing

/// The example of docs/engine.md, kept compiling and checked.
@Suite("docs/engine.md example")
struct EngineDocsExampleTests {
    enum ClusterEvent: Equatable { case podReady(Int), scrape, sync(String) }

    @Test("phased events at one instant, a cancelled pod and a recurring sync through an inclusive horizon")
    func example() {
        var engine = Engine<SimTime, ClusterEvent>(start: .zero)
        engine.schedule(.sync("egress"), at: .seconds(15), phase: EventPhase.hpaSync)
        engine.schedule(.scrape, at: .seconds(15), phase: EventPhase.metricScrape)
        let ready = engine.schedule(.podReady(3), at: .seconds(15))
        engine.schedule(.podReady(4), at: .seconds(15))
        engine.cancel(ready)

        var log: [ClusterEvent] = []
        let reason = engine.run(through: .minutes(5)) { engine, now, event in
            log.append(event)
            if case .sync(let name) = event {
                engine.schedule(.sync(name), at: now + .seconds(15), phase: EventPhase.hpaSync)
            }
            return true
        }
        #expect(reason == .horizon)
        #expect(engine.now == .minutes(5))
        #expect(Array(log.prefix(3)) == [.podReady(4), .scrape, .sync("egress")])
        #expect(log.count == 2 + 20)   // syncs at 15 s, 30 s, …, 300 s
        #expect(engine.nextTime == .seconds(315))
    }
}
