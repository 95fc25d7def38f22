public import SimTime

/// Scheduled outages and intermittent failures of the metric sources.
///
/// **Failures are deterministic**: a failure rate draws from its own named stream
/// (`failures.<source>`), so the same seed fails the same reads.
public struct MetricFailures: Hashable, Sendable, Codable {
    public var outages: [MetricOutage]
    public var rates: [MetricFailureRate]
    public init(outages: [MetricOutage] = [], rates: [MetricFailureRate] = []) { self.outages = outages; self.rates = rates }

    /// Whether a scheduled outage covers `source` at `now`.
    public func isDown(_ source: MetricSource, at now: SimTime) -> Bool {
        outages.contains { $0.source == source && SimTime.zero + $0.from <= now && now < SimTime.zero + $0.from + $0.duration }
    }
}

/// Where a metric comes from, as an outage or a failure rate names it.
public enum MetricSource: String, Hashable, Sendable, Codable, CaseIterable {
    /// metrics-server (`metrics.k8s.io`): Resource metrics.
    case resource
    /// The Prometheus adapter (`custom.metrics.k8s.io`): Pods and Object metrics.
    case custom
    /// The external-metrics adapter (`external.metrics.k8s.io`) of HPAs written by hand.
    case external
    /// The Redis server KEDA's redis scaler reads (KEDA's polls and its metrics server).
    case redis
    /// KEDA's metrics server (`external.metrics.k8s.io` for KEDA's HPAs).
    case kedaMetricsServer = "keda-metrics-server"
}

/// A source down from `from` for `duration`: every read in `[from, from + duration)` fails.
public struct MetricOutage: Hashable, Sendable, Codable {
    public var source: MetricSource
    public var from: SimDuration
    public var duration: SimDuration
    public init(source: MetricSource, from: SimDuration, duration: SimDuration) {
        self.source = source; self.from = from; self.duration = duration
    }
}

/// Each read of `source` fails with `probability`, drawn from the stream `failures.<source>`.
public struct MetricFailureRate: Hashable, Sendable, Codable {
    public var source: MetricSource
    public var probability: Double
    public init(source: MetricSource, probability: Double) { self.source = source; self.probability = probability }
}
