import SimTime
import EventEngine
import HPAController

extension Model {
    /// The ReplicaSet controller's `manageReplicas`: creates or deletes pods until the
    /// active pods (not terminating) match `spec.replicas`; victims in ``ScaleDownOrder``.
    mutating func reconcileReplicas(deployment d: Int, at now: SimTime) {
        let active = deployments[d].pods.filter { !pods[Int($0)].deleting }
        let diff = Int(deployments[d].replicas) - active.count
        if diff > 0 {
            for _ in 0..<diff { createPod(deployment: d, at: now) }
        } else if diff < 0 {
            var ranked = active
            if -diff < active.count {
                let candidates = active.map { scaleDownCandidate($0) }
                let order = candidates.indices.sorted { ScaleDownOrder.precedes(candidates[$0], candidates[$1], now: now) }
                ranked = order.map { active[$0] }
            }
            for p in ranked.prefix(-diff) { deletePod(p, at: now) }
        }
    }

    func scaleDownCandidate(_ p: Int32) -> ScaleDownCandidate {
        let pod = pods[Int(p)]
        let d = Int(pod.deployment)
        return ScaleDownCandidate(
            assigned: pod.stage != .unscheduled, phase: observedPhase(pod), ready: pod.ready,
            deletionCost: deployments[d].configuration.template.podDeletionCost,
            readyTime: pod.readyTransition, restarts: pod.restarts, creationTime: pod.createdAt, uid: pod.uid)
    }

    /// Pending until the container first runs; Running afterwards (also while it restarts).
    func observedPhase(_ pod: PodState) -> PodPhase {
        switch pod.stage {
        case .unscheduled, .starting: .pending
        case .running, .backOff: .running
        }
    }

    // MARK: Termination

    /// Sets the deletion timestamp: the pod stops claiming work, finishes what it runs
    /// within `terminationGracePeriodSeconds`, and goes away when idle or at the deadline.
    mutating func deletePod(_ p: Int32, at now: SimTime) {
        let was = pods[Int(p)].accepting
        pods[Int(p)].deleting = true
        acceptingChanged(p, was: was, at: now)
        guard pods[Int(p)].stage == .running, !pods[Int(p)].tasks.isEmpty else {
            removePod(p, at: now)
            return
        }
        let d = Int(pods[Int(p)].deployment)
        let grace = deployments[d].configuration.template.terminationGracePeriodSeconds
        if grace <= 0 {
            gracePeriodEnded(p, at: now)
        } else {
            pods[Int(p)].graceEvent = engine.schedule(.gracePeriodEnded(pod: p), at: now + .seconds(grace),
                                                      phase: Phase.podState)
        }
    }

    /// SIGKILL: tasks still running are interrupted (re-queued or failed by class).
    mutating func gracePeriodEnded(_ p: Int32, at now: SimTime) {
        pods[Int(p)].graceEvent = nil
        let running = pods[Int(p)].tasks
        pods[Int(p)].tasks.removeAll(keepingCapacity: true)
        for t in running { interruptByScaleDown(t, at: now) }
        removePod(p, at: now)
    }

    /// The pod is gone: capacity returns to the scheduler, integrals close.
    mutating func removePod(_ p: Int32, at now: SimTime) {
        let i = Int(p), d = Int(pods[i].deployment)
        let was = pods[i].accepting
        pods[i].ready = false
        acceptingChanged(p, was: was, at: now)
        if let e = pods[i].lifecycleEvent { engine.cancel(e) }
        if let e = pods[i].graceEvent { engine.cancel(e) }
        pods[i].lifecycleEvent = nil; pods[i].graceEvent = nil
        if pods[i].stage == .running { containerDown(p, at: now) }
        deployments[d].accounting.advance(to: now)
        deployments[d].accounting.livePods -= 1
        if let k = deployments[d].pods.firstIndex(of: p) { deployments[d].pods.remove(at: k) }
        pods[i].inUse = false
        pods[i].epoch &+= 1
        pods[i].sample = nil
        freePods.append(p)
        if pods[i].holdsCapacity {
            pods[i].holdsCapacity = false
            cpuAllocated -= deployments[d].schedulingCPU
            memoryAllocated -= deployments[d].schedulingMemory
            retryUnschedulable(at: now)
        } else if let k = unschedulable.firstIndex(of: p) {
            unschedulable.remove(at: k)
        }
    }

    // MARK: OOM kills and restarts

    /// The worker container exceeded its memory limit: the kernel kills it, its tasks are
    /// lost, and the kubelet restarts it after the crash-loop back-off (10 s doubling to
    /// 5 min, `pkg/kubelet/kubelet.go` `backOffPeriod`/`MaxContainerBackOff`, reset after
    /// 10 min without a restart) or, with `restartPolicy: Never`, the pod fails and the
    /// ReplicaSet replaces it.
    mutating func oomKill(_ p: Int32, at now: SimTime) {
        let i = Int(p), d = Int(pods[i].deployment)
        deployments[d].accounting.oomKills += 1
        let lost = pods[i].tasks
        pods[i].tasks.removeAll(keepingCapacity: true)
        for t in lost { loseToOOM(t, on: p, at: now) }
        let was = pods[i].accepting
        if let e = pods[i].lifecycleEvent { engine.cancel(e); pods[i].lifecycleEvent = nil }
        containerDown(p, at: now)
        if pods[i].ready { pods[i].ready = false; pods[i].readyTransition = now }
        acceptingChanged(p, was: was, at: now)
        pods[i].epoch &+= 1
        pods[i].restarts += 1
        pods[i].lastScrapeTime = nil
        if pods[i].deleting {
            removePod(p, at: now)
            return
        }
        if deployments[d].configuration.template.restartPolicy == .never {
            removePod(p, at: now)
            engine.schedule(.reconcileReplicas(deployment: Int32(d)), at: now, phase: Phase.scaling)
            return
        }
        let backOff = configuration.restartBackOff
        if pods[i].restarts == 1 || now - pods[i].lastRestart > backOff.resetAfter {
            pods[i].backOff = backOff.initial
        } else {
            pods[i].backOff = min(pods[i].backOff * 2, backOff.maximum)
        }
        pods[i].lastRestart = now
        let start = draw(deployments[d].configuration.lifecycle.containerStart, deployment: d)
        pods[i].lifecycleEvent = engine.schedule(.containerStarted(pod: p), at: now + pods[i].backOff + start,
                                                 phase: Phase.podState)
    }
}
