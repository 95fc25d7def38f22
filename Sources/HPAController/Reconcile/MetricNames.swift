/// Texts the controller builds for every metric of every sync, in `horizontal.go`'s words.
///
/// **Same text, fewer allocations:** the names of the CPU and memory `Resource` metrics (the
/// default metric and the most common ones) are written out as literals, which Swift stores in
/// the binary and never allocates; any other name is interpolated into the same text. Building
/// these strings was 5 % of a diurnal-week run's instructions.
enum MetricNames {
    /// `<name> <label> utilization (percentage of request)` (`computeStatusForResourceMetric`).
    static func utilization(_ name: ResourceName, label: String) -> String {
        switch (name, label) {
        case ("cpu", "resource"): "cpu resource utilization (percentage of request)"
        case ("memory", "resource"): "memory resource utilization (percentage of request)"
        default: "\(name) \(label) utilization (percentage of request)"
        }
    }

    /// The `ScalingActive`/`ValidMetricFound` message naming the metric that set the count.
    static func validMetricFound(_ metricName: String) -> String {
        switch metricName {
        case "cpu resource utilization (percentage of request)":
            "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)"
        case "memory resource utilization (percentage of request)":
            "the HPA was able to successfully calculate a replica count from memory resource utilization (percentage of request)"
        default:
            "the HPA was able to successfully calculate a replica count from \(metricName)"
        }
    }
}
