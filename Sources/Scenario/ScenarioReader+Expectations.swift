internal import Yams
internal import Expectations

/// `expectations:` of a scenario file: a list of `{name, assert, seeds}`, or the old map
/// form `<class or deployment>: {<figure>: <value>}` (read as `<figure>{...} <= <value>`, with a note).
extension ScenarioReader {
    static let expectationFields = ["name", "assert", "seeds"]

    func readExpectations(_ node: Node, classes: [String], location: SourceLocation) -> [ScenarioExpectation] {
        let path = FieldPath("expectations")
        var out: [ScenarioExpectation] = []
        func parse(_ text: String, _ node: Node, _ p: FieldPath, name: String?, seeds: [UInt64]) {
            do {
                let expectation = try Expectation(parsing: text)
                out.append(ScenarioExpectation(name: name, expectation: expectation, seeds: seeds,
                                               location: SourceLocation(file: location.file, line: NodeReader.line(node) ?? location.line),
                                               field: p.text))
            } catch {
                reader.error(node, p, "Invalid value: \"\(text)\": \(error)")
            }
        }
        if case .mapping = node {
            // The old map form, still read.
            guard let all = reader.anyFields(node, path) else { return out }
            for subject in all.orderedKeys {
                guard let n = all[subject], let figures = reader.anyFields(n, path.child(subject)) else { continue }
                for figure in figures.orderedKeys {
                    // A class when the name is one, or when the figure is only a class's.
                    let classFigure = Figure(rawValue: figure)?.subjects == [.class]
                    let label = classes.contains(subject) || classFigure ? "class" : "deployment"
                    guard let v = figures[figure], let value = reader.scalarString(v, path.child(subject).child(figure), expected: "a value") else { continue }
                    let text = "\(figure){\(label)=\(subject)} <= \(value)"
                    reader.note(NodeReader.line(v), "expectations.\(subject).\(figure): the map form is read as \"\(text)\"; write it as a list entry: - assert: \(text)")
                    parse(text, v, path.child(subject).child(figure), name: nil, seeds: [])
                }
            }
            return out
        }
        guard let items = reader.sequence(node, path) else { return out }
        for (i, item) in items.enumerated() {
            let p = path.index(i)
            guard let f = reader.fields(item, p, known: Self.expectationFields) else { continue }
            var name: String?
            if let n = f["name"] { name = reader.string(n, p.child("name")) }
            var seeds: [UInt64] = []
            if let s = f["seeds"], let list = reader.sequence(s, p.child("seeds")) {
                for (j, seed) in list.enumerated() {
                    if let v = reader.integer(seed, p.child("seeds").index(j), range: 0...Int64.max, typeName: "a non-negative seed") {
                        seeds.append(UInt64(v))
                    }
                }
            }
            guard let a = f["assert"] else {
                reader.error(f.line, p.child("assert"), "Required value: a promise such as podHours{deployment=egress} <= 200")
                continue
            }
            guard let text = reader.string(a, p.child("assert")) else { continue }
            parse(text, a, p.child("assert"), name: name, seeds: seeds)
        }
        return out
    }
}
