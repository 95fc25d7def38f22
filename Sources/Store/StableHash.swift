/// A stable 64-bit FNV-1a hash of UTF-8 text, as 16 lowercase hex digits.
///
/// Used for `runs.scenario_hash`: it is the same in every process and on every platform
/// (unlike `Hasher`, which is seeded per process), so two runs of the same resolved scenario
/// share a hash. It identifies; it does not authenticate (FNV is not a cryptographic hash, and
/// CryptoKit is not available on Linux).
public enum StableHash {
    /// FNV-1a 64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3) of `text`'s UTF-8 bytes.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// `fnv1a64(text)` as 16 lowercase hex digits, zero-padded.
    public static func hex(of text: String) -> String {
        let digits = String(fnv1a64(text), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
