import Foundation
import HPASim

/// `simulate check --baseline RUN`: every figure of a stored run against the new run.
///
/// The stored figures are read through the store's API (`RunStore.results(of:)`, the same
/// `SimulationResult` a run returns) and measured as the new run's are.
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
        let stored = try store.results(of: RunID(id))
        // Every figure of the summary, measured on the stored result as on the new one. Figures
        // a run stored before schema version 8 did not keep are left out.
        var texts: [String] = []
        for c in stored.result.classes {
            let label = "{class=\(c.name)}"
            let counts = stored.complete
                ? ["arrived", "completed", "failed", "timedOut", "interruptedByScaleDown", "interruptedByOOM", "requeued"]
                : ["completed", "failed", "timedOut", "interruptedByScaleDown", "interruptedByOOM"]
            texts += counts.map { "\($0)\(label) == 0" }
            if c.queueWait.count > 0 {
                texts += ["p50", "p95", "p99", "max"].map { "queueWait.\($0)\(label) == 0s" }
            }
        }
        for d in stored.result.deployments {
            let label = "{deployment=\(d.name)}"
            texts += ["podHours", "meanReplicas", "maxReplicas", "scaleEvents", "flaps"].map { "\($0)\(label) == 0" }
            if stored.complete { texts += ["scaleUps", "scaleDowns", "oomKills"].map { "\($0)\(label) == 0" } }
            if d.timeAtMaxReplicas != nil { texts.append("timeAtMax\(label) == 0s") }
            if d.meanCPUUtilization != nil { texts.append("cpuUtilization\(label) == 0%") }
            if d.meanMemoryUtilization != nil { texts.append("memoryUtilization\(label) == 0%") }
        }
        let context = ExpectationContext(configuration: SimulationConfiguration())
        let timeline = ExpectationTimeline(for: [])
        return try texts.compactMap { text in
            let expectation = try Expectation(parsing: text)
            guard let value = expectation.measure(stored.result, timeline: timeline, context: context).value else { return nil }
            return Figure(expectation: expectation, stored: value)
        }
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
