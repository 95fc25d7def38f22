import Foundation
public import RunRecords
import Expectations

/// `simulate compare`'s table: the baseline and each variant side by side, with each variant's
/// difference to the baseline marked better or worse.
///
/// Every figure in it is one where lower is better: queue waits, pod-hours, tasks timed out,
/// tasks interrupted by scale-down, flaps. Rows are named in the expectation language
/// (`timedOut{class=egress-record}`), so a row can be pasted into `expectations:` or `--objective`.
public struct ComparisonReport: CustomStringConvertible, Sendable {
    public var title: String
    public var baseline: SimulationResult
    /// Each variant's name and result, in the order given.
    public var variants: [(name: String, result: SimulationResult)]

    public init(title: String, baseline: SimulationResult, variants: [(name: String, result: SimulationResult)]) {
        self.title = title; self.baseline = baseline; self.variants = variants
    }

    /// One row: its name, how it is printed, and how it reads a result.
    struct Row {
        enum Kind { case count, seconds, podHours }
        var name: String
        var kind: Kind
        var value: (SimulationResult) -> Double?
    }

    /// The rows, in print order: per class, then per deployment, then the totals.
    var rows: [Row] {
        var rows: [Row] = []
        for c in baseline.classes {
            let name = c.name
            func count(_ figure: Figure, _ read: @escaping (ClassResult) -> Int) -> Row {
                Row(name: "\(figure.rawValue){class=\(name)}", kind: .count) { $0.taskClass(name).map { Double(read($0)) } }
            }
            func wait(_ figure: Figure, _ read: @escaping (QueueWaitSummary) -> Double) -> Row {
                Row(name: "\(figure.rawValue){class=\(name)}", kind: .seconds) { $0.taskClass(name).map { read($0.queueWait) } }
            }
            rows += [count(.timedOut) { $0.timedOut }, count(.interruptedByScaleDown) { $0.interruptedByScaleDown },
                     wait(.queueWaitP50) { $0.p50.seconds }, wait(.queueWaitP95) { $0.p95.seconds },
                     wait(.queueWaitP99) { $0.p99.seconds }, wait(.queueWaitMax) { $0.max.seconds }]
        }
        for d in baseline.deployments {
            let name = d.name
            rows.append(Row(name: "podHours{deployment=\(name)}", kind: .podHours) { $0.deployment(name)?.podHours })
            rows.append(Row(name: "flaps{deployment=\(name)}", kind: .count) { $0.deployment(name).map { Double($0.flaps) } })
        }
        rows.append(Row(name: "podHours (HPA-scaled deployments)", kind: .podHours) { SweepObjective.hpaPodHours(in: $0) })
        rows.append(Row(name: "timedOut (every class)", kind: .count) { Double($0.classes.reduce(0) { $0 + $1.timedOut }) })
        rows.append(Row(name: "interruptedByScaleDown (every class)", kind: .count) {
            Double($0.classes.reduce(0) { $0 + $1.interruptedByScaleDown })
        })
        return rows
    }

    public var description: String {
        var lines = [title, "lower is better for every figure (waits, pod-hours, timed out, interrupted, flaps); "
                     + "\"better\"/\"worse\" mark each variant's difference to the baseline", ""]
        var table = [["figure", "baseline"] + variants.map(\.name)]
        for row in rows {
            let base = row.value(baseline)
            var cells = [row.name, base.map { Self.format($0, row) } ?? "-"]
            for v in variants {
                guard let value = row.value(v.result), let base else { cells.append("-"); continue }
                let delta = value - base
                let mark = delta < 0 ? " better" : delta > 0 ? " worse" : ""
                let sign = delta > 0 ? "+" : delta < 0 ? "-" : "±"
                cells.append("\(Self.format(value, row)) (\(sign)\(Self.format(abs(delta), row))\(mark))")
            }
            table.append(cells)
        }
        lines += Format.table(table)
        return lines.joined(separator: "\n")
    }

    /// Pod-hours with 3 decimals, waits in seconds with 1, counts whole.
    static func format(_ value: Double, _ row: Row) -> String {
        switch row.kind {
        case .podHours: Format.number(value, digits: 3)
        case .seconds: Format.seconds(value)
        case .count: Format.number(value, digits: 0)
        }
    }
}
