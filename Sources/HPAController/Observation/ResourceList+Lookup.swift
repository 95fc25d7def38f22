extension Dictionary where Key == String {
    /// The index of `key`, found by comparing keys rather than hashing when the dictionary is small.
    ///
    /// An HPA reads one to three custom metrics and the model refreshes them every sync: comparing
    /// a few short names is cheaper than hashing one (profiled: hashing was 5 % of a diurnal-week run). Keys
    /// are unique, so at most one entry matches and the order of the scan cannot change the answer.
    ///
    /// - Complexity: O(*n*) for *n* ≤ 4 entries, else one hashed lookup.
    public func index(scanningFor key: String) -> Index? {
        guard count <= 4 else { return index(forKey: key) }
        var i = startIndex
        while i != endIndex {
            if keys[i] == key { return i }
            formIndex(after: &i)
        }
        return nil
    }

    /// `self[key]`, by ``index(scanningFor:)``.
    public func value(scanningFor key: String) -> Value? {
        index(scanningFor: key).map { values[$0] }
    }
}
