public import RunRecords
public import Expectations
public import Scenario

extension ScenarioRun {
    /// `promises` checked against one run of `scenario`.
    public static func outcomes(of promises: [ScenarioExpectation], _ result: SimulationResult, timeline: ExpectationTimeline,
                                scenario: LoadedScenario) -> [ExpectationOutcome] {
        let context = ExpectationContext(configuration: scenario.configuration, events: scenario.file.workloadEvents)
        return promises.map {
            ExpectationOutcome(expectation: $0.expectation, name: $0.name, seed: result.seed,
                               measured: $0.expectation.measure(result, timeline: timeline, context: context))
        }
    }
}

/// Passes a run's records to two recorders: the store's and the expectations' timeline.
///
/// Finished tasks reach the first only when `tasksToFirst` (the run asked for task detail);
/// the timeline may need them when the store does not.
final class RecorderTee: SimulationRecorder {
    let first: any SimulationRecorder
    let second: any SimulationRecorder
    init(_ first: any SimulationRecorder, _ second: any SimulationRecorder) {
        self.first = first; self.second = second
    }
    var keeps: RecordKinds { first.keeps.union(second.keeps) }
    func recordSync(_ sync: SyncRecord) throws { try first.recordSync(sync); try second.recordSync(sync) }
    func recordScale(_ scale: ScaleRecord) throws { try first.recordScale(scale); try second.recordScale(scale) }
    func recordSeries(_ point: SeriesPoint) throws { try first.recordSeries(point); try second.recordSeries(point) }
    func recordTask(_ task: TaskRecord) throws { try first.recordTask(task); try second.recordTask(task) }
    func recordPod(_ pod: PodPoint) throws { try first.recordPod(pod); try second.recordPod(pod) }
}
