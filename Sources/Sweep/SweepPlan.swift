import Scenario
public import SimTime

/// What a sweep runs: variants × seeds, optionally one shard of them.
///
/// **Nothing runs before every variant loads**: ``validate()`` loads each one (its overrides
/// applied and validated like the manifest itself) and reports every problem.
public struct SweepPlan: Sendable {
    public var scenarioPath: String
    public var variants: [Variant]
    public var seeds: [UInt64]
    /// Replaces the scenario's duration; nil: the scenario's.
    public var duration: SimDuration?
    public var shard: Shard?

    public init(scenarioPath: String, variants: [Variant], seeds: [UInt64], duration: SimDuration? = nil, shard: Shard? = nil) {
        self.scenarioPath = scenarioPath; self.variants = variants; self.seeds = seeds; self.duration = duration
        self.shard = shard
    }

    /// The seeds of a sweep over `count` seeds: the scenario's (or `--seed`'s) and the next ones.
    public static func seeds(from base: UInt64, count: Int) -> [UInt64] {
        (0..<UInt64(max(1, count))).map { base &+ $0 }
    }

    /// Every run, variant by variant, each variant's seeds in order; only this shard's variants.
    public var requests: [RunRequest] {
        variants.indices.filter { shard?.contains($0) ?? true }.flatMap { i in
            seeds.map { RunRequest(variantIndex: i, variant: variants[i], seed: $0, duration: duration) }
        }
    }

    /// Loads every variant; throws ``SweepError/invalidVariant(name:_:)`` for the first that
    /// does not load, with all of its diagnostics.
    public func validate() throws(SweepError) {
        for variant in variants {
            do {
                _ = try ScenarioLoader.load(path: variant.scenarioPath, duration: duration, overrides: variant.overrides)
            } catch {
                throw .invalidVariant(name: variant.name, error)
            }
        }
    }
}
