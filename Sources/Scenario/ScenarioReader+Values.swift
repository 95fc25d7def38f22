internal import Yams
internal import SimTime
internal import Randomness
internal import Quantities
internal import Expectations

/// Scalars of scenario files: durations, rates, distributions, CPU and memory.
extension NodeReader {
    /// A duration (`15s`, `5m`, `1h30m`, or seconds), 0 … 366 days.
    func duration(_ node: Node, _ path: FieldPath, allowZero: Bool = true) -> SimDuration? {
        guard case .scalar(let scalar) = node else {
            error(node, path, "expected a duration such as 30s, 5m or 1h, found \(Self.kind(node))")
            return nil
        }
        let text = scalar.string
        if text.hasPrefix("-") || Double(text).map({ $0 < 0 }) == true {
            error(node, path, "Invalid value: \"\(text)\": a duration must not be negative")
            return nil
        }
        guard let duration = ScenarioDuration.parse(text) else {
            if let value = Double(text), value > ScenarioDuration.maximum.seconds {
                error(node, path, "Invalid value: \"\(text)\": longer than 366 days")
            } else {
                error(node, path, "Invalid value: \"\(text)\": expected a duration such as 30s, 5m, 1h30m or 7d (at most 366d)")
            }
            return nil
        }
        if !allowZero, duration == .zero {
            error(node, path, "Invalid value: \"\(text)\": must be greater than zero")
            return nil
        }
        return duration
    }

    /// A rate in events per second: a number, or `120/h`, `2/m`, `0.5/s`, `1000/d`.
    func rate(_ node: Node, _ path: FieldPath) -> Double? {
        guard case .scalar(let scalar) = node else {
            error(node, path, "expected a rate such as 120/h or 0.5 (per second), found \(Self.kind(node))")
            return nil
        }
        let text = scalar.string
        var value: Double?
        if let v = Double(text) {
            value = v
        } else {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 2, let v = Double(String(parts[0]).trimmingSpaces) {
                switch String(parts[1]).trimmingSpaces {
                case "s": value = v
                case "m", "min": value = v / 60
                case "h": value = v / 3600
                case "d": value = v / 86_400
                default: value = nil
                }
            }
        }
        guard let value, value.isFinite else {
            error(node, path, "Invalid value: \"\(text)\": expected a rate such as 120/h, 2/m, 0.5/s or a number per second")
            return nil
        }
        if value < 0 {
            error(node, path, "Invalid value: \"\(text)\": a rate must not be negative")
            return nil
        }
        if value > 1_000_000 {
            error(node, path, "Invalid value: \"\(text)\": more than 1,000,000 per second is not a plausible rate")
            return nil
        }
        return value
    }

    /// A non-negative finite number, or a duration in seconds when `seconds` is set.
    func amount(_ node: Node, _ path: FieldPath, seconds: Bool) -> Double? {
        if seconds {
            if case .scalar(let s) = node, Double(s.string) == nil {
                return duration(node, path)?.seconds
            }
        }
        guard let value = double(node, path) else { return nil }
        if value < 0 {
            error(node, path, "Invalid value: \(value): must not be negative")
            return nil
        }
        return value
    }

    static let distributions = ["constant", "uniform", "exponential", "normal", "lognormal", "weibull", "empirical"]

    /// A distribution: `{constant: 5}`, `{uniform: {min, max}}`, `{exponential: {mean}}`,
    /// `{normal: {mean, stddev}}`, `{lognormal: {median, p95}}` or `{lognormal: {mu, sigma}}`,
    /// `{weibull: {shape, scale}}`, `{empirical: [..]}`; a bare scalar means constant.
    /// With `seconds`, values may be durations (`20m`).
    func distribution(_ node: Node, _ path: FieldPath, seconds: Bool) -> Distribution? {
        if case .scalar = node {
            return amount(node, path, seconds: seconds).map { .constant($0) }
        }
        guard let fields = fields(node, path, known: []), fields.orderedKeys.count == 1, let kind = fields.orderedKeys.first,
              let body = fields[kind] else {
            error(node, path, "expected one distribution, one of: \(Self.distributions.joined(separator: ", "))")
            return nil
        }
        let p = path.child(kind)
        func params(_ names: [String]) -> [Double]? {
            guard let f = self.fields(body, p, known: names) else { return nil }
            var values: [Double] = []
            for name in names {
                guard let n = f[name] else {
                    error(f.line, p.child(name), "Required value")
                    return nil
                }
                guard let v = amount(n, p.child(name), seconds: seconds) else { return nil }
                values.append(v)
            }
            return values
        }
        switch kind {
        case "constant":
            return amount(body, p, seconds: seconds).map { .constant($0) }
        case "uniform":
            guard let v = params(["min", "max"]) else { return nil }
            if v[0] > v[1] { error(body, p, "Invalid value: min \(v[0]) is greater than max \(v[1])"); return nil }
            return .uniform(min: v[0], max: v[1])
        case "exponential":
            guard let v = params(["mean"]) else { return nil }
            return .exponential(mean: v[0])
        case "normal":
            guard let v = params(["mean", "stddev"]) else { return nil }
            return .normal(mean: v[0], stddev: v[1])
        case "lognormal":
            if let f = body.mapping, f["mu"] != nil {
                // mu is the log of the median: it may be negative.
                guard let lf = self.fields(body, p, known: ["mu", "sigma"]), let muNode = lf["mu"], let sigmaNode = lf["sigma"] else {
                    error(body, p, "Required value: mu and sigma")
                    return nil
                }
                guard let mu = double(muNode, p.child("mu")), let sigma = amount(sigmaNode, p.child("sigma"), seconds: false) else {
                    return nil
                }
                return .lognormal(mu: mu, sigma: sigma)
            }
            guard let v = params(["median", "p95"]) else { return nil }
            if v[0] <= 0 || v[1] < v[0] {
                error(body, p, "Invalid value: expected 0 < median ≤ p95, found median \(v[0]), p95 \(v[1])")
                return nil
            }
            return .lognormal(median: v[0], p95: v[1])
        case "weibull":
            guard let v = params(["shape", "scale"]) else { return nil }
            if v[0] <= 0 { error(body, p.child("shape"), "Invalid value: \(v[0]): must be greater than zero"); return nil }
            return .weibull(shape: v[0], scale: v[1])
        case "empirical":
            guard let items = sequence(body, p) else { return nil }
            if items.isEmpty { error(body, p, "Required value: at least one value"); return nil }
            var values: [Double] = []
            for (i, item) in items.enumerated() {
                guard let v = amount(item, p.index(i), seconds: seconds) else { return nil }
                values.append(v)
            }
            return .empirical(values)
        default:
            var message = "unknown distribution \"\(kind)\"; expected one of: \(Self.distributions.joined(separator: ", "))"
            if let guess = nearest(kind, in: Self.distributions) { message += " (did you mean \"\(guess)\"?)" }
            error(fields.keyLines[kind], p, message)
            return nil
        }
    }

    /// CPU as a quantity (`60m`, `0.5`) in millicores.
    func cpuMilli(_ node: Node, _ path: FieldPath) -> Int64? {
        guard let q = quantity(node, path) else { return nil }
        if q.sign < 0 { error(node, path, "Invalid value: \"\(q.text)\": must be greater than or equal to 0"); return nil }
        return q.milliValue
    }

    /// Memory as a quantity (`48Mi`) in milli-bytes, as `Quantity.milliValue` gives it.
    func memoryMilli(_ node: Node, _ path: FieldPath) -> Int64? { cpuMilli(node, path) }
}
