public import SimTime

/// What the HPAs see and how late: metrics-server for Resource metrics, a
/// Prometheus-style pipeline for Pods and Object metrics, polling for External ones.
public struct MetricsPipelineConfiguration: Hashable, Sendable, Codable {
    public var resource: ResourceMetricsPipeline
    public var custom: CustomMetricsPipeline
    public var external: ExternalMetricsPipeline
    /// Which model quantity each custom/external metric name reports. Names an HPA uses
    /// but no binding lists get no samples (the controller reports the failure).
    public var bindings: [MetricBinding]
    /// Optional measurement noise on every sample; nil: exact samples.
    public var noise: MetricNoise?
    /// Outages and failure rates of the sources; nil: nothing fails (also configurations stored before it existed).
    public var failures: MetricFailures?

    public init(resource: ResourceMetricsPipeline = .init(), custom: CustomMetricsPipeline = .init(),
                external: ExternalMetricsPipeline = .init(), bindings: [MetricBinding] = MetricBinding.defaults,
                noise: MetricNoise? = nil, failures: MetricFailures? = nil) {
        self.resource = resource; self.custom = custom; self.external = external
        self.bindings = bindings; self.noise = noise; self.failures = failures
    }
}

/// metrics-server as the HPA reads it through `metrics.k8s.io`.
///
/// metrics-server scrapes every kubelet each `--metric-resolution` (default 15 s,
/// metrics-server `cmd/metrics-server/app/options`), reports CPU as the rate between its
/// last two scrapes (so a container needs two scrapes before it has a CPU sample) with
/// that interval as the window, and memory as the working set at the scrape.
public struct ResourceMetricsPipeline: Hashable, Sendable, Codable {
    /// `--metric-resolution`: scrape interval and CPU averaging window.
    public var resolution: SimDuration
    /// First scrape at this offset after the start.
    public var phaseOffset: SimDuration
    public init(resolution: SimDuration = .seconds(15), phaseOffset: SimDuration = .zero) {
        self.resolution = resolution; self.phaseOffset = phaseOffset
    }
}

/// Prometheus scraping the pods plus an adapter (prometheus-adapter) answering
/// `custom.metrics.k8s.io` for Pods and Object metrics.
///
/// Each scrape stores the value per pod; at a sync the adapter returns the mean of the
/// samples scraped within ``queryWindow`` before the sync (`avg_over_time(...[window])`),
/// or the latest sample when the window is zero, stamped with the latest sample's time.
public struct CustomMetricsPipeline: Hashable, Sendable, Codable {
    /// Prometheus `scrape_interval` (assumption: 30 s, a common setting; Prometheus' global default is 1 m).
    public var scrapeInterval: SimDuration
    /// The adapter query's range; zero: the latest sample.
    public var queryWindow: SimDuration
    /// First scrape at this offset after the start.
    public var phaseOffset: SimDuration
    public init(scrapeInterval: SimDuration = .seconds(30), queryWindow: SimDuration = .minutes(1),
                phaseOffset: SimDuration = .zero) {
        self.scrapeInterval = scrapeInterval; self.queryWindow = queryWindow; self.phaseOffset = phaseOffset
    }
}

/// External metrics (a Redis queue length, say) polled by an exporter.
public struct ExternalMetricsPipeline: Hashable, Sendable, Codable {
    /// How often the value is read (assumption: 30 s).
    public var pollingInterval: SimDuration
    /// First poll at this offset after the start.
    public var phaseOffset: SimDuration
    public init(pollingInterval: SimDuration = .seconds(30), phaseOffset: SimDuration = .zero) {
        self.pollingInterval = pollingInterval; self.phaseOffset = phaseOffset
    }
}

/// Multiplicative noise: each sample × max(0, 1 + ε), ε ~ Normal(0, ``relativeStandardDeviation``),
/// drawn from the stream `noise.metrics`.
public struct MetricNoise: Hashable, Sendable, Codable {
    public var relativeStandardDeviation: Double
    public init(relativeStandardDeviation: Double) { self.relativeStandardDeviation = relativeStandardDeviation }
}

/// Binds a custom or external metric name to what it measures in the model.
public struct MetricBinding: Hashable, Sendable, Codable {
    /// The metric name as the HPA's `metric.name` writes it.
    public var name: String
    public var quantity: ModelQuantity
    public init(name: String, quantity: ModelQuantity) { self.name = name; self.quantity = quantity }

    /// `active_tasks` (per pod), `pending_notifications` (per pod), `redis_queue_length` (every waiting task).
    public static let defaults: [MetricBinding] = [
        MetricBinding(name: "active_tasks", quantity: .runningTasks),
        MetricBinding(name: "pending_notifications", quantity: .pendingNotifications),
        MetricBinding(name: "redis_queue_length", quantity: .queueLength(patterns: ["*"])),
    ]
}

/// A quantity the model can report as a metric.
public enum ModelQuantity: Hashable, Sendable, Codable {
    /// Per pod: tasks the pod is running or handing over (Pods metric).
    case runningTasks
    /// Per pod: the notifier's pending notifications held by the pod (Pods metric).
    case pendingNotifications
    /// Tasks waiting in Redis whose keys match any of the patterns (Object or External metric).
    case queueLength(patterns: [String])
    /// The notifier's total backlog (Object or External metric).
    case notificationBacklog
}
