import SimTime
import Randomness
import HPAController

/// A deployment's runtime state and what the model derived from its configuration.
struct DeploymentState {
    let configuration: DeploymentConfiguration
    var replicas: Int32
    /// Live pods (including terminating ones), oldest first.
    var pods: [Int32] = []
    var nextSerial = 0
    var lifecycleStream: Xoshiro256StarStar

    // Derived from the template.
    /// Σ container requests (nil when a container has none for the resource; scheduling counts 0).
    let cpuRequest: Int64?
    let memoryRequest: Int64?
    let cpuLimit: Int64?
    let memoryLimit: Int64?
    let baseline: ResourceUsage
    /// Baseline usage of the containers other than the first.
    let sidecarBaseline: ResourceUsage
    /// The containers' requests as the HPA reads them.
    let containerRequests: [ContainerRequests]

    // Work.
    let slotsPerPod: Int
    /// Queues its pods claim from, in claim-preference order for equal ages.
    var servedQueues: [Int32] = []
    /// The queue forwarded tasks wait in, when other deployments forward to this one.
    var receivingQueue: Int32?
    /// The deployment and queue a dispatcher forwards to.
    var forwardQueue: Int32?
    let isNotifier: Bool
    var idleSlots = Ring<IdleSlot>()
    var compactAt = 64

    // Autoscaling.
    var autoscaler: Int32?
    /// Pods metrics its HPA reads: (name, quantity); index = the pod's `customSamples` index.
    var podMetrics: [(name: String, quantity: ModelQuantity)] = []

    var accounting = DeploymentAccounting()

    init(configuration: DeploymentConfiguration, stream: Xoshiro256StarStar) {
        self.configuration = configuration
        self.replicas = configuration.replicas
        self.lifecycleStream = stream
        let containers = configuration.template.containers
        func sum(_ values: [Int64?]) -> Int64? {
            var total: Int64 = 0
            for v in values { guard let v else { return nil }; total += v }
            return total
        }
        cpuRequest = sum(containers.map(\.requests.cpuMilli))
        memoryRequest = sum(containers.map(\.requests.memoryMilli))
        cpuLimit = containers.first?.limits.cpuMilli
        memoryLimit = containers.first?.limits.memoryMilli
        baseline = containers.first?.baselineUsage ?? .zero
        var side = ResourceUsage.zero
        for c in containers.dropFirst() {
            side.cpuMilli += c.baselineUsage.cpuMilli; side.memoryMilli += c.baselineUsage.memoryMilli
        }
        sidecarBaseline = side
        containerRequests = containers.map { c in
            var list: ResourceList = [:]
            if let cpu = c.requests.cpuMilli { list["cpu"] = cpu }
            if let memory = c.requests.memoryMilli { list["memory"] = memory }
            return ContainerRequests(name: c.name, requests: list)
        }
        switch configuration.role {
        case .worker(let w): slotsPerPod = max(0, w.slotsPerPod); isNotifier = false
        case .notifier: slotsPerPod = 0; isNotifier = true
        case .idle: slotsPerPod = 0; isNotifier = false
        }
    }

    /// Requests used by the scheduler (unset counts as zero).
    var schedulingCPU: Int64 { configuration.template.containers.reduce(0) { $0 + ($1.requests.cpuMilli ?? 0) } }
    var schedulingMemory: Int64 { configuration.template.containers.reduce(0) { $0 + ($1.requests.memoryMilli ?? 0) } }
}

/// A free worker slot waiting for a task (a blocked `BLPOP` connection: Redis serves
/// blocked clients first come, first served).
struct IdleSlot {
    var pod: Int32
    var epoch: UInt32
    var since: SimTime
}

/// A queue of waiting tasks: one per task class (the Redis keys of that class) and one
/// per deployment that receives forwarded tasks.
struct TaskQueue {
    struct Entry {
        var task: Int32
        /// Ordering key: arrival time in Redis queues, forwarding time in forward queues.
        var key: SimTime
        var sequence: UInt64
        func precedes(_ other: Entry) -> Bool { key < other.key || (key == other.key && sequence < other.sequence) }
    }
    var entries = Ring<Entry>()
    /// Deployments whose pods claim from this queue.
    var servedBy: [Int32] = []
    /// The task class for a Redis queue; nil for a forward queue.
    var taskClass: Int32?

    /// Inserts keeping the order (appends in the usual case).
    mutating func insert(_ entry: Entry) {
        var i = entries.count
        while i > 0, entry.precedes(entries[i - 1]) { i -= 1 }
        entries.insert(entry, at: i)
    }

    mutating func remove(task: Int32) {
        for i in 0..<entries.count where entries[i].task == task {
            entries.remove(at: i)
            return
        }
    }
}

/// A task class's runtime state.
struct ClassState {
    let configuration: TaskClass
    /// `configuration.keyPattern`, split for ``KeyPattern/Template/key(id:)``.
    let keys: KeyPattern.Template
    var arrivals: ArrivalGenerator
    var bursts: BurstGenerator?
    var durations: Xoshiro256StarStar
    var handoffs: Xoshiro256StarStar
    var nextID: Int64 = 1
    var accounting: ClassAccounting
}

/// One HPA's runtime state.
struct AutoscalerState {
    var hpa: HorizontalPodAutoscaler
    /// The controller's memory of this HPA (nil only while a sync has it out).
    var history: ScalingHistory? = ScalingHistory()
    let deployment: Int32
    /// Whether any metric (or the default CPU metric of an empty list) reads metrics-server.
    let readsResourceMetrics: Bool
    /// The last sync's observation, kept so the next one reuses its buffers (nil before the
    /// first sync, and while a sync has it out).
    var observation: Observation?
    /// What its sync records repeat from sync to sync.
    var records = SyncRecordState()

    init(hpa: HorizontalPodAutoscaler, deployment: Int32) {
        self.hpa = hpa
        self.deployment = deployment
        let metrics = hpa.spec.metrics
        readsResourceMetrics = metrics.isEmpty || metrics.contains { $0.type == .resource || $0.type == .containerResource }
    }
}
