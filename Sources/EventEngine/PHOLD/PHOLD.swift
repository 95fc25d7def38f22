#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's natural logarithm (glibc's on Linux, as PHOLD.md requires): kept out of
/// line so the inlinable model needs no public import of the C module.
@usableFromInline
func naturalLog(_ x: Double) -> Double { log(x) }

/// The PHOLD benchmark model, exactly as `PHOLD.md` (shared/bench) defines it, on the
/// engine's ordinary public API (`Engine<Double, Int32>`).
///
/// The `phold` executable, the tests and the benchmark all run this code. Split in two so a
/// caller can time them apart: `init` builds the model and schedules the initial population
/// (`setup_s`), ``run()`` is the event loop (`wall_s`).
///
/// The generator is a parameter so the engine module needs no random-number module; pass
/// `SplitMix64(seed:)` (module `Randomness`) for the reference checksums.
public struct PHOLD<Generator: RandomNumberGenerator> {
    /// The benchmark's parameters (`PHOLD.md`, "Parameters").
    public struct Parameters: Sendable, Equatable {
        /// Number of logical processes, N.
        public var lps: Int = 1000
        /// Initial events per LP, P.
        public var eventsPerLP: Int = 10
        /// Probability that the next event goes to a uniformly random LP.
        public var remote: Double = 0.9
        /// Constant added to every delay.
        public var lookahead: Double = 0.1
        /// Mean of the exponential part of every delay.
        public var mean: Double = 1.0
        /// Stop after this many processed events (0: no limit).
        public var maxEvents: Int = 10_000_000
        /// Process only events at or before this time (`.infinity`: no limit).
        public var endTime: Double = .infinity

        public init(lps: Int = 1000, eventsPerLP: Int = 10, remote: Double = 0.9, lookahead: Double = 0.1,
                    mean: Double = 1.0, maxEvents: Int = 10_000_000, endTime: Double = .infinity) {
            self.lps = lps
            self.eventsPerLP = eventsPerLP
            self.remote = remote
            self.lookahead = lookahead
            self.mean = mean
            self.maxEvents = maxEvents
            self.endTime = endTime
        }
    }

    /// What a run reports (`PHOLD.md`, "Results").
    public struct Result: Sendable, Equatable {
        /// Events processed.
        public var events: Int
        /// Time of the last processed event (0 when none ran).
        public var finalClock: Double
        /// Σ count[i]·(i+1) mod 2^64 over the LPs.
        public var checksum: UInt64

        @inlinable
        public init(events: Int, finalClock: Double, checksum: UInt64) {
            self.events = events
            self.finalClock = finalClock
            self.checksum = checksum
        }
    }

    public let parameters: Parameters
    @usableFromInline var engine: Engine<Double, Int32>
    @usableFromInline var generator: Generator
    @usableFromInline var counts: [UInt64]

    /// Builds the model and schedules the initial N·P events (sequence numbers 0, 1, …).
    /// - Precondition: `lps` in 1...Int32.max, `eventsPerLP` ≥ 0.
    @inlinable
    public init(_ parameters: Parameters, generator: Generator) {
        precondition(parameters.lps >= 1 && parameters.lps <= Int(Int32.max) && parameters.eventsPerLP >= 0)
        self.parameters = parameters
        self.generator = generator
        counts = Array(repeating: 0, count: parameters.lps)
        engine = Engine(start: 0.0, capacity: parameters.lps * parameters.eventsPerLP + 1)
        let lookahead = parameters.lookahead, mean = parameters.mean
        for lp in 0..<parameters.lps {
            for _ in 0..<parameters.eventsPerLP {
                let u = Double(self.generator.next() >> 11) * 0x1.0p-53
                let delay = lookahead - mean * naturalLog(1.0 - u)
                engine.schedule(Int32(truncatingIfNeeded: lp), at: 0.0 + delay)
            }
        }
    }

    /// Runs the event loop to the stop rule of `PHOLD.md` and returns the result.
    ///
    /// Per event: count it, draw `u`; if `u < remote` draw the destination LP, else stay;
    /// draw the delay `lookahead - mean * log(1 - U())` and schedule one event at `t + delay`.
    @inlinable
    public mutating func run() -> Result {
        // The handler captures only locals, so it can run inside the engine's own access.
        var generator = self.generator
        var counts = self.counts
        self.counts = []
        let lookahead = parameters.lookahead, mean = parameters.mean
        let lps = UInt64(parameters.lps)
        // `u < remote` as `(x >> 11) < remote * 2^53`: exact, and saves a multiply (PHOLD.md).
        let remoteThreshold = parameters.remote * 0x1.0p53
        let budget = parameters.maxEvents == 0 ? Int.max : parameters.maxEvents
        counts.withUnsafeMutableBufferPointer { counts in
            _ = engine.run(through: parameters.endTime, maxEvents: budget) { engine, time, lp in
                counts[Int(lp)] &+= 1
                var destination = lp
                if Double(generator.next() >> 11) < remoteThreshold {
                    destination = Int32(truncatingIfNeeded: generator.next().multipliedFullWidth(by: lps).high)
                }
                let u = Double(generator.next() >> 11) * 0x1.0p-53
                let delay = lookahead - mean * naturalLog(1.0 - u)
                engine.schedule(destination, at: time + delay)
                return true
            }
        }
        var checksum: UInt64 = 0
        for (i, count) in counts.enumerated() { checksum &+= count &* UInt64(i + 1) }
        self.generator = generator
        self.counts = counts
        return Result(events: engine.processed, finalClock: engine.now, checksum: checksum)
    }
}
