import Foundation
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
    public func validate(jobs: Int = 1) throws(SweepError) {
        // On `jobs` threads (loading is most of a short sweep's serial time); the error reported
        // is the first variant's in order, whatever thread found it.
        let failures = Failures(count: variants.count)
        let workers = max(1, min(jobs, variants.count))
        let variants = variants, duration = duration
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for i in stride(from: worker, to: variants.count, by: workers) {
                do throws(ScenarioError) {
                    _ = try ScenarioLoader.load(path: variants[i].scenarioPath, duration: duration,
                                                overrides: variants[i].overrides)
                } catch {
                    failures.set(i, .invalidVariant(name: variants[i].name, error))
                }
            }
        }
        if let first = failures.first { throw first }
    }
}

/// Each variant's load error, written from the validating threads.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [SweepError?]
    init(count: Int) { errors = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ error: SweepError) { lock.withLock { errors[i] = error } }
    var first: SweepError? { lock.withLock { errors.lazy.compactMap { $0 }.first } }
}
