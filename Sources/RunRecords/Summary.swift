import Foundation
import SimTime

/// The human-readable summary the CLI prints: one table of task classes, one of deployments.
///
/// ```
/// simulated 1h, seed 7, 48 213 events, 9 812 notifications (backlog max 37)
/// class            arrived  completed  failed  timed-out  int:scale-down  int:OOM  wait p50  p95  p99  max
/// ```
public struct Summary: CustomStringConvertible, Sendable {
    public let result: SimulationResult
    public init(_ result: SimulationResult) { self.result = result }

    public var description: String {
        var lines: [String] = []
        lines.append("simulated \(result.duration), seed \(result.seed), \(result.eventsProcessed) events, "
                     + "\(result.notifications) notifications (notifier backlog max \(format(result.notifierBacklogMaximum, digits: 1)))")
        var classRows = [["class", "arrived", "completed", "failed", "timed out", "int. scale-down", "int. OOM",
                          "requeued", "wait p50", "p95", "p99", "max"]]
        for c in result.classes {
            classRows.append([c.name, "\(c.arrived)", "\(c.completed)", "\(c.failed)", "\(c.timedOut)",
                              "\(c.interruptedByScaleDown)", "\(c.interruptedByOOM)", "\(c.requeued)",
                              "\(c.queueWait.p50)", "\(c.queueWait.p95)", "\(c.queueWait.p99)", "\(c.queueWait.max)"])
        }
        lines.append("")
        lines.append(contentsOf: table(classRows))
        var deploymentRows = [["deployment", "pod-hours", "mean replicas", "max", "time at max", "scale events",
                               "up/down", "flaps", "CPU util", "memory util", "OOM kills"]]
        for d in result.deployments {
            deploymentRows.append([d.name, format(d.podHours, digits: 2), format(d.meanReplicas, digits: 2),
                                   "\(d.maxReplicas)", d.timeAtMaxReplicas.map { "\($0)" } ?? "-", "\(d.scaleEvents)",
                                   "\(d.scaleUps)/\(d.scaleDowns)", "\(d.flaps)", percent(d.meanCPUUtilization),
                                   percent(d.meanMemoryUtilization), "\(d.oomKills)"])
        }
        lines.append("")
        lines.append(contentsOf: table(deploymentRows))
        return lines.joined(separator: "\n")
    }

    private func format(_ value: Double, digits: Int) -> String { String(format: "%.\(digits)f", value) }
    private func percent(_ value: Utilization?) -> String { value?.description ?? "-" }

    /// Left-aligned first column, right-aligned numbers.
    private func table(_ rows: [[String]]) -> [String] {
        guard let columns = rows.first?.count else { return [] }
        let widths = (0..<columns).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
    }
}

extension SimulationResult: CustomStringConvertible {
    /// The ``Summary`` rendering.
    public var description: String { Summary(self).description }
}
