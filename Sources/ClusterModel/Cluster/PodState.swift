import SimTime
import EventEngine

/// One pod of the simulated cluster (a slot in the model's pod table).
struct PodState {
    /// Where the pod is in its life.
    enum Stage: Equatable {
        /// Waiting for capacity (unschedulable) or for the scheduler's delay.
        case unscheduled
        /// Bound to a node: pulling the image and starting the container (phase Pending).
        case starting
        /// The container runs (phase Running).
        case running
        /// The container was killed and waits for its restart back-off (phase Running, not ready).
        case backOff
    }

    var inUse = false
    /// Unique within the deployment: names the pod (`<deployment>-<serial>`).
    var serial = 0
    var name = ""
    var deployment: Int32 = 0
    var uid: UInt64 = 0
    var stage = Stage.unscheduled
    var createdAt = SimTime.zero
    /// `status.startTime`: when the kubelet took the pod (binding).
    var startTime: SimTime?
    var boundAt = SimTime.zero
    var containerStartedAt = SimTime.zero
    var ready = false
    /// The PodReady condition's last transition.
    var readyTransition = SimTime.farPast
    var deleting = false
    var restarts: Int32 = 0
    var lastRestart = SimTime.farPast
    var backOff = SimDuration.zero
    /// The pending lifecycle event (bind, start, ready), cancelled on deletion or kill.
    var lifecycleEvent: EventHandle?
    var graceEvent: EventHandle?
    /// Whether the pod holds scheduler capacity (bound or about to be).
    var holdsCapacity = false

    // Work.
    /// Task-table indices of the tasks the pod runs or hands over.
    var tasks: [Int32] = []
    /// Bumped whenever the pod stops accepting work; idle-slot tokens of older epochs are stale.
    var epoch: UInt32 = 0

    // Usage of the worker container (the first one), milli-units.
    var cpuDemand: Int64 = 0
    var cpuUsed: Double = 0
    var memory: Int64 = 0
    /// CPU-bound tasks progress at this rate (limit ÷ demand when throttled, else 1).
    var progressRate: Double = 1
    /// ∫ CPU used dt of the current container instance, millicore·µs.
    var cpuIntegral: Double = 0
    var usageUpdatedAt = SimTime.zero

    // metrics-server's view.
    /// The previous scrape of this container instance: (time, cpuIntegral).
    var lastScrapeTime: SimTime?
    var lastScrapeIntegral: Double = 0
    /// The sample metrics-server serves for the pod (nil: none).
    var sample: ResourceSample?
    /// Custom metric samples, one ring per Pods metric of the deployment.
    var customSamples: [SampleWindow] = []

    /// Accepts new tasks: Ready and not terminating.
    var accepting: Bool { ready && !deleting }
    var containerUp: Bool { stage == .running }
}

/// One metrics-server entry: CPU averaged over the window, memory at the scrape.
struct ResourceSample {
    var timestamp: SimTime
    var window: SimDuration
    var cpuMilli: Int64
    var memoryMilli: Int64
}

/// The samples of one series within the adapter's query window (bounded ring).
struct SampleWindow {
    private var times: [SimTime]
    private var values: [Double]
    private var next = 0
    private var filled = 0

    init(capacity: Int) {
        times = Array(repeating: .zero, count: max(1, capacity))
        values = Array(repeating: 0, count: max(1, capacity))
    }

    mutating func append(_ value: Double, at time: SimTime) {
        times[next] = time; values[next] = value
        next = (next + 1) % times.count
        filled = min(filled + 1, times.count)
    }

    mutating func removeAll() { filled = 0; next = 0 }

    /// The mean of the samples taken after `now − window` (the latest alone when the
    /// window is zero) and the latest sample's time; nil when there is none.
    func query(now: SimTime, window: SimDuration) -> (value: Double, timestamp: SimTime)? {
        guard filled > 0 else { return nil }
        let latest = (next - 1 + times.count) % times.count
        if window <= .zero { return (values[latest], times[latest]) }
        var sum = 0.0, count = 0
        for k in 0..<filled {
            let i = (latest - k + times.count) % times.count
            guard now - times[i] < window else { break }
            sum += values[i]; count += 1
        }
        guard count > 0 else { return nil }
        return (sum / Double(count), times[latest])
    }
}

/// One task in the model's task table.
struct TaskState {
    enum Stage: Equatable {
        /// In a queue (Redis or a forwarding target's).
        case waiting
        /// A dispatcher is handing it over.
        case handoff
        /// Running on a worker.
        case running
    }
    var inUse = false
    var classIndex: Int32 = 0
    var id: Int64 = 0
    /// Global arrival order: the tie-breaker among equal arrival times.
    var sequence: UInt64 = 0
    var arrivedAt = SimTime.zero
    var stage = Stage.waiting
    /// Index of the queue it waits in while waiting.
    var queue: Int32 = -1
    var waitingSince = SimTime.zero
    /// Time spent waiting so far (excluding the current wait).
    var waited = SimDuration.zero
    var firstStartedAt: SimTime?
    var pod: Int32 = -1
    /// Full-speed run time left, µs.
    var remaining: Double = 0
    var rate: Double = 1
    var progressAt = SimTime.zero
    var duration = SimDuration.zero
    var finishEvent: EventHandle?
    var timeoutEvent: EventHandle?
}
