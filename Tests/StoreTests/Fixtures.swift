import Foundation
import SimTime
import Store

/// A fresh directory under the system's temporary directory, removed by `cleanUp()`.
struct TemporaryDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("hpa-sim-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    /// A path inside the directory.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    /// File names in the directory, sorted.
    func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }
    /// File names in the directory and in its run-file folders (`X.runs/name`), sorted.
    func allNames() throws -> [String] {
        try names().flatMap { name -> [String] in
            guard name.hasSuffix(".runs") else { return [name] }
            return try FileManager.default.contentsOfDirectory(atPath: path(name)).map { name + "/" + $0 }
        }.sorted()
    }
    /// Staging files (data or lock), beside a database or in its run-file folder.
    func stagingNames() throws -> [String] { try allNames().filter { $0.contains(".staging") } }
    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

/// A small run with a row in every table, values chosen to exercise NULLs, quotes and extremes.
enum SampleRun {
    static let metadata = RunMetadata(
        name: "steady-day, \"baseline\"", scenarioPath: "scenarios/rtc-egress/steady-day.yaml",
        scenarioJSON: #"{"name":"steady-day","seed":7}"#, seed: UInt64.max - 1,
        simulatedDuration: .hours(24), seriesResolution: .seconds(15), detailLevel: .all,
        startedAt: Date(timeIntervalSince1970: 1_795_000_000), toolVersion: "0.1.0-test")

    static let outcome = RunOutcome(status: .completed, finishedAt: Date(timeIntervalSince1970: 1_795_000_042.5))

    static let syncs = [
        HPASyncRow(time: .seconds(15), hpa: "egress-hpa", currentReplicas: 3, recommendation: 5, stabilized: 5,
                   desiredReplicas: 5, limitingReason: "ScaleUpLimit",
                   conditions: [HPAConditionRow(type: "AbleToScale", status: "True", reason: "SucceededRescale"),
                                HPAConditionRow(type: "ScalingLimited", status: "True", reason: "ScaleUpLimit")],
                   scaleUpdated: true,
                   metrics: [HPAMetricRow(metricType: "Resource", metricName: "cpu", targetType: "Utilization",
                                          target: 70, current: 112, proposal: 5, readyPods: 3, unreadyPods: 1,
                                          missingPods: 0, ignoredPods: 2, usageMilliSum: 1_680, requestMilliSum: 1_500,
                                          ratio: 1.6, error: nil),
                             HPAMetricRow(metricType: "Pods", metricName: "active_tasks", targetType: "AverageValue",
                                          target: 20, current: nil, proposal: nil, error: "no samples, yet")]),
        HPASyncRow(time: .seconds(30), hpa: "egress-hpa", currentReplicas: 5, recommendation: nil,
                   failure: "invalid metrics (2 invalid out of 2)", stabilized: nil, desiredReplicas: 5,
                   limitingReason: nil, conditions: [], scaleUpdated: false, metrics: []),
    ]
    static let scaleEvents = [
        ScaleEventRow(time: .seconds(15), hpa: "egress-hpa", fromReplicas: 3, toReplicas: 5,
                      message: "New size: 5; reason: cpu resource utilization (percentage of request) above target"),
    ]
    static let series = [
        SeriesRow(time: .seconds(15), deployment: "egress", replicas: 3, readyPods: 3, cpuUtilization: 112.25,
                  memoryUtilization: 40, activeTasks: 55, queueDepth: 12),
        SeriesRow(time: .seconds(15), deployment: "webhook-notifier", replicas: 2, readyPods: 0, cpuUtilization: nil,
                  memoryUtilization: nil, activeTasks: 0, queueDepth: 0, notifierBacklog: 310),
    ]
    static let classResults = [
        ClassResultRow(taskClass: "egress:record", completed: 1_200, failed: 3, timedOut: 2, interruptedByScaleDown: 4,
                       interruptedByOOM: 1, queueWaitP50: .milliseconds(250), queueWaitP95: .seconds(3),
                       queueWaitP99: .seconds(9), queueWaitMax: .seconds(41)),
        ClassResultRow(taskClass: "egress:snapshot", completed: 0, failed: 0, timedOut: 0, interruptedByScaleDown: 0,
                       interruptedByOOM: 0, queueWaitP50: nil, queueWaitP95: nil, queueWaitP99: nil, queueWaitMax: nil),
    ]
    static let deploymentResults = [
        DeploymentResultRow(deployment: "egress", podHours: 101.5, meanReplicas: 4.229, peakReplicas: 10,
                            timeAtMaxReplicas: .minutes(42), scaleEvents: 17, flaps: 2, meanCPUUtilization: 63.5,
                            meanMemoryUtilization: 41.25),
        DeploymentResultRow(deployment: "webhook-notifier", podHours: 50, meanReplicas: 2.1, peakReplicas: 4,
                            timeAtMaxReplicas: nil, scaleEvents: 0, flaps: 0, meanCPUUtilization: nil,
                            meanMemoryUtilization: nil, notifierBacklogMax: 900),
    ]
    static let podSamples = [
        PodSampleRow(time: .seconds(15), deployment: "egress", pod: "egress-7f9c-abcde", phase: "Running", ready: true,
                     cpuMillicores: 560.5, memoryBytes: 300 << 20, activeTasks: 18),
    ]
    static let taskRecords = [
        TaskRecordRow(taskID: 1, taskClass: "egress:record", arrived: .seconds(1), started: .seconds(2),
                      finished: .seconds(600), outcome: .completed, pod: "egress-7f9c-abcde"),
        TaskRecordRow(taskID: 2, taskClass: "egress:snapshot", arrived: .seconds(3), started: nil, finished: nil,
                      outcome: .unfinished, pod: nil, interruptions: 1),
    ]

    /// Records every sample row.
    static func record(into recorder: RunRecorder) {
        syncs.forEach(recorder.record)
        scaleEvents.forEach(recorder.record)
        series.forEach(recorder.record)
        classResults.forEach(recorder.record)
        deploymentResults.forEach(recorder.record)
        podSamples.forEach(recorder.record)
        taskRecords.forEach(recorder.record)
    }

    /// Records and commits the sample run.
    static func store(in store: RunStore, options: RunRecorder.Options = .init()) throws -> RunID {
        let recorder = try store.makeRecorder(for: metadata, options: options)
        record(into: recorder)
        return try recorder.commit(outcome)
    }
}

/// Synthetic series rows: `count` rows over two deployments.
func syntheticSeries(_ count: Int) -> [SeriesRow] {
    (0..<count).map(syntheticSeriesRow)
}

private func syntheticSeriesRow(_ i: Int) -> SeriesRow {
    let time = SimTime.seconds(Int64(i / 2) * 15)
    let deployment = i % 2 == 0 ? "egress" : "webhook-notifier"
    let memory: Double? = i % 11 == 0 ? nil : Double(i % 61)
    let backlog: Int32? = i % 2 == 0 ? nil : Int32(i % 500)
    return SeriesRow(time: time, deployment: deployment, replicas: Int32(3 + i % 5), readyPods: Int32(3 + i % 4),
                     cpuUtilization: Double(i % 97) * 1.5, memoryUtilization: memory, activeTasks: Int32(i % 33),
                     queueDepth: Int32(i % 7), notifierBacklog: backlog)
}
