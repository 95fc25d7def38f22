extension Dictionary where Key == ResourceName, Value == Int64 {
    /// `self[resource]`, without hashing the name when the list is small.
    ///
    /// A pod's requests and a container's usage hold one or two resources, and the controller
    /// reads them for every pod of every sync: comparing two short names is cheaper than
    /// hashing one (profiled: hashing was 5 % of a diurnal-week run). Keys are unique, so at
    /// most one entry matches and the order of the scan cannot change the answer.
    ///
    /// - Complexity: O(*n*) for *n* ≤ 4 entries, else one hashed lookup.
    func amount(of resource: ResourceName) -> Int64? {
        guard count <= 4 else { return self[resource] }
        for (name, value) in self where name == resource { return value }
        return nil
    }
}
