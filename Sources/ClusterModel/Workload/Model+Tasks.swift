import SimTime
import RunRecords
import EventEngine
import Randomness

extension Model {
    // MARK: Claiming

    /// Puts a waiting task where workers find it: straight to the slot that has been
    /// idle longest among the deployments serving the queue, else into the queue.
    mutating func offer(_ t: Int32, queue q: Int32, key: SimTime, at now: SimTime) {
        tasks[Int(t)].stage = .waiting
        tasks[Int(t)].queue = q
        tasks[Int(t)].waitingSince = now
        tasks[Int(t)].pod = -1
        var best: (deployment: Int, since: SimTime)?
        for d in queues[Int(q)].servedBy {
            let d = Int(d)
            dropStaleIdleSlots(deployment: d)
            if let head = deployments[d].idleSlots.first, best == nil || head.since < (best?.since ?? head.since) {
                best = (d, head.since)
            }
        }
        if let best, let slot = deployments[best.deployment].idleSlots.popFirst() {
            claim(t, pod: slot.pod, at: now)
        } else {
            queues[Int(q)].insert(.init(task: t, key: key, sequence: tasks[Int(t)].sequence))
        }
    }

    private mutating func dropStaleIdleSlots(deployment d: Int) {
        while let head = deployments[d].idleSlots.first, !isLive(head) { deployments[d].idleSlots.popFirst() }
    }

    private func isLive(_ slot: IdleSlot) -> Bool {
        let pod = pods[Int(slot.pod)]
        return pod.inUse && pod.epoch == slot.epoch && pod.accepting
    }

    /// A slot of pod `p` is free: it claims the oldest task of the queues it serves, or
    /// blocks waiting (an idle-slot token).
    mutating func slotFreed(_ p: Int32, at now: SimTime) {
        let i = Int(p), d = Int(pods[i].deployment)
        guard pods[i].accepting, pods[i].tasks.count < deployments[d].slotsPerPod else { return }
        var best: (queue: Int32, entry: TaskQueue.Entry)?
        for q in deployments[d].servedQueues {
            guard let head = queues[Int(q)].entries.first else { continue }
            if best == nil || head.precedes(best?.entry ?? head) { best = (q, head) }
        }
        if let best {
            queues[Int(best.queue)].entries.popFirst()
            claim(best.entry.task, pod: p, at: now)
            return
        }
        deployments[d].idleSlots.append(IdleSlot(pod: p, epoch: pods[i].epoch, since: now))
        if deployments[d].idleSlots.count > deployments[d].compactAt {
            var slots = deployments[d].idleSlots
            deployments[d].idleSlots = Ring()
            slots.filter { isLive($0) }
            deployments[d].idleSlots = slots
            deployments[d].compactAt = max(64, 2 * deployments[d].idleSlots.count)
        }
    }

    /// Pod `p` takes task `t`: a dispatcher starts handing it over, a worker runs it.
    mutating func claim(_ t: Int32, pod p: Int32, at now: SimTime) {
        let c = Int(tasks[Int(t)].classIndex), d = Int(pods[Int(p)].deployment)
        tasks[Int(t)].waited = tasks[Int(t)].waited + (now - tasks[Int(t)].waitingSince)
        if let e = tasks[Int(t)].timeoutEvent { engine.cancel(e); tasks[Int(t)].timeoutEvent = nil }
        tasks[Int(t)].pod = p
        pods[Int(p)].tasks.append(t)
        if queues[Int(tasks[Int(t)].queue)].taskClass != nil { notify(at: now) }     // started
        if deployments[d].forwardQueue != nil, case .worker(let w) = deployments[d].configuration.role,
           let forwarding = w.forwarding {
            tasks[Int(t)].stage = .handoff
            let handoff = forwarding.handoff.sampleDuration(using: &classes[c].handoffs)
            tasks[Int(t)].finishEvent = engine.schedule(.taskFinished(task: t), at: now + handoff, phase: Phase.podState)
            addUsage(forwarding.usage, pod: p, sign: 1, at: now)
            return
        }
        tasks[Int(t)].stage = .running
        if tasks[Int(t)].firstStartedAt == nil {
            tasks[Int(t)].firstStartedAt = now
            classes[c].accounting.recordWait(tasks[Int(t)].waited)
        }
        let cpuBound = classes[c].configuration.cpuBound
        tasks[Int(t)].remaining = Double(tasks[Int(t)].duration.microseconds)
        tasks[Int(t)].rate = cpuBound ? pods[Int(p)].progressRate : 1
        tasks[Int(t)].progressAt = now
        scheduleFinish(t, at: now)
        addUsage(classes[c].configuration.usage, pod: p, sign: 1, at: now)
    }

    /// Adds (or removes) a task's usage on its pod; memory above the limit OOM-kills.
    private mutating func addUsage(_ usage: ResourceUsage, pod p: Int32, sign: Int64, at now: SimTime) {
        let pod = pods[Int(p)]
        setUsage(p, cpuDemand: pod.cpuDemand + sign * usage.cpuMilli, memory: pod.memory + sign * usage.memoryMilli, at: now)
        if sign > 0, let limit = deployments[Int(pod.deployment)].memoryLimit, pods[Int(p)].memory > limit {
            oomKill(p, at: now)
        }
    }

    private mutating func scheduleFinish(_ t: Int32, at now: SimTime) {
        let task = tasks[Int(t)]
        let micros = task.rate > 0 ? (task.remaining / task.rate).rounded(.up) : 9.0e18
        let delay = SimDuration(microseconds: Int64(min(max(0, micros), 4.0e18)))
        tasks[Int(t)].finishEvent = engine.schedule(.taskFinished(task: t), at: now + delay, phase: Phase.podState)
    }

    /// The pod's progress rate changed: CPU-bound running tasks re-plan their finish.
    mutating func rerate(_ p: Int32, at now: SimTime) {
        let rate = pods[Int(p)].progressRate
        for t in pods[Int(p)].tasks {
            let task = tasks[Int(t)]
            guard task.stage == .running, classes[Int(task.classIndex)].configuration.cpuBound else { continue }
            let elapsed = Double(now.microseconds - task.progressAt.microseconds)
            tasks[Int(t)].remaining = max(0, task.remaining - task.rate * elapsed)
            tasks[Int(t)].rate = rate
            tasks[Int(t)].progressAt = now
            if let e = task.finishEvent { engine.cancel(e) }
            scheduleFinish(t, at: now)
        }
    }

    // MARK: Endings

    /// A run or a handoff ends.
    mutating func taskFinished(_ t: Int32, at now: SimTime) {
        let task = tasks[Int(t)]
        let p = task.pod, c = Int(task.classIndex), d = Int(pods[Int(p)].deployment)
        tasks[Int(t)].finishEvent = nil
        if let k = pods[Int(p)].tasks.firstIndex(of: t) { pods[Int(p)].tasks.remove(at: k) }
        if task.stage == .handoff, let target = deployments[d].forwardQueue,
           case .worker(let w) = deployments[d].configuration.role, let forwarding = w.forwarding {
            addUsage(forwarding.usage, pod: p, sign: -1, at: now)
            armTimeout(t, at: now)
            offer(t, queue: target, key: now, at: now)
        } else {
            addUsage(classes[c].configuration.usage, pod: p, sign: -1, at: now)
            classes[c].accounting.completed += 1
            notify(at: now)                                       // completed
            recordTask(t, outcome: .completed, pod: p, at: now)
            releaseTask(t)
        }
        if pods[Int(p)].deleting {
            if pods[Int(p)].tasks.isEmpty { removePod(p, at: now) }
        } else {
            slotFreed(p, at: now)
        }
    }

    /// A waiting task has waited its class's maximum: it fails.
    mutating func taskTimedOut(_ t: Int32, at now: SimTime) {
        let task = tasks[Int(t)]
        guard task.inUse, task.stage == .waiting else { return }
        tasks[Int(t)].timeoutEvent = nil
        queues[Int(task.queue)].remove(task: t)
        let c = Int(task.classIndex)
        classes[c].accounting.timedOut += 1
        classes[c].accounting.failed += 1
        notify(at: now)                                           // failed
        recordTask(t, outcome: .timedOut, pod: nil, at: now)
        releaseTask(t)
    }

    /// The task's pod was killed at the end of its grace period (the pod's task list
    /// is already cleared and the pod is about to go).
    mutating func interruptByScaleDown(_ t: Int32, at now: SimTime) {
        let task = tasks[Int(t)]
        let c = Int(task.classIndex)
        if let e = task.finishEvent { engine.cancel(e); tasks[Int(t)].finishEvent = nil }
        classes[c].accounting.interruptedByScaleDown += 1
        notify(at: now)                                           // interrupted
        switch classes[c].configuration.onPodTermination {
        case .requeue:
            classes[c].accounting.requeued += 1
            notify(at: now)                                       // queued again
            armTimeout(t, at: now)
            offer(t, queue: task.queue, key: task.arrivedAt, at: now)
        case .fail:
            classes[c].accounting.failed += 1
            recordTask(t, outcome: .interruptedByScaleDown, pod: task.pod, at: now)
            releaseTask(t)
        }
    }

    /// The task's container was OOM-killed: the task is lost.
    mutating func loseToOOM(_ t: Int32, on p: Int32, at now: SimTime) {
        let c = Int(tasks[Int(t)].classIndex)
        if let e = tasks[Int(t)].finishEvent { engine.cancel(e); tasks[Int(t)].finishEvent = nil }
        classes[c].accounting.interruptedByOOM += 1
        classes[c].accounting.failed += 1
        notify(at: now)                                           // interrupted
        recordTask(t, outcome: .interruptedByOOM, pod: p, at: now)
        releaseTask(t)
    }

    /// Re-arms a task's queue-wait limit for the wait it has left.
    private mutating func armTimeout(_ t: Int32, at now: SimTime) {
        let c = Int(tasks[Int(t)].classIndex)
        guard let maxWait = classes[c].configuration.maxQueueWait else { return }
        let left = max(.zero, maxWait - tasks[Int(t)].waited)
        tasks[Int(t)].timeoutEvent = engine.schedule(.taskTimedOut(task: t), at: now + left, phase: Phase.podState)
    }

    private mutating func recordTask(_ t: Int32, outcome: TaskOutcome, pod p: Int32?, at now: SimTime) {
        guard configuration.results.recordTasks, recorderKeeps.contains(.tasks), recorderError == nil else { return }
        let task = tasks[Int(t)]
        let c = Int(task.classIndex)
        tasksRecorded += 1
        let ended = TaskRecord(taskID: tasksRecorded, taskClass: classes[c].configuration.name, key: classes[c].keys.key(id: task.id),
                               arrivedAt: task.arrivedAt, runTime: task.duration, startedAt: task.firstStartedAt, endedAt: now,
                               outcome: outcome, pod: p.map { podName($0) })
        record { try $0.recordTask(ended) }
    }
}
