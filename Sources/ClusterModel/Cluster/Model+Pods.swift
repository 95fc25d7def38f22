import SimTime
import EventEngine
import Randomness
import HPAController

extension Model {
    // MARK: Creation and scheduling

    /// A pod that exists at the start, Running and Ready since an hour before it.
    mutating func createSettledPod(deployment d: Int) {
        let dep = deployments[d]
        guard fits(cpu: dep.schedulingCPU, memory: dep.schedulingMemory) else {
            createPod(deployment: d, at: .zero)
            return
        }
        let before = SimTime.zero - SimDuration.hours(1)
        let p = newPod(deployment: d, createdAt: before)
        cpuAllocated += dep.schedulingCPU; memoryAllocated += dep.schedulingMemory
        pods[Int(p)].holdsCapacity = true
        pods[Int(p)].stage = .starting
        pods[Int(p)].startTime = before
        pods[Int(p)].boundAt = before
        containerUp(p, at: .zero)
        // As if metrics-server had scraped one resolution before the start.
        let resolution = configuration.metrics.resource.resolution
        pods[Int(p)].usageUpdatedAt = .zero - resolution
        pods[Int(p)].lastScrapeTime = .zero - resolution
        pods[Int(p)].containerStartedAt = before
        pods[Int(p)].ready = true
        pods[Int(p)].readyTransition = before
        acceptingChanged(p, was: false, at: .zero)
    }

    /// Creates a pod of deployment `d` (the ReplicaSet's `create`) and hands it to the scheduler.
    mutating func createPod(deployment d: Int, at now: SimTime) {
        let p = newPod(deployment: d, createdAt: now)
        if !tryBind(p, at: now) { unschedulable.append(p) }
    }

    private mutating func newPod(deployment d: Int, createdAt: SimTime) -> Int32 {
        let p = allocatePod()
        podSerial += 1
        var mix = SplitMix64(seed: configuration.seed ^ (UInt64(podSerial) &* 0x9E37_79B9_7F4A_7C15))
        let epoch = pods[Int(p)].epoch &+ 1
        var pod = PodState()
        pod.inUse = true
        pod.serial = deployments[d].nextSerial
        pod.name = "\(deployments[d].configuration.name)-\(pod.serial)"
        pod.deployment = Int32(d)
        pod.uid = mix.next()
        pod.createdAt = createdAt
        pod.epoch = epoch
        pod.tasks.reserveCapacity(deployments[d].slotsPerPod)
        pod.customSamples = deployments[d].podMetrics.map { _ in SampleWindow(capacity: windowCapacity) }
        pods[Int(p)] = pod
        deployments[d].nextSerial += 1
        deployments[d].pods.append(p)
        deployments[d].accounting.advance(to: max(.zero, createdAt))
        deployments[d].accounting.livePods += 1
        deployments[d].accounting.podsCreated += 1
        return p
    }

    func fits(cpu: Int64, memory: Int64) -> Bool {
        let capacity = configuration.nodeCapacity
        if let c = capacity.cpuMilli, cpuAllocated + cpu > c { return false }
        if let m = capacity.memoryMilli, memoryAllocated + memory > m { return false }
        return true
    }

    /// Reserves capacity and schedules the binding after the scheduling delay, if the pod fits.
    private mutating func tryBind(_ p: Int32, at now: SimTime) -> Bool {
        let d = Int(pods[Int(p)].deployment)
        let cpu = deployments[d].schedulingCPU, memory = deployments[d].schedulingMemory
        guard fits(cpu: cpu, memory: memory) else { return false }
        cpuAllocated += cpu; memoryAllocated += memory
        pods[Int(p)].holdsCapacity = true
        let delay = draw(deployments[d].configuration.lifecycle.schedulingDelay, deployment: d)
        pods[Int(p)].lifecycleEvent = engine.schedule(.podBound(pod: p), at: now + delay, phase: Phase.podState)
        return true
    }

    /// Retries unschedulable pods in creation order after capacity freed up.
    mutating func retryUnschedulable(at now: SimTime) {
        var waiting: [Int32] = []
        for p in unschedulable where !tryBind(p, at: now) { waiting.append(p) }
        unschedulable = waiting
    }

    /// A lifecycle duration from a distribution in seconds, drawn from the deployment's stream.
    mutating func draw(_ distribution: Distribution, deployment d: Int) -> SimDuration {
        distribution.sampleDuration(using: &deployments[d].lifecycleStream)
    }

    // MARK: Start and readiness

    mutating func podBound(_ p: Int32, at now: SimTime) {
        let d = Int(pods[Int(p)].deployment)
        pods[Int(p)].stage = .starting
        pods[Int(p)].startTime = now
        pods[Int(p)].boundAt = now
        pods[Int(p)].readyTransition = now        // the kubelet adds Ready=False
        let lifecycle = deployments[d].configuration.lifecycle
        let delay = draw(lifecycle.imagePull, deployment: d) + draw(lifecycle.containerStart, deployment: d)
        pods[Int(p)].lifecycleEvent = engine.schedule(.containerStarted(pod: p), at: now + delay, phase: Phase.podState)
    }

    /// The container runs; readiness follows from the probe schedule.
    ///
    /// The kubelet's probe worker ticks every `periodSeconds` from when it took the pod
    /// (`pkg/kubelet/prober/worker.go`); a tick succeeds once `initialDelaySeconds` have
    /// passed since the container started and the application is up, and
    /// `successThreshold` successes in a row make the pod Ready.
    mutating func containerStarted(_ p: Int32, at now: SimTime) {
        let d = Int(pods[Int(p)].deployment)
        containerUp(p, at: now)
        pods[Int(p)].containerStartedAt = now
        pods[Int(p)].lastScrapeTime = nil
        let appUp = now + draw(deployments[d].configuration.lifecycle.applicationStartup, deployment: d)
        guard let probe = deployments[d].configuration.template.readinessProbe else {
            podReady(p, at: now)
            return
        }
        let period = SimDuration.seconds(Int64(max(1, probe.periodSeconds)))
        let earliest = max(now + .seconds(Int64(max(0, probe.initialDelaySeconds))), appUp)
        let origin = pods[Int(p)].boundAt
        let ticks = max(0, (earliest - origin).microseconds + period.microseconds - 1) / period.microseconds
        let firstSuccess = origin + period * ticks
        let readyAt = firstSuccess + period * Int64(max(1, probe.successThreshold) - 1)
        pods[Int(p)].lifecycleEvent = engine.schedule(.podReady(pod: p), at: readyAt, phase: Phase.podState)
    }

    mutating func podReady(_ p: Int32, at now: SimTime) {
        pods[Int(p)].lifecycleEvent = nil
        let was = pods[Int(p)].accepting
        pods[Int(p)].ready = true
        pods[Int(p)].readyTransition = now
        acceptingChanged(p, was: was, at: now)
    }

    /// Reacts to a pod starting or stopping to accept work (Ready and not terminating).
    mutating func acceptingChanged(_ p: Int32, was: Bool, at now: SimTime) {
        let isAccepting = pods[Int(p)].accepting
        guard was != isAccepting else { return }
        let d = Int(pods[Int(p)].deployment)
        if deployments[d].isNotifier {
            advanceNotifier(to: now)
            notifier?.readyPods += isAccepting ? 1 : -1
        }
        if isAccepting {
            let free = deployments[d].slotsPerPod - pods[Int(p)].tasks.count
            for _ in 0..<max(0, free) { slotFreed(p, at: now) }
        } else {
            pods[Int(p)].epoch &+= 1
        }
    }

    // MARK: Usage

    /// The container begins running: baseline usage, requests count towards utilization.
    mutating func containerUp(_ p: Int32, at now: SimTime) {
        let d = Int(pods[Int(p)].deployment)
        pods[Int(p)].stage = .running
        pods[Int(p)].cpuIntegral = 0
        pods[Int(p)].usageUpdatedAt = now
        pods[Int(p)].cpuUsed = 0; pods[Int(p)].memory = 0; pods[Int(p)].progressRate = 1
        deployments[d].accounting.advance(to: now)
        deployments[d].accounting.cpuRequested += Double(deployments[d].cpuRequest ?? 0)
        deployments[d].accounting.memoryRequested += Double(deployments[d].memoryRequest ?? 0)
        deployments[d].accounting.cpuUsed += Double(deployments[d].sidecarBaseline.cpuMilli)
        deployments[d].accounting.memoryUsed += Double(deployments[d].sidecarBaseline.memoryMilli)
        let base = deployments[d].baseline
        setUsage(p, cpuDemand: base.cpuMilli, memory: base.memoryMilli, at: now)
    }

    /// The container stops (killed or the pod removed): no usage, no requests.
    mutating func containerDown(_ p: Int32, at now: SimTime) {
        let d = Int(pods[Int(p)].deployment)
        setUsage(p, cpuDemand: 0, memory: 0, at: now)
        deployments[d].accounting.advance(to: now)
        deployments[d].accounting.cpuRequested -= Double(deployments[d].cpuRequest ?? 0)
        deployments[d].accounting.memoryRequested -= Double(deployments[d].memoryRequest ?? 0)
        deployments[d].accounting.cpuUsed -= Double(deployments[d].sidecarBaseline.cpuMilli)
        deployments[d].accounting.memoryUsed -= Double(deployments[d].sidecarBaseline.memoryMilli)
        pods[Int(p)].stage = .backOff
    }

    /// Sets the worker container's CPU demand and memory; CPU above the limit is
    /// throttled (CFS quota), and CPU-bound tasks then progress at limit ÷ demand.
    mutating func setUsage(_ p: Int32, cpuDemand: Int64, memory: Int64, at now: SimTime) {
        let i = Int(p), d = Int(pods[i].deployment)
        let elapsed = Double(now.microseconds - pods[i].usageUpdatedAt.microseconds)
        if elapsed > 0 { pods[i].cpuIntegral += pods[i].cpuUsed * elapsed }
        pods[i].usageUpdatedAt = now
        let limit = deployments[d].cpuLimit
        var used = Double(cpuDemand), rate = 1.0
        if let limit, cpuDemand > limit, cpuDemand > 0 {
            used = Double(limit)
            rate = Double(limit) / Double(cpuDemand)
        }
        deployments[d].accounting.advance(to: now)
        deployments[d].accounting.cpuUsed += used - pods[i].cpuUsed
        deployments[d].accounting.memoryUsed += Double(memory - pods[i].memory)
        pods[i].cpuDemand = cpuDemand
        pods[i].cpuUsed = used
        pods[i].memory = memory
        if rate != pods[i].progressRate {
            pods[i].progressRate = rate
            rerate(p, at: now)
        }
    }

    /// The pod's CPU-used integral brought up to `now`.
    mutating func cpuIntegral(_ p: Int32, at now: SimTime) -> Double {
        let i = Int(p)
        let elapsed = Double(now.microseconds - pods[i].usageUpdatedAt.microseconds)
        if elapsed > 0 { pods[i].cpuIntegral += pods[i].cpuUsed * elapsed }
        pods[i].usageUpdatedAt = now
        return pods[i].cpuIntegral
    }
}

extension Distribution {
    /// One draw read as seconds: a duration, zero when the draw is negative or not finite.
    func sampleDuration(using stream: inout Xoshiro256StarStar) -> SimDuration {
        let seconds = sample(using: &stream)
        return SimDuration(seconds: seconds.isFinite ? max(0, seconds) : 0)
    }
}
