import SimTime
import EventEngine
import Randomness

/// Samples the pipelines hold outside the pods: Object and External metrics.
struct MetricsState {
    struct ObjectSeries {
        var name: String
        var quantity: ModelQuantity
        var window: SampleWindow
        var classes: [Int32] = []
    }
    struct ExternalSeries {
        var name: String
        var quantity: ModelQuantity
        var value: Double?
        var timestamp = SimTime.zero
        var classes: [Int32] = []
    }
    var objects: [ObjectSeries] = []
    var externals: [ExternalSeries] = []
}

extension Model {
    mutating func scheduleScrapes() {
        let m = configuration.metrics
        engine.schedule(.resourceScrape, at: .zero + max(.zero, m.resource.phaseOffset), phase: Phase.scrape)
        if deployments.contains(where: { !$0.podMetrics.isEmpty }) || !metrics.objects.isEmpty {
            engine.schedule(.customScrape, at: .zero + max(.zero, m.custom.phaseOffset), phase: Phase.scrape)
        }
        if !metrics.externals.isEmpty {
            engine.schedule(.externalPoll, at: .zero + max(.zero, m.external.phaseOffset), phase: Phase.scrape)
        }
    }

    /// metrics-server scrapes every kubelet: CPU is the rate between this scrape and the
    /// previous one of the same container (none after a start or restart), memory the
    /// working set now.
    mutating func resourceScrape(at now: SimTime) {
        let resolution = max(.seconds(1), configuration.metrics.resource.resolution)
        if now + resolution <= end { engine.schedule(.resourceScrape, at: now + resolution, phase: Phase.scrape) }
        advanceNotifier(to: now)
        for d in deployments.indices {
            for p in deployments[d].pods {
                let i = Int(p)
                guard pods[i].stage == .running else { pods[i].sample = nil; continue }
                let integral = cpuIntegral(p, at: now)
                if let last = pods[i].lastScrapeTime, now > last {
                    let cpu = (integral - pods[i].lastScrapeIntegral) / Double((now - last).microseconds)
                    let memory = Double(pods[i].memory + notifierMemory(p))
                    pods[i].sample = ResourceSample(timestamp: now, window: now - last,
                                                    cpuMilli: Int64(withNoise(cpu).rounded()),
                                                    memoryMilli: Int64(withNoise(memory).rounded()))
                } else {
                    pods[i].sample = nil
                }
                pods[i].lastScrapeTime = now
                pods[i].lastScrapeIntegral = integral
            }
        }
    }

    /// Prometheus scrapes the pods' (and objects') gauges.
    mutating func customScrape(at now: SimTime) {
        let interval = max(.seconds(1), configuration.metrics.custom.scrapeInterval)
        if now + interval <= end { engine.schedule(.customScrape, at: now + interval, phase: Phase.scrape) }
        advanceNotifier(to: now)
        for d in deployments.indices where !deployments[d].podMetrics.isEmpty {
            for p in deployments[d].pods where pods[Int(p)].stage == .running {
                for (k, metric) in deployments[d].podMetrics.enumerated() {
                    let value = withNoise(podValue(metric.quantity, pod: p))
                    pods[Int(p)].customSamples[k].append(value, at: now)
                }
            }
        }
        for i in metrics.objects.indices {
            let value = withNoise(globalValue(metrics.objects[i].quantity, classes: metrics.objects[i].classes))
            metrics.objects[i].window.append(value, at: now)
        }
    }

    /// The external-metrics exporter polls its source.
    mutating func externalPoll(at now: SimTime) {
        let interval = max(.seconds(1), configuration.metrics.external.pollingInterval)
        if now + interval <= end { engine.schedule(.externalPoll, at: now + interval, phase: Phase.scrape) }
        advanceNotifier(to: now)
        for i in metrics.externals.indices {
            metrics.externals[i].value = withNoise(globalValue(metrics.externals[i].quantity,
                                                               classes: metrics.externals[i].classes))
            metrics.externals[i].timestamp = now
        }
    }

    /// A per-pod quantity's value for pod `p`.
    func podValue(_ quantity: ModelQuantity, pod p: Int32) -> Double {
        switch quantity {
        case .runningTasks: Double(pods[Int(p)].tasks.count)
        case .pendingNotifications: pendingNotifications(onPod: p)
        case .queueLength, .notificationBacklog: 0
        }
    }

    /// A cluster-wide quantity's value (per-pod quantities summed).
    func globalValue(_ quantity: ModelQuantity, classes matching: [Int32]) -> Double {
        switch quantity {
        case .queueLength: Double(matching.reduce(0) { $0 + queues[Int($1)].entries.count })
        case .notificationBacklog, .pendingNotifications: notifier?.backlog ?? 0
        case .runningTasks: Double(deployments.reduce(0) { total, d in d.pods.reduce(total) { $0 + pods[Int($1)].tasks.count } })
        }
    }

    /// `value` × max(0, 1 + ε), ε ~ Normal(0, σ), when noise is configured.
    mutating func withNoise(_ value: Double) -> Double {
        guard let noise = configuration.metrics.noise, noise.relativeStandardDeviation > 0 else { return value }
        return value * Distribution.normal(mean: 1, stddev: noise.relativeStandardDeviation).sample(using: &self.noise)
    }
}
