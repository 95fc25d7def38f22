/// Resource amounts in milli-units, keyed by resource name (Kubernetes' `ResourceList`).
///
/// Written as a dictionary (`["cpu": 500, "memory": 536_870_912_000]`) and read by name. CPU and
/// memory, the only resources the controller reads in practice, are stored in fields rather than
/// hashed: every sync reads a request and a usage for every pod (hashing the names in a
/// `Dictionary` was 5 % of a run, and walking its indices no cheaper). Other names go to a
/// dictionary, empty (allocating nothing) unless used. ``keys`` lists `cpu`, `memory`, then the
/// others sorted, so nothing depends on hash order.
public struct ResourceList: Hashable, Sendable, ExpressibleByDictionaryLiteral {
    /// `cpu`, milli-cores.
    public var cpu: Int64?
    /// `memory`, milli-bytes.
    public var memory: Int64?
    private var others: [ResourceName: Int64] = [:]

    public init() {}

    public init(dictionaryLiteral elements: (ResourceName, Int64)...) {
        for (name, amount) in elements { self[name] = amount }
    }

    /// The amount of `resource`; nil when the list does not set it.
    public subscript(resource: ResourceName) -> Int64? {
        get {
            switch resource {
            case "cpu": cpu
            case "memory": memory
            default: others.isEmpty ? nil : others[resource]
            }
        }
        set {
            switch resource {
            case "cpu": cpu = newValue
            case "memory": memory = newValue
            default: others[resource] = newValue
            }
        }
    }

    /// The resource names set: `cpu`, `memory`, then the others in sorted order.
    public var keys: [ResourceName] {
        var names: [ResourceName] = []
        if cpu != nil { names.append("cpu") }
        if memory != nil { names.append("memory") }
        return names + others.keys.sorted()
    }

    public var count: Int { (cpu == nil ? 0 : 1) + (memory == nil ? 0 : 1) + others.count }
    public var isEmpty: Bool { count == 0 }

    /// Makes this list exactly `["cpu": cpu, "memory": memory]`.
    public mutating func set(cpu: Int64, memory: Int64) {
        self.cpu = cpu
        self.memory = memory
        if !others.isEmpty { others = [:] }
    }
}
