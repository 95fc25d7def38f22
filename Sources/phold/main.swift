// PHOLD (shared/bench/PHOLD.md) on the engine: parses the eight flags, times set-up and the
// event loop apart, prints the one result line.
import EventEngine
import Randomness
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let usage = """
    usage: phold [--n N] [--p P] [--remote R] [--lookahead L] [--mean M]
                 [--events E (0 = no limit)] [--tend T (inf = no limit)] [--seed S]
    Runs PHOLD as shared/bench/PHOLD.md defines it and prints
    peer=swift-des events=… final_clock=… checksum=… setup_s=… wall_s=… events_per_sec=…
    """

func fail(_ message: String) -> Never {
    var text = "phold: \(message)\n\(usage)\n"
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    exit(64)
}

func parse(_ arguments: [String]) -> (PHOLD<SplitMix64>.Parameters, UInt64) {
    var parameters = PHOLD<SplitMix64>.Parameters()
    var seed: UInt64 = 42
    var rest = arguments[...]
    while let flag = rest.popFirst() {
        if flag == "-h" || flag == "--help" { print(usage); exit(0) }
        guard let value = rest.popFirst() else { fail("\(flag) needs a value") }
        func number<T: LosslessStringConvertible>(_: T.Type, _ expected: String) -> T {
            guard let v = T(value) else { fail("\(flag): expected \(expected), found \"\(value)\"") }
            return v
        }
        switch flag {
        case "--n": parameters.lps = number(Int.self, "an integer ≥ 1")
        case "--p": parameters.eventsPerLP = number(Int.self, "an integer ≥ 0")
        case "--remote": parameters.remote = number(Double.self, "a probability")
        case "--lookahead": parameters.lookahead = number(Double.self, "a number ≥ 0")
        case "--mean": parameters.mean = number(Double.self, "a number ≥ 0")
        case "--events": parameters.maxEvents = number(Int.self, "an integer ≥ 0 (0 = no limit)")
        case "--tend": parameters.endTime = number(Double.self, "a number or inf")
        case "--seed": seed = number(UInt64.self, "an unsigned 64-bit integer")
        default: fail("unknown flag \(flag)")
        }
    }
    if !(1...Int(Int32.max)).contains(parameters.lps) { fail("--n: expected an integer ≥ 1") }
    if parameters.eventsPerLP < 0 { fail("--p: expected an integer ≥ 0") }
    if !(0...1).contains(parameters.remote) { fail("--remote: expected a probability in [0, 1]") }
    if !(parameters.lookahead >= 0) || !parameters.lookahead.isFinite { fail("--lookahead: expected a finite number ≥ 0") }
    if !(parameters.mean >= 0) || !parameters.mean.isFinite { fail("--mean: expected a finite number ≥ 0") }
    if parameters.maxEvents < 0 { fail("--events: expected an integer ≥ 0") }
    if parameters.endTime.isNaN { fail("--tend: expected a number or inf") }
    if parameters.maxEvents == 0 && parameters.endTime == .infinity { fail("need --events > 0 or a finite --tend") }
    if parameters.maxEvents == 0 && parameters.lookahead == 0 && parameters.mean == 0 {
        fail("with --events 0, --lookahead or --mean must be > 0 (time would not advance)")
    }
    return (parameters, seed)
}

let (parameters, seed) = parse(Array(CommandLine.arguments.dropFirst()))
let clock = ContinuousClock()
let start = clock.now
var model = PHOLD(parameters, generator: SplitMix64(seed: seed))
let setUp = clock.now
let result = model.run()
let end = clock.now

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}
func format(_ spec: String, _ value: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, spec, $0) }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
let setupSeconds = seconds(setUp - start), wallSeconds = seconds(end - setUp)
let rate = wallSeconds > 0 ? Double(result.events) / wallSeconds : 0
print("peer=swift-des events=\(result.events) final_clock=\(format("%.9g", result.finalClock))"
      + " checksum=\(result.checksum) setup_s=\(format("%.6f", setupSeconds)) wall_s=\(format("%.6f", wallSeconds))"
      + " events_per_sec=\(format("%.0f", rate))")
