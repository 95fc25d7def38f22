import Randomness

// `Distribution` is Equatable but not Hashable; configuration types holding one hash its
// rendering (equal distributions render equally, so `==` implies equal hashes).
extension Hasher {
    mutating func combine(distribution: Distribution) { combine(String(describing: distribution)) }
}
