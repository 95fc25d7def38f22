public import ClusterModel
public import RunRecords
import HPAController
public import SimTime
public import Store

/// Re-derives every stored HPA decision from the database alone.
///
/// **A stored run explains itself.** For each HPA, the replay walks its sync rows in order
/// with a fresh `ScalingHistory`, feeds each row's recommendation (the maximum over metrics)
/// and current replicas through ``HorizontalPodAutoscalerController/normalize(recommendation:current:spec:history:now:)``
/// with the spec and controller settings stored in the run's resolved scenario, records the
/// rescales the rows report, and compares the stabilized value, the desired replicas and the
/// limiting reason with what was stored. Syncs that did not normalize (the min/max
/// correction, a failed metrics step) only update the history, as the controller does.
public enum RunReplay {
    /// A stored value the replay did not reproduce.
    public struct Mismatch: Hashable, Sendable, CustomStringConvertible {
        public var hpa: String
        public var time: SimTime
        public var field: String
        public var stored: String
        public var replayed: String
        public var description: String { "\(hpa) at \(time): \(field): stored \(stored), replayed \(replayed)" }
    }

    /// What a replay checked and found.
    public struct Report: Hashable, Sendable {
        /// Sync rows replayed (all HPAs).
        public var syncs: Int
        /// Of those, the ones whose normalization was re-derived and compared.
        public var normalized: Int
        public var mismatches: [Mismatch]
    }

    /// Replays run `id` of `store`.
    public static func verify(_ id: RunID, in store: RunStore) throws -> Report {
        let run = try store.run(id)
        let configuration = try ScenarioRun.configuration(fromJSON: run.metadata.scenarioJSON)
        return replay(try store.syncs(of: id), configuration: configuration)
    }

    /// Replays `rows` (in stored order) against the autoscalers of `configuration`.
    public static func replay(_ rows: [SyncRecord], configuration: SimulationConfiguration) -> Report {
        let controller = HorizontalPodAutoscalerController(configuration: configuration.controller)
        var report = Report(syncs: 0, normalized: 0, mismatches: [])
        for autoscaler in configuration.autoscalers {
            let name = autoscaler.hpa.name, spec = autoscaler.hpa.spec
            let rules = spec.behavior.map(controller.resolvedBehavior)
            var history = ScalingHistory()
            for row in rows where row.hpa == name {
                report.syncs += 1
                let current = row.currentReplicas, now = row.time
                history.recordInitialRecommendation(current, now: now)
                func check(_ field: String, _ stored: String, _ replayed: String) {
                    if stored != replayed {
                        report.mismatches.append(Mismatch(hpa: name, time: now, field: field, stored: stored, replayed: replayed))
                    }
                }
                if let recommendation = row.recommendation, row.stabilized != nil {
                    let result = controller.normalize(recommendation: max(0, recommendation), current: current,
                                                      spec: spec, history: history, now: now)
                    history = result.history
                    report.normalized += 1
                    check("stabilized", "\(row.stabilized.map(String.init) ?? "nil")", "\(result.stabilized)")
                    check("desiredReplicas", "\(row.desiredReplicas)", "\(result.desired)")
                    check("scaleUpdated", "\(row.scaleUpdated)", "\(result.desired != current)")
                    check("limitingReason", row.limitingReason?.rawValue ?? "nil", result.limitedReason.rawValue)
                }
                if row.scaleUpdated {
                    history.storeScaleEvent(rules: rules, previous: current, new: row.desiredReplicas, now: now)
                }
            }
        }
        return report
    }
}
