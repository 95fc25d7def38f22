public import SimTime

/// One raw metric recommendation the controller remembered (`timestampedRecommendation`).
public struct TimestampedRecommendation: Hashable, Sendable {
    public var replicas: Int32
    public var time: SimTime
    public init(replicas: Int32, time: SimTime) { self.replicas = replicas; self.time = time }
}

/// One remembered scale event (`timestampedScaleEvent`): a change of `change` replicas
/// (always positive; the list says the direction) at `time`.
public struct ScaleEvent: Hashable, Sendable {
    public var change: Int32
    public var time: SimTime
    /// Older than the direction's longest policy period at the last store; reusable slot.
    public var outdated: Bool
    public init(change: Int32, time: SimTime, outdated: Bool = false) {
        self.change = change; self.time = time; self.outdated = outdated
    }
}

/// The controller's in-memory history for one HPA: recommendations and scale events.
///
/// **Lists are pruned lazily, exactly as `horizontal.go` does:** a new entry overwrites the
/// last outdated one, otherwise it is appended; nothing is ever removed. The history lives in
/// the controller's memory and is lost on restart; a simulated restart is `ScalingHistory()`.
public struct ScalingHistory: Hashable, Sendable {
    /// nil: the controller has no entry for this HPA yet (the first sync records `{current, now}`).
    public var recommendations: [TimestampedRecommendation]?
    public var scaleUpEvents: [ScaleEvent]
    public var scaleDownEvents: [ScaleEvent]

    public init(recommendations: [TimestampedRecommendation]? = nil, scaleUpEvents: [ScaleEvent] = [],
                scaleDownEvents: [ScaleEvent] = []) {
        self.recommendations = recommendations
        self.scaleUpEvents = scaleUpEvents
        self.scaleDownEvents = scaleDownEvents
    }

    /// `recordInitialRecommendation`: the first sync remembers the current count.
    public mutating func recordInitialRecommendation(_ current: Int32, now: SimTime) {
        if recommendations == nil { recommendations = [TimestampedRecommendation(replicas: current, time: now)] }
    }

    /// `storeScaleEvent`: remember a successful rescale `previous → new` (only with `behavior`).
    ///
    /// Events of that direction older than its longest policy period are marked outdated; the
    /// last outdated one is overwritten, else the event is appended.
    /// - Parameter rules: the defaulted behavior, or nil on the legacy path (nothing is stored).
    public mutating func storeScaleEvent(rules: ResolvedBehavior?, previous: Int32, new: Int32, now: SimTime) {
        guard let rules else { return }
        if new > previous {
            Self.store(ScaleEvent(change: new - previous, time: now), in: &scaleUpEvents,
                       longestPeriod: rules.scaleUp.longestPolicyPeriod, now: now)
        } else {
            Self.store(ScaleEvent(change: previous - new, time: now), in: &scaleDownEvents,
                       longestPeriod: rules.scaleDown.longestPolicyPeriod, now: now)
        }
    }

    static func store(_ event: ScaleEvent, in events: inout [ScaleEvent], longestPeriod: Int32, now: SimTime) {
        let cutoff = now - SimDuration.seconds(Int64(longestPeriod))
        var lastOutdated: Int?
        for index in events.indices {
            if events[index].time < cutoff { events[index].outdated = true }
            if events[index].outdated { lastOutdated = index }
        }
        if let lastOutdated { events[lastOutdated] = event } else { events.append(event) }
    }
}

/// Σ change of the events strictly newer than `now − period` (`getReplicasChangePerPeriod`).
public func replicasChange(inLast periodSeconds: Int32, events: [ScaleEvent], now: SimTime) -> Int32 {
    let cutoff = now - SimDuration.seconds(Int64(periodSeconds))
    var sum: Int32 = 0
    for event in events where event.time > cutoff { sum &+= event.change }
    return sum
}
