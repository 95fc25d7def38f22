/// The phases the cluster model gives simultaneous events, in the order they run.
///
/// The engine only compares the numbers (lower first, before the insertion order); the
/// names record the model's documented order at one instant: pod state changes (a pod
/// becomes ready, a task finishes), then metric scrapes (which see that state), then HPA
/// syncs (which read the scraped metrics), then scaling (which applies the syncs'
/// decisions). PHOLD and anything unphased use ``podState`` (0), the default.
enum EventPhase {
    /// Pod and task state changes. The default phase.
    static let podState: UInt8 = 0
    /// Metric scrapes (metrics-server, custom metrics).
    static let metricScrape: UInt8 = 1
    /// HPA controller syncs.
    static let hpaSync: UInt8 = 2
    /// Applying a scale decision to the workload.
    static let scaling: UInt8 = 3
}
