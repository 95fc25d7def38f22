import Foundation
import Explain
import HPAController
import RunRecords
import SimTime

/// The report's charts, each built from the runs' records.
enum Charts {
    /// Colour and dash of series `j` of run `i`: one run → a colour per series; several → a
    /// colour per run and a dash per series.
    static func style(run i: Int, series j: Int, runs: Int) -> (colour: String, dash: String?) {
        runs == 1 ? (HTMLReport.palette[j % HTMLReport.palette.count], nil)
            : (HTMLReport.palette[i % HTMLReport.palette.count], HTMLReport.dashes[j % HTMLReport.dashes.count])
    }

    static func name(_ run: ReportRun, _ series: String, runs: Int) -> String {
        runs == 1 ? series : "\(run.label) · \(series)"
    }

    static func note(_ text: String) -> String { "<p class=\"note\">\(escape(text))</p>\n" }

    /// The bucket the per-interval charts count in: about 150 per run, at least a minute.
    static func bucket(_ x: ClosedRange<Double>) -> Double {
        let raw = (x.upperBound - x.lowerBound) / 150
        return [60.0, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400].first { $0 >= raw } ?? 86_400
    }

    /// Task classes in first-seen order over the runs' results.
    static func classes(_ runs: [ReportRun]) -> [String] {
        var names: [String] = []
        for run in runs { for c in run.result.classes where !names.contains(c.name) { names.append(c.name) } }
        return names
    }

    static func arrivals(_ runs: [ReportRun], x: ClosedRange<Double>) -> String {
        guard runs.contains(where: { !$0.tasks.isEmpty }) else {
            return note("Arrivals per task class need task records: run with --detail sampled or all.")
        }
        let names = classes(runs)
        // Buckets wide enough for about ten records per class on average (sampled records are few).
        let fewest = runs.filter { !$0.tasks.isEmpty }.map { Double($0.tasks.count) / Double(max(1, names.count)) }.min() ?? 1
        let span = x.upperBound - x.lowerBound
        let width = [bucket(x), 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400]
            .filter { $0 >= bucket(x) }.first { fewest * $0 / span >= 10 } ?? 86_400
        var chart = SVGChart(title: "Arrivals per task class (per hour, in \(SimDuration.seconds(Int64(width))) buckets)",
                             yLabel: "tasks / hour", xRange: x)
        for (i, run) in runs.enumerated() where !run.tasks.isEmpty {
            let buckets = Int((run.result.duration.seconds / width).rounded(.up))
            for (j, name) in names.enumerated() {
                var counts = [Double](repeating: 0, count: max(buckets, 1))
                for task in run.tasks where task.taskClass == name {
                    let b = min(counts.count - 1, max(0, Int(task.arrivedAt.seconds / width)))
                    counts[b] += Double(run.taskWeight)
                }
                let (colour, dash) = style(run: i, series: j, runs: runs.count)
                chart.lines.append(.init(name: self.name(run, name, runs: runs.count), colour: colour, dash: dash, step: true,
                                         points: counts.enumerated().map { .init(x: Double($0) * width, y: $1 * 3600 / width) }))
            }
        }
        var html = chart.render()
        if runs.contains(where: { $0.taskWeight > 1 }) { html += note("Counted from 1 in 16 task records (--detail sampled), times 16.") }
        return html
    }

    static func queueDepth(_ runs: [ReportRun], x: ClosedRange<Double>) -> String {
        var chart = SVGChart(title: "Queue depth (tasks waiting in the queues each deployment claims from)",
                             yLabel: "tasks waiting", xRange: x)
        var deployments: [String] = []
        for run in runs { for p in run.series where p.queueDepth > 0 && !deployments.contains(p.deployment) { deployments.append(p.deployment) } }
        guard !deployments.isEmpty else { return note("No task waited in a queue in any run.") }
        for (i, run) in runs.enumerated() {
            for (j, deployment) in deployments.enumerated() {
                let (colour, dash) = style(run: i, series: j, runs: runs.count)
                chart.lines.append(.init(name: name(run, deployment, runs: runs.count), colour: colour, dash: dash, step: true,
                                         points: run.series.filter { $0.deployment == deployment }
                                            .map { .init(x: $0.time.seconds, y: Double($0.queueDepth)) }))
            }
        }
        return chart.render()
    }

    static func replicas(_ runs: [ReportRun], hpa: HorizontalPodAutoscaler, x: ClosedRange<Double>) -> String {
        let deployment = hpa.spec.scaleTargetRef.name
        var chart = SVGChart(title: "\(deployment): current, desired and ready replicas; scale events (hover for why)",
                             yLabel: "replicas", xRange: x)
        chart.bands.append(.init(name: "minReplicas \(hpa.spec.minReplicas ?? 1) … maxReplicas \(hpa.spec.maxReplicas)",
                                 low: Double(hpa.spec.minReplicas ?? 1), high: Double(hpa.spec.maxReplicas), colour: "#888"))
        for (i, run) in runs.enumerated() {
            guard let own = run.autoscalers.first(where: { $0.name == hpa.name }) else { continue }
            let syncs = run.syncs.filter { $0.hpa == hpa.name }
            let parts: [(String, [ChartPoint])] = [
                ("current", syncs.map { .init(x: $0.time.seconds, y: Double($0.currentReplicas)) }),
                ("desired", syncs.map { .init(x: $0.time.seconds, y: Double($0.desiredReplicas)) }),
                ("ready", run.series.filter { $0.deployment == deployment }.map { .init(x: $0.time.seconds, y: Double($0.readyPods)) }),
            ]
            for (j, (label, points)) in parts.enumerated() {
                let colour = runs.count == 1 ? ["#1f77b4", "#ff7f0e", "#2ca02c"][j] : HTMLReport.palette[i % HTMLReport.palette.count]
                let dash: String? = [nil, "5 3", "2 2"][j]
                chart.lines.append(.init(name: name(run, label, runs: runs.count), colour: colour, dash: dash, step: true,
                                         points: points, width: j == 0 ? 2 : 1.5))
            }
            let whys = HPADescription.rescales(hpa: own, controller: run.controller, syncs: run.syncs)
            var messages: [SimTime: String] = [:]
            for scale in run.scales where scale.hpa == hpa.name { messages[scale.time] = scale.message }
            for why in whys {
                let time = SimTime(microseconds: Int64((why.at.seconds * 1_000_000).rounded()))
                let message = messages[time] ?? "FailedRescale"
                let up = why.to > why.from
                chart.markers.append(.init(
                    x: why.at.seconds, y: Double(why.to),
                    colour: runs.count == 1 ? (up ? "#b00" : "#070") : HTMLReport.palette[i % HTMLReport.palette.count],
                    title: "\(runs.count > 1 ? run.label + ": " : "")\(why.at.time) \(why.from) → \(why.to): \(message)\nwhy: \(why.summary)",
                    shape: up ? .up : .down))
            }
        }
        chart.legendExtra = [("▲ scale-up  ▼ scale-down", "none", nil)]
        return chart.render()
    }

    static func metrics(_ runs: [ReportRun], hpa: HorizontalPodAutoscaler, x: ClosedRange<Double>) -> String {
        let specs = hpa.spec.effectiveMetrics
        let tolerances = runs[0].controller.tolerances(for: hpa.spec.behavior)
        var html = ""
        for (m, spec) in specs.enumerated() {
            let definition = runs[0].syncs.first { $0.hpa == hpa.name && m < $0.metricDefinitions.count }?.metricDefinitions[m]
            guard let definition else { continue }
            let unit: String = switch definition.targetType {
            case .utilization: "% of requests"
            case .averageValue: "\(definition.metricName) per pod"
            case .value: definition.metricName
            }
            var chart = SVGChart(title: "\(hpa.name): \(HPADescription.metricLabel(spec)) as the HPA saw it, against its target",
                                 yLabel: unit, xRange: x)
            let target = definition.target
            chart.bands.append(.init(name: "tolerance \(SVGChart.number(target * (1 - tolerances.scaleDown))) … "
                                     + "\(SVGChart.number(target * (1 + tolerances.scaleUp)))",
                                     low: target * (1 - tolerances.scaleDown), high: target * (1 + tolerances.scaleUp),
                                     colour: "#2ca02c"))
            chart.lines.append(.init(name: "target \(SVGChart.number(target))", colour: "#2ca02c", dash: "4 3", step: false,
                                     points: [.init(x: x.lowerBound, y: target), .init(x: x.upperBound, y: target)], width: 1,
                                     reference: true))
            for (i, run) in runs.enumerated() {
                let points = run.syncs.compactMap { s -> ChartPoint? in
                    guard s.hpa == hpa.name, m < s.metrics.count, let current = s.metrics[m].current else { return nil }
                    return .init(x: s.time.seconds, y: current)
                }
                let colour = runs.count == 1 ? "#1f77b4" : HTMLReport.palette[i % HTMLReport.palette.count]
                chart.lines.append(.init(name: name(run, "current", runs: runs.count), colour: colour, dash: nil, step: true,
                                         points: points))
            }
            html += chart.render()
        }
        return html
    }

    static func queueWait(_ runs: [ReportRun], x: ClosedRange<Double>) -> String {
        guard runs.contains(where: { !$0.tasks.isEmpty }) else {
            return note("Queue-wait percentiles over time need task records: run with --detail sampled or all. "
                        + "The results below give them over the whole run.")
        }
        let width = bucket(x)
        var html = ""
        for name in classes(runs) {
            var chart = SVGChart(title: "\(name): queue wait by start time (\(Int(width / 60))-minute buckets)",
                                 yLabel: "queue wait (seconds)", xRange: x)
            chart.legendExtra = [("┃ interrupted by scale-down", "none", nil)]
            for (i, run) in runs.enumerated() {
                var waits: [Int: [Double]] = [:]
                for task in run.tasks where task.taskClass == name {
                    guard let started = task.startedAt else { continue }
                    waits[Int(started.seconds / width), default: []].append((started - task.arrivedAt).seconds)
                }
                for (j, q) in [0.5, 0.95, 0.99].enumerated() {
                    let points = waits.keys.sorted().compactMap { b -> ChartPoint? in
                        guard let values = waits[b]?.sorted(), !values.isEmpty else { return nil }
                        let rank = min(values.count - 1, max(0, Int((q * Double(values.count)).rounded(.up)) - 1))
                        return .init(x: Double(b) * width, y: values[rank])
                    }
                    let colour = runs.count == 1 ? ["#1f77b4", "#ff7f0e", "#d62728"][j] : HTMLReport.palette[i % HTMLReport.palette.count]
                    chart.lines.append(.init(name: self.name(run, ["p50", "p95", "p99"][j], runs: runs.count), colour: colour,
                                             dash: [nil, "5 3", "2 2"][j], step: true, points: points))
                }
                for task in run.tasks where task.taskClass == name && task.outcome == .interruptedByScaleDown {
                    chart.markers.append(.init(
                        x: task.endedAt.seconds, y: 0, colour: runs.count == 1 ? "#9467bd" : HTMLReport.palette[i % HTMLReport.palette.count],
                        title: "\(runs.count > 1 ? run.label + ": " : "")\(task.key) interrupted by scale-down at "
                            + "\(TimeOfDay.format(task.endedAt))\(task.pod.map { " on \($0)" } ?? "")",
                        shape: .tick))
                }
            }
            html += chart.render()
        }
        return html
    }
}
