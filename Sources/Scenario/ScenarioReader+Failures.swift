internal import Yams
internal import SimTime
internal import ClusterModel

/// `metricsPipeline.outages`, `metricsPipeline.failureRates` and `redisLists`.
extension ScenarioReader {
    static var sourceNames: String { MetricSource.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") }

    func source(_ node: Node, _ path: FieldPath) -> MetricSource? {
        guard let s = reader.string(node, path) else { return nil }
        guard let source = MetricSource(rawValue: s) else {
            reader.error(node, path, "Unsupported value: \"\(s)\": supported values: \(Self.sourceNames)")
            return nil
        }
        return source
    }

    /// `outages: [{source, from, for}]` and `failureRates: {<source>: <probability>}`; nil when neither is written.
    func readFailures(_ f: Fields, _ path: FieldPath) -> MetricFailures? {
        guard f["outages"] != nil || f["failureRates"] != nil else { return nil }
        var failures = MetricFailures()
        if let n = f["outages"], !NodeReader.isNull(n), let items = reader.sequence(n, path.child("outages")) {
            for (i, item) in items.enumerated() {
                let p = path.child("outages").index(i)
                guard let o = reader.fields(item, p, known: ["source", "from", "for"]) else { continue }
                var source: MetricSource?, from: SimDuration?, duration: SimDuration?
                if let s = o["source"] { source = self.source(s, p.child("source")) } else {
                    reader.error(o.line, p.child("source"), "Required value: one of \(Self.sourceNames)")
                }
                if let v = o["from"] { from = reader.duration(v, p.child("from")) } else {
                    reader.error(o.line, p.child("from"), "Required value: when the outage starts (a duration from the start, e.g. 2h)")
                }
                if let v = o["for"] { duration = reader.duration(v, p.child("for"), allowZero: false) } else {
                    reader.error(o.line, p.child("for"), "Required value: how long the outage lasts (e.g. 15m)")
                }
                if let source, let from, let duration {
                    failures.outages.append(MetricOutage(source: source, from: from, duration: duration))
                }
            }
        }
        if let n = f["failureRates"], !NodeReader.isNull(n), let m = reader.anyFields(n, path.child("failureRates")) {
            for key in m.orderedKeys {
                guard let v = m[key] else { continue }
                let p = path.child("failureRates").child(key)
                guard let source = MetricSource(rawValue: key) else {
                    reader.error(m.keyLines[key], p, "Unsupported value: \"\(key)\": supported values: \(Self.sourceNames)")
                    continue
                }
                guard let probability = reader.double(v, p) else { continue }
                if !(probability >= 0 && probability <= 1) {
                    reader.error(v, p, "Invalid value: \(probability): expected a probability between 0 and 1")
                    continue
                }
                failures.rates.append(MetricFailureRate(source: source, probability: probability))
            }
        }
        return failures
    }

    /// `redisLists: {<listName>: [<class name>, ...]}`.
    func readRedisLists(_ node: Node, _ path: FieldPath) -> [String: [String]] {
        guard let m = reader.anyFields(node, path) else { return [:] }
        var lists: [String: [String]] = [:]
        for key in m.orderedKeys {
            guard let v = m[key], let items = reader.sequence(v, path.key(key)) else { continue }
            lists[key] = items.enumerated().compactMap { reader.string($0.element, path.key(key).index($0.offset)) }
        }
        return lists
    }
}
