/// A hand-tuned duplicate check for the pod names of one sync (hand-tuned: its own file).
///
/// **Same answer as a `Set<String>`, for ASCII names:** the check hashes each name's bytes with
/// FNV-1a into an open-addressing table of pod indices, and a name is a duplicate only when a
/// stored name with the same hash is `==` to it. For ASCII strings `==` is byte equality, so the
/// byte hash is consistent with it; a name with any other byte makes the check give up (nil),
/// and the caller uses a `Set`, whose hashing follows Unicode canonical equivalence.
///
/// Why: with 50 pods per HPA, `Set.insert` (SipHash of every name) was 14 % of the scale
/// scenario's instructions (docs/performance.md); this is about a sixth of that.
enum PodNameTable {
    /// Whether the pods' names are distinct; nil when a name is not ASCII (or not stored
    /// contiguously, as a bridged string may not be).
    ///
    /// - Complexity: O(*n*) expected, for *n* pods (a table of at least 2*n* slots).
    static func asciiNamesDistinct(_ pods: [ObservedPod]) -> Bool? {
        var capacity = 16
        while capacity < 2 * pods.count { capacity <<= 1 }
        let mask = capacity - 1
        var slots = [Int32](repeating: -1, count: capacity)
        var hashes = [UInt64](repeating: 0, count: pods.count)
        for k in pods.indices {
            // The bytes through a pointer (native and small strings have one); per-byte
            // iteration of `utf8` cost several times the hash itself.
            let hashed = pods[k].name.utf8.withContiguousStorageIfAvailable { bytes -> UInt64? in
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325, any: UInt8 = 0
                for byte in bytes {
                    any |= byte
                    hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
                }
                return any < 0x80 ? hash : nil
            }
            guard let hashed, let hash = hashed else { return nil }
            hashes[k] = hash
            var slot = Int(truncatingIfNeeded: hash ^ (hash >> 32)) & mask
            while slots[slot] >= 0 {
                let other = Int(slots[slot])
                if hashes[other] == hash && pods[other].name == pods[k].name { return false }
                slot = (slot + 1) & mask
            }
            slots[slot] = Int32(k)
        }
        return true
    }
}
