import Foundation

/// A distribution of non-negative values (durations in seconds, sizes, rates).
///
/// NOTE: contract version; validation, CSV columns and moment tests follow.
public enum Distribution: Sendable, Equatable, Codable {
    case constant(Double)
    case uniform(min: Double, max: Double)
    case exponential(mean: Double)
    case normal(mean: Double, stddev: Double)
    /// Log-normal by the underlying normal's mu and sigma.
    case lognormal(mu: Double, sigma: Double)
    case weibull(shape: Double, scale: Double)
    /// Draws uniformly among the listed values.
    case empirical([Double])

    /// Log-normal with the given median and 95th percentile.
    public static func lognormal(median: Double, p95: Double) -> Distribution {
        .lognormal(mu: Foundation.log(median), sigma: (Foundation.log(p95) - Foundation.log(median)) / 1.6448536269514722)
    }

    /// One draw (clamped at 0 for the unbounded-below normal).
    public func sample(using g: inout Xoshiro256StarStar) -> Double {
        switch self {
        case .constant(let v): return v
        case .uniform(let a, let b): return a + (b - a) * g.nextUnit()
        case .exponential(let mean): return -mean * Foundation.log(1.0 - g.nextUnit())
        case .normal(let m, let s): return max(0, m + s * standardNormal(&g))
        case .lognormal(let mu, let sigma): return Foundation.exp(mu + sigma * standardNormal(&g))
        case .weibull(let k, let lambda): return lambda * Foundation.pow(-Foundation.log(1.0 - g.nextUnit()), 1 / k)
        case .empirical(let values):
            guard !values.isEmpty else { return 0 }
            return values[Int(g.next() % UInt64(values.count))]
        }
    }
}

@usableFromInline func standardNormal(_ g: inout Xoshiro256StarStar) -> Double {
    // Box–Muller, one value per two draws (no cached state: draws stay a pure function of the stream).
    let u1 = 1.0 - g.nextUnit(), u2 = g.nextUnit()
    return Foundation.sqrt(-2 * Foundation.log(u1)) * Foundation.cos(2 * Double.pi * u2)
}
