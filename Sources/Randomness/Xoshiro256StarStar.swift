/// xoshiro256** 1.0 (Blackman and Vigna, `xoshiro256starstar.c`): the generator behind
/// every named stream. Period 2²⁵⁶ − 1; fast and statistically strong for simulation.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    @usableFromInline var s0, s1, s2, s3: UInt64

    /// A generator whose state is four consecutive outputs of `SplitMix64(seed:)`, as the
    /// authors recommend.
    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next()
        s1 = sm.next()
        s2 = sm.next()
        s3 = sm.next()
    }

    /// A generator with the given raw state (for known-answer tests).
    /// - Precondition: not all four words are zero.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256** state must not be all zero")
        (s0, s1, s2, s3) = state
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let scrambled = s1 &* 5
        let result = (scrambled << 7 | scrambled >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform double in [0, 1): the top 53 bits of ``next()`` times 2⁻⁵³ (exact).
    @inlinable
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A uniform integer in `0..<count`: the high word of `next() × count` (bias below
    /// `count / 2⁶⁴`, negligible here; one draw, so draw counts never depend on the value).
    /// - Precondition: `count > 0`.
    @inlinable
    public mutating func nextIndex(below count: Int) -> Int {
        precondition(count > 0, "nextIndex(below:) needs a positive count")
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(count)).high)
    }
}
