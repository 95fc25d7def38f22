public import RunRecords

/// Mean and spread of a figure over a variant's seeds.
public struct Statistic: Hashable, Sendable {
    public var mean: Double
    /// The sample standard deviation (0 for one seed).
    public var spread: Double

    /// Summarizes `values` in their order (the sums are taken in seed order, so equal inputs
    /// give equal bits).
    public init(_ values: [Double]) {
        let n = Double(values.count)
        mean = values.isEmpty ? 0 : values.reduce(0, +) / n
        let m = mean
        spread = values.count < 2 ? 0 : (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot()
    }
}

/// One variant's results over its seeds, summarized for ranking.
public struct VariantScore: Hashable, Sendable {
    /// The variant's index in its sweep (the last tie-break: ranking never depends on run order).
    public var index: Int
    public var variant: Variant
    /// Per seed, in seed order.
    public var results: [SimulationResult]
    /// Promises broken: under ``PromiseRule/expectations(count:)`` how many of the scenario's
    /// promises fail on at least one seed (no spread); under ``PromiseRule/tasksLost`` the tasks
    /// timed out plus interrupted by scale-down, mean over seeds.
    public var broken: Statistic
    /// The promises broken, each once, in the order they first failed (seed by seed, file
    /// order within a seed); empty under ``PromiseRule/tasksLost``.
    public var brokenPromises: [BrokenPromise]
    public var objective: Statistic
    /// Whether a larger objective ranks first.
    public var higherIsBetter: Bool
    /// Total pod-hours of the HPA-scaled deployments and the worst class's p95 queue wait (seconds):
    /// the axes of the Pareto front.
    public var podHours: Statistic
    public var worstP95Wait: Statistic

    public init(index: Int, variant: Variant, runs: [VariantRun], objective: SweepObjective, rule: PromiseRule) {
        self.index = index; self.variant = variant; results = runs.map(\.result)
        var broken: [BrokenPromise] = []
        for run in runs {
            for outcome in run.outcomes where !outcome.passed {
                let promise = outcome.name ?? outcome.expectation.description
                if let i = broken.firstIndex(where: { $0.promise == promise }) {
                    if !broken[i].seeds.contains(outcome.seed) { broken[i].seeds.append(outcome.seed) }
                } else {
                    broken.append(BrokenPromise(promise: promise, seeds: [outcome.seed]))
                }
            }
        }
        switch rule {
        case .expectations:
            brokenPromises = broken
            self.broken = Statistic([Double(broken.count)])
        case .tasksLost:
            brokenPromises = []
            self.broken = Statistic(results.map { Double(PromiseRule.tasksLost(in: $0)) })
        }
        higherIsBetter = objective.higherIsBetter
        // A run without a value (a reaction that never came) ranks last.
        self.objective = Statistic(runs.map { $0.objective ?? (objective.higherIsBetter ? -.infinity : .infinity) })
        podHours = Statistic(results.map(SweepObjective.hpaPodHours(in:)))
        worstP95Wait = Statistic(results.map(SweepObjective.worstP95Wait(in:)))
    }

    /// Whether every seed kept every promise.
    public var keepsEveryPromise: Bool { broken.mean == 0 }

    /// The objective as the ranking compares it: lower first (negated when higher is better;
    /// no value, or a NaN, ranks last).
    var objectiveRank: Double {
        let mean = objective.mean
        if mean.isNaN { return .infinity }
        return higherIsBetter ? -mean : mean
    }
}

/// A promise a variant breaks, and the seeds it fails on.
public struct BrokenPromise: Hashable, Sendable {
    /// Its `name:`, or its text when it has none.
    public var promise: String
    public var seeds: [UInt64]
    public init(promise: String, seeds: [UInt64]) { self.promise = promise; self.seeds = seeds }
}

/// Ranking, the Pareto front and where each knob's best value sits.
public enum Ranking {
    /// Groups `results` (one per request, in request order) by variant and summarizes them.
    public static func scores(_ requests: [RunRequest], _ runs: [VariantRun], objective: SweepObjective,
                              rule: PromiseRule) -> [VariantScore] {
        var byVariant: [(index: Int, variant: Variant, runs: [VariantRun])] = []
        for (request, result) in zip(requests, runs) {
            if let last = byVariant.indices.last, byVariant[last].index == request.variantIndex {
                byVariant[last].runs.append(result)
            } else {
                byVariant.append((request.variantIndex, request.variant, [result]))
            }
        }
        return byVariant.map { VariantScore(index: $0.index, variant: $0.variant, runs: $0.runs, objective: objective, rule: rule) }
    }

    /// Best first: fewest broken promises, then the best objective (lowest, or highest for a
    /// higher-is-better figure), then the sweep's order.
    public static func ranked(_ scores: [VariantScore]) -> [VariantScore] {
        scores.sorted { a, b in
            if a.broken.mean != b.broken.mean { return a.broken.mean < b.broken.mean }
            if a.objectiveRank != b.objectiveRank { return a.objectiveRank < b.objectiveRank }
            return a.index < b.index
        }
    }

    /// The variants no other beats on both pod-hours and worst p95 wait (ties on both keep the
    /// first in sweep order), cheapest first.
    public static func paretoFront(_ scores: [VariantScore]) -> [VariantScore] {
        let sorted = scores.sorted { a, b in
            if a.podHours.mean != b.podHours.mean { return a.podHours.mean < b.podHours.mean }
            if a.worstP95Wait.mean != b.worstP95Wait.mean { return a.worstP95Wait.mean < b.worstP95Wait.mean }
            return a.index < b.index
        }
        var front: [VariantScore] = []
        for s in sorted where front.allSatisfy({ s.worstP95Wait.mean < $0.worstP95Wait.mean }) { front.append(s) }
        return front
    }

    /// Where a knob's best value sits in its grid.
    public struct KnobPlacement: Hashable, Sendable {
        public var knob: Knob
        /// The top-ranked variant's value.
        public var best: String
        /// Its position in the knob's values (0-based).
        public var position: Int
        /// The best value is the first or last of at least two: the grid may be too narrow.
        public var atEdge: Bool { knob.values.count > 1 && (position == 0 || position == knob.values.count - 1) }
    }

    /// Each knob's best value (the top variant's) and whether it is at the edge of its grid.
    public static func placements(_ knobs: [Knob], top: VariantScore) -> [KnobPlacement] {
        zip(knobs, top.variant.settings).map { knob, value in
            KnobPlacement(knob: knob, best: value, position: knob.values.firstIndex(of: value) ?? 0)
        }
    }
}
