public import SimTime

/// Per-metric replica counts, `ReplicaCalculator` in replica_calculator.go.
///
/// **Integer where Go is integer, float64 where Go is float64:** sums are `Int64`
/// milli-units, utilization is truncated to an integer percent before it is divided by the
/// target, and `ceil` runs on IEEE doubles.
public struct ReplicaCalculator: Hashable, Sendable {
    public var tolerances: Tolerances
    public var cpuInitializationPeriod: SimDuration
    public var initialReadinessDelay: SimDuration
    public var podLevelResources: Bool
    public var now: SimTime

    public init(tolerances: Tolerances, cpuInitializationPeriod: SimDuration, initialReadinessDelay: SimDuration,
                podLevelResources: Bool, now: SimTime) {
        self.tolerances = tolerances; self.cpuInitializationPeriod = cpuInitializationPeriod
        self.initialReadinessDelay = initialReadinessDelay; self.podLevelResources = podLevelResources
        self.now = now
    }

    static let noPods = "no pods returned by selector while calculating replica count"
    static let noTargetedMetrics = "did not receive metrics for targeted pods (pods might be unready)"

    /// Resource (or ContainerResource) metric with a `Utilization` target (`GetResourceReplicas`).
    public func resourceUtilizationReplicas(current: Int32, targetUtilization: Int32, resource: ResourceName,
                                            container: String, pods: [ObservedPod], samples: [PodSample])
        throws(ReplicaCalculationError) -> ReplicaCalculation {
        try resourceUtilizationReplicas(current: current, targetUtilization: targetUtilization, resource: resource,
                                        container: container, pods: pods, samples: samples, podNamesDistinct: nil)
    }

    /// `podNamesDistinct`: whether `pods` have distinct names, when the caller knows (nil: check).
    func resourceUtilizationReplicas(current: Int32, targetUtilization: Int32, resource: ResourceName,
                                     container: String, pods: [ObservedPod], samples: [PodSample],
                                     podNamesDistinct: Bool?) throws(ReplicaCalculationError) -> ReplicaCalculation {
        guard !pods.isEmpty else { throw ReplicaCalculationError(Self.noPods) }
        if let match = PodSampleMatch(pods: pods, samples: samples, namesDistinct: podNamesDistinct) {
            return try indexedUtilizationReplicas(current: current, targetUtilization: targetUtilization,
                                                  resource: resource, container: container, pods: pods,
                                                  samples: samples, match: match)
        }
        var metrics = SampleSet(samples)
        let groups = group(pods: pods, metrics: metrics, resource: resource)
        metrics.remove(groups.ignored)
        metrics.remove(groups.unready)
        guard metrics.count > 0 else { throw ReplicaCalculationError(Self.noTargetedMetrics) }
        let requestList: [(pod: String, request: Int64)]
        do {
            requestList = try PodRequests.requests(pods: pods, container: container, resource: resource,
                                                   podLevelResources: podLevelResources)
        } catch { throw ReplicaCalculationError(error.message) }
        var requests: [String: Int64] = [:]
        for entry in requestList { requests[entry.pod] = entry.request }

        let first = try utilizationRatio(metrics, requests: requests, target: targetUtilization)
        var result = ReplicaCalculation(
            replicas: current, utilization: first.utilization, rawAverage: first.rawAverage, podGroups: groups,
            usageSum: first.usageSum, requestSum: first.requestSum, sampleCount: metrics.count,
            usageRatio: first.ratio)
        let ratio = first.ratio
        let scaleUpWithUnready = !groups.unready.isEmpty && ratio > 1.0
        if !scaleUpWithUnready && groups.missing.isEmpty {
            if !tolerances.contains(ratio) { result.replicas = ceilInt32(ratio * Double(groups.readyCount)) }
            return result
        }
        if !groups.missing.isEmpty {
            if ratio < 1.0 {
                let fallback = Int64(max(100, targetUtilization))
                for pod in groups.missing {
                    metrics[pod] = PodSample(pod: pod, value: (requests[pod] ?? 0) &* fallback / 100,
                                             timestamp: now, window: .zero)
                }
            } else if ratio > 1.0 {
                for pod in groups.missing { metrics[pod] = PodSample(pod: pod, value: 0, timestamp: now, window: .zero) }
            }
        }
        if scaleUpWithUnready {
            for pod in groups.unready { metrics[pod] = PodSample(pod: pod, value: 0, timestamp: now, window: .zero) }
        }
        let newRatio = try utilizationRatio(metrics, requests: requests, target: targetUtilization).ratio
        result.rebalancedRatio = newRatio
        result.replicas = rebalanced(current: current, ratio: ratio, newRatio: newRatio, sampleCount: metrics.count)
        return result
    }

    /// Resource AverageValue and Pods metrics (`GetRawResourceReplicas`, `GetMetricReplicas`,
    /// `calcPlainMetricReplicas`). `resource` is nil for Pods metrics (CPU readiness rules off).
    public func plainMetricReplicas(current: Int32, targetAverage: Int64, resource: ResourceName?,
                                    pods: [ObservedPod], samples: [PodSample])
        throws(ReplicaCalculationError) -> ReplicaCalculation {
        try plainMetricReplicas(current: current, targetAverage: targetAverage, resource: resource, pods: pods,
                                samples: samples, podNamesDistinct: nil)
    }

    /// `podNamesDistinct`: whether `pods` have distinct names, when the caller knows (nil: check).
    func plainMetricReplicas(current: Int32, targetAverage: Int64, resource: ResourceName?, pods: [ObservedPod],
                             samples: [PodSample], podNamesDistinct: Bool?)
        throws(ReplicaCalculationError) -> ReplicaCalculation {
        guard !pods.isEmpty else { throw ReplicaCalculationError(Self.noPods) }
        if let match = PodSampleMatch(pods: pods, samples: samples, namesDistinct: podNamesDistinct) {
            return try indexedPlainReplicas(current: current, targetAverage: targetAverage, resource: resource,
                                            pods: pods, samples: samples, match: match)
        }
        var metrics = SampleSet(samples)
        let groups = group(pods: pods, metrics: metrics, resource: resource)
        metrics.remove(groups.ignored)
        metrics.remove(groups.unready)
        guard metrics.count > 0 else { throw ReplicaCalculationError(Self.noTargetedMetrics) }
        let first = usageRatio(metrics, target: targetAverage)
        var result = ReplicaCalculation(
            replicas: current, rawAverage: resource == nil ? nil : first.usage, usage: first.usage,
            podGroups: groups, usageSum: first.sum, sampleCount: metrics.count, usageRatio: first.ratio)
        let ratio = first.ratio
        let scaleUpWithUnready = !groups.unready.isEmpty && ratio > 1.0
        if !scaleUpWithUnready && groups.missing.isEmpty {
            if !tolerances.contains(ratio) { result.replicas = ceilInt32(ratio * Double(groups.readyCount)) }
            return result
        }
        // Missing pods: exactly the target on a scale-down, 0 on a scale-up, left out at ratio 1
        // (`else if`, as the current replica_calculator.go; older releases used a plain `else`).
        if !groups.missing.isEmpty && ratio != 1.0 {
            let fill: Int64 = ratio < 1.0 ? targetAverage : 0
            for pod in groups.missing { metrics[pod] = PodSample(pod: pod, value: fill, timestamp: now, window: .zero) }
        }
        if scaleUpWithUnready {
            for pod in groups.unready { metrics[pod] = PodSample(pod: pod, value: 0, timestamp: now, window: .zero) }
        }
        let newRatio = usageRatio(metrics, target: targetAverage).ratio
        result.rebalancedRatio = newRatio
        result.replicas = rebalanced(current: current, ratio: ratio, newRatio: newRatio, sampleCount: metrics.count)
        return result
    }

    /// Object and External metrics with a `Value` target (`getUsageRatioReplicaCount`): at
    /// zero replicas `ceil(ratio)` without tolerance; otherwise `ceil(ratio · ready pods)`
    /// capped at `Int32.max`, where ready means `Running` with `Ready=True`.
    public func valueReplicas(current: Int32, usage: Int64, target: Int64, pods: [ObservedPod])
        throws(ReplicaCalculationError) -> ReplicaCalculation {
        let ratio = Double(usage) / Double(target)
        var result = ReplicaCalculation(replicas: current, usage: usage, usageRatio: ratio)
        if current == 0 {
            result.replicas = ceilInt32(ratio)
            return result
        }
        if tolerances.contains(ratio) { return result }
        guard !pods.isEmpty else {
            throw ReplicaCalculationError("unable to calculate ready pods: \(Self.noPods)")
        }
        let ready = pods.filter { $0.phase == .running && $0.ready == .true }.count
        result.readyPodCount = ready
        let proposal = ratio * Double(ready)
        result.replicas = proposal > Double(Int32.max) ? .max : ceilInt32(proposal)
        return result
    }

    /// Object and External metrics with an `AverageValue` target (`GetObjectPerPodMetricReplicas`,
    /// `GetExternalPerPodMetricReplicas`): independent of pods, against `statusReplicas`.
    public func perPodReplicas(statusReplicas: Int32, usage: Int64, targetAverage: Int64,
                               capsAtMaxInt32: Bool) -> ReplicaCalculation {
        let ratio = Double(usage) / (Double(targetAverage) * Double(statusReplicas))
        var result = ReplicaCalculation(replicas: statusReplicas, usageRatio: ratio)
        if !tolerances.contains(ratio) {
            let proposal = (Double(usage) / Double(targetAverage)).rounded(.up)
            result.replicas = capsAtMaxInt32 && proposal > Double(Int32.max) ? .max : int32Truncating(proposal)
        }
        if capsAtMaxInt32 && Double(usage) >= Double(Int64.max) {
            result.usage = .max
        } else {
            result.usage = int64Truncating((Double(usage) / Double(statusReplicas)).rounded(.up))
        }
        return result
    }

    // MARK: Steps

    private func group(pods: [ObservedPod], metrics: SampleSet, resource: ResourceName?) -> PodGroups {
        PodGrouping.group(pods: pods, samples: metrics.byPod, resource: resource,
                          cpuInitializationPeriod: cpuInitializationPeriod,
                          initialReadinessDelay: initialReadinessDelay, now: now)
    }

    /// The rebalanced proposal: `current` when the rebalance lands in tolerance, flips the
    /// direction, or would move against the ratio.
    func rebalanced(current: Int32, ratio: Double, newRatio: Double, sampleCount: Int) -> Int32 {
        if tolerances.contains(newRatio) || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0) {
            return current
        }
        let proposal = ceilInt32(newRatio * Double(sampleCount))
        if (newRatio < 1.0 && proposal > current) || (newRatio > 1.0 && proposal < current) { return current }
        return proposal
    }

    /// `GetResourceUtilizationRatio` (metrics/utilization.go): ratio of sums over samples
    /// whose pod has a request; utilization truncated to an integer percent first.
    private func utilizationRatio(_ metrics: SampleSet, requests: [String: Int64], target: Int32)
        throws(ReplicaCalculationError)
        -> (ratio: Double, utilization: Int32, rawAverage: Int64, usageSum: Int64, requestSum: Int64) {
        var usageSum: Int64 = 0, requestSum: Int64 = 0, entities = 0
        for sample in metrics.values {
            guard let request = requests[sample.pod] else { continue }
            usageSum &+= sample.value
            requestSum &+= request
            entities += 1
        }
        let result = try Self.utilization(usageSum: usageSum, requestSum: requestSum, entities: entities, target: target)
        return (result.ratio, result.utilization, result.rawAverage, usageSum, requestSum)
    }

    /// `GetMetricUsageRatio`: the truncated average over every sample (superfluous included).
    private func usageRatio(_ metrics: SampleSet, target: Int64) -> (ratio: Double, usage: Int64, sum: Int64) {
        var sum: Int64 = 0
        for sample in metrics.values { sum &+= sample.value }
        let usage = sum / Int64(max(metrics.count, 1))
        return (Double(usage) / Double(target), usage, sum)
    }
}

/// `int32(math.Ceil(x))`.
func ceilInt32(_ value: Double) -> Int32 { int32Truncating(value.rounded(.up)) }
