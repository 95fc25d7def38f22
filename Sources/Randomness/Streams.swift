/// **A named stream's numbers depend only on the seed and the name.**
///
/// NOTE: contract version; tuned and tested implementation follows.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    @usableFromInline var s0, s1, s2, s3: UInt64
    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
    }
    @inlinable public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }
    /// A uniform double in [0, 1) from the top 53 bits.
    @inlinable public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}

/// Derives independent generators from one seed and a stable name.
public struct RandomStreams: Sendable {
    public let seed: UInt64
    public init(seed: UInt64) { self.seed = seed }
    /// The stream for `name`: seeded by `seed ^ fnv1a64(name)` mixed once through SplitMix64.
    public func stream(named name: String) -> Xoshiro256StarStar {
        var mix = SplitMix64(seed: seed ^ fnv1a64(name))
        return Xoshiro256StarStar(seed: mix.next())
    }
}

/// FNV-1a, 64-bit, over the UTF-8 bytes of `text` (stable across processes, unlike `Hasher`).
public func fnv1a64(_ text: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in text.utf8 { h ^= UInt64(b); h &*= 0x0000_0100_0000_01b3 }
    return h
}
