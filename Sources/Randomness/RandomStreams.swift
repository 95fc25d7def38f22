/// **Each component draws from its own stream, named; a stream depends only on the seed and its name.**
///
/// So adding a draw in one component (or a new component) never shifts the numbers any
/// other component sees. Names are dotted paths by convention: `arrivals.egress-record`,
/// `service.webhook-notifier`.
///
/// ```swift
/// let streams = RandomStreams(seed: 7)
/// var arrivals = streams.stream(named: "arrivals.egress-record")
/// let gap = Distribution.exponential(mean: 2).sample(using: &arrivals)
/// ```
public struct RandomStreams: Sendable, Equatable {
    /// The run's seed.
    public let seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    /// The stream for `name`: `Xoshiro256StarStar(seed: SplitMix64(seed: seed ^ fnv1a64(name)).next())`.
    ///
    /// The name is hashed with FNV-1a (stable across processes and platforms, unlike
    /// `Hasher`), then mixed once through SplitMix64 so that nearby seeds and names give
    /// unrelated states. Calling it twice gives two generators at the same position.
    public func stream(named name: String) -> Xoshiro256StarStar {
        var mix = SplitMix64(seed: seed ^ fnv1a64(name))
        return Xoshiro256StarStar(seed: mix.next())
    }
}

/// FNV-1a, 64-bit, over the UTF-8 bytes of `text` (stable across processes, unlike `Hasher`).
public func fnv1a64(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01B3
    }
    return hash
}
