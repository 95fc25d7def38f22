import SimTime
import RunRecords
import EventEngine

extension Model {
    /// One ``SeriesPoint`` per deployment for the recorder.
    mutating func sampleSeries(at now: SimTime) {
        let resolution = seriesResolution
        if now + resolution <= end { engine.schedule(.seriesSample, at: now + resolution, phase: Phase.observe) }
        seriesSamples += 1
        advanceNotifier(to: now)
        let recordSeries = recorderKeeps.contains(.series)
        let recordPods = configuration.results.recordPods && recorderKeeps.contains(.pods)
        for d in deployments.indices {
            if recordSeries {
                let point = seriesPoint(deployment: d, at: now)
                record { try $0.recordSeries(point) }
            }
            guard recordPods else { continue }
            for p in deployments[d].pods {
                let pod = podPoint(Int(p), at: now)
                record { try $0.recordPod(pod) }
            }
        }
    }

    /// Pod `p` now: the same usage the series sums (worker, notifier state, sidecars).
    func podPoint(_ p: Int, at now: SimTime) -> PodPoint {
        let pod = pods[p], deployment = deployments[Int(pod.deployment)]
        let status: PodStatus = switch pod.stage {
        case _ where pod.deleting: .terminating
        case .unscheduled, .starting: .pending
        case .running: .running
        case .backOff: .crashLoopBackOff
        }
        let running = pod.stage == .running
        let memoryMilli = running
            ? pod.memory + notifierMemory(Int32(p)) + deployment.sidecarBaseline.memoryMilli : 0
        return PodPoint(time: now, deployment: deployment.configuration.name, pod: pod.name, status: status,
                        ready: pod.ready,
                        cpuMillicores: running ? pod.cpuUsed + Double(deployment.sidecarBaseline.cpuMilli) : 0,
                        memoryBytes: memoryMilli / 1000, activeTasks: Int32(pod.tasks.count))
    }

    func seriesPoint(deployment d: Int, at now: SimTime) -> SeriesPoint {
        let deployment = deployments[d]
        var active: Int32 = 0, ready: Int32 = 0, pending: Int32 = 0, terminating: Int32 = 0, running: Int32 = 0
        var cpu = 0.0, memory = 0.0, cpuRequested = 0.0, memoryRequested = 0.0
        for p in deployment.pods {
            let pod = pods[Int(p)]
            if pod.deleting { terminating += 1 } else { active += 1 }
            if pod.accepting { ready += 1 }
            if pod.stage == .unscheduled || pod.stage == .starting { pending += 1 }
            running += Int32(pod.tasks.count)
            if pod.stage == .running {
                cpu += pod.cpuUsed + Double(deployment.sidecarBaseline.cpuMilli)
                memory += Double(pod.memory + notifierMemory(p) + deployment.sidecarBaseline.memoryMilli)
                cpuRequested += Double(deployment.cpuRequest ?? 0)
                memoryRequested += Double(deployment.memoryRequest ?? 0)
            }
        }
        let waiting = deployment.servedQueues.reduce(0) { $0 + queues[Int($1)].entries.count }
        // The backlog in whole notifications, rounded up (a partly drained one is still pending).
        let backlog = notifier.flatMap { $0.deployment == Int32(d) ? Int32(clamping: Int64($0.backlog.rounded(.up))) : nil }
        return SeriesPoint(time: now, deployment: deployment.configuration.name,
                           replicas: deployment.replicas, pods: active, readyPods: ready, pendingPods: pending,
                           terminatingPods: terminating,
                           cpuUtilization: cpuRequested > 0 ? Utilization(ratio: cpu / cpuRequested) : nil,
                           memoryUtilization: memoryRequested > 0 ? Utilization(ratio: memory / memoryRequested) : nil,
                           activeTasks: running, queueDepth: Int32(waiting), notifierBacklog: backlog)
    }

    /// Closes the integrals at the end and assembles the result.
    mutating func finish() -> SimulationResult {
        let now = end
        advanceNotifier(to: now)
        var waiting = [Int](repeating: 0, count: classes.count), running = waiting
        for task in tasks where task.inUse {
            if task.stage == .waiting { waiting[Int(task.classIndex)] += 1 } else { running[Int(task.classIndex)] += 1 }
        }
        let classResults = classes.indices.map { c -> ClassResult in
            let a = classes[c].accounting
            return ClassResult(name: classes[c].configuration.name, arrived: a.arrived, completed: a.completed,
                               failed: a.failed, timedOut: a.timedOut, interruptedByScaleDown: a.interruptedByScaleDown,
                               interruptedByOOM: a.interruptedByOOM, requeued: a.requeued,
                               waitingAtEnd: waiting[c], runningAtEnd: running[c], queueWait: a.summary())
        }
        let span = Double(max(1, now.microseconds))
        let deploymentResults = deployments.indices.map { d -> DeploymentResult in
            deployments[d].accounting.advance(to: now)
            let a = deployments[d].accounting
            let maxAllowed = maxAllowed(deployment: d)
            return DeploymentResult(
                name: deployments[d].configuration.name,
                podHours: a.podIntegral / 3_600_000_000,
                meanReplicas: now.microseconds > 0 ? a.replicaIntegral / span : Double(a.liveReplicas),
                maxReplicas: a.maxReplicas, minReplicas: a.minReplicas == .max ? a.liveReplicas : a.minReplicas,
                timeAtMaxReplicas: maxAllowed == nil ? nil : SimDuration(microseconds: a.timeAtMax),
                scaleEvents: a.scaleEvents, scaleUps: a.scaleUps, scaleDowns: a.scaleDowns, flaps: a.flaps,
                meanCPUUtilization: a.cpuRequestedIntegral > 0
                    ? Utilization(ratio: a.cpuUsedIntegral / a.cpuRequestedIntegral) : nil,
                meanMemoryUtilization: a.memoryRequestedIntegral > 0
                    ? Utilization(ratio: a.memoryUsedIntegral / a.memoryRequestedIntegral) : nil,
                oomKills: a.oomKills, podsCreated: a.podsCreated)
        }
        return SimulationResult(duration: configuration.duration, seed: configuration.seed, classes: classResults,
                                deployments: deploymentResults, notifierBacklogMaximum: notifier?.maximum ?? 0,
                                notifications: notifications, eventsProcessed: engine.processed - seriesSamples)
    }
}
