internal import Yams

/// Applying `target:path=value` edits to composed manifest documents before they are read,
/// so an override is validated exactly like a value written in the manifest.
extension ManifestOverride {
    /// One step of a field path: a field, a list index (`[0]`) or an entry chosen by its key
    /// (`metrics[cpu]`, `policies[Pods]`, `containers[egress]`; see ``entryKey(of:inList:)``).
    enum Step: Equatable { case field(String), index(Int), key(String) }

    /// `spec.behavior.scaleUp.policies[0].value` or `spec.metrics[cpu].resource.target.averageUtilization`
    /// as steps; nil when malformed.
    static func steps(_ path: String) -> [Step]? {
        var steps: [Step] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            guard let bracket = rest.firstIndex(of: "[") ?? Optional(rest.endIndex) else { return nil }
            let name = rest[..<bracket]
            if name.isEmpty, steps.isEmpty || bracket == rest.endIndex { return nil }
            if !name.isEmpty { steps.append(.field(String(name))) }
            rest = rest[bracket...]
            while rest.first == "[" {
                guard let close = rest.firstIndex(of: "]") else { return nil }
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                if let i = Int(inside) {
                    guard i >= 0 else { return nil }
                    steps.append(.index(i))
                } else {
                    guard !inside.isEmpty, !inside.contains("[") else { return nil }
                    steps.append(.key(String(inside)))
                }
                rest = rest[rest.index(after: close)...]
            }
            if !rest.isEmpty { return nil }
        }
        return steps.isEmpty ? nil : steps
    }

    /// Whether `root` (a manifest object) is the override's target.
    func matches(_ root: Node) -> Bool {
        guard let mapping = root.mapping, let name = mapping["metadata"]?.mapping?["name"]?.scalar?.string else { return false }
        if let slash = target.firstIndex(of: "/") {
            let kind = target[..<slash], targetName = target[target.index(after: slash)...]
            return mapping["kind"]?.scalar?.string == String(kind) && name == String(targetName)
        }
        return name == target
    }

    /// Sets the value at the path in `root`; returns an error message when the path does not fit.
    func apply(to root: inout Node) -> String? {
        switch resolvedPath(in: root) {
        case .failure(let problem): return problem.message
        case .success(let resolved): return apply(resolved, to: &root)
        }
    }

    /// A problem with an override's path.
    struct PathProblem: Error { var message: String }

    /// The path with every key step replaced by the index it selects in `root`
    /// (`spec.metrics[cpu].resource` → `spec.metrics[0].resource`).
    ///
    /// A key that matches more than one entry is an error naming both; a key that matches
    /// none is an error listing the keys there are.
    func resolvedPath(in root: Node) -> Result<String, PathProblem> {
        guard let steps = Self.steps(path), steps.count <= 64 else {
            return .failure(PathProblem(message: "Invalid value: \"\(path)\": expected a field path such as spec.behavior.scaleUp.policies[0].value"))
        }
        var node: Node? = root
        var walked = ""
        var lastField = ""
        for step in steps {
            switch step {
            case .field(let name):
                walked += walked.isEmpty ? name : "." + name
                lastField = name
                node = node?.mapping?[name]
            case .index(let i):
                walked += "[\(i)]"
                if let items = node?.sequence, i < items.count { node = items[i] } else { node = nil }
            case .key(let key):
                guard let items = node?.sequence else {
                    return .failure(PathProblem(message: "cannot select \(walked)[\(key)]: \(walked) is not a list"))
                }
                let keys = items.map { Self.entryKey(of: $0, inList: lastField) }
                let matching = keys.indices.filter { keys[$0] == key }
                if matching.count > 1 {
                    return .failure(PathProblem(message: "\(walked)[\(key)] is ambiguous: the key \"\(key)\" matches both "
                                                + "\(walked)[\(matching[0])] and \(walked)[\(matching[1])]; use an index"))
                }
                guard let index = matching.first else {
                    var known: [String] = []
                    for k in keys.compactMap({ $0 }) where !known.contains(k) { known.append(k) }
                    let listed = known.isEmpty ? "its entries have no keys" : "the keys are " + known.joined(separator: ", ")
                    return .failure(PathProblem(message: "\(walked)[\(key)]: no entry has the key \"\(key)\"; \(listed)"))
                }
                walked += "[\(index)]"
                node = items[index]
            }
        }
        return .success(walked)
    }

    /// What `list[KEY]` matches in an entry of the list named `list`: for `metrics`, a
    /// Resource or ContainerResource metric's resource name and a Pods, Object or External
    /// metric's metric name; for `policies`, the policy type (`Pods`, `Percent`); for any
    /// other list (containers, env, ports), the entry's `name`.
    static func entryKey(of entry: Node, inList list: String) -> String? {
        guard let mapping = entry.mapping else { return nil }
        switch list {
        case "metrics":
            for source in ["resource", "containerResource"] {
                if let name = mapping[source]?.mapping?["name"]?.scalar?.string { return name }
            }
            for source in ["pods", "object", "external"] {
                if let name = mapping[source]?.mapping?["metric"]?.mapping?["name"]?.scalar?.string { return name }
            }
            return nil
        case "policies":
            return mapping["type"]?.scalar?.string
        default:
            return mapping["name"]?.scalar?.string
        }
    }

    private func apply(_ resolved: String, to root: inout Node) -> String? {
        guard let steps = Self.steps(resolved) else {
            return "Invalid value: \"\(path)\": expected a field path such as spec.behavior.scaleUp.policies[0].value"
        }
        if let (_, depth) = YAMLSource.excessiveNesting(value, limit: 32) {
            return "Invalid value: nested \(depth) levels deep, deeper than the limit of 32"
        }
        let valueNode: Node
        do {
            guard let parsed = try Yams.compose(yaml: value.isEmpty ? "null" : value) else { return "Invalid value: \"\(value)\": empty" }
            valueNode = Self.unmarked(parsed)
        } catch {
            return "Invalid value: \"\(value)\": not a YAML value"
        }
        return Self.set(valueNode, at: steps[...], in: &root, walked: "")
    }

    /// A copy without source marks: problems in an overridden value are reported at the
    /// override, not at a line of the manifest.
    static func unmarked(_ node: Node) -> Node {
        switch node {
        case .scalar(let s): return Node(s.string, s.tag, s.style)
        case .mapping(let m): return Node(m.map { (unmarked($0.key), unmarked($0.value)) })
        case .sequence(let items): return Node(items.map(unmarked))
        case .alias: return node
        }
    }

    private static func set(_ value: Node, at steps: ArraySlice<Step>, in node: inout Node, walked: String) -> String? {
        guard let step = steps.first else { node = value; return nil }
        let rest = steps.dropFirst()
        switch step {
        case .field(let name):
            var mapping: Node.Mapping
            if case .mapping(let m) = node { mapping = m } else if NodeReader.isNull(node) { mapping = [:] } else {
                return "cannot set \(name) under \(walked.isEmpty ? "the object" : walked): not a mapping"
            }
            var child = mapping[name] ?? Node("null", .implicit, .plain)
            if mapping[name] == nil, case .index = rest.first { child = .sequence([]) }
            let path = walked.isEmpty ? name : walked + "." + name
            if let problem = set(value, at: rest, in: &child, walked: path) { return problem }
            mapping[name] = child
            node = .mapping(mapping)
            return nil
        case .index(let i):
            guard case .sequence(var sequence) = node else {
                return "cannot index \(walked) with [\(i)]: not a list"
            }
            let path = walked + "[\(i)]"
            if i < sequence.count {
                var child = sequence[i]
                if let problem = set(value, at: rest, in: &child, walked: path) { return problem }
                sequence[i] = child
            } else if i == sequence.count {
                var child: Node = rest.isEmpty ? value : .mapping([:])
                if let problem = set(value, at: rest, in: &child, walked: path) { return problem }
                sequence.append(child)
            } else {
                return "cannot set \(path): the list has \(sequence.count) entries"
            }
            node = .sequence(sequence)
            return nil
        case .key(let key):
            return "cannot set \(walked)[\(key)]: unresolved key"   // resolvedPath(in:) replaces every key
        }
    }
}
