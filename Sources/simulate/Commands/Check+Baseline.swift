import Foundation
import HPASim

/// `simulate check --baseline RUN`: every figure of a stored run against the new run.
///
/// The stored figures are read through the store's API (`class_results`, `deployment_results`).
/// A figure fails when it moved by more than the tolerance relative to the stored value (any
/// change from a stored zero fails). Each comparison is reported as an outcome of the promise
/// `<figure>{...} == <stored value>`, so it prints and reaches JUnit like any other.
enum BaselineComparison {
    /// One stored figure.
    struct Figure {
        var expectation: Expectation
        var stored: Double
    }

    /// `5%` → 0.05.
    static func parseTolerance(_ text: String) -> Double? {
        guard text.hasSuffix("%"), let v = Double(text.dropLast()), v.isFinite, v >= 0 else { return nil }
        return v / 100
    }

    /// Every figure of run `id` in the database at `path`.
    static func figures(ofRun id: Int64, in path: String) throws -> [Figure] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw BaselineError(message: "\(path): expected a run database with run \(id) (--baseline), found no file")
        }
        let store = try RunStore(path: path)
        _ = try store.run(RunID(id))
        var figures: [Figure] = []
        func add(_ text: String, _ stored: Double?) throws {
            guard let stored else { return }
            figures.append(Figure(expectation: try Expectation(parsing: text), stored: stored))
        }
        for row in try store.classResults(of: RunID(id)) {
            let c = "{class=\(row.taskClass)} == 0"
            try add("completed" + c, Double(row.completed))
            try add("failed" + c, Double(row.failed))
            try add("timedOut" + c, Double(row.timedOut))
            try add("interruptedByScaleDown" + c, Double(row.interruptedByScaleDown))
            try add("interruptedByOOM" + c, Double(row.interruptedByOOM))
            try add("queueWait.p50{class=\(row.taskClass)} == 0s", row.queueWaitP50?.seconds)
            try add("queueWait.p95{class=\(row.taskClass)} == 0s", row.queueWaitP95?.seconds)
            try add("queueWait.p99{class=\(row.taskClass)} == 0s", row.queueWaitP99?.seconds)
            try add("queueWait.max{class=\(row.taskClass)} == 0s", row.queueWaitMax?.seconds)
        }
        for row in try store.deploymentResults(of: RunID(id)) {
            let d = "{deployment=\(row.deployment)} == 0"
            try add("podHours" + d, row.podHours)
            try add("meanReplicas" + d, row.meanReplicas)
            try add("maxReplicas" + d, Double(row.peakReplicas))
            try add("timeAtMax{deployment=\(row.deployment)} == 0s", row.timeAtMaxReplicas?.seconds)
            try add("scaleEvents" + d, Double(row.scaleEvents))
            try add("flaps" + d, Double(row.flaps))
            try add("cpuUtilization{deployment=\(row.deployment)} == 0%", row.meanCPUUtilization)
            try add("memoryUtilization{deployment=\(row.deployment)} == 0%", row.meanMemoryUtilization)
        }
        return figures
    }

    /// Each stored figure against `result`: passes when within `tolerance` of the stored value.
    static func compare(_ figures: [Figure], with result: SimulationResult, tolerance: Double, run: Int64) -> [ExpectationOutcome] {
        let context = ExpectationContext(configuration: SimulationConfiguration())
        let timeline = ExpectationTimeline(for: [])
        return figures.map { figure in
            var e = figure.expectation
            e.value = figure.stored
            e.valueText = Measurement.of(figure.stored, unit: e.figure.unit).text
            let measured = e.measure(result, timeline: timeline, context: context)
            var outcome = ExpectationOutcome(expectation: e, name: "baseline run \(run) ±\(Int((tolerance * 100).rounded()))%",
                                             seed: result.seed, measured: measured)
            if let value = measured.value {
                outcome.passed = abs(value - figure.stored) <= tolerance * abs(figure.stored)
            }
            return outcome
        }
    }
}

struct BaselineError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
