import RunRecords
import SimTime
import HPAController

extension Model {
    /// What one HPA's sync sees: the scale, the target's pods (terminating ones included)
    /// and the samples the metrics pipeline holds at `now`.
    func observation(autoscaler a: Int, at now: SimTime) -> Observation {
        var observed = Observation(scale: ScaleObservation(specReplicas: 0, statusReplicas: 0))
        fillObservation(&observed, autoscaler: a, at: now)
        return observed
    }

    /// Overwrites `observed` with what autoscaler `a` sees at `now`, reusing its arrays and
    /// dictionaries (the sync keeps one per HPA, so a sync allocates almost nothing).
    ///
    /// The result equals a freshly built observation: every field is rewritten.
    func fillObservation(_ observed: inout Observation, autoscaler a: Int, at now: SimTime) {
        let d = Int(autoscalers[a].deployment)
        // Fields are read in place: copying a whole `DeploymentState` or `PodState` retains every array in it.
        let podIDs = deployments[d].pods
        let containers = deployments[d].configuration.template.containers
        let requests = deployments[d].containerRequests
        let readsResource = autoscalers[a].readsResourceMetrics
        // Take the buffers out so they are uniquely referenced while they are refilled.
        var podList = observed.pods
        observed.pods = []
        var resource: [PodResourceMetrics]
        if case .success(let list) = observed.resourceMetrics { resource = list } else { resource = [] }
        observed.resourceMetrics = .success([])
        podList.reserveCapacity(podIDs.count)
        var podCount = 0
        var resourceCount = 0
        var active: Int32 = 0
        for p in podIDs {
            let i = Int(p)
            let name = pods[i].name
            let deleting = pods[i].deleting, startTime = pods[i].startTime
            if !deleting { active += 1 }
            let ready: ConditionStatus? = startTime == nil ? nil : (pods[i].ready ? .true : .false)
            if podCount < podList.count {
                // Overwritten in place: last sync's entry at this position is usually the same pod.
                podList[podCount].overwrite(name: name, phase: observedPhase(pods[i]), deleted: deleting, ready: ready,
                                            readyTransitionTime: pods[i].readyTransition, startTime: startTime,
                                            containers: requests)
            } else {
                podList.append(ObservedPod(name: name, phase: observedPhase(pods[i]), deleted: deleting, ready: ready,
                                           readyTransitionTime: pods[i].readyTransition, startTime: startTime,
                                           containers: requests))
            }
            podCount += 1
            guard readsResource, let sample = pods[i].sample else { continue }
            if resourceCount == resource.count || resource[resourceCount].containers.count != containers.count {
                let fresh = PodResourceMetrics(pod: name, timestamp: sample.timestamp, window: sample.window,
                                               containers: containers.map { ContainerUsage(name: $0.name, usage: [:]) })
                if resourceCount == resource.count { resource.append(fresh) } else { resource[resourceCount] = fresh }
            }
            resource[resourceCount].refresh(pod: name, sample: sample, containers: containers)
            resourceCount += 1
        }
        if podCount < podList.count { podList.removeSubrange(podCount...) }
        if resourceCount < resource.count { resource.removeSubrange(resourceCount...) }
        observed.scale = ScaleObservation(specReplicas: deployments[d].replicas, statusReplicas: active)
        observed.pods = podList
        observed.resourceMetrics = .success(resource)

        let custom = configuration.metrics.custom
        let window = custom.queryWindow > .zero ? custom.queryWindow : custom.scrapeInterval
        var podMetrics = observed.podMetrics
        observed.podMetrics = [:]
        let podMetricSpecs = deployments[d].podMetrics
        if podMetrics.count != podMetricSpecs.count { podMetrics = [:] }
        for (k, metric) in podMetricSpecs.enumerated() {
            // Last sync's list for this metric is swapped out, refilled and swapped back: its
            // buffer is reused and the name is looked up once, by comparison (no hashing).
            var samples: [PodMetricSample] = []
            let index = podMetrics.index(scanningFor: metric.name)
            if let index { swap(&samples, &podMetrics.values[index]) }
            var n = 0   // entries overwritten in place, as the pod list's
            for p in podIDs {
                guard k < pods[Int(p)].customSamples.count,
                      let (value, timestamp) = pods[Int(p)].customSamples[k].query(now: now, window: custom.queryWindow)
                else { continue }
                if n < samples.count {
                    if samples[n].pod != pods[Int(p)].name { samples[n].pod = pods[Int(p)].name }
                    samples[n].valueMilli = milli(value)
                    samples[n].timestamp = timestamp
                    samples[n].window = window
                } else {
                    samples.append(PodMetricSample(pod: podName(p), valueMilli: milli(value), timestamp: timestamp,
                                                   window: window))
                }
                n += 1
            }
            if n < samples.count { samples.removeSubrange(n...) }
            if let index { swap(&samples, &podMetrics.values[index]) } else { podMetrics[metric.name] = samples }
        }
        // A name inserted above next to a stale one: keep exactly the deployment's metrics.
        if podMetrics.count != podMetricSpecs.count {
            podMetrics = podMetrics.filter { entry in podMetricSpecs.contains { $0.name == entry.key } }
        }
        observed.podMetrics = podMetrics
        var objectMetrics = observed.objectMetrics
        observed.objectMetrics = [:]
        objectMetrics.removeAll(keepingCapacity: true)
        for series in metrics.objects {
            if let (value, timestamp) = series.window.query(now: now, window: custom.queryWindow) {
                objectMetrics[series.name] = ObjectMetricSample(valueMilli: milli(value), timestamp: timestamp)
            }
        }
        observed.objectMetrics = objectMetrics
        var externalMetrics = observed.externalMetrics
        observed.externalMetrics = [:]
        externalMetrics.removeAll(keepingCapacity: true)
        for series in metrics.externals {
            if let value = series.value {
                externalMetrics[series.name] = ExternalMetricSample(valuesMilli: [milli(value)], timestamp: series.timestamp)
            }
        }
        observed.externalMetrics = externalMetrics
        observed.customMetricsError = nil
        observed.externalMetricsError = nil
    }

    private func milli(_ value: Double) -> Int64 {
        let v = (value * 1000).rounded()
        return v.isFinite ? Int64(max(-9.0e18, min(9.0e18, v))) : 0
    }
}

private extension PodResourceMetrics {
    /// Makes this entry `pod`'s, with `sample`'s usage in the first container and the others'
    /// baselines, in one access (each write through the list checked its uniqueness again).
    mutating func refresh(pod name: String, sample: ResourceSample, containers template: [ContainerTemplate]) {
        if pod != name { pod = name }
        timestamp = sample.timestamp
        window = sample.window
        containers.withUnsafeMutableBufferPointer { entries in
            for k in entries.indices {
                if entries[k].name != template[k].name { entries[k].name = template[k].name }
                entries[k].usage.set(cpu: k == 0 ? sample.cpuMilli : template[k].baselineUsage.cpuMilli,
                                     memory: k == 0 ? sample.memoryMilli : template[k].baselineUsage.memoryMilli)
            }
        }
    }
}

private extension ObservedPod {
    /// Makes this pod equal to `ObservedPod(name:phase:deleted:ready:readyTransitionTime:startTime:containers:)`.
    ///
    /// A name or container list equal to the one held is not assigned again: for the same pod
    /// it is the same string and array, and skipping the assignment skips a retain and a release.
    mutating func overwrite(name: String, phase: PodPhase, deleted: Bool, ready: ConditionStatus?,
                            readyTransitionTime: SimTime, startTime: SimTime?, containers: [ContainerRequests]) {
        if self.name != name { self.name = name }
        self.phase = phase
        self.deleted = deleted
        self.ready = ready
        self.readyTransitionTime = readyTransitionTime
        self.startTime = startTime
        if !ContainerRequests.same(self.containers, containers) { self.containers = containers }
        if !initContainers.isEmpty { initContainers = [] }
        if podRequests != nil { podRequests = nil }
    }
}
