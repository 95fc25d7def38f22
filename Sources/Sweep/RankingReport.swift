import Foundation
import ClusterModel

/// The ranking a sweep prints: the top variants, the Pareto front, where each knob's best
/// value sits. **The same bytes for the same sweep**, whatever `--jobs`, `--db` or
/// `--export-best`: it is built from the ranked figures only (no paths, no timings).
public struct RankingReport: CustomStringConvertible, Sendable {
    public var title: String
    public var knobs: [Knob]
    public var seeds: [UInt64]
    public var objective: SweepObjective
    /// How broken promises were counted (the header says which).
    public var rule: PromiseRule
    /// Every scored variant (any order; the report ranks them).
    public var scores: [VariantScore]
    /// How many ranked variants to list.
    public var top: Int

    public init(title: String, knobs: [Knob], seeds: [UInt64], objective: SweepObjective, rule: PromiseRule,
                scores: [VariantScore], top: Int = 10) {
        self.title = title; self.knobs = knobs; self.seeds = seeds; self.objective = objective; self.rule = rule
        self.scores = scores; self.top = top
    }

    public var description: String {
        let ranked = Ranking.ranked(scores)
        let front = Ranking.paretoFront(scores)
        let frontIndices = Set(front.map(\.index))
        var lines: [String] = []
        let seedList = seeds.map(String.init).joined(separator: ", ")
        lines.append("\(title): \(scores.count) variants × \(seeds.count) seed\(seeds.count == 1 ? "" : "s") (\(seedList))")
        lines.append("ranked by \(rule.title), then by \(objective.title)"
                     + (objective.higherIsBetter ? ", higher is better" : ", lower is better") + "; mean ± spread over seeds")
        lines.append("")
        var rows = [["rank", "variant"] + knobs.map(\.title) + ["broken", objective.description, "pod-hours", "worst p95 wait", "pareto"]]
        for (i, s) in ranked.prefix(top).enumerated() {
            rows.append(["\(i + 1)", s.variant.name] + s.variant.settings
                        + [Format.stat(s.broken, digits: rule == .tasksLost ? 1 : 0), Format.stat(s.objective, digits: 3), Format.number(s.podHours.mean, digits: 3),
                           Format.seconds(s.worstP95Wait.mean), frontIndices.contains(s.index) ? "*" : ""])
        }
        lines += Format.table(rows)
        if ranked.count > top { lines.append("(\(ranked.count - top) more; --top N lists more)") }
        let breaking = ranked.prefix(top).filter { !$0.brokenPromises.isEmpty }
        if !breaking.isEmpty {
            lines.append("")
            lines.append("Promises the listed variants break (seeds):")
            for s in breaking {
                let list = s.brokenPromises.map { "\($0.promise) (\($0.seeds.map(String.init).joined(separator: ", ")))" }
                lines.append("  \(s.variant.name): " + list.joined(separator: "; "))
            }
        }
        lines.append("")
        lines.append("Pareto front (pod-hours vs worst p95 queue wait), cheapest first:")
        for s in front {
            lines.append("  \(s.variant.name)  \(s.variant.settings.joined(separator: " "))  \(Format.number(s.podHours.mean, digits: 3)) pod-h, \(Format.seconds(s.worstP95Wait.mean))")
        }
        if let best = ranked.first {
            if !knobs.isEmpty {
                lines.append("")
                lines.append("Knobs (the best variant's value in each grid):")
                for p in Ranking.placements(knobs, top: best) {
                    let grid = p.knob.values.joined(separator: ", ")
                    lines.append("  \(p.knob.field) = \(p.best)  [\(grid)]" + (p.atEdge ? "  at the edge of its grid: widen it" : ""))
                }
            }
            lines.append("")
            let keeping = scores.filter(\.keepsEveryPromise).count
            if keeping == 0 {
                let breaks = rule == .tasksLost
                    ? "loses \(Format.number(best.broken.mean, digits: 1)) tasks on average"
                    : "breaks \(Format.number(best.broken.mean, digits: 0)) of \(rule.promiseCount)"
                lines.append("No variant keeps every promise; the best, \(best.variant.name), \(breaks).")
            } else {
                lines.append("\(keeping) of \(scores.count) variants keep every promise; the best is \(best.variant.name).")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// Number formatting shared by the reports: fixed digits, the same on every platform.
enum Format {
    static func number(_ value: Double, digits: Int) -> String {
        value.isFinite ? String(format: "%.\(digits)f", value) : "n/a"
    }
    static func stat(_ s: Statistic, digits: Int) -> String {
        s.spread == 0 ? number(s.mean, digits: digits) : number(s.mean, digits: digits) + " ± " + number(s.spread, digits: digits)
    }
    static func seconds(_ value: Double) -> String { number(value, digits: 1) + "s" }

    /// Every column left-aligned and padded to its widest cell, two spaces apart.
    static func table(_ rows: [[String]]) -> [String] {
        guard let width = rows.map(\.count).max() else { return [] }
        var widths = Array(repeating: 0, count: width)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ").trimmedTrailing()
        }
    }
}

extension String {
    func trimmedTrailing() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
