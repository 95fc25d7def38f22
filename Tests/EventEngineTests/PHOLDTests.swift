import EventEngine
import Randomness
import Testing

/// The reference runs of shared/bench/PHOLD.md (default parameters, seed 42), through the
/// same `PHOLD` model the `phold` executable runs.
struct PHOLDReference: Sendable, CustomStringConvertible {
    var mean = 1.0, lookahead = 0.1, maxEvents: Int, endTime = Double.infinity
    var events: Int, checksum: UInt64, finalClock: Double
    var description: String { "events \(maxEvents), T_end \(endTime), mean \(mean)" }
}

@Suite("PHOLD reference checksums")
struct PHOLDTests {
    private func run(_ r: PHOLDReference) -> PHOLD<SplitMix64>.Result {
        var model = PHOLD(.init(lookahead: r.lookahead, mean: r.mean, maxEvents: r.maxEvents, endTime: r.endTime),
                          generator: SplitMix64(seed: 42))
        return model.run()
    }

    /// Every delay is exactly the lookahead, so all 10,000 jobs share each timestamp: these
    /// depend on FIFO ties, stopping inside a tie group and processing events at T_end, not on `log`.
    static let ties = [
        PHOLDReference(mean: 0, lookahead: 0.5, maxEvents: 25_000, events: 25_000, checksum: 12_445_076, finalClock: 1.5),
        PHOLDReference(mean: 0, lookahead: 0.5, maxEvents: 0, endTime: 2.0, events: 40_000, checksum: 19_867_021, finalClock: 2),
    ]

    @Test("ties runs match the reference", arguments: ties)
    func tiesRuns(_ r: PHOLDReference) {
        let result = run(r)
        #expect(result == PHOLD.Result(events: r.events, finalClock: r.finalClock, checksum: r.checksum))
    }

    #if canImport(Glibc)
    /// These depend on glibc's `log`, so they are checked only where the peers were run.
    static let glibc = [
        PHOLDReference(maxEvents: 100_000, events: 100_000, checksum: 49_801_622, finalClock: 11.1017946),
        PHOLDReference(maxEvents: 0, endTime: 20, events: 180_568, checksum: 90_191_056, finalClock: 19.9999634),
    ]

    @Test("glibc runs match the reference", arguments: glibc)
    func glibcRuns(_ r: PHOLDReference) {
        let result = run(r)
        #expect(result.events == r.events)
        #expect(result.checksum == r.checksum)
        // PHOLD.md gives the final clock to 9 significant digits.
        #expect(abs(result.finalClock - r.finalClock) <= 5e-9 * r.finalClock)
    }
    #endif

    @Test("SplitMix64 gives PHOLD.md's first outputs for seed 42")
    func generator() {
        var g = SplitMix64(seed: 42)
        let outputs = [g.next(), g.next(), g.next()]
        #expect(outputs == [13_679_457_532_755_275_413, 2_949_826_092_126_892_291, 5_139_283_748_462_763_858])
    }

    @Test("no events processed leaves the clock at zero")
    func zeroBudget() {
        var model = PHOLD(.init(lps: 4, eventsPerLP: 1, maxEvents: 0, endTime: 0.05), generator: SplitMix64(seed: 1))
        let result = model.run()
        #expect(result == PHOLD.Result(events: 0, finalClock: 0, checksum: 0))
    }
}
