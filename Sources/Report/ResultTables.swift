import Foundation
import RunRecords
import SimTime

/// The results tables: the figures `simulate runs show` prints, one column per run, and from
/// the second run on the difference to the first.
enum ResultTables {
    /// A figure: its text and, when it is a number, its value (for the difference).
    struct Cell { var text: String; var value: Double?; var unit: String = "" }

    static func render(_ runs: [ReportRun]) -> String {
        var html = ""
        var classNames: [String] = []
        for run in runs { for c in run.result.classes where !classNames.contains(c.name) { classNames.append(c.name) } }
        for name in classNames {
            html += "<h3>Task class \(escape(name))</h3>\n"
            html += table(runs, rows: classRows) { $0.result.taskClass(name) }
        }
        var deploymentNames: [String] = []
        for run in runs { for d in run.result.deployments where !deploymentNames.contains(d.name) { deploymentNames.append(d.name) } }
        for name in deploymentNames {
            html += "<h3>Deployment \(escape(name))</h3>\n"
            html += table(runs, rows: deploymentRows) { $0.result.deployment(name) }
        }
        return html
    }

    /// One row of a table: its label and how to read its figure.
    struct Row<T>: Sendable {
        var label: String
        var cell: @Sendable (T) -> Cell
        init(_ label: String, _ cell: @escaping @Sendable (T) -> Cell) { self.label = label; self.cell = cell }
    }

    private static func table<T>(_ runs: [ReportRun], rows: [Row<T>], item: (ReportRun) -> T?) -> String {
        var s = "<table><tr><th></th>"
        for (i, run) in runs.enumerated() {
            s += "<th>\(escape(run.label))</th>"
            if i > 0 { s += "<th>Δ vs \(escape(runs[0].label))</th>" }
        }
        s += "</tr>\n"
        for row in rows {
            let label = row.label, cell = row.cell
            s += "<tr><td>\(escape(label))</td>"
            let base = item(runs[0]).map(cell)
            for (i, run) in runs.enumerated() {
                let c = item(run).map(cell)
                s += "<td>\(escape(c?.text ?? "-"))</td>"
                if i > 0 { s += "<td>\(difference(c, base))</td>" }
            }
            s += "</tr>\n"
        }
        return s + "</table>\n"
    }

    /// `+3 (+12.5 %)`; red for more, green for less (fewer failures, less waiting, fewer pod-hours).
    static func difference(_ c: Cell?, _ base: Cell?) -> String {
        guard let v = c?.value, let b = base?.value else { return "" }
        let d = v - b
        if d == 0 { return "0" }
        let sign = d > 0 ? "+" : "−"
        var text = "\(sign)\(number(abs(d)))\(c?.unit ?? "")"
        if b != 0 { text += String(format: " (%@%.1f %%)", sign, abs(d / b * 100)) }
        return "<span class=\"\(d > 0 ? "up" : "down")\">\(escape(text))</span>"
    }

    static func number(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return String(format: "%.2f", v)
    }

    static func count(_ v: Int) -> Cell { Cell(text: "\(v)", value: Double(v)) }
    static func duration(_ d: SimDuration) -> Cell { Cell(text: "\(d)", value: d.seconds, unit: " s") }
    static func fixed(_ v: Double, _ digits: Int) -> Cell { Cell(text: String(format: "%.\(digits)f", v), value: v) }
    static func utilization(_ u: Utilization?) -> Cell {
        u.map { Cell(text: $0.description, value: $0.percent, unit: " pt") } ?? Cell(text: "-", value: nil)
    }

    static let classRows: [Row<ClassResult>] = [
        Row("arrived", { count($0.arrived) }), Row("completed", { count($0.completed) }), Row("failed", { count($0.failed) }),
        Row("timed out", { count($0.timedOut) }), Row("interrupted by scale-down", { count($0.interruptedByScaleDown) }),
        Row("interrupted by OOM", { count($0.interruptedByOOM) }), Row("requeued", { count($0.requeued) }),
        Row("queue wait p50", { duration($0.queueWait.p50) }), Row("queue wait p95", { duration($0.queueWait.p95) }),
        Row("queue wait p99", { duration($0.queueWait.p99) }), Row("queue wait max", { duration($0.queueWait.max) }),
    ]

    static let deploymentRows: [Row<DeploymentResult>] = [
        Row("pod-hours", { fixed($0.podHours, 2) }), Row("mean replicas", { fixed($0.meanReplicas, 2) }),
        Row("max replicas", { count(Int($0.maxReplicas)) }),
        Row("time at maxReplicas", { $0.timeAtMaxReplicas.map(duration) ?? Cell(text: "-", value: nil) }),
        Row("scale events", { count($0.scaleEvents) }), Row("scale-ups", { count($0.scaleUps) }),
        Row("scale-downs", { count($0.scaleDowns) }), Row("flaps", { count($0.flaps) }),
        Row("CPU utilization", { utilization($0.meanCPUUtilization) }),
        Row("memory utilization", { utilization($0.meanMemoryUtilization) }), Row("OOM kills", { count($0.oomKills) }),
    ]
}
