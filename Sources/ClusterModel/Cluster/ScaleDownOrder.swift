import Foundation
public import SimTime
public import HPAController

/// What the ReplicaSet controller compares when it picks pods to delete.
public struct ScaleDownCandidate: Hashable, Sendable {
    /// `spec.nodeName` is set.
    public var assigned: Bool
    /// `status.phase` (Pending < Unknown < Running).
    public var phase: PodPhase
    /// The PodReady condition is True.
    public var ready: Bool
    /// The `controller.kubernetes.io/pod-deletion-cost` annotation (0 when absent).
    public var deletionCost: Int32
    /// When the PodReady condition last turned True (used only when both pods are ready).
    public var readyTime: SimTime
    /// The highest restart count among the pod's containers.
    public var restarts: Int32
    /// `metadata.creationTimestamp`.
    public var creationTime: SimTime
    /// `metadata.uid`, the tie-breaker within a logarithmic bucket.
    public var uid: UInt64

    public init(assigned: Bool, phase: PodPhase, ready: Bool, deletionCost: Int32 = 0, readyTime: SimTime,
                restarts: Int32 = 0, creationTime: SimTime, uid: UInt64) {
        self.assigned = assigned; self.phase = phase; self.ready = ready; self.deletionCost = deletionCost
        self.readyTime = readyTime; self.restarts = restarts; self.creationTime = creationTime; self.uid = uid
    }
}

/// The order in which a ReplicaSet deletes pods on scale-down.
///
/// Follows `ActivePodsWithRanks.Less` in kubernetes `pkg/controller/controller_utils.go`
/// with `PodDeletionCost` (beta, on since 1.22) and `LogarithmicScaleDown` (GA in 1.31) on,
/// as `getPodsToDelete` in `pkg/controller/replicaset/replica_set.go` applies it:
///
/// 1. unassigned before assigned;
/// 2. Pending before Unknown before Running;
/// 3. not ready before ready;
/// 4. lower pod-deletion-cost first;
/// 5. more co-located pods on the same node first (the model pools the nodes into one, so
///    every pod ties here);
/// 6. both ready: the pod ready for less time first, comparing ⌊log₂(now − readyTime in ns)⌋
///    buckets, ties broken by UID;
/// 7. more container restarts first;
/// 8. newer creation first, again by ⌊log₂⌋ bucket of the age, ties broken by UID.
///
/// Timestamps are truncated to whole seconds first, as the API server stores them
/// (`metav1.Time` serializes RFC 3339 seconds) while `now` keeps full precision.
public enum ScaleDownOrder {
    /// Whether `a` is deleted before `b` at `now`.
    public static func precedes(_ a: ScaleDownCandidate, _ b: ScaleDownCandidate, now: SimTime) -> Bool {
        if a.assigned != b.assigned { return !a.assigned }
        if ordinal(a.phase) != ordinal(b.phase) { return ordinal(a.phase) < ordinal(b.phase) }
        if a.ready != b.ready { return !a.ready }
        if a.deletionCost != b.deletionCost { return a.deletionCost < b.deletionCost }
        if a.ready && b.ready {
            let ta = truncatedToSeconds(a.readyTime), tb = truncatedToSeconds(b.readyTime)
            if ta != tb {
                let diff = logarithmicRank(ta, now: now) - logarithmicRank(tb, now: now)
                if diff == 0 { return a.uid < b.uid }
                return diff < 0
            }
        }
        if a.restarts != b.restarts { return a.restarts > b.restarts }
        let ca = truncatedToSeconds(a.creationTime), cb = truncatedToSeconds(b.creationTime)
        if ca != cb {
            let diff = logarithmicRank(ca, now: now) - logarithmicRank(cb, now: now)
            if diff == 0 { return a.uid < b.uid }
            return diff < 0
        }
        return false
    }

    /// The candidates in deletion order (the first `n` are the victims of a scale-down by `n`).
    public static func sorted(_ candidates: [ScaleDownCandidate], now: SimTime) -> [ScaleDownCandidate] {
        candidates.sorted { precedes($0, $1, now: now) }
    }

    /// `PodPending` 0, `PodUnknown` 1, `PodRunning` 2 (`podPhaseToOrdinal`); other phases 0,
    /// as a missing map key reads in Go.
    static func ordinal(_ phase: PodPhase) -> Int {
        switch phase {
        case .pending: 0
        case .unknown: 1
        case .running: 2
        case .succeeded, .failed: 0
        }
    }

    /// `logarithmicRankDiff`'s per-pod term: ⌊log₂(age in nanoseconds)⌋, or −1 when the age is not positive.
    static func logarithmicRank(_ time: SimTime, now: SimTime) -> Int64 {
        let nanoseconds = (now.microseconds - time.microseconds) * 1000
        guard nanoseconds > 0 else { return -1 }
        return Int64(log2(Double(nanoseconds)))
    }

    static func truncatedToSeconds(_ time: SimTime) -> SimTime {
        let us = time.microseconds
        let floor = us >= 0 ? us / 1_000_000 : -((-us + 999_999) / 1_000_000)
        return .seconds(floor)
    }
}
