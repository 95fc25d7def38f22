import Foundation
import Testing
import HPASim
@testable import Report

/// A small hand-made run: one HPA over `egress`, a sync every 15 s for `minutes`, replicas
/// rising 3 → 5 at 00:01:00 and back to 4 at 00:05:00, and four task records.
private func run(label: String, minutes: Int64, peak: Int32 = 5, podHours: Double = 1.5) throws -> ReportRun {
    let spec = HorizontalPodAutoscalerSpec(
        scaleTargetRef: .init(name: "egress"), minReplicas: 3, maxReplicas: 10,
        metrics: [.pods("active_tasks", .averageValue(try Quantity(parsing: "20")))],
        behavior: .init(scaleUp: .init(stabilizationWindowSeconds: 0, selectPolicy: .min,
                                       policies: [.init(type: .pods, value: 2, periodSeconds: 60)])))
    let hpa = HorizontalPodAutoscaler(name: "egress-hpa", spec: spec)
    let definition = MetricDefinition(metricType: .pods, metricName: "active_tasks", targetType: .averageValue, target: 20)
    var syncs: [SyncRecord] = [], series: [SeriesPoint] = [], scales: [ScaleRecord] = []
    var replicas: Int32 = 3
    for step in 0..<(minutes * 4) {
        let t = SimTime.seconds(step * 15)
        let want: Int32
        if step >= 20 { want = peak - 1 } else if step >= 4 { want = peak } else { want = 3 }
        let load: Double = Double(want) * 20
        let desired = want
        syncs.append(SyncRecord(time: t, hpa: "egress-hpa", currentReplicas: replicas, recommendation: want,
                                stabilized: want, desiredReplicas: desired,
                                limitingReason: .desiredWithinRange, scaleUpdated: desired != replicas,
                                conditions: [.init(type: .ableToScale, status: .true, reason: .readyForNewScale)],
                                metricDefinitions: [definition],
                                metrics: [MetricSample(current: load / Double(replicas), proposal: want, readyPods: replicas)]))
        if desired != replicas {
            scales.append(ScaleRecord(time: t, hpa: "egress-hpa", deployment: "egress", from: replicas, to: desired,
                                      message: "New size: \(desired); reason: pods metric active_tasks above target"))
            replicas = desired
        }
        series.append(SeriesPoint(time: t, deployment: "egress", replicas: replicas, pods: replicas, readyPods: replicas,
                                  pendingPods: 0, terminatingPods: 0, cpuUtilization: nil, memoryUtilization: nil,
                                  activeTasks: Int32(load), queueDepth: Int32(step % 5), notifierBacklog: nil))
    }
    var tasks: [TaskRecord] = []
    for i in 0..<4 {
        let arrived = Int64(i) * 60
        let outcome: TaskOutcome = i == 3 ? .interruptedByScaleDown : .completed
        tasks.append(TaskRecord(taskID: Int64(i + 1), taskClass: "egress-record", key: "egress:record:\(i)",
                                arrivedAt: .seconds(arrived), runTime: .minutes(5), startedAt: .seconds(arrived + 10),
                                endedAt: .seconds(arrived + 300), outcome: outcome, pod: "egress-1"))
    }
    let result = SimulationResult(
        duration: .minutes(minutes), seed: 1,
        classes: [ClassResult(name: "egress-record", arrived: 4, completed: 3, interruptedByScaleDown: 1,
                              queueWait: .init(count: 4, p50: .seconds(10), p95: .seconds(10), p99: .seconds(10), max: .seconds(10)))],
        deployments: [DeploymentResult(name: "egress", podHours: podHours, meanReplicas: 4.2, maxReplicas: peak, minReplicas: 3,
                                       scaleEvents: scales.count)],
        notifierBacklogMaximum: 0, notifications: 0, eventsProcessed: 100)
    return ReportRun(label: label, result: result, autoscalers: [hpa], controller: .init(), series: series, syncs: syncs,
                     scales: scales, tasks: tasks, taskWeight: 1)
}

/// The `data-points` of every chart, in page order.
private func chartPoints(_ html: String) -> [Int] {
    html.components(separatedBy: "<svg class=\"chart\" data-points=\"").dropFirst().map { Int($0.prefix { $0.isNumber }) ?? 0 }
}

@Suite("simulate report: the HTML page")
struct ReportTests {
    @Test("one run: self-contained, every chart has data, every scale event is marked with its reason")
    func singleRun() throws {
        let html = HTMLReport.render([try run(label: "run 1: spike", minutes: 10)])
        for forbidden in ["http://", "https://", "<script src", "<link", "@import", "url("] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        let points = chartPoints(html)
        // arrivals, queue depth, replicas, one metric, queue wait of the one class.
        #expect(points.count == 5)
        #expect(points.allSatisfy { $0 > 0 })
        #expect(html.components(separatedBy: "<title>00:01:00 3 → 5: New size: 5; reason: pods metric active_tasks above target\nwhy: active_tasks 33.333 / 20 → 5; recommendation 5; not stabilized; within minReplicas 3, maxReplicas 10</title>").count == 2)
        #expect(html.contains("<title>00:05:00 5 → 4: New size: 4;"))
        #expect(html.contains("egress:record:3 interrupted by scale-down at 00:08:00 on egress-1"))
        #expect(html.contains("tolerance 18 … 22"))
        #expect(!html.contains("Δ vs"))
    }

    @Test("several runs: overlaid with one colour per run, results side by side with the difference to the first")
    func overlaid() throws {
        let html = HTMLReport.render([try run(label: "run 1: base", minutes: 10),
                                      try run(label: "run 2: variant", minutes: 10, peak: 7, podHours: 1.8)])
        #expect(html.contains("run 1: base · current"))
        #expect(html.contains("run 2: variant · current"))
        #expect(html.contains("stroke=\"\(HTMLReport.palette[1])\""))
        #expect(html.contains("<th>Δ vs run 1: base</th>"))
        // pod-hours 1.50 → 1.80: +0.30 (+20.0 %); max replicas 5 → 7.
        #expect(html.contains("<td>1.80</td><td><span class=\"up\">+0.30 (+20.0 %)</span></td>"))
        #expect(html.contains("<td>7</td><td><span class=\"up\">+2 (+40.0 %)</span></td>"))
        #expect(chartPoints(html).allSatisfy { $0 > 0 })
    }

    @Test("a long run's lines are cut to min and max per pixel column; every scale event stays")
    func downsampled() throws {
        let long = try run(label: "run 1", minutes: 3 * 24 * 60)   // 17 280 syncs
        let html = HTMLReport.render([long])
        let points = chartPoints(html)
        // The replicas chart: 3 lines of at most 4 points per column (880 columns) and 2 scale events.
        #expect(points[2] <= 3 * 4 * 880 + 2)
        #expect(html.components(separatedBy: "<title>00:01:00 3 → 5").count == 2)
        #expect(html.components(separatedBy: "<title>00:05:00 5 → 4").count == 2)
    }
}

@Suite("Downsampling")
struct DownsamplingTests {
    @Test("keeps each column's first, lowest, highest and last point, in order")
    func minMax() {
        // 100 columns over 0..<1000; 10 points per column, a spike in column 3.
        var points: [ChartPoint] = []
        for i in 0..<1000 {
            let y: Double = i == 35 ? 100 : (i == 36 ? -100 : Double(i % 7))
            points.append(ChartPoint(x: Double(i), y: y))
        }
        let out = Downsampling.minMaxPerColumn(points, xRange: 0...1000, columns: 100)
        #expect(out.count <= 400)
        #expect(out.contains(ChartPoint(x: 35, y: 100)))
        #expect(out.contains(ChartPoint(x: 36, y: -100)))
        let xs: [Double] = out.map { $0.x }
        #expect(xs == xs.sorted())
        #expect(out.first == points.first && out.last == points.last)
    }

    @Test("few points pass unchanged")
    func few() {
        let points = (0..<10).map { ChartPoint(x: Double($0), y: Double($0)) }
        #expect(Downsampling.minMaxPerColumn(points, xRange: 0...10, columns: 100) == points)
    }
}

@Suite("TerminalChart")
struct TerminalChartTests {
    @Test("one sparkline row per HPA within 80 columns; red cells at maxReplicas only with colour")
    func sparkline() throws {
        let long = try run(label: "run 1", minutes: 60)   // 3, then 5 from 00:01:00, then 4 from 00:05:00
        let plain = TerminalChart.render(series: long.series, autoscalers: long.autoscalers, duration: .minutes(60),
                                         colour: false)
        let lines = plain.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.count <= 80 })
        // 80 − 12 (label) − 8 (range) = 60 cells of one minute: 3 replicas (▁, level 0 of 3…10) in the
        // first, 5 (▃, level 2) in the next four, then 4 (▂, level 1).
        #expect(lines[1] == "egress-hpa  ▁▃▃▃▃" + String(repeating: "▂", count: 55) + " 3..5")
        #expect(!plain.contains("\u{1B}["))
        let peak = try run(label: "run 1", minutes: 60, peak: 10)
        let coloured = TerminalChart.render(series: peak.series, autoscalers: peak.autoscalers, duration: .minutes(60),
                                            colour: true)
        // Cells 1–4 held maxReplicas (10).
        #expect(coloured.components(separatedBy: "\u{1B}[31m█\u{1B}[0m").count - 1 == 4)
    }
}
