/// The `id` of a bulk row: the run in the high bits, the row's place in the run below.
///
/// **A run's rows are final when written.** The recorder reserves the run's id when it starts
/// (`RunStore.reserveRunID`) and writes final ids and `run_id`s into the staging file, which
/// becomes the run file as it is. Ids are unique across runs, so rows of several run files
/// (or of runs stored in the main file before run files) combine without clashes.
///
/// `hpa_syncs.id` is `run << 40 | sync << 8`; its metrics are `sync id + metric_index`, so a
/// sync holds up to 256 metrics and a run up to 2³² syncs; `series` and `scale_events` ids
/// are `run << 40 | n`. Run ids up to 2²³ fit.
enum RowKey {
    static let runShift: Int64 = 40
    static let metricsPerSync: Int64 = 256
    /// The largest run id whose keys fit in an `Int64`.
    static let maxRunID: Int64 = (1 << (63 - runShift)) - 1

    /// The first key of `run`'s rows.
    @inline(__always) static func base(_ run: Int64) -> Int64 { run << runShift }

    /// The key of the `n`th (from 0) sync of `run`; its metrics follow it.
    @inline(__always) static func sync(_ run: Int64, _ n: Int64) -> Int64 { base(run) | (n * metricsPerSync) }
}
