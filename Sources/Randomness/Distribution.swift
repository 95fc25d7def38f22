import Foundation

/// A distribution of non-negative values (durations in seconds, sizes, rates).
///
/// **A draw is a pure function of the stream:** ``sample(using:)`` reads only the generator
/// it is given and keeps no state, so the same stream position gives the same value.
/// Check user-supplied parameters with ``validate()`` before sampling.
public enum Distribution: Sendable, Hashable, Codable {
    /// Always `value`.
    case constant(Double)
    /// Uniform on [min, max).
    case uniform(min: Double, max: Double)
    /// Exponential with the given mean (rate 1/mean).
    case exponential(mean: Double)
    /// Normal, clamped at 0 (a duration cannot be negative): choose `mean` several
    /// `stddev` above 0 when the clamp should not matter.
    case normal(mean: Double, stddev: Double)
    /// Log-normal by the underlying normal's mu and sigma: the median is e^mu.
    case lognormal(mu: Double, sigma: Double)
    /// Weibull with shape k and scale λ: λ·(−ln(1 − U))^(1/k).
    case weibull(shape: Double, scale: Double)
    /// Draws uniformly among the listed values (a measured sample; repeat a value to weight it).
    case empirical([Double])

    /// z of the 95th percentile of the standard normal, Φ⁻¹(0.95).
    static let z95 = 1.6448536269514722

    /// Log-normal with the given median and 95th percentile:
    /// mu = ln(median), sigma = (ln(p95) − ln(median)) / Φ⁻¹(0.95).
    ///
    /// ``validate()`` rejects the result unless `0 < median < p95`.
    public static func lognormal(median: Double, p95: Double) -> Distribution {
        .lognormal(mu: Foundation.log(median), sigma: (Foundation.log(p95) - Foundation.log(median)) / z95)
    }

    /// One draw.
    ///
    /// Draws per value: none for `constant`, one for `uniform`, `exponential`, `weibull` and
    /// `empirical`, two for `normal` and `lognormal` (Box–Muller, no cached second value).
    public func sample(using g: inout Xoshiro256StarStar) -> Double {
        switch self {
        case .constant(let value):
            return value
        case .uniform(let min, let max):
            return min + (max - min) * g.nextUnit()
        case .exponential(let mean):
            return -mean * Foundation.log(1.0 - g.nextUnit())
        case .normal(let mean, let stddev):
            return Swift.max(0, mean + stddev * standardNormal(&g))
        case .lognormal(let mu, let sigma):
            return Foundation.exp(mu + sigma * standardNormal(&g))
        case .weibull(let shape, let scale):
            return scale * Foundation.pow(-Foundation.log(1.0 - g.nextUnit()), 1 / shape)
        case .empirical(let values):
            guard !values.isEmpty else { return 0 }
            return values[g.nextIndex(below: values.count)]
        }
    }
}

/// A standard normal draw by Box–Muller from two uniforms (1 − u keeps the log finite).
func standardNormal(_ g: inout Xoshiro256StarStar) -> Double {
    let u1 = 1.0 - g.nextUnit(), u2 = g.nextUnit()
    return Foundation.sqrt(-2 * Foundation.log(u1)) * Foundation.cos(2 * Double.pi * u2)
}
