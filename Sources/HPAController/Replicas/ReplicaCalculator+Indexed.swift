/// The replica calculations without per-sync dictionaries, for the common case where every
/// sample belongs to a distinct pod and arrives in pod-list order (what the model and
/// metrics-server produce).
///
/// **Same results as the name-keyed path, bit for bit:** with distinct pod names each sample
/// belongs to exactly one pod, so the samples left after removing ignored and unready pods
/// are exactly the ready pods' samples, and the sums (wrapping `Int64`, so order-free) are
/// the same. Any other input (duplicate names, samples out of order or for unknown pods)
/// takes the name-keyed path.

/// For each pod, the index of its sample, or -1 when it has none.
struct PodSampleMatch {
    var sampleIndex: [Int]

    /// Pod lists up to this size are checked for distinct names pair by pair; longer ones with a set.
    static let pairwiseCheckLimit = 16

    /// Matches `samples` to `pods` by position; nil when the indexed path does not apply.
    /// `namesDistinct` is what the caller knows of the pod names (nil: check here).
    init?(pods: [ObservedPod], samples: [PodSample], namesDistinct: Bool?) {
        guard samples.count <= pods.count, namesDistinct ?? Self.namesDistinct(pods) else { return nil }
        var index = [Int](repeating: -1, count: pods.count)
        var next = 0
        for k in pods.indices where next < samples.count && samples[next].pod == pods[k].name {
            index[k] = next
            next += 1
        }
        guard next == samples.count else { return nil }
        sampleIndex = index
    }

    /// Whether no two pods share a name.
    ///
    /// Pairwise up to ``pairwiseCheckLimit`` pods; beyond, ASCII names (every Kubernetes pod
    /// name) go through ``PodNameTable``, others into a `Set` (membership only: the answer does
    /// not depend on either's order). Any pod count takes the indexed path.
    static func namesDistinct(_ pods: [ObservedPod]) -> Bool {
        if pods.count <= pairwiseCheckLimit {
            for i in pods.indices {
                for j in (i + 1)..<pods.count where pods[i].name == pods[j].name { return false }
            }
            return true
        }
        if let distinct = PodNameTable.asciiNamesDistinct(pods) { return distinct }
        var seen = Set<String>(minimumCapacity: pods.count)
        for pod in pods where !seen.insert(pod.name).inserted { return false }
        return true
    }
}

extension ReplicaCalculator {
    /// `resourceUtilizationReplicas` on matched samples.
    func indexedUtilizationReplicas(current: Int32, targetUtilization: Int32, resource: ResourceName,
                                    container: String, pods: [ObservedPod], samples: [PodSample],
                                    match: PodSampleMatch) throws(ReplicaCalculationError) -> ReplicaCalculation {
        var classes: [PodClass] = []
        let groups = indexedGroups(pods: pods, samples: samples, match: match, resource: resource, classes: &classes)
        guard groups.readyCount > 0 else { throw ReplicaCalculationError(Self.noTargetedMetrics) }
        let requests: [Int64]
        do {
            requests = try PodRequests.requestValues(pods: pods, container: container, resource: resource,
                                                     podLevelResources: podLevelResources)
        } catch { throw ReplicaCalculationError(error.message) }

        var usageSum: Int64 = 0, requestSum: Int64 = 0
        for k in pods.indices where classes[k] == .ready {
            usageSum &+= samples[match.sampleIndex[k]].value
            requestSum &+= requests[k]
        }
        let first = try Self.utilization(usageSum: usageSum, requestSum: requestSum, entities: groups.readyCount,
                                         target: targetUtilization)
        var result = ReplicaCalculation(
            replicas: current, utilization: first.utilization, rawAverage: first.rawAverage, podGroups: groups,
            usageSum: usageSum, requestSum: requestSum, sampleCount: groups.readyCount, usageRatio: first.ratio)
        let ratio = first.ratio
        let scaleUpWithUnready = !groups.unready.isEmpty && ratio > 1.0
        if !scaleUpWithUnready && groups.missing.isEmpty {
            if !tolerances.contains(ratio) { result.replicas = ceilInt32(ratio * Double(groups.readyCount)) }
            return result
        }
        var count = groups.readyCount
        if !groups.missing.isEmpty && (ratio < 1.0 || ratio > 1.0) {   // NaN adds nothing, as the original
            let fallback = Int64(max(100, targetUtilization))
            for k in pods.indices where classes[k] == .missing {
                usageSum &+= ratio < 1.0 ? requests[k] &* fallback / 100 : 0
                requestSum &+= requests[k]
                count += 1
            }
        }
        if scaleUpWithUnready {
            for k in pods.indices where classes[k] == .unready {
                requestSum &+= requests[k]
                count += 1
            }
        }
        let newRatio = try Self.utilization(usageSum: usageSum, requestSum: requestSum, entities: count,
                                            target: targetUtilization).ratio
        result.rebalancedRatio = newRatio
        result.replicas = rebalanced(current: current, ratio: ratio, newRatio: newRatio, sampleCount: count)
        return result
    }

    /// `plainMetricReplicas` on matched samples.
    func indexedPlainReplicas(current: Int32, targetAverage: Int64, resource: ResourceName?,
                              pods: [ObservedPod], samples: [PodSample],
                              match: PodSampleMatch) throws(ReplicaCalculationError) -> ReplicaCalculation {
        var classes: [PodClass] = []
        let groups = indexedGroups(pods: pods, samples: samples, match: match, resource: resource, classes: &classes)
        guard groups.readyCount > 0 else { throw ReplicaCalculationError(Self.noTargetedMetrics) }
        var sum: Int64 = 0
        for k in pods.indices where classes[k] == .ready { sum &+= samples[match.sampleIndex[k]].value }
        let usage = sum / Int64(groups.readyCount)
        let ratio = Double(usage) / Double(targetAverage)
        var result = ReplicaCalculation(
            replicas: current, rawAverage: resource == nil ? nil : usage, usage: usage,
            podGroups: groups, usageSum: sum, sampleCount: groups.readyCount, usageRatio: ratio)
        let scaleUpWithUnready = !groups.unready.isEmpty && ratio > 1.0
        if !scaleUpWithUnready && groups.missing.isEmpty {
            if !tolerances.contains(ratio) { result.replicas = ceilInt32(ratio * Double(groups.readyCount)) }
            return result
        }
        var count = groups.readyCount
        if !groups.missing.isEmpty && ratio != 1.0 {
            let fill: Int64 = ratio < 1.0 ? targetAverage : 0
            for k in pods.indices where classes[k] == .missing {
                sum &+= fill
                count += 1
            }
        }
        if scaleUpWithUnready {
            for k in pods.indices where classes[k] == .unready { count += 1 }
        }
        let newUsage = sum / Int64(max(count, 1))
        let newRatio = Double(newUsage) / Double(targetAverage)
        result.rebalancedRatio = newRatio
        result.replicas = rebalanced(current: current, ratio: ratio, newRatio: newRatio, sampleCount: count)
        return result
    }

    /// `groupPods` by position; `classes[k]` is pod `k`'s class.
    private func indexedGroups(pods: [ObservedPod], samples: [PodSample], match: PodSampleMatch,
                               resource: ResourceName?, classes: inout [PodClass]) -> PodGroups {
        classes.reserveCapacity(pods.count)
        var groups = PodGroups()
        let isCPU = resource == "cpu"
        for k in pods.indices {
            let index = match.sampleIndex[k]
            // Field by field: copying a whole `ObservedPod` retains its name and three collections.
            let podClass = PodGrouping.classify(
                deleted: pods[k].deleted, phase: pods[k].phase, ready: pods[k].ready, startTime: pods[k].startTime,
                readyTransitionTime: pods[k].readyTransitionTime, sample: index < 0 ? nil : samples[index],
                isCPU: isCPU, cpuInitializationPeriod: cpuInitializationPeriod,
                initialReadinessDelay: initialReadinessDelay, now: now)
            classes.append(podClass)
            switch podClass {
            case .ignored: groups.ignored.append(pods[k].name)
            case .unready: groups.unready.append(pods[k].name)
            case .missing: groups.missing.append(pods[k].name)
            case .ready: groups.readyCount += 1
            }
        }
        return groups
    }

    /// `GetResourceUtilizationRatio` from its sums.
    static func utilization(usageSum: Int64, requestSum: Int64, entities: Int, target: Int32)
        throws(ReplicaCalculationError) -> (ratio: Double, utilization: Int32, rawAverage: Int64) {
        guard requestSum != 0, entities > 0 else {
            throw ReplicaCalculationError("no metrics returned matched known pods")
        }
        let utilization = Int32(truncatingIfNeeded: (usageSum &* 100) / requestSum)
        return (Double(utilization) / Double(target), utilization, usageSum / Int64(entities))
    }
}
