import Foundation
public import RunRecords
public import SimTime
public import Expectations

/// One run of a sweep, a comparison or a tuning round: a variant on one seed.
public struct RunRequest: Hashable, Sendable {
    /// The variant's position in its sweep (results are ordered by it).
    public var variantIndex: Int
    public var variant: Variant
    public var seed: UInt64
    /// Replaces the scenario's duration (tuning's short first round, the CLI's `--duration`); nil: the scenario's.
    public var duration: SimDuration?

    public init(variantIndex: Int, variant: Variant, seed: UInt64, duration: SimDuration? = nil) {
        self.variantIndex = variantIndex; self.variant = variant; self.seed = seed; self.duration = duration
    }
}

/// What one run gives a sweep: its result, the scenario's promises checked on it, the objective.
///
/// **A run read back from the database gives the same value as the run did**: the runner
/// (`HPASim`'s `SweepRunStore`) re-derives the promises' timeline from the stored run.
public struct VariantRun: Hashable, Sendable {
    public var result: SimulationResult
    /// The scenario's promises that apply to this run's seed, in file order.
    public var outcomes: [ExpectationOutcome]
    /// The objective measured; nil when the run gives none.
    public var objective: Double?

    public init(result: SimulationResult, outcomes: [ExpectationOutcome], objective: Double?) {
        self.result = result; self.outcomes = outcomes; self.objective = objective
    }
}

/// Runs (and stores) one request. Injected by `HPASim`, which knows the store: this module does not.
public typealias VariantRunner = @Sendable (RunRequest) throws -> VariantRun

/// Runs requests on a pool of threads.
///
/// **Results come back in request order, whatever the number of threads**, and each run is a
/// pure function of its request, so a sweep's results do not depend on `--jobs`.
public enum ParallelRuns {
    /// Runs every request on `jobs` threads; `finished(done, total)` is called after each run
    /// (from the worker thread). The first error stops new runs and is rethrown once the
    /// running ones end.
    public static func run(_ requests: [RunRequest], jobs: Int, finished: (@Sendable (Int, Int) -> Void)? = nil,
                           _ runner: @escaping VariantRunner) throws -> [VariantRun] {
        let state = PoolState(count: requests.count)
        let group = DispatchGroup()
        for _ in 0..<max(1, min(jobs, requests.count)) {
            group.enter()
            let thread = Thread {
                while let i = state.next() {
                    do {
                        let result = try runner(requests[i])
                        let done = state.finish(i, result)
                        finished?(done, requests.count)
                    } catch {
                        state.fail(error)
                    }
                }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return try state.results()
    }
}

/// The pool's shared state, behind one lock.
private final class PoolState: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var done = 0
    private var slots: [VariantRun?]
    private var error: (any Error)?

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func next() -> Int? {
        lock.withLock {
            guard error == nil, nextIndex < slots.count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    func finish(_ i: Int, _ result: VariantRun) -> Int {
        lock.withLock { slots[i] = result; done += 1; return done }
    }

    func fail(_ e: any Error) { lock.withLock { if error == nil { error = e } } }

    func results() throws -> [VariantRun] {
        try lock.withLock {
            if let error { throw error }
            return slots.compactMap { $0 }
        }
    }
}

/// `--shard I/N`: this process runs the variants whose index is `I` modulo `N` (0-based, as
/// Kubernetes' `JOB_COMPLETION_INDEX`), every seed of a variant in the same shard.
public struct Shard: Hashable, Sendable, CustomStringConvertible {
    public var index: Int
    public var count: Int
    public init(index: Int, count: Int) { self.index = index; self.count = count }

    /// Parses `I/N` with `0 <= I < N`.
    public init(parsing text: String) throws(SweepError) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else {
            throw .invalidArgument(option: "--shard", expected: "I/N with 0 <= I < N (I as JOB_COMPLETION_INDEX)", found: text)
        }
        self.init(index: i, count: n)
    }

    /// Whether the variant at `variantIndex` belongs to this shard.
    public func contains(_ variantIndex: Int) -> Bool { variantIndex % count == index }
    public var description: String { "\(index)/\(count)" }
}
