public import HPAController
public import RunRecords
import SimTime

/// One stored run as the report draws it: its records, read by the caller (the CLI reads the
/// store; this module never does).
public struct ReportRun: Sendable {
    /// `run 1: spike-4x`: the legend's name for it.
    public var label: String
    public var result: SimulationResult
    /// The run's HPAs as it resolved them.
    public var autoscalers: [HorizontalPodAutoscaler]
    public var controller: ControllerConfiguration
    public var series: [SeriesPoint]
    public var syncs: [SyncRecord]
    public var scales: [ScaleRecord]
    /// Task records (empty at detail `off`: then the charts that need them say so).
    public var tasks: [TaskRecord]
    /// Tasks one record stands for: 16 at detail `sampled`, 1 at `all`.
    public var taskWeight: Int

    public init(label: String, result: SimulationResult, autoscalers: [HorizontalPodAutoscaler],
                controller: ControllerConfiguration, series: [SeriesPoint], syncs: [SyncRecord],
                scales: [ScaleRecord], tasks: [TaskRecord], taskWeight: Int) {
        self.label = label; self.result = result; self.autoscalers = autoscalers; self.controller = controller
        self.series = series; self.syncs = syncs; self.scales = scales; self.tasks = tasks
        self.taskWeight = taskWeight
    }
}
