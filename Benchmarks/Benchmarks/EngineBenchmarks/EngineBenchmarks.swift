// PHOLD (shared/bench/PHOLD.md) on the engine: events per second, and mallocs in the event
// loop. Set-up (the initial population) is outside the measurement, so the malloc count is
// the loop's own: it must be 0 for 1,000,000 events.
import Benchmark
import EventEngine
import Randomness
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reference result of PHOLD.md for `--events 1000000` (glibc's `log`).
let expected = (events: 1_000_000, checksum: UInt64(499_910_576))

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        // No resident-memory metrics: their sampling thread allocates while the loop runs.
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .one,   // one iteration = 1,000,000 events; mallocs are per iteration
        maxDuration: .seconds(20),
        maxIterations: 10
    )

    Benchmark("PHOLD 1M events (N=1000, P=10)") { benchmark in
        for _ in benchmark.scaledIterations {   // .one: a single iteration
            var model = PHOLD(.init(maxEvents: 1_000_000), generator: SplitMix64(seed: 42))
            benchmark.startMeasurement()
            let result = model.run()
            benchmark.stopMeasurement()
            precondition(result.events == expected.events, "PHOLD processed \(result.events) events")
            #if canImport(Glibc)
            precondition(result.checksum == expected.checksum, "PHOLD checksum \(result.checksum), want \(expected.checksum)")
            #endif
            blackHole(result)
        }
    }

    // A raw baseline beside it: the same draws and bookkeeping without the engine, so the
    // difference is the pending set's cost.
    Benchmark("PHOLD model work without the engine, 1M events") { benchmark in
        for _ in benchmark.scaledIterations {   // .one: a single iteration
            var generator = SplitMix64(seed: 42)
            var counts = [UInt64](repeating: 0, count: 1000)
            var time = 0.0
            benchmark.startMeasurement()
            for _ in 0..<1_000_000 {
                var lp = Int(generator.next() % 1000)
                if Double(generator.next() >> 11) < 0.9 * 0x1.0p53 {
                    lp = Int(generator.next().multipliedFullWidth(by: 1000).high)
                }
                counts[lp] &+= 1
                time += 0.1 - 1.0 * log(1.0 - generator.nextUnit())
            }
            benchmark.stopMeasurement()
            blackHole(counts)
            blackHole(time)
        }
    }
}
