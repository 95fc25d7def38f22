import SimTime
import HPAController

extension Model {
    /// Whether a read of `source` at `now` fails: a scheduled outage covers it, or the
    /// source's failure rate draws a failure from its stream `failures.<source>`.
    mutating func metricSourceFails(_ source: MetricSource, at now: SimTime) -> Bool {
        guard let failures = configuration.metrics.failures else { return false }
        if failures.isDown(source, at: now) { return true }
        guard let rate = failures.rates.first(where: { $0.source == source }), rate.probability > 0,
              let s = MetricSource.allCases.firstIndex(of: source), s < failureStreams.count else { return false }
        return failureStreams[s].nextUnit() < rate.probability
    }

    /// Fails the reads of the sources that are down at this sync, as the metrics APIs fail:
    /// metrics-server, the custom-metrics adapter, the external-metrics adapter.
    ///
    /// The controller then does what `computeReplicasForMetrics` does with failed metrics
    /// (horizontal.go): a failed metric beside valid ones is skipped, but a scale-down is not
    /// allowed; all failed: `ScalingActive False` with the metric's reason, no rescale.
    mutating func applyMetricFailures(_ observed: inout Observation, autoscaler a: Int, at now: SimTime) {
        guard configuration.metrics.failures != nil else { return }
        if autoscalers[a].readsResourceMetrics, metricSourceFails(.resource, at: now) {
            observed.resourceMetrics = .failure(MetricsAPIError("the server is currently unable to handle the request (get pods.metrics.k8s.io)"))
        }
        let spec = autoscalers[a].hpa.spec.metrics
        if spec.contains(where: { $0.type == .pods || $0.type == .object }), metricSourceFails(.custom, at: now) {
            observed.customMetricsError = "the server is currently unable to handle the request (get pods.custom.metrics.k8s.io *)"
        }
        let keda = scaledObjects.contains { $0.autoscaler == Int32(a) }
        if !keda, spec.contains(where: { $0.type == .external }), metricSourceFails(.external, at: now) {
            let names = spec.compactMap { $0.external?.metric.name }.map { "get \($0).external.metrics.k8s.io" }
            observed.externalMetricsError = "the server is currently unable to handle the request (\(names.joined(separator: ", ")))"
        }
    }
}
