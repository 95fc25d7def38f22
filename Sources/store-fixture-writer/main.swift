// A child process for the store's multi-process tests: records one synthetic run into a run
// database, optionally slowly, so a test can run two at once or kill one mid-run.
//
//   store-fixture-writer DB NAME ROWS PAUSE_MS
//
// Records ROWS `series` rows (and one sync and one result row per 100), pausing PAUSE_MS after
// every 100 rows. Prints `recording STAGING_PATH` once the first rows are in the staging file,
// then `committed RUN_ID`. Exit status 0 on success, 1 on a store error, 64 on bad arguments.
import Foundation
import SimTime
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

do {
    let store = try RunStore(path: path)
    let metadata = RunMetadata(name: name, scenarioPath: "fixture.yaml", scenarioJSON: "{\"fixture\":\"\(name)\"}",
                               seed: 7, simulatedDuration: .seconds(Int64(rows) * 15), seriesResolution: .seconds(15),
                               startedAt: Date(timeIntervalSince1970: 1_800_000_000))
    let recorder = try store.makeRecorder(
        for: metadata, options: RunRecorder.Options(batchRows: 100, batchesInFlight: 2, writesInBackground: false))
    for i in 0..<rows {
        let t = SimTime.seconds(Int64(i) * 15)
        recorder.record(SeriesRow(time: t, deployment: "egress", replicas: Int32(3 + i % 7), readyPods: 3,
                                  cpuUtilization: Double(i % 100), memoryUtilization: nil, activeTasks: Int32(i % 40),
                                  queueDepth: 0))
        if i % 100 == 99 {
            recorder.record(HPASyncRow(time: t, hpa: "egress-hpa", currentReplicas: 3, recommendation: 4,
                                       stabilized: 4, desiredReplicas: 4, limitingReason: "DesiredWithinRange",
                                       conditions: [], scaleUpdated: true,
                                       metrics: [HPAMetricRow(metricType: "Resource", metricName: "cpu",
                                                              targetType: "Utilization", target: 70, current: 90,
                                                              proposal: 4, readyPods: 3)]))
            if i == 99 { say("recording \(recorder.stagingPath)") }
            if pauseMS > 0 { usleep(pauseMS * 1000) }
        }
    }
    recorder.record(ClassResultRow(taskClass: "egress:record", completed: Int64(rows), failed: 0, timedOut: 0,
                                   interruptedByScaleDown: 0, interruptedByOOM: 0, queueWaitP50: .seconds(1),
                                   queueWaitP95: .seconds(2), queueWaitP99: .seconds(3), queueWaitMax: .seconds(4)))
    let id = try recorder.commit(RunOutcome(finishedAt: Date(timeIntervalSince1970: 1_800_000_060)))
    say("committed \(id)")
} catch {
    FileHandle.standardError.write(Data("store-fixture-writer: \(error)\n".utf8))
    exit(1)
}
