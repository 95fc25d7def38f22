import SimTime

/// One-pass evaluations of the two metrics every sync of a typical HPA reads: a `Resource`
/// metric with a `Utilization` target, and a `Pods` metric.
///
/// **The same result, or none.** Each function computes exactly what the general path
/// (metrics client → `PodSampleMatch` → `indexedGroups` → `PodRequests` → sums) computes, but
/// in one walk over the pods, without building the sample, class, index and request lists.
/// It handles the common case only: samples matched to pods by position, every request
/// readable, at least one ready pod, and no rebalance (no missing pod, and no unready pod
/// while scaling up). Anything else (including every error) returns nil and the caller takes
/// the general path, which then decides the result or the error. `FusedEvaluationTests`
/// compares the two on random observations.
extension MetricEvaluator {
    /// `resourceUtilizationReplicas` on metrics-server's list for a whole-pod `Resource` metric.
    func fusedUtilization(_ observed: Observation, _ resource: ResourceName, targetUtilization: Int32) -> ReplicaCalculation? {
        guard usesFusedPaths, podNamesDistinct, case .success(let list) = observed.resourceMetrics,
              !list.isEmpty, !observed.pods.isEmpty else { return nil }
        // Through the buffers: reading a name or list out of an array element retains it.
        let pass = observed.pods.withUnsafeBufferPointer { pods in
            list.withUnsafeBufferPointer { items in
                Self.utilizationPass(pods: pods, items: items, resource: resource, calculator: calculator)
            }
        }
        guard let (groups, usageSum, requestSum) = pass else { return nil }
        guard groups.readyCount > 0,
              let first = try? ReplicaCalculator.utilization(usageSum: usageSum, requestSum: requestSum,
                                                             entities: groups.readyCount, target: targetUtilization),
              groups.unready.isEmpty || !(first.ratio > 1.0) else { return nil }
        let readyCount = groups.readyCount
        var result = ReplicaCalculation(
            replicas: observed.scale.specReplicas, utilization: first.utilization, rawAverage: first.rawAverage,
            podGroups: groups, usageSum: usageSum, requestSum: requestSum, sampleCount: readyCount,
            usageRatio: first.ratio)
        if !calculator.tolerances.contains(first.ratio) {
            result.replicas = ceilInt32(first.ratio * Double(readyCount))
        }
        return result
    }

    /// The first pass of ``fusedUtilization(observed, _:targetUtilization:)``: the pod classes and the
    /// ready pods' sums; nil when a request is unreadable, a pod has no sample, or a sample
    /// matches no pod.
    private static func utilizationPass(pods: UnsafeBufferPointer<ObservedPod>, items: UnsafeBufferPointer<PodResourceMetrics>,
                                        resource: ResourceName, calculator: ReplicaCalculator)
        -> (groups: PodGroups, usageSum: Int64, requestSum: Int64)? {
        let isCPU = resource == "cpu"
        let field: UsageField = isCPU ? .cpu : resource == "memory" ? .memory : .named(resource)
        var groups = PodGroups()
        var usageSum: Int64 = 0, requestSum: Int64 = 0
        var request: Int64 = 0, requestPod = -1
        var j = 0   // the next metrics-server entry not yet matched
        for k in pods.indices {
            // The pod's request (every pod's must be readable, as `requestValues` requires).
            if requestPod < 0 || !PodRequests.sameRequests(pods, k, requestPod) {
                guard let value = try? PodRequests.request(pods[k], container: "", resource: resource,
                                                           podLevelResources: calculator.podLevelResources)
                else { return nil }
                request = value
                requestPod = k
            }
            // The pod's sample: the next complete entry, if it names this pod.
            var sample: (value: Int64, timestamp: SimTime, window: SimDuration)?
            while j < items.count {
                guard let total = wholePodUsage(items, j, field) else { j += 1; continue }
                if items[j].pod == pods[k].name {
                    sample = (total, items[j].timestamp, items[j].window)
                    j += 1
                }
                break
            }
            guard let ready = group(pods, k, timestamp: sample?.timestamp, window: sample?.window ?? .zero,
                                    isCPU: isCPU, calculator: calculator, into: &groups) else { return nil }
            if ready {
                usageSum &+= sample?.value ?? 0
                requestSum &+= request
            }
        }
        // Every complete entry must have matched a pod (else the general path decides).
        while j < items.count {
            if wholePodUsage(items, j, field) != nil { return nil }
            j += 1
        }
        return (groups, usageSum, requestSum)
    }

    /// `plainMetricReplicas` on the custom metrics API's samples of a `Pods` metric.
    func fusedPodsMetric(_ observed: Observation, _ name: String, targetAverage: Int64) -> ReplicaCalculation? {
        guard usesFusedPaths, podNamesDistinct, observed.customMetricsError == nil,
              let list = observed.podMetrics.value(scanningFor: name), !list.isEmpty,
              list.count <= observed.pods.count else { return nil }
        let calculator = calculator
        let pass = observed.pods.withUnsafeBufferPointer { pods -> (groups: PodGroups, sum: Int64)? in
            var groups = PodGroups()
            var sum: Int64 = 0
            var j = 0
            for k in pods.indices {
                var sample: PodMetricSample?
                if j < list.count, list[j].pod == pods[k].name {
                    sample = list[j]
                    j += 1
                }
                guard let ready = Self.group(pods, k, timestamp: sample?.timestamp, window: sample?.window ?? .zero,
                                             isCPU: false, calculator: calculator, into: &groups) else { return nil }
                if ready { sum &+= sample?.valueMilli ?? 0 }
            }
            return j == list.count ? (groups, sum) : nil
        }
        guard let (groups, sum) = pass, groups.readyCount > 0 else { return nil }
        let usage = sum / Int64(groups.readyCount)
        let ratio = Double(usage) / Double(targetAverage)
        guard groups.unready.isEmpty || !(ratio > 1.0) else { return nil }
        let readyCount = groups.readyCount
        var result = ReplicaCalculation(
            replicas: observed.scale.specReplicas, usage: usage, podGroups: groups, usageSum: sum,
            sampleCount: readyCount, usageRatio: ratio)
        if !calculator.tolerances.contains(ratio) { result.replicas = ceilInt32(ratio * Double(readyCount)) }
        return result
    }

    /// Puts pod `k` in its `groupPods` class; whether it is ready, or nil when it has no sample
    /// (a missing pod means a rebalance, which the general path does).
    private static func group(_ pods: UnsafeBufferPointer<ObservedPod>, _ k: Int, timestamp: SimTime?,
                              window: SimDuration, isCPU: Bool, calculator: ReplicaCalculator,
                              into groups: inout PodGroups) -> Bool? {
        let podClass = PodGrouping.classify(
            deleted: pods[k].deleted, phase: pods[k].phase, ready: pods[k].ready, startTime: pods[k].startTime,
            readyTransitionTime: pods[k].readyTransitionTime, timestamp: timestamp, window: window, isCPU: isCPU,
            cpuInitializationPeriod: calculator.cpuInitializationPeriod,
            initialReadinessDelay: calculator.initialReadinessDelay, now: calculator.now)
        switch podClass {
        case .ignored: groups.ignored.append(pods[k].name)
        case .unready: groups.unready.append(pods[k].name)
        case .missing: return nil
        case .ready: groups.readyCount += 1; return true
        }
        return false
    }

    /// A metrics-server entry's whole-pod usage of `resource` (the containers' sum); nil when
    /// the entry has no containers or one lacks the resource (the client drops such a pod).
    /// Read in place (`items[j]`, by index): passing or iterating the entries copies them.
    private static func wholePodUsage(_ items: UnsafeBufferPointer<PodResourceMetrics>, _ j: Int,
                                      _ field: UsageField) -> Int64? {
        let count = items[j].containers.count
        guard count > 0 else { return nil }
        var total: Int64 = 0
        for c in 0..<count {
            let usage = switch field {
            case .cpu: items[j].containers[c].usage.cpu
            case .memory: items[j].containers[c].usage.memory
            case .named(let resource): items[j].containers[c].usage[resource]
            }
            guard let usage else { return nil }
            total &+= usage
        }
        return total
    }

    /// Which field of a `ResourceList` a pass reads (decided once, not per pod by comparing names).
    private enum UsageField {
        case cpu, memory
        case named(ResourceName)
    }
}
