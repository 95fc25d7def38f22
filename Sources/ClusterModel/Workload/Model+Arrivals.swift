import SimTime
import EventEngine
import Randomness

extension Model {
    /// A class's next Poisson arrival: schedules the one after, then the task arrives.
    mutating func arrival(classIndex c: Int, at now: SimTime) {
        if let next = classes[c].arrivals.next(after: now), next <= end {
            engine.schedule(.arrival(classIndex: Int32(c)), at: next, phase: Phase.podState)
        }
        taskArrives(classIndex: c, duration: nil, at: now)
    }

    /// Burst `k` of a class begins: the next burst is scheduled and the first of this
    /// burst's arrivals.
    mutating func burst(classIndex c: Int, k: Int64, at now: SimTime) {
        guard var generator = classes[c].bursts else { return }
        let next = generator.instant(k + 1)
        if next <= end, next > now {
            engine.schedule(.burst(classIndex: Int32(c), k: k + 1), at: next, phase: Phase.podState)
        }
        let first = generator.begin(at: now)
        classes[c].bursts = generator
        if let first, first <= end {
            engine.schedule(.burstArrival(classIndex: Int32(c)), at: first, phase: Phase.podState)
        }
    }

    mutating func burstArrival(classIndex c: Int, at now: SimTime) {
        if let next = classes[c].bursts?.nextArrival(), next <= end {
            engine.schedule(.burstArrival(classIndex: Int32(c)), at: next, phase: Phase.podState)
        }
        taskArrives(classIndex: c, duration: nil, at: now)
    }

    mutating func traceArrival(index i: Int, at now: SimTime) {
        let trace = configuration.workload.trace
        if i + 1 < trace.count, trace[i + 1].time <= end {
            engine.schedule(.traceArrival(index: Int32(i + 1)), at: max(now, trace[i + 1].time), phase: Phase.podState)
        }
        guard let c = classes.firstIndex(where: { $0.configuration.name == trace[i].taskClass }) else { return }
        taskArrives(classIndex: c, duration: trace[i].duration, at: now)
    }

    /// A task is stored in Redis: its attributes are drawn now, from the class's own
    /// streams, so they do not depend on anything the autoscalers do.
    mutating func taskArrives(classIndex c: Int, duration: SimDuration?, at now: SimTime) {
        let runTime: SimDuration
        if let duration {
            runTime = max(.zero, duration)
        } else {
            runTime = classes[c].configuration.duration.sampleDuration(using: &classes[c].durations)
        }
        let t = allocateTask()
        var task = TaskState()
        task.inUse = true
        task.classIndex = Int32(c)
        task.id = classes[c].nextID
        task.sequence = taskSequence
        task.arrivedAt = now
        task.waitingSince = now
        task.duration = runTime
        tasks[Int(t)] = task
        classes[c].nextID += 1
        taskSequence += 1
        classes[c].accounting.arrived += 1
        notify(at: now)                                           // queued
        if let maxWait = classes[c].configuration.maxQueueWait {
            tasks[Int(t)].timeoutEvent = engine.schedule(.taskTimedOut(task: t), at: now + max(.zero, maxWait),
                                                         phase: Phase.podState)
        }
        offer(t, queue: Int32(c), key: now, at: now)
    }
}
