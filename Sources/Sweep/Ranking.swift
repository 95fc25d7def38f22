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
    /// Promises broken (``SweepFigure/brokenPromises(in:)``).
    public var broken: Statistic
    public var objective: Statistic
    /// Total pod-hours of the HPA-scaled deployments and the worst class's p95 queue wait (seconds):
    /// the axes of the Pareto front.
    public var podHours: Statistic
    public var worstP95Wait: Statistic

    public init(index: Int, variant: Variant, results: [SimulationResult], objective: SweepFigure) {
        self.index = index; self.variant = variant; self.results = results
        broken = Statistic(results.map { Double(SweepFigure.brokenPromises(in: $0)) })
        self.objective = Statistic(results.map { objective.value(in: $0) ?? .infinity })
        podHours = Statistic(results.map { SweepFigure.defaultObjective.value(in: $0) ?? 0 })
        worstP95Wait = Statistic(results.map(SweepFigure.worstP95Wait(in:)))
    }

    /// Whether every seed kept every promise.
    public var keepsEveryPromise: Bool { broken.mean == 0 }
}

/// Ranking, the Pareto front and where each knob's best value sits.
public enum Ranking {
    /// Groups `results` (one per request, in request order) by variant and summarizes them.
    public static func scores(_ requests: [RunRequest], _ results: [SimulationResult], objective: SweepFigure) -> [VariantScore] {
        var byVariant: [(index: Int, variant: Variant, results: [SimulationResult])] = []
        for (request, result) in zip(requests, results) {
            if let last = byVariant.indices.last, byVariant[last].index == request.variantIndex {
                byVariant[last].results.append(result)
            } else {
                byVariant.append((request.variantIndex, request.variant, [result]))
            }
        }
        return byVariant.map { VariantScore(index: $0.index, variant: $0.variant, results: $0.results, objective: objective) }
    }

    /// Best first: fewest broken promises, then the lowest objective, then the sweep's order.
    public static func ranked(_ scores: [VariantScore]) -> [VariantScore] {
        scores.sorted { a, b in
            if a.broken.mean != b.broken.mean { return a.broken.mean < b.broken.mean }
            if a.objective.mean != b.objective.mean { return a.objective.mean < b.objective.mean }
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
