import Randomness
import Testing

// Known answers computed independently from the reference algorithms (Vigna's
// splitmix64.c and xoshiro256starstar.c, FNV-1a 64 from the FNV spec) with this Python:
//
//   M = (1 << 64) - 1
//   def splitmix(s):
//       while True:
//           s = (s + 0x9E3779B97F4A7C15) & M; z = s
//           z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
//           z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
//           yield z ^ (z >> 31)
//   def rotl(x, k): return ((x << k) | (x >> (64 - k))) & M
//   def xoshiro(s):
//       s = list(s)
//       while True:
//           r = (rotl((s[1] * 5) & M, 7) * 9) & M; t = (s[1] << 17) & M
//           s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
//           yield r
//   def fnv(b):
//       h = 0xcbf29ce484222325
//       for c in b: h ^= c; h = (h * 0x100000001b3) & M
//       return h
//   def xseed(seed): g = splitmix(seed); return xoshiro([next(g) for _ in range(4)])
//   def stream(seed, name): return xseed(next(splitmix(seed ^ fnv(name.encode()))))
//
// The xoshiro256** outputs for state {1, 2, 3, 4} start 11520, 0, 1509978240, as widely
// published; SplitMix64 seed 42 matches PHOLD.md.

@Suite("Generators: known answers")
struct GeneratorTests {
    @Test("SplitMix64 seed 42 gives PHOLD.md's outputs")
    func splitMixSeed42() {
        var g = SplitMix64(seed: 42)
        let outputs = (0..<3).map { _ in g.next() }
        #expect(outputs == [13_679_457_532_755_275_413, 2_949_826_092_126_892_291, 5_139_283_748_462_763_858])
    }

    @Test("SplitMix64 seed 0")
    func splitMixSeed0() {
        var g = SplitMix64(seed: 0)
        let outputs = (0..<3).map { _ in g.next() }
        #expect(outputs == [16_294_208_416_658_607_535, 7_960_286_522_194_355_700, 487_617_019_471_545_679])
    }

    @Test("xoshiro256** from state {1, 2, 3, 4}")
    func xoshiroRawState() {
        var g = Xoshiro256StarStar(state: (1, 2, 3, 4))
        let outputs = (0..<6).map { _ in g.next() }
        #expect(outputs == [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240,
                            1_216_172_134_540_287_360, 607_988_272_756_665_600])
    }

    @Test("xoshiro256** seeded through SplitMix64, seed 42")
    func xoshiroSeeded() {
        var g = Xoshiro256StarStar(seed: 42)
        let outputs = (0..<4).map { _ in g.next() }
        #expect(outputs == [1_546_998_764_402_558_742, 6_990_951_692_964_543_102,
                            12_544_586_762_248_559_009, 17_057_574_109_182_124_193])
    }

    @Test("nextUnit is the top 53 bits times 2^-53")
    func unit() {
        var a = Xoshiro256StarStar(seed: 9), b = Xoshiro256StarStar(seed: 9)
        for _ in 0..<100 {
            let u = a.nextUnit()
            #expect(u == Double(b.next() >> 11) / 9_007_199_254_740_992)
            #expect(u >= 0 && u < 1)
        }
        var s = SplitMix64(seed: 42)
        #expect(s.nextUnit() == Double(13_679_457_532_755_275_413 as UInt64 >> 11) / 9_007_199_254_740_992)
    }

    @Test("nextIndex stays in range and uses the high word", arguments: [1, 3, 10, 1000])
    func index(count: Int) {
        var a = Xoshiro256StarStar(seed: 5), b = Xoshiro256StarStar(seed: 5)
        for _ in 0..<1000 {
            let i = a.nextIndex(below: count)
            #expect(i == Int(b.next().multipliedFullWidth(by: UInt64(count)).high))
            #expect((0..<count).contains(i))
        }
    }

    @Test("FNV-1a 64 matches the spec's vectors", arguments: [
        ("", 0xCBF2_9CE4_8422_2325 as UInt64), ("a", 0xAF63_DC4C_8601_EC8C), ("foobar", 0x8594_4171_F739_67E8),
        ("arrivals.egress-record", 0x24F4_DBB8_5F6F_09CE),
    ])
    func fnv(_ text: String, _ hash: UInt64) {
        #expect(fnv1a64(text) == hash)
    }
}
