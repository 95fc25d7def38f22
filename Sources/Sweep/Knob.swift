import Foundation
public import Scenario

/// A field a sweep varies (`egress-hpa:spec.behavior.scaleUp.policies[Pods].value`) and its values.
public struct Knob: Hashable, Sendable {
    /// `target:path`, as in an override.
    public var field: String
    /// The values as YAML text, in the order given.
    public var values: [String]

    public init(field: String, values: [String]) { self.field = field; self.values = values }

    /// A short column title: the path's last field, with its list key (`policies[Pods].value` → `Pods.value`).
    public var title: String {
        let path = field.split(separator: ":", maxSplits: 1).last.map(String.init) ?? field
        let parts = path.split(separator: ".")
        guard let last = parts.last else { return field }
        if parts.count >= 2, let open = parts[parts.count - 2].firstIndex(of: "["), parts[parts.count - 2].hasSuffix("]") {
            let prior = parts[parts.count - 2]
            return prior[prior.index(after: open)..<prior.index(before: prior.endIndex)] + "." + last
        }
        if parts.count >= 2, last == "stabilizationWindowSeconds" { return parts[parts.count - 2] + ".window" }
        return String(last)
    }

    /// The override that sets this knob to `value`.
    public func override(_ value: String) -> ManifestOverride? {
        ManifestOverride(parsing: "\(field)=\(value)", location: Variant.commandLine)
    }

    /// `--grid FIELD=V1,V2,...` or `FIELD=[v1, v2]` (a YAML flow list, for values with commas).
    public static func parseGrid(_ text: String) throws(SweepError) -> Knob {
        let expected = "FIELD=V1,V2,... or FIELD=[v1, v2] with FIELD as <object name>:<field path>"
        // Field paths have no `=`: the first one ends the field (`=[` opens a flow list).
        guard let equals = text.range(of: "=[")?.lowerBound ?? text.firstIndex(of: "="), text[..<equals].contains(":") else {
            throw .invalidArgument(option: "--grid", expected: expected, found: text)
        }
        let field = String(text[..<equals]).trimmed()
        var list = String(text[text.index(after: equals)...]).trimmed()
        if list.hasPrefix("[") {
            guard list.hasSuffix("]") else { throw .invalidArgument(option: "--grid", expected: expected, found: text) }
            list = String(list.dropFirst().dropLast())
        }
        let values = splitList(list)
        guard !values.isEmpty, !values.contains(where: \.isEmpty), ManifestOverride(parsing: field + "=0", location: Variant.commandLine) != nil else {
            throw .invalidArgument(option: "--grid", expected: expected, found: text)
        }
        return Knob(field: field, values: values)
    }

    /// Splits at commas outside quotes, brackets and braces; trims spaces.
    static func splitList(_ text: String) -> [String] {
        var items: [String] = [], current = "", depth = 0
        var quote: Character?
        for c in text {
            if let q = quote {
                current.append(c)
                if c == q { quote = nil }
                continue
            }
            switch c {
            case "\"", "'": quote = c; current.append(c)
            case "[", "{": depth += 1; current.append(c)
            case "]", "}": depth -= 1; current.append(c)
            case "," where depth == 0: items.append(current.trimmed()); current = ""
            default: current.append(c)
            }
        }
        items.append(current.trimmed())
        return items
    }

    /// Every combination of the knobs' values, the first knob varying slowest.
    public static func product(_ knobs: [Knob]) -> [[String]] {
        knobs.reduce([[]]) { combos, knob in combos.flatMap { combo in knob.values.map { combo + [$0] } } }
    }

    /// The variants of a grid over `scenarioPath`, named `#1`, `#2`... in product order.
    public static func gridVariants(_ knobs: [Knob], scenarioPath: String) -> [Variant] {
        product(knobs).enumerated().map { i, settings in
            Variant(name: "#\(i + 1)", scenarioPath: scenarioPath,
                    overrides: zip(knobs, settings).compactMap { $0.override($1) }, settings: settings)
        }
    }
}

extension String {
    /// Without leading and trailing spaces.
    func trimmed() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
