import SimTime
import HPAController

extension Model {
    /// What one HPA's sync sees: the scale, the target's pods (terminating ones included)
    /// and the samples the metrics pipeline holds at `now`.
    func observation(autoscaler a: Int, at now: SimTime) -> Observation {
        let d = Int(autoscalers[a].deployment)
        let deployment = deployments[d]
        let containers = deployment.configuration.template.containers
        let requests = deployment.containerRequests
        var observed: [ObservedPod] = []
        var resource: [PodResourceMetrics] = []
        var active: Int32 = 0
        observed.reserveCapacity(deployment.pods.count)
        for p in deployment.pods {
            let pod = pods[Int(p)]
            let name = podName(p)
            if !pod.deleting { active += 1 }
            let ready: ConditionStatus? = pod.startTime == nil ? nil : (pod.ready ? .true : .false)
            observed.append(ObservedPod(name: name, phase: observedPhase(pod), deleted: pod.deleting, ready: ready,
                                        readyTransitionTime: pod.readyTransition, startTime: pod.startTime,
                                        containers: requests))
            if autoscalers[a].readsResourceMetrics, let sample = pod.sample {
                var usage: [ContainerUsage] = []
                for (k, c) in containers.enumerated() {
                    let cpu = k == 0 ? sample.cpuMilli : c.baselineUsage.cpuMilli
                    let memory = k == 0 ? sample.memoryMilli : c.baselineUsage.memoryMilli
                    usage.append(ContainerUsage(name: c.name, usage: ["cpu": cpu, "memory": memory]))
                }
                resource.append(PodResourceMetrics(pod: name, timestamp: sample.timestamp, window: sample.window,
                                                   containers: usage))
            }
        }
        let custom = configuration.metrics.custom
        let window = custom.queryWindow > .zero ? custom.queryWindow : custom.scrapeInterval
        var podMetrics: [String: [PodMetricSample]] = [:]
        for (k, metric) in deployment.podMetrics.enumerated() {
            var samples: [PodMetricSample] = []
            for p in deployment.pods {
                guard k < pods[Int(p)].customSamples.count,
                      let (value, timestamp) = pods[Int(p)].customSamples[k].query(now: now, window: custom.queryWindow)
                else { continue }
                samples.append(PodMetricSample(pod: podName(p), valueMilli: milli(value), timestamp: timestamp,
                                               window: window))
            }
            podMetrics[metric.name] = samples
        }
        var objectMetrics: [String: ObjectMetricSample] = [:]
        for series in metrics.objects {
            if let (value, timestamp) = series.window.query(now: now, window: custom.queryWindow) {
                objectMetrics[series.name] = ObjectMetricSample(valueMilli: milli(value), timestamp: timestamp)
            }
        }
        var externalMetrics: [String: ExternalMetricSample] = [:]
        for series in metrics.externals {
            if let value = series.value {
                externalMetrics[series.name] = ExternalMetricSample(valuesMilli: [milli(value)], timestamp: series.timestamp)
            }
        }
        return Observation(scale: ScaleObservation(specReplicas: deployment.replicas, statusReplicas: active),
                           pods: observed, resourceMetrics: .success(resource), podMetrics: podMetrics,
                           objectMetrics: objectMetrics, externalMetrics: externalMetrics)
    }

    private func milli(_ value: Double) -> Int64 {
        let v = (value * 1000).rounded()
        return v.isFinite ? Int64(max(-9.0e18, min(9.0e18, v))) : 0
    }
}
