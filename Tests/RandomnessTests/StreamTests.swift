import Randomness
import Testing

@Suite("Named streams")
struct StreamTests {
    private func draws(_ g: inout Xoshiro256StarStar, _ n: Int) -> [UInt64] { (0..<n).map { _ in g.next() } }

    @Test("a stream is pinned by the seed and its name (see GeneratorTests for the reference)")
    func knownAnswers() {
        let streams = RandomStreams(seed: 7)
        var a = streams.stream(named: "arrivals.egress-record")
        var b = streams.stream(named: "arrivals.web-record")
        var c = streams.stream(named: "café")   // UTF-8 bytes, not UTF-16 or scalars
        #expect(draws(&a, 3) == [4_784_643_861_852_582_620, 2_969_833_349_777_579_028, 14_889_097_035_535_619_916])
        #expect(draws(&b, 3) == [16_935_335_514_256_705_200, 15_008_230_878_826_311_270, 14_095_616_435_892_963_923])
        #expect(draws(&c, 2) == [11_175_447_143_599_732_848, 15_042_556_427_766_486_554])
    }

    @Test("drawing from one stream or deriving others does not shift a stream")
    func independenceOfOrder() {
        let streams = RandomStreams(seed: 11)
        var first = streams.stream(named: "pods.startup")
        let alone = draws(&first, 5)
        var other = streams.stream(named: "arrivals.egress-record")
        _ = draws(&other, 1000)
        var again = streams.stream(named: "pods.startup")
        #expect(draws(&again, 5) == alone)
    }

    @Test("different names and different seeds give different streams")
    func distinct() {
        let names = ["a", "b", "arrivals.egress-record", "arrivals.egress-snapshot", "service.webhook"]
        var firsts: [UInt64] = []
        for seed: UInt64 in [1, 2] {
            for name in names {
                var g = RandomStreams(seed: seed).stream(named: name)
                firsts.append(g.next())
            }
        }
        #expect(Set(firsts).count == firsts.count)
    }

    @Test("two streams of one seed are uncorrelated", arguments: [1, 42, 1234] as [UInt64])
    func uncorrelated(seed: UInt64) {
        let streams = RandomStreams(seed: seed)
        var x = streams.stream(named: "x"), y = streams.stream(named: "y")
        let n = 20_000
        var sxy = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0
        for _ in 0..<n {
            let a = x.nextUnit(), b = y.nextUnit()
            sx += a; sy += b; sxy += a * b; sxx += a * a; syy += b * b
        }
        let nd = Double(n)
        let r = (sxy - sx * sy / nd) / ((sxx - sx * sx / nd) * (syy - sy * sy / nd)).squareRoot()
        // Under independence r has standard deviation 1/√n; allow 5 of them.
        #expect(abs(r) < 5 / nd.squareRoot())
    }
}
