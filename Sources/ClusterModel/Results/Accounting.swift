import RunRecords
import SimTime
import Histogram

/// A class's running counters and its queue-wait histogram.
struct ClassAccounting {
    var arrived = 0, completed = 0, failed = 0, timedOut = 0
    var interruptedByScaleDown = 0, interruptedByOOM = 0, requeued = 0
    var waits: Histogram<UInt64>
    var waitSumMilliseconds: Double = 0

    /// The longest wait the histogram tracks: 400 days in ms (longer waits are clamped).
    static let highestTrackableMilliseconds: UInt64 = 400 * 86_400_000

    init(significantDigits: Int) {
        let digits = SignificantDigits(rawValue: Int8(clamping: min(5, max(0, significantDigits)))) ?? .three
        waits = Histogram(lowestDiscernibleValue: 1, highestTrackableValue: Self.highestTrackableMilliseconds,
                          numberOfSignificantValueDigits: digits)
    }

    mutating func recordWait(_ wait: SimDuration) {
        let ms = UInt64(max(0, wait.microseconds) / 1000)
        _ = waits.record(min(ms, Self.highestTrackableMilliseconds))
        waitSumMilliseconds += Double(ms)
    }

    func summary() -> QueueWaitSummary {
        let n = Int(waits.totalCount)
        guard n > 0 else { return QueueWaitSummary() }
        func d(_ ms: UInt64) -> SimDuration { .milliseconds(Int64(ms)) }
        return QueueWaitSummary(count: n, p50: d(waits.valueAtPercentile(50)), p95: d(waits.valueAtPercentile(95)),
                                p99: d(waits.valueAtPercentile(99)), max: d(waits.maxRecorded),
                                mean: SimDuration(microseconds: Int64((waitSumMilliseconds / Double(n) * 1000).rounded())))
    }
}

/// A deployment's time integrals, kept exact by advancing them at every change.
struct DeploymentAccounting {
    var updatedAt = SimTime.zero
    // Current levels.
    var liveReplicas: Int32 = 0
    var livePods = 0
    var cpuUsed: Double = 0
    var cpuRequested: Double = 0
    var memoryUsed: Double = 0
    var memoryRequested: Double = 0
    var atMaxReplicas = false
    // Integrals (level × µs).
    var replicaIntegral: Double = 0
    var podIntegral: Double = 0
    var cpuUsedIntegral: Double = 0
    var cpuRequestedIntegral: Double = 0
    var memoryUsedIntegral: Double = 0
    var memoryRequestedIntegral: Double = 0
    var timeAtMax: Int64 = 0
    // Extremes and counts.
    var maxReplicas: Int32 = 0
    var minReplicas: Int32 = .max
    var scaleEvents = 0, scaleUps = 0, scaleDowns = 0, flaps = 0
    var lastScaleDirection = 0
    var lastScaleTime = SimTime.farPast
    var oomKills = 0
    var podsCreated = 0

    mutating func advance(to now: SimTime) {
        let dt = Double(now.microseconds - updatedAt.microseconds)
        guard dt > 0 else { return }
        replicaIntegral += Double(liveReplicas) * dt
        podIntegral += Double(livePods) * dt
        cpuUsedIntegral += cpuUsed * dt
        cpuRequestedIntegral += cpuRequested * dt
        memoryUsedIntegral += memoryUsed * dt
        memoryRequestedIntegral += memoryRequested * dt
        if atMaxReplicas { timeAtMax += now.microseconds - updatedAt.microseconds }
        updatedAt = now
    }

    mutating func setReplicas(_ replicas: Int32, maxAllowed: Int32?, at now: SimTime) {
        advance(to: now)
        liveReplicas = replicas
        maxReplicas = max(maxReplicas, replicas)
        minReplicas = min(minReplicas, replicas)
        atMaxReplicas = maxAllowed.map { replicas == $0 } ?? false
    }

    /// Counts one rescale from `from` to `to`, and a flap when it reverses the previous
    /// one's direction within `window`.
    mutating func recordScale(from: Int32, to: Int32, at now: SimTime, window: SimDuration) {
        let direction = to > from ? 1 : -1
        scaleEvents += 1
        if direction > 0 { scaleUps += 1 } else { scaleDowns += 1 }
        if lastScaleDirection != 0, direction != lastScaleDirection, now - lastScaleTime < window { flaps += 1 }
        lastScaleDirection = direction
        lastScaleTime = now
    }
}
