import Randomness

/// A stable 64-bit FNV-1a hash of UTF-8 text, as 16 lowercase hex digits.
///
/// Used for `runs.scenario_hash`: it is the same in every process and on every platform
/// (unlike `Hasher`, which is seeded per process), so two runs of the same resolved scenario
/// share a hash. It identifies; it does not authenticate (FNV is not a cryptographic hash, and
/// CryptoKit is not available on Linux). The hash is the one the random streams name
/// themselves with (`Randomness.fnv1a64`): the project has one FNV-1a.
public enum StableHash {
    /// `fnv1a64(text)` as 16 lowercase hex digits, zero-padded.
    public static func hex(of text: String) -> String {
        let digits = String(fnv1a64(text), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
