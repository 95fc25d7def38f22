/// **A named stream's numbers depend only on the seed and the name.**
///
/// SplitMix64 (Steele, Lea and Flood; Vigna's `splitmix64.c`): a 64-bit counter passed
/// through a mixing function. PHOLD draws from one of these; the streams use it to seed
/// ``Xoshiro256StarStar``.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The counter; the next output mixes `state + 0x9E3779B97F4A7C15`.
    public var state: UInt64

    /// A generator whose first output mixes `seed + 0x9E3779B97F4A7C15`.
    @inlinable
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1): the top 53 bits of ``next()`` times 2⁻⁵³ (exact).
    @inlinable
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}
