public import SimTime
import HPAController
public import RunRecords

/// What one read of a trigger's source gave.
public enum TriggerReading: Hashable, Sendable {
    /// The list's length (LLEN; a missing key is 0).
    case length(Double)
    /// The read failed. `serverReachable`: Redis answered with an error (a wrong key type);
    /// false: Redis is unreachable, so the scaler cannot even be rebuilt.
    case failed(String, serverReachable: Bool)
}

/// A Kubernetes event KEDA emits for a ScaledObject.
public struct KEDAEvent: Hashable, Sendable {
    public enum EventType: String, Hashable, Sendable { case normal = "Normal", warning = "Warning" }
    public var type: EventType
    public var reason: String
    public var message: String
    public init(_ type: EventType, _ reason: String, _ message: String) {
        self.type = type; self.reason = reason; self.message = message
    }
}

/// `True`, `False` or `Unknown`.
public enum KEDAConditionStatus: String, Hashable, Sendable {
    case `true` = "True", `false` = "False", unknown = "Unknown"
}

/// One condition of a ScaledObject's status (`Ready`, `Active`, `Fallback`, `Paused`).
public struct KEDACondition: Hashable, Sendable {
    public var status: KEDAConditionStatus
    public var reason: String
    public var message: String
    public init(_ status: KEDAConditionStatus, _ reason: String, _ message: String) {
        self.status = status; self.reason = reason; self.message = message
    }
}

/// A ScaledObject's status as KEDA's loop keeps it between polls.
public struct ScaledObjectStatus: Hashable, Sendable {
    /// `status.lastActiveTime`; nil until a poll finds a trigger active.
    public var lastActiveTime: SimTime?
    /// `status.health[<metric>].numberOfFailures`, per trigger.
    public var failures: [Int32]
    /// Per trigger: the cached scaler was dropped after an unreachable read and cannot be rebuilt.
    public var scalerUnbuildable: [Bool]
    /// Per trigger: the last value served falls back.
    public var fallingBack: [Bool]
    public var ready = KEDACondition(.unknown, "", "")
    public var active = KEDACondition(.unknown, "", "")
    public var fallback = KEDACondition(.false, "NoFallbackFound", "No fallbacks are active on this scaled object")

    public init(triggers: Int) {
        failures = Array(repeating: 0, count: triggers)
        scalerUnbuildable = Array(repeating: false, count: triggers)
        fallingBack = Array(repeating: false, count: triggers)
    }
}

/// What one poll decided.
public struct PollDecision: Hashable, Sendable {
    /// Some trigger active (or activation forced, or a trigger falling back).
    public var isActive: Bool
    /// KEDA writes the target's `spec.replicas` (0 → n, n → 0), bypassing the HPA.
    public var scaleTo: Int32?
    public var events: [KEDAEvent]
    /// The poll stopped before `RequestScale` (a scaler could not be rebuilt).
    public var skipped: Bool
    /// Why, when skipped.
    public var note: String?
}

/// KEDA's own scale loop for one ScaledObject, as a pure state machine
/// (`pkg/scaling/scale_handler.go`, `pkg/scaling/executor/scale_scaledobjects.go`, `pkg/fallback/fallback.go`).
///
/// **0 ↔ n moves happen only at polls**, straight on the scale subresource; 1 ↔ n is the HPA's.
///
/// Times: `lastActiveTime` and `creationTimestamp` are `metav1.Time`, stored with one-second
/// resolution, and a poll runs milliseconds after the second it started in; so in KEDA
/// `lastActiveTime + cooldownPeriod < now` first holds at the first poll at or after
/// `lastActive + cooldownPeriod` (a new idle ScaledObject drops at its first poll). The
/// simulator's polls fall on exact instants, so it compares with `≤` (inferred, see docs/keda.md).
public struct ScaleLoop: Hashable, Sendable {
    public let scaledObject: ScaledObject
    /// The parsed redis trigger of each `spec.triggers` entry.
    public let triggers: [RedisListTrigger]
    /// The External metric name of each trigger (`s0-redis-<list>`).
    public let metricNames: [String]
    /// Each trigger's target type (AverageValue or Value).
    public let targetTypes: [MetricTargetType]
    /// `metadata.creationTimestamp`.
    public let creationTime: SimTime

    /// - Throws: ``KEDAReconcileError`` when KEDA would not build the scalers.
    public init(_ scaledObject: ScaledObject, creationTime: SimTime) throws(KEDAReconcileError) {
        let metrics = try scaledObject.metrics()
        self.scaledObject = scaledObject
        self.triggers = metrics.map(\.trigger)
        self.metricNames = metrics.map { $0.spec.external?.metric.name ?? "" }
        self.targetTypes = metrics.map { $0.spec.external?.target.type ?? .averageValue }
        self.creationTime = creationTime
    }

    /// `minReplicaCount`, 0 when unset (the loop's reading; the HPA's is ``ScaledObject/hpaMinReplicas``).
    public var minReplicas: Int32 { scaledObject.minReplicaCount ?? 0 }

    /// `Scaled apps/v1.Deployment <ns>/<name>`'s subject.
    var targetDescription: String {
        let ref = scaledObject.scaleTargetRef
        return "apps/v1.\(ref.kind.isEmpty ? "Deployment" : ref.kind) \(scaledObject.namespace)/\(ref.name)"
    }

    // MARK: Reads and fallback

    /// Records a read of trigger `i` in `status.health` and returns what KEDA serves for it:
    /// the length in milli-units, the fallback value, or the error.
    ///
    /// Polls and the HPA's metric requests both count (`scale_handler.go`). An unreachable
    /// Redis counts once: the scaler cache is cleared, the rebuild Pings and fails before the
    /// fallback code runs (kedacore/keda#5525, #8056), so with `failureThreshold ≥ 1` the
    /// fallback never engages.
    public func read(trigger i: Int, _ reading: TriggerReading, currentReplicas: Int32, readyPods: Int32,
                     status: inout ScaledObjectStatus) -> Result<Int64, KEDAReconcileError> {
        switch reading {
        case .length(let length):
            status.failures[i] = 0
            status.scalerUnbuildable[i] = false
            status.fallingBack[i] = false
            return .success(RedisListTrigger.reportedMilli(length: length))
        case .failed(let message, let reachable):
            if !reachable && status.scalerUnbuildable[i] {
                status.fallingBack[i] = false
                return .failure(KEDAReconcileError("error building scaler: \(message)"))
            }
            status.failures[i] += 1
            if !reachable { status.scalerUnbuildable[i] = true }
            guard let fallback = scaledObject.fallback, status.failures[i] > fallback.failureThreshold,
                  let value = fallbackMilli(trigger: i, fallback: fallback, currentReplicas: currentReplicas, readyPods: readyPods)
            else {
                status.fallingBack[i] = false
                return .failure(KEDAReconcileError(message))
            }
            status.fallingBack[i] = true
            return .success(value)
        }
    }

    /// target × R (`static`: `replicas`; `currentReplicas*`: the current spec.replicas, or the
    /// max/min of the two); for `Value` targets divided by the ready pods (none: no fallback).
    func fallbackMilli(trigger i: Int, fallback: Fallback, currentReplicas: Int32, readyPods: Int32) -> Int64? {
        let r: Int64
        switch fallback.behavior {
        case .static, .scalingModifiers: r = Int64(fallback.replicas)
        case .currentReplicas: r = Int64(currentReplicas)
        case .currentReplicasIfHigher: r = Int64(max(currentReplicas, fallback.replicas))
        case .currentReplicasIfLower: r = Int64(min(currentReplicas, fallback.replicas))
        }
        let target = triggers[i].listLength &* 1000
        if targetTypes[i] == .value {
            guard readyPods > 0 else { return nil }
            return target &* r / Int64(readyPods)
        }
        return target &* r
    }

    // MARK: The poll

    /// One poll at `now`: reads every trigger, then `RequestScale`.
    ///
    /// `readings[i]` is trigger `i`'s read; `currentReplicas` the target's `spec.replicas`.
    public func poll(_ readings: [TriggerReading], currentReplicas: Int32, readyPods: Int32,
                     status: inout ScaledObjectStatus, now: SimTime) -> PollDecision {
        precondition(readings.count == triggers.count, "one reading per trigger")
        var decision = PollDecision(isActive: false, scaleTo: nil, events: [], skipped: false, note: nil)
        let pause = scaledObject.pause
        if pause.paused { decision.skipped = true; decision.note = "paused"; return decision }
        let wasFallingBack = status.fallingBack.contains(true)
        var activeMetrics: [String] = []
        var isError = false
        for (i, reading) in readings.enumerated() {
            if case .failed(_, false) = reading, status.scalerUnbuildable[i] {
                _ = read(trigger: i, reading, currentReplicas: currentReplicas, readyPods: readyPods, status: &status)
                decision.skipped = true
                decision.note = "Redis unreachable: KEDA cannot rebuild the scaler, so the poll stops before RequestScale and the fallback does not engage (a known KEDA behaviour: kedacore/keda#5525, #8056)"
                continue
            }
            switch read(trigger: i, reading, currentReplicas: currentReplicas, readyPods: readyPods, status: &status) {
            case .success(let milli):
                if status.fallingBack[i] || triggers[i].isActive(length: Double(milli) / 1000) { activeMetrics.append(metricNames[i]) }
            case .failure:
                isError = true
            }
        }
        let isFallingBack = status.fallingBack.contains(true)
        if isFallingBack != wasFallingBack {
            decision.events.append(isFallingBack
                ? KEDAEvent(.normal, "ScaledObjectFallbackActivated", "ScaledObject fallback is active")
                : KEDAEvent(.normal, "ScaledObjectFallbackDeactivated", "ScaledObject fallback is no longer active"))
        }
        status.fallback = isFallingBack
            ? KEDACondition(.true, "FallbackExists", "At least one trigger is falling back on this scaled object")
            : KEDACondition(.false, "NoFallbackFound", "No fallbacks are active on this scaled object")
        if decision.skipped { return decision }
        requestScale(isActive: !activeMetrics.isEmpty || pause.forceActivation, isError: isError,
                     activeMetrics: activeMetrics, currentReplicas: currentReplicas, status: &status, now: now,
                     decision: &decision)
        return decision
    }

    /// `RequestScale` (scale_scaledobjects.go).
    func requestScale(isActive: Bool, isError: Bool, activeMetrics: [String], currentReplicas: Int32,
                      status: inout ScaledObjectStatus, now: SimTime, decision: inout PollDecision) {
        let so = scaledObject, pause = so.pause
        status.ready = KEDACondition(.true, "ScaledObjectReady", "ScaledObject is defined correctly and is ready for scaling")
        decision.isActive = isActive
        let idle = so.idleReplicaCount
        if isActive {
            status.active = pause.forceActivation && activeMetrics.isEmpty
                ? KEDACondition(.true, "ScalerActive", "Scaling is performed because activation is being forced by annotation")
                : KEDACondition(.true, "ScalerActive", "Scaling is performed because triggers are active")
            if currentReplicas == 0 || (idle != nil && currentReplicas < minReplicas) {
                guard !pause.pausedScaleOut else { return }
                let to = max(minReplicas, 1)
                decision.scaleTo = to
                decision.events.append(KEDAEvent(.normal, "KEDAScaleTargetActivated",
                    "Scaled \(targetDescription) from \(currentReplicas) to \(to), triggered by \(activeMetrics.joined(separator: ";"))"))
                status.lastActiveTime = now
            } else if isError {
                status.ready = KEDACondition(.unknown, "PartialTriggerError", "Some triggers defined in ScaledObject are not working correctly")
            } else {
                status.lastActiveTime = now
            }
            return
        }
        status.active = KEDACondition(.false, "ScalerNotActive", "Scaling is not performed because triggers are not active")
        if isError, let fallback = so.fallback, fallback.replicas != 0 { return }
        if isError {
            status.ready = KEDACondition(.false, "TriggerError", "Triggers defined in ScaledObject are not working correctly")
            return
        }
        if (idle != nil && currentReplicas > (idle ?? 0)) || (currentReplicas > 0 && minReplicas == 0) {
            guard !pause.pausedScaleIn else { return }
            let cooled: Bool
            if let last = status.lastActiveTime {
                cooled = last + .seconds(Int64(so.effectiveCooldownPeriod)) <= now
            } else {
                cooled = creationTime + .seconds(Int64(so.effectiveInitialCooldownPeriod)) <= now
            }
            if cooled {
                let to = idle ?? so.minReplicaCount ?? 0
                decision.scaleTo = to
                decision.events.append(KEDAEvent(.normal, "KEDAScaleTargetDeactivated",
                                                 "Deactivated \(targetDescription) from \(currentReplicas) to \(to)"))
            } else {
                status.active = KEDACondition(.false, "ScalerCooldown", "Scaler cooling down because triggers are not active")
            }
            return
        }
        if idle == nil, currentReplicas < minReplicas {
            decision.scaleTo = minReplicas
        }
    }
}
