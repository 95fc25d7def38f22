import Foundation
import Randomness
import Testing

@Suite("Distributions: validation")
struct DistributionValidationTests {
    static let invalid: [(Distribution, String)] = [
        (.constant(-1), "constant: value: expected a finite number ≥ 0, found -1.0"),
        (.constant(.infinity), "constant: value: expected a finite number ≥ 0, found inf"),
        (.uniform(min: -1, max: 2), "uniform: min: expected a finite number ≥ 0, found -1.0"),
        (.uniform(min: 3, max: 2), "uniform: max: expected a finite number ≥ min (3.0), found 2.0"),
        (.exponential(mean: 0), "exponential: mean: expected a finite number > 0, found 0.0"),
        (.exponential(mean: .nan), "exponential: mean: expected a finite number > 0, found nan"),
        (.normal(mean: -5, stddev: 1), "normal: mean: expected a finite number ≥ 0, found -5.0"),
        (.normal(mean: 5, stddev: 0), "normal: stddev: expected a finite number > 0, found 0.0"),
        (.lognormal(mu: 0, sigma: 0), "lognormal: sigma: expected a finite number > 0 (for median and p95: 0 < median < p95), found 0.0"),
        (.lognormal(mu: 0, sigma: -0.5), "lognormal: sigma: expected a finite number > 0 (for median and p95: 0 < median < p95), found -0.5"),
        (.weibull(shape: 0, scale: 1), "weibull: shape: expected a finite number > 0, found 0.0"),
        (.weibull(shape: 1, scale: -2), "weibull: scale: expected a finite number > 0, found -2.0"),
        (.empirical([]), "empirical: values: expected at least one value, found none"),
        (.empirical([1, -0.5]), "empirical: values[1]: expected a finite number ≥ 0, found -0.5"),
    ]

    @Test("invalid parameters are rejected with a message naming the parameter", arguments: invalid)
    func rejects(_ d: Distribution, _ message: String) {
        #expect(throws: DistributionError.self) { try d.validate() }
        do {
            try d.validate()
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("p95 at or below the median is rejected", arguments: [(2.0, 2.0), (3.0, 1.0)])
    func badQuantiles(median: Double, p95: Double) {
        #expect(throws: DistributionError.self) { try Distribution.lognormal(median: median, p95: p95).validate() }
    }

    @Test("valid parameters pass", arguments: [
        Distribution.constant(0), .uniform(min: 1, max: 1), .exponential(mean: 0.5), .normal(mean: 0, stddev: 1),
        .lognormal(median: 1, p95: 3), .weibull(shape: 0.7, scale: 2), .empirical([0, 1.5]),
    ])
    func accepts(_ d: Distribution) throws {
        try d.validate()
    }

    @Test("distributions round-trip through JSON")
    func codable() throws {
        let all: [Distribution] = [.constant(1), .uniform(min: 0, max: 2), .exponential(mean: 3), .normal(mean: 4, stddev: 1),
                                   .lognormal(mu: 1, sigma: 0.5), .weibull(shape: 2, scale: 3), .empirical([1, 2])]
        let data = try JSONEncoder().encode(all)
        #expect(try JSONDecoder().decode([Distribution].self, from: data) == all)
    }
}
