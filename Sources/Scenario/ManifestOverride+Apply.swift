internal import Yams

/// Applying `target:path=value` edits to composed manifest documents before they are read,
/// so an override is validated exactly like a value written in the manifest.
extension ManifestOverride {
    enum Step: Equatable { case field(String), index(Int) }

    /// `spec.behavior.scaleUp.policies[0].value` as steps; nil when malformed.
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
                guard let close = rest.firstIndex(of: "]"), let i = Int(rest[rest.index(after: rest.startIndex)..<close]), i >= 0 else {
                    return nil
                }
                steps.append(.index(i))
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
        guard let steps = Self.steps(path), steps.count <= 64 else {
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
        }
    }
}
