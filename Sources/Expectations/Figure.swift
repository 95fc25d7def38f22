/// A figure an expectation names: one number a run produces, per task class, per
/// deployment or per HPA.
///
/// The names are the (and `simulate run`'s summary's): `timedOut`, `podHours`,
/// `queueWait.p95`. A figure is read from ``ClusterModel/SimulationResult`` for the whole run,
/// or from an ``ExpectationTimeline`` for a window (`during 08:00..12:00`) and for
/// `reactionTime`.
public enum Figure: String, Hashable, Sendable, CaseIterable {
    // Per task class (`{class=NAME}`).
    case arrived, completed, failed, timedOut, interruptedByScaleDown, interruptedByOOM
    /// `interruptedByScaleDown + interruptedByOOM`.
    case interrupted
    case requeued
    case queueWaitP50 = "queueWait.p50"
    case queueWaitP95 = "queueWait.p95"
    case queueWaitP99 = "queueWait.p99"
    case queueWaitMax = "queueWait.max"
    // Per deployment (`{deployment=NAME}`).
    case podHours, meanReplicas
    /// The observed peak of `spec.replicas`.
    case maxReplicas
    /// Time `spec.replicas` sat at the HPA's `maxReplicas`.
    case timeAtMax
    /// Per deployment, or per HPA with `{hpa=NAME}`.
    case scaleEvents
    case scaleUps, scaleDowns, flaps, cpuUtilization, memoryUtilization, oomKills
    // Per HPA (`{hpa=NAME, replicas=N, after=EVENT}`).
    /// From a named workload event until the HPA's target reaches `replicas`.
    case reactionTime

    /// What a figure is about: the label it needs.
    public enum Subject: String, Hashable, Sendable {
        case `class`, deployment, hpa
    }

    /// The unit a figure is measured in, which decides how its promised value is written.
    public enum Unit: Hashable, Sendable {
        /// A number without unit (tasks, events, replicas, pod-hours).
        case number
        /// A duration (`30s`, `3m`); measured in seconds.
        case duration
        /// A percentage (`70%`); measured as a ratio.
        case percent
    }

    /// The subjects the figure can be asked of (`scaleEvents` of a deployment or an HPA).
    public var subjects: [Subject] {
        switch self {
        case .arrived, .completed, .failed, .timedOut, .interruptedByScaleDown, .interruptedByOOM, .interrupted,
             .requeued, .queueWaitP50, .queueWaitP95, .queueWaitP99, .queueWaitMax:
            return [.class]
        case .podHours, .meanReplicas, .maxReplicas, .timeAtMax, .scaleUps, .scaleDowns, .flaps,
             .cpuUtilization, .memoryUtilization, .oomKills:
            return [.deployment]
        case .scaleEvents: return [.deployment, .hpa]
        case .reactionTime: return [.hpa]
        }
    }

    public var unit: Unit {
        switch self {
        case .queueWaitP50, .queueWaitP95, .queueWaitP99, .queueWaitMax, .timeAtMax, .reactionTime: return .duration
        case .cpuUtilization, .memoryUtilization: return .percent
        default: return .number
        }
    }

    /// Why the figure has no windowed form, or nil when it has one.
    ///
    /// Windowed class figures are computed from the tasks that arrived in the window and
    /// ended by the end of the run; a re-queued interruption ends no task, so it cannot be
    /// placed in a window. OOM kills are counted per container, not recorded with a time.
    public var windowRestriction: String? {
        switch self {
        case .interruptedByScaleDown, .interrupted, .requeued:
            return "has no windowed form (an interruption that re-queues its task ends no task to place in a window)"
        case .oomKills: return "has no windowed form (OOM kills are counted, not recorded with their time)"
        case .reactionTime: return "has no windowed form (it is measured from its `after` event)"
        default: return nil
        }
    }

    /// Every figure name, in the order the documentation lists them.
    public static var names: [String] { allCases.map(\.rawValue) }
}
