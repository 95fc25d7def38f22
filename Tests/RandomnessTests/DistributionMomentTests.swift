import Foundation
import Randomness
import Testing

/// A distribution with its exact raw moments E[X^k], k = 1…4, and points (q, P(X ≤ q)) of
/// its CDF, all worked out by hand from the textbook formulas (not from the library).
struct MomentCase: Sendable, CustomStringConvertible {
    var name: String
    var distribution: Distribution
    var raw: [Double]
    var cdf: [(q: Double, p: Double)]
    var description: String { name }
}

/// Standard normal quantiles z_0.1 and z_0.9.
private let z90 = 1.2815515655446004

private func lognormalRaw(_ mu: Double, _ sigma: Double) -> [Double] {
    (1...4).map { k in exp(Double(k) * mu + Double(k * k) * sigma * sigma / 2) }
}

private func weibullRaw(_ k: Double, _ lambda: Double) -> [Double] {
    (1...4).map { j in pow(lambda, Double(j)) * tgamma(1 + Double(j) / k) }
}

private let sigma36 = log(3.0) / 1.6448536269514722   // lognormal(median: 2, p95: 6)

@Suite("Distributions: moments with fixed seeds")
struct DistributionMomentTests {
    static let cases: [MomentCase] = [
        MomentCase(name: "uniform(2, 5)", distribution: .uniform(min: 2, max: 5),
                   raw: [3.5, 13, 203.0 / 4, 1031.0 / 5],   // (b^(k+1) - a^(k+1)) / ((k+1)(b-a))
                   cdf: [(2.3, 0.1), (3.5, 0.5), (4.7, 0.9)]),
        MomentCase(name: "exponential(mean 2)", distribution: .exponential(mean: 2),
                   raw: [2, 8, 48, 384],                    // k! · mean^k
                   cdf: [(-2 * log(0.9), 0.1), (2 * log(2), 0.5), (-2 * log(0.1), 0.9)]),
        MomentCase(name: "normal(10, 2)", distribution: .normal(mean: 10, stddev: 2),
                   raw: [10, 104, 1120, 12_448],            // μ^k terms with σ² = 4 (clamp at 0 is ~3e-7 away)
                   cdf: [(10 - 2 * z90, 0.1), (10, 0.5), (10 + 2 * z90, 0.9)]),
        MomentCase(name: "lognormal(mu 0.5, sigma 0.4)", distribution: .lognormal(mu: 0.5, sigma: 0.4),
                   raw: lognormalRaw(0.5, 0.4),
                   cdf: [(exp(0.5 - 0.4 * z90), 0.1), (exp(0.5), 0.5), (exp(0.5 + 0.4 * z90), 0.9)]),
        MomentCase(name: "lognormal(median 2, p95 6)", distribution: .lognormal(median: 2, p95: 6),
                   raw: lognormalRaw(log(2), sigma36),
                   cdf: [(2, 0.5), (6, 0.95)]),
        MomentCase(name: "weibull(shape 1.5, scale 3)", distribution: .weibull(shape: 1.5, scale: 3),
                   raw: weibullRaw(1.5, 3),
                   cdf: [(3 * pow(-log(0.9), 1 / 1.5), 0.1), (3 * pow(log(2), 1 / 1.5), 0.5), (3 * pow(-log(0.1), 1 / 1.5), 0.9)]),
        MomentCase(name: "empirical [1, 2, 3, 10]", distribution: .empirical([1, 2, 3, 10]),
                   raw: [4, 28.5, 259, 2524.5],             // mean of v^k over the four values
                   cdf: [(1, 0.25), (2, 0.5), (3, 0.75)]),
    ]

    static let sampleSize = 50_000

    @Test("sample mean, variance and CDF points agree with the exact values",
          arguments: cases, [1, 2024] as [UInt64])
    func moments(_ c: MomentCase, seed: UInt64) throws {
        try c.distribution.validate()
        var g = RandomStreams(seed: seed).stream(named: "moments")
        let n = Self.sampleSize
        let xs = (0..<n).map { _ in c.distribution.sample(using: &g) }
        #expect(xs.allSatisfy { $0 >= 0 && $0.isFinite })

        let (m1, m2, m3, m4) = (c.raw[0], c.raw[1], c.raw[2], c.raw[3])
        let variance = m2 - m1 * m1
        let mu4 = m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 * m1 * m1 * m1
        let nd = Double(n)
        // Tolerances: 5 standard errors of each estimator at this sample size
        // (sd of the mean √(σ²/n); of the sample variance √((μ4 − σ⁴)/n); of an empirical CDF √(p(1−p)/n)).
        let mean = xs.reduce(0, +) / nd
        let sampleVariance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (nd - 1)
        #expect(abs(mean - m1) <= 5 * (variance / nd).squareRoot(), "mean \(mean) vs \(m1)")
        #expect(abs(sampleVariance - variance) <= 5 * ((mu4 - variance * variance) / nd).squareRoot(),
                "variance \(sampleVariance) vs \(variance)")
        for (q, p) in c.cdf {
            let fraction = Double(xs.count { $0 <= q }) / nd
            #expect(abs(fraction - p) <= 5 * (p * (1 - p) / nd).squareRoot(), "P(X ≤ \(q)) = \(fraction) vs \(p)")
        }
    }

    @Test("a constant draws nothing and always returns its value")
    func constant() {
        var g = Xoshiro256StarStar(seed: 3), h = Xoshiro256StarStar(seed: 3)
        #expect(Distribution.constant(4.5).sample(using: &g) == 4.5)
        #expect(g.next() == h.next())
    }

    @Test("a draw is a pure function of the stream position, with a fixed number of draws",
          arguments: [(Distribution.uniform(min: 0, max: 1), 1), (.exponential(mean: 1), 1), (.normal(mean: 5, stddev: 1), 2),
                      (.lognormal(mu: 0, sigma: 1), 2), (.weibull(shape: 2, scale: 1), 1), (.empirical([1, 2]), 1)])
    func pure(_ d: Distribution, draws: Int) {
        var a = Xoshiro256StarStar(seed: 77), b = Xoshiro256StarStar(seed: 77), c = Xoshiro256StarStar(seed: 77)
        let x = d.sample(using: &a), y = d.sample(using: &b)
        #expect(x == y)
        for _ in 0..<draws { _ = c.next() }
        #expect(a.next() == c.next())
    }

    @Test("lognormal by median and p95 has exactly that median")
    func lognormalQuantiles() {
        guard case .lognormal(let mu, let sigma) = Distribution.lognormal(median: 2, p95: 6) else {
            Issue.record("not a lognormal")
            return
        }
        #expect(abs(exp(mu) - 2) < 1e-12)
        #expect(abs(exp(mu + 1.6448536269514722 * sigma) - 6) < 1e-12)
    }
}
