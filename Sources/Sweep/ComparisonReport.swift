import Foundation
public import RunRecords

/// `simulate compare`'s table: the baseline and each variant side by side, with each variant's
/// difference to the baseline marked better or worse.
///
/// Every figure in it is one where lower is better: queue waits, pod-hours, tasks timed out,
/// tasks interrupted by scale-down, flaps.
public struct ComparisonReport: CustomStringConvertible, Sendable {
    public var title: String
    public var baseline: SimulationResult
    /// Each variant's name and result, in the order given.
    public var variants: [(name: String, result: SimulationResult)]

    public init(title: String, baseline: SimulationResult, variants: [(name: String, result: SimulationResult)]) {
        self.title = title; self.baseline = baseline; self.variants = variants
    }

    /// The figures compared, in print order: per class, then per deployment, then the totals.
    public var figures: [SweepFigure] {
        var figures: [SweepFigure] = []
        for c in baseline.classes {
            figures += [.timedOut(taskClass: c.name), .interrupted(taskClass: c.name)]
            figures += SweepFigure.WaitStatistic.allCases.map { SweepFigure.queueWait($0, taskClass: c.name) }
        }
        for d in baseline.deployments { figures += [.podHours(deployment: d.name), .flaps(deployment: d.name)] }
        figures += [.podHours(deployment: nil), .timedOut(taskClass: nil), .interrupted(taskClass: nil)]
        return figures
    }

    public var description: String {
        var lines = [title, "lower is better for every figure (waits, pod-hours, timed out, interrupted, flaps); "
                     + "\"better\"/\"worse\" mark each variant's difference to the baseline", ""]
        var rows = [["figure", "baseline"] + variants.map(\.name)]
        for figure in figures {
            let base = figure.value(in: baseline)
            var row = [figure.description, base.map { Self.format($0, figure) } ?? "-"]
            for v in variants {
                guard let value = figure.value(in: v.result), let base else { row.append("-"); continue }
                let delta = value - base
                let mark = delta < 0 ? " better" : delta > 0 ? " worse" : ""
                let sign = delta > 0 ? "+" : delta < 0 ? "-" : "±"
                row.append("\(Self.format(value, figure)) (\(sign)\(Self.format(abs(delta), figure))\(mark))")
            }
            rows.append(row)
        }
        lines += Format.table(rows)
        return lines.joined(separator: "\n")
    }

    static func format(_ value: Double, _ figure: SweepFigure) -> String {
        switch figure {
        case .podHours: Format.number(value, digits: 3)
        case .queueWait: Format.seconds(value)
        default: Format.number(value, digits: 0)
        }
    }
}
