/// A distribution parameter that cannot describe non-negative values.
///
/// `lognormal: sigma: expected a finite number > 0, found 0.0`. The scenario layer adds the
/// file and field it came from.
public struct DistributionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The distribution kind (`exponential`, `lognormal`, `empirical`, …).
    public var distribution: String
    /// The offending parameter (`mean`, `sigma`, `values[3]`, …).
    public var parameter: String
    public var expected: String
    public var found: String

    public init(distribution: String, parameter: String, expected: String, found: String) {
        self.distribution = distribution
        self.parameter = parameter
        self.expected = expected
        self.found = found
    }

    public var description: String { "\(distribution): \(parameter): expected \(expected), found \(found)" }
}

extension Distribution {
    /// The kind's name, as errors and reports write it.
    public var kind: String {
        switch self {
        case .constant: "constant"
        case .uniform: "uniform"
        case .exponential: "exponential"
        case .normal: "normal"
        case .lognormal: "lognormal"
        case .weibull: "weibull"
        case .empirical: "empirical"
        }
    }

    /// Throws unless every draw is a finite number ≥ 0 and the parameters are meaningful:
    /// constant ≥ 0; 0 ≤ min ≤ max; exponential mean > 0; normal mean ≥ 0 and stddev > 0;
    /// lognormal sigma > 0 (so median < p95); Weibull shape and scale > 0; empirical
    /// non-empty, every value ≥ 0. All parameters must be finite.
    public func validate() throws(DistributionError) {
        func check(_ name: String, _ value: Double, _ expected: String, _ ok: (Double) -> Bool) throws(DistributionError) {
            guard value.isFinite, ok(value) else {
                throw DistributionError(distribution: kind, parameter: name, expected: "a finite number \(expected)",
                                        found: "\(value)")
            }
        }
        switch self {
        case .constant(let value):
            try check("value", value, "≥ 0") { $0 >= 0 }
        case .uniform(let min, let max):
            try check("min", min, "≥ 0") { $0 >= 0 }
            try check("max", max, "≥ min (\(min))") { $0 >= min }
        case .exponential(let mean):
            try check("mean", mean, "> 0") { $0 > 0 }
        case .normal(let mean, let stddev):
            try check("mean", mean, "≥ 0") { $0 >= 0 }
            try check("stddev", stddev, "> 0") { $0 > 0 }
        case .lognormal(let mu, let sigma):
            try check("mu", mu, "(any)") { _ in true }
            try check("sigma", sigma, "> 0 (for median and p95: 0 < median < p95)") { $0 > 0 }
        case .weibull(let shape, let scale):
            try check("shape", shape, "> 0") { $0 > 0 }
            try check("scale", scale, "> 0") { $0 > 0 }
        case .empirical(let values):
            guard !values.isEmpty else {
                throw DistributionError(distribution: kind, parameter: "values", expected: "at least one value", found: "none")
            }
            for (i, value) in values.enumerated() {
                try check("values[\(i)]", value, "≥ 0") { $0 >= 0 }
            }
        }
    }
}
