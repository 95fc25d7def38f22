// A child process for the store's multi-process tests: records one synthetic run into a run
// database, optionally slowly, so a test can run two at once or kill one mid-run.
//
//   store-fixture-writer DB NAME ROWS PAUSE_MS
//
// Records ROWS `series` rows (and one sync per 100, and one class result), pausing PAUSE_MS
// after every 100 rows. Prints `recording STAGING_PATH` once the first rows are in the staging
// file, then `committed RUN_ID`. Exit status 0 on success, 1 on a store error, 64 on bad arguments.
import Foundation
import SimTime
import RunRecords
import Store

let arguments = CommandLine.arguments
guard arguments.count == 5, let rows = Int(arguments[3]), let pauseMS = UInt32(arguments[4]) else {
    FileHandle.standardError.write(Data("usage: store-fixture-writer DB NAME ROWS PAUSE_MS\n".utf8))
    exit(64)
}
let (path, name) = (arguments[1], arguments[2])

func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

let cpu = MetricDefinition(metricType: .resource, metricName: "cpu", targetType: .utilization, target: 70)

do {
    let store = try RunStore(path: path)
    let metadata = RunMetadata(name: name, scenarioPath: "fixture.yaml", scenarioJSON: "{\"fixture\":\"\(name)\"}",
                               seed: 7, simulatedDuration: .seconds(Int64(rows) * 15), seriesResolution: .seconds(15),
                               startedAt: Date(timeIntervalSince1970: 1_800_000_000))
    let recorder = try store.makeRecorder(
        for: metadata, options: RunRecorder.Options(batchRows: 100, batchesInFlight: 2, writesInBackground: false))
    for i in 0..<rows {
        let t = SimTime.seconds(Int64(i) * 15)
        recorder.recordSeries(SeriesPoint(
            time: t, deployment: "egress", replicas: Int32(3 + i % 7), pods: 3, readyPods: 3,
            pendingPods: 0, terminatingPods: 0, cpuUtilization: Utilization(percent: Double(i % 100)),
            memoryUtilization: nil, activeTasks: Int32(i % 40), queueDepth: 0, notifierBacklog: nil))
        if i % 100 == 99 {
            recorder.recordSync(SyncRecord(
                time: t, hpa: "egress-hpa", currentReplicas: 3, recommendation: 4, stabilized: 4, desiredReplicas: 4,
                limitingReason: .desiredWithinRange, scaleUpdated: true, conditions: [], metricDefinitions: [cpu],
                metrics: [MetricSample(current: 90, proposal: 4, readyPods: 3)]))
            if i == 99 { say("recording \(recorder.stagingPath)") }
            if pauseMS > 0 { usleep(pauseMS * 1000) }
        }
    }
    let waits = QueueWaitSummary(count: rows, p50: .seconds(1), p95: .seconds(2), p99: .seconds(3), max: .seconds(4),
                                 mean: .seconds(1))
    recorder.recordResults(SimulationResult(
        duration: .seconds(Int64(rows) * 15), seed: 7,
        classes: [ClassResult(name: "egress:record", arrived: rows, completed: rows, queueWait: waits)],
        deployments: [], notifierBacklogMaximum: 0, notifications: 0, eventsProcessed: rows))
    let id = try recorder.commit(RunOutcome(finishedAt: Date(timeIntervalSince1970: 1_800_000_060)))
    say("committed \(id)")
} catch {
    FileHandle.standardError.write(Data("store-fixture-writer: \(error)\n".utf8))
    exit(1)
}
