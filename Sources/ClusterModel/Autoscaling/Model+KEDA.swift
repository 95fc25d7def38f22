import SimTime
import RunRecords
import EventEngine
import HPAController
import KEDA

/// One ScaledObject's runtime: KEDA's loop, its status between polls, and what it reads.
struct ScaledObjectState {
    let loop: ScaleLoop
    var status: ScaledObjectStatus
    let deployment: Int32
    /// The generated HPA's index in the model's autoscalers (nil while paused: KEDA deletes it).
    let autoscaler: Int32?
    /// Per trigger: the classes whose waiting tasks the list holds.
    let classes: [[Int32]]
    /// Per trigger: the value of the last poll (what `useCachedMetrics` serves), milli-units.
    var lastPolled: [Int64?]
}

extension Model {
    /// Builds KEDA's loops for the configuration's ScaledObjects (after the autoscalers).
    mutating func buildScaledObjects() {
        for config in configuration.scaledObjects ?? [] {
            let so = config.scaledObject
            guard let d = configuration.deployments.firstIndex(where: { $0.name == so.scaleTargetRef.name }),
                  let loop = try? ScaleLoop(so, creationTime: .zero) else { continue }   // validated by the loader
            let a = autoscalers.firstIndex { $0.hpa.name == so.hpaName && Int($0.deployment) == d }
            let classes = config.listClasses.map { names in
                names.compactMap { name in configuration.workload.classes.firstIndex { $0.name == name }.map(Int32.init) }
            }
            scaledObjects.append(ScaledObjectState(loop: loop, status: ScaledObjectStatus(triggers: loop.triggers.count),
                                                   deployment: Int32(d), autoscaler: a.map(Int32.init), classes: classes,
                                                   lastPolled: Array(repeating: nil, count: loop.triggers.count)))
        }
    }

    /// KEDA polls at once, then every `pollingInterval` (start to start); a paused ScaledObject does not poll.
    mutating func scheduleKEDAPolls() {
        for k in scaledObjects.indices where !scaledObjects[k].loop.scaledObject.pause.paused {
            engine.schedule(.kedaPoll(scaledObject: Int32(k)), at: .zero, phase: Phase.sync)
        }
    }

    /// What trigger `i` of ScaledObject `k` reads from Redis at `now` (an outage or a failure draw fails it).
    mutating func redisReading(scaledObject k: Int, trigger i: Int, at now: SimTime) -> TriggerReading {
        if metricSourceFails(.redis, at: now) {
            return .failed("dial tcp redis:6379: connect: connection refused", serverReachable: false)
        }
        let length = scaledObjects[k].classes[i].reduce(0) { $0 + queues[Int($1)].entries.count }
        return .length(Double(length))
    }

    /// Ready pods of deployment `d` that are not terminating (a `Value` fallback divides by them).
    func readyPods(deployment d: Int) -> Int32 {
        Int32(deployments[d].pods.reduce(0) { $0 + (pods[Int($1)].ready && !pods[Int($1)].deleting ? 1 : 0) })
    }

    /// One poll of KEDA's loop: read every trigger, then activate, cool down or scale to zero.
    mutating func kedaPoll(scaledObject k: Int, at now: SimTime) {
        let interval = SimDuration.seconds(Int64(max(1, scaledObjects[k].loop.scaledObject.effectivePollingInterval)))
        if now + interval <= end { engine.schedule(.kedaPoll(scaledObject: Int32(k)), at: now + interval, phase: Phase.sync) }
        let d = Int(scaledObjects[k].deployment)
        var readings: [TriggerReading] = []
        for i in scaledObjects[k].loop.triggers.indices {
            let reading = redisReading(scaledObject: k, trigger: i, at: now)
            if case .length(let length) = reading { scaledObjects[k].lastPolled[i] = RedisListTrigger.reportedMilli(length: length) }
            readings.append(reading)
        }
        var status = scaledObjects[k].status
        let from = deployments[d].replicas
        let decision = scaledObjects[k].loop.poll(readings, currentReplicas: from, readyPods: readyPods(deployment: d),
                                                  status: &status, now: now)
        scaledObjects[k].status = status
        let hpaName = scaledObjects[k].loop.scaledObject.hpaName
        let deployment = deployments[d].configuration.name
        guard let to = decision.scaleTo, to != from else { return }
        deployments[d].replicas = to
        deployments[d].accounting.setReplicas(to, maxAllowed: maxAllowed(deployment: d), at: now)
        deployments[d].accounting.recordScale(from: from, to: to, at: now, window: configuration.results.flappingWindow)
        let message = decision.events.last { $0.reason.hasPrefix("KEDAScaleTarget") }.map { "\($0.reason): \($0.message)" } ?? "KEDA: set replicas to \(to)"
        let scale = ScaleRecord(time: now, hpa: hpaName, deployment: deployment, from: from, to: to, message: message)
        record { try $0.recordScale(scale) }
        engine.schedule(.reconcileReplicas(deployment: Int32(d)), at: now, phase: Phase.scaling)
    }

    /// KEDA's metrics server answers the generated HPA's External metrics at its sync: each
    /// trigger read afresh (or the last poll's value with `useCachedMetrics`), with fallback.
    mutating func serveKEDAMetrics(_ observed: inout Observation, autoscaler a: Int, at now: SimTime) {
        guard let k = scaledObjects.firstIndex(where: { $0.autoscaler == Int32(a) }) else { return }
        if metricSourceFails(.kedaMetricsServer, at: now) {
            let names = scaledObjects[k].loop.metricNames.map { "get \($0).external.metrics.k8s.io" }.joined(separator: ", ")
            observed.externalMetricsError = "the server is currently unable to handle the request (\(names))"
            return
        }
        let d = Int(scaledObjects[k].deployment)
        let so = scaledObjects[k].loop.scaledObject
        for i in scaledObjects[k].loop.triggers.indices {
            let name = scaledObjects[k].loop.metricNames[i]
            let reading: TriggerReading
            if so.triggers[i].useCachedMetrics, let cached = scaledObjects[k].lastPolled[i] {
                reading = .length(Double(cached) / 1000)
            } else {
                reading = redisReading(scaledObject: k, trigger: i, at: now)
            }
            var status = scaledObjects[k].status
            let served = scaledObjects[k].loop.read(trigger: i, reading, currentReplicas: deployments[d].replicas,
                                                    readyPods: readyPods(deployment: d), status: &status)
            scaledObjects[k].status = status
            switch served {
            case .success(let milli):
                observed.externalMetrics[name] = ExternalMetricSample(valuesMilli: [milli], timestamp: now)
            case .failure(let error):
                observed.externalMetrics[name] = nil
                observed.externalMetricsError = error.message
            }
        }
    }
}
