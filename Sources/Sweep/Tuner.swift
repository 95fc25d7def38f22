import RunRecords
import ClusterModel
public import SimTime
import Randomness

/// A knob tuning searches: `FIELD=LOW..HIGH` or `FIELD=LOW..HIGH/STEP`, integers.
public struct TuneKnob: Hashable, Sendable {
    /// `target:path`, as in an override.
    public var field: String
    public var low: Int
    public var high: Int
    /// The spacing of the values tried (1: every integer).
    public var step: Int

    public init(field: String, low: Int, high: Int, step: Int = 1) {
        self.field = field; self.low = low; self.high = high; self.step = step
    }

    /// Parses `--knob FIELD=LOW..HIGH[/STEP]` (integers, LOW <= HIGH, STEP >= 1).
    public init(parsing text: String) throws(SweepError) {
        let expected = "FIELD=LOW..HIGH or FIELD=LOW..HIGH/STEP with integers LOW <= HIGH, STEP >= 1 and FIELD as <object name>:<field path>"
        guard let equals = text.firstIndex(of: "="), text[..<equals].contains(":") else {
            throw .invalidArgument(option: "--knob", expected: expected, found: text)
        }
        let range = text[text.index(after: equals)...]
        let stepParts = range.split(separator: "/", omittingEmptySubsequences: false)
        let bounds = stepParts[0].split(separator: ".", omittingEmptySubsequences: true)
        guard range.contains(".."), stepParts.count <= 2, bounds.count == 2,
              let low = Int(bounds[0]), let high = Int(bounds[1]), low <= high,
              let step = stepParts.count == 2 ? Int(stepParts[1]) : 1, step >= 1 else {
            throw .invalidArgument(option: "--knob", expected: expected, found: text)
        }
        self.init(field: String(text[..<equals]), low: low, high: high, step: step)
    }

    /// How many values the knob has.
    public var count: Int { (high - low) / step + 1 }
    /// The `i`th value (0-based).
    public func value(_ i: Int) -> Int { low + i * step }

    /// The knob as a grid of every value (what tuning is compared with).
    public var grid: Knob { Knob(field: field, values: (0..<count).map { String(value($0)) }) }
}

/// `simulate tune`: the cheapest variant that keeps every promise, in a space too large for a grid.
///
/// **Method: a Latin hypercube sample, successive halving, then a pattern search.**
/// 1. Sample `n` points by Latin hypercube (each knob's range cut into `n` strata, one point per
///    stratum, strata paired by a seeded shuffle: the named stream `tune.latin-hypercube`).
/// 2. Run all `n` short (a quarter of the duration) on the first seed; keep the best third.
/// 3. Run the survivors on the full duration, first seed; keep the best third.
/// 4. Run those on every seed; the best is the incumbent.
/// 5. With the budget left, try each knob one step either side of the incumbent (full duration,
///    every seed), moving to a better point, halving the step when none is better.
/// "Best" is the sweep's ranking: fewest broken promises, then the best objective. A point
/// already run is never run again. Every run counts against `--budget`, short ones included.
public struct Tuner: Sendable {
    public var scenarioPath: String
    public var knobs: [TuneKnob]
    /// Most runs in all.
    public var budget: Int
    public var seeds: [UInt64]
    /// The full duration of a run.
    public var duration: SimDuration
    public var objective: SweepObjective
    /// How broken promises are counted (the scenario's expectations, or tasks lost).
    public var rule: PromiseRule

    public init(scenarioPath: String, knobs: [TuneKnob], budget: Int, seeds: [UInt64], duration: SimDuration,
                objective: SweepObjective, rule: PromiseRule) {
        self.scenarioPath = scenarioPath; self.knobs = knobs; self.budget = budget; self.seeds = seeds
        self.duration = duration; self.objective = objective; self.rule = rule
    }

    /// What a search found.
    public struct Outcome: Sendable {
        /// The best variant, scored on the full duration and every seed.
        public var best: VariantScore
        /// Every variant scored on the full duration and every seed.
        public var finalists: [VariantScore]
        /// Runs made (short ones included).
        public var runs: Int
        /// The Latin hypercube's size.
        public var sampled: Int
    }

    /// The Latin hypercube's size: the largest `n` whose halving rounds use at most two thirds of the budget.
    public var sampleSize: Int {
        var n = 1
        while cost(of: n + 1) <= budget * 2 / 3 { n += 1 }
        return n
    }

    func cost(of n: Int) -> Int {
        let third = (n + 2) / 3, ninth = (third + 2) / 3
        return n + third + ninth * max(0, seeds.count - 1)
    }

    /// A variant at `point` (one value index per knob).
    public func variant(_ point: [Int]) -> Variant {
        let settings = zip(knobs, point).map { String($0.value($1)) }
        let name = zip(knobs, settings).map { "\(Knob(field: $0.field, values: []).title)=\($1)" }.joined(separator: ",")
        return Variant(name: name, scenarioPath: scenarioPath,
                       overrides: zip(knobs, settings).compactMap { Knob(field: $0.field, values: []).override($1) },
                       settings: settings)
    }

    /// The Latin hypercube sample of `n` points (value indices).
    public func latinHypercube(_ n: Int) -> [[Int]] {
        var stream = RandomStreams(seed: seeds.first ?? 1).stream(named: "tune.latin-hypercube")
        var columns: [[Int]] = []
        for knob in knobs {
            var strata = Array(0..<n)
            for i in stride(from: n - 1, to: 0, by: -1) {
                let j = Int(stream.next() % UInt64(i + 1))
                strata.swapAt(i, j)
            }
            columns.append(strata.map { s in
                let u = (Double(s) + stream.nextUnit()) / Double(n)
                return min(knob.count - 1, Int(u * Double(knob.count)))
            })
        }
        return (0..<n).map { i in columns.map { $0[i] } }
    }

    /// Runs the search. `finished` reports each batch's progress (runs done in the batch, its size).
    public func run(jobs: Int, finished: (@Sendable (Int, Int) -> Void)? = nil, _ runner: @escaping VariantRunner) throws -> Outcome {
        var cache: [RunKey: VariantRun] = [:]
        var runs = 0
        var points: [[Int]] = []   // every point seen, its index is the variant's index

        func index(of point: [Int]) -> Int {
            if let i = points.firstIndex(of: point) { return i }
            points.append(point)
            return points.count - 1
        }
        /// Scores `candidates` on `seeds` at `length`, running only what is not cached.
        func score(_ candidates: [[Int]], seeds: [UInt64], length: SimDuration) throws -> [VariantScore] {
            var missing: [RunRequest] = []
            for p in candidates {
                for seed in seeds where cache[RunKey(point: p, seed: seed, duration: length)] == nil {
                    let request = RunRequest(variantIndex: index(of: p), variant: variant(p), seed: seed, duration: length)
                    if !missing.contains(request) { missing.append(request) }
                }
            }
            let results = try ParallelRuns.run(missing, jobs: jobs, finished: finished, runner)
            runs += missing.count
            for (request, result) in zip(missing, results) {
                cache[RunKey(point: points[request.variantIndex], seed: request.seed, duration: length)] = result
            }
            return candidates.map { p in
                VariantScore(index: index(of: p), variant: variant(p),
                             runs: seeds.compactMap { cache[RunKey(point: p, seed: $0, duration: length)] },
                             objective: objective, rule: rule)
            }
        }
        func unique(_ list: [[Int]]) -> [[Int]] {
            var seen: [[Int]] = []
            for p in list where !seen.contains(p) { seen.append(p) }
            return seen
        }
        func bestThird(_ scores: [VariantScore]) -> [[Int]] {
            Ranking.ranked(scores).prefix((scores.count + 2) / 3).map { points[$0.index] }
        }

        let n = sampleSize
        let first = seeds.prefix(1).map { $0 }
        let sample = unique(latinHypercube(n))
        let short = SimDuration(microseconds: max(1, duration.microseconds / 4))
        let round1 = try score(sample, seeds: first, length: short)
        let round2 = try score(bestThird(round1), seeds: first, length: duration)
        var finalists = try score(bestThird(round2), seeds: seeds, length: duration)
        guard var incumbent = Ranking.ranked(finalists).first else { preconditionFailure("no candidates") }

        // Pattern search around the incumbent while the budget lasts.
        var steps = knobs.map { max(1, ($0.count - 1) / max(1, n)) }
        func current() -> [Int] { points[incumbent.index] }
        while runs + seeds.count <= budget {
            var neighbours: [[Int]] = []
            for (k, knob) in knobs.enumerated() {
                for delta in [-steps[k], steps[k]] {
                    var p = current()
                    p[k] = min(knob.count - 1, max(0, p[k] + delta))
                    if p != current(), !finalists.contains(where: { points[$0.index] == p }) { neighbours.append(p) }
                }
            }
            let affordable = (budget - runs) / max(1, seeds.count)
            if neighbours.isEmpty {
                if steps.allSatisfy({ $0 == 1 }) { break }
                steps = steps.map { max(1, $0 / 2) }
                continue
            }
            let tried = try score(Array(unique(neighbours).prefix(affordable)), seeds: seeds, length: duration)
            finalists += tried
            if let better = Ranking.ranked(tried + [incumbent]).first, better.index != incumbent.index {
                incumbent = better
            } else if steps.allSatisfy({ $0 == 1 }) {
                break
            } else {
                steps = steps.map { max(1, $0 / 2) }
            }
        }
        return Outcome(best: incumbent, finalists: finalists, runs: runs, sampled: n)
    }
}

/// A run of one point, for the tuner's cache.
private struct RunKey: Hashable {
    var point: [Int]
    var seed: UInt64
    var duration: SimDuration
}
