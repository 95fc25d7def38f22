public import SimTime
import RunRecords

/// One pod's metric sample as the replica calculator sees it (`metricsclient.PodMetric`).
public struct PodSample: Hashable, Sendable {
    public var pod: String
    /// Milli-units.
    public var value: Int64
    public var timestamp: SimTime
    public var window: SimDuration
    public init(pod: String, value: Int64, timestamp: SimTime, window: SimDuration) {
        self.pod = pod; self.value = value; self.timestamp = timestamp; self.window = window
    }
}

/// The classes `groupPods` (replica_calculator.go) puts pods in; names keep pod-list order.
public struct PodGroups: Hashable, Sendable {
    public var readyCount: Int
    public var unready: [String]
    public var missing: [String]
    public var ignored: [String]
    public init(readyCount: Int = 0, unready: [String] = [], missing: [String] = [], ignored: [String] = []) {
        self.readyCount = readyCount; self.unready = unready; self.missing = missing; self.ignored = ignored
    }

    public var unreadyCount: Int { unready.count }
    public var missingCount: Int { missing.count }
    public var ignoredCount: Int { ignored.count }
}

/// Pod grouping, `groupPods` in replica_calculator.go.
public enum PodGrouping {
    /// Puts each pod in exactly one class, tested in order: ignored (deleting or `Failed`),
    /// unready (`Pending`), missing (no sample), then for CPU only the readiness rules, else ready.
    ///
    /// CPU readiness: no Ready condition or no start time → unready; within
    /// `cpuInitializationPeriod` of start → unready iff `Ready == False` or the sample may
    /// include pre-readiness usage (`timestamp < readyTransition + window`); afterwards →
    /// unready iff `Ready == False` and the pod never became ready
    /// (`start + initialReadinessDelay > readyTransition`). Comparisons are strict, as Go's
    /// `After`/`Before`.
    public static func group(pods: [ObservedPod], samples: [String: PodSample], resource: ResourceName?,
                             cpuInitializationPeriod: SimDuration, initialReadinessDelay: SimDuration,
                             now: SimTime) -> PodGroups {
        var groups = PodGroups()
        for pod in pods {
            switch classify(pod, sample: samples[pod.name], resource: resource,
                            cpuInitializationPeriod: cpuInitializationPeriod,
                            initialReadinessDelay: initialReadinessDelay, now: now) {
            case .ignored: groups.ignored.append(pod.name)
            case .unready: groups.unready.append(pod.name)
            case .missing: groups.missing.append(pod.name)
            case .ready: groups.readyCount += 1
            }
        }
        return groups
    }

    /// One pod's class, by the rules of ``group(pods:samples:resource:cpuInitializationPeriod:initialReadinessDelay:now:)``.
    static func classify(_ pod: ObservedPod, sample: PodSample?, resource: ResourceName?,
                         cpuInitializationPeriod: SimDuration, initialReadinessDelay: SimDuration,
                         now: SimTime) -> PodClass {
        classify(deleted: pod.deleted, phase: pod.phase, ready: pod.ready, startTime: pod.startTime,
                 readyTransitionTime: pod.readyTransitionTime, sample: sample, isCPU: resource == "cpu",
                 cpuInitializationPeriod: cpuInitializationPeriod, initialReadinessDelay: initialReadinessDelay,
                 now: now)
    }

    /// ``classify(_:sample:resource:cpuInitializationPeriod:initialReadinessDelay:now:)`` on the
    /// fields it reads (callers that loop over pods pass them without copying the pod).
    static func classify(deleted: Bool, phase: PodPhase, ready: ConditionStatus?, startTime: SimTime?,
                         readyTransitionTime: SimTime, sample: PodSample?, isCPU: Bool,
                         cpuInitializationPeriod: SimDuration, initialReadinessDelay: SimDuration,
                         now: SimTime) -> PodClass {
        classify(deleted: deleted, phase: phase, ready: ready, startTime: startTime,
                 readyTransitionTime: readyTransitionTime, timestamp: sample?.timestamp,
                 window: sample?.window ?? .zero, isCPU: isCPU, cpuInitializationPeriod: cpuInitializationPeriod,
                 initialReadinessDelay: initialReadinessDelay, now: now)
    }

    /// The same, given the sample's `timestamp` and `window` (a nil timestamp: no sample).
    static func classify(deleted: Bool, phase: PodPhase, ready: ConditionStatus?, startTime: SimTime?,
                         readyTransitionTime: SimTime, timestamp: SimTime?, window: SimDuration, isCPU: Bool,
                         cpuInitializationPeriod: SimDuration, initialReadinessDelay: SimDuration,
                         now: SimTime) -> PodClass {
        if deleted || phase == .failed { return .ignored }
        if phase == .pending { return .unready }
        guard let timestamp else { return .missing }
        if isCPU {
            let unready: Bool
            if let ready, let start = startTime {
                if start + cpuInitializationPeriod > now {
                    unready = ready == .false || timestamp < readyTransitionTime + window
                } else {
                    unready = ready == .false && start + initialReadinessDelay > readyTransitionTime
                }
            } else {
                unready = true
            }
            if unready { return .unready }
        }
        return .ready
    }
}

/// The class `groupPods` puts one pod in.
enum PodClass { case ignored, unready, missing, ready }
