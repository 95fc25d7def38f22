import ClusterModel
import RunRecords
import HPAController
import SimTime
import Testing

/// Tests `ScaleDownOrder` against the rules of `ActivePodsWithRanks.Less`.
struct ScaleDownOrderTests {
    let now = SimTime.seconds(10_000)

    func pod(_ uid: UInt64, assigned: Bool = true, phase: PodPhase = .running, ready: Bool = true, cost: Int32 = 0,
             readySince: Int64 = 1000, restarts: Int32 = 0, created: Int64 = 500) -> ScaleDownCandidate {
        ScaleDownCandidate(assigned: assigned, phase: phase, ready: ready, deletionCost: cost,
                           readyTime: .seconds(readySince), restarts: restarts, creationTime: .seconds(created), uid: uid)
    }

    func order(_ pods: [ScaleDownCandidate]) -> [UInt64] { ScaleDownOrder.sorted(pods, now: now).map(\.uid) }

    @Test("unassigned, then Pending, then Unknown, then not ready go before ready Running pods")
    func phaseAndReadiness() {
        let pods = [pod(1), pod(2, ready: false), pod(3, phase: .unknown, ready: false),
                    pod(4, phase: .pending, ready: false), pod(5, assigned: false, phase: .pending, ready: false)]
        #expect(order(pods) == [5, 4, 3, 2, 1])
    }

    @Test("a lower pod-deletion-cost goes first, before readiness age is looked at")
    func deletionCost() {
        let pods = [pod(1, cost: 10, readySince: 9_999), pod(2, cost: -5, readySince: 1), pod(3, cost: 0, readySince: 5000)]
        #expect(order(pods) == [2, 3, 1])
    }

    @Test("ready for less time goes first when the log2 buckets differ; same bucket falls to the UID")
    func logarithmicReadyTime() {
        // Ages 100 s and 1000 s: different ⌊log2(ns)⌋ buckets (36 and 39): the younger goes first.
        #expect(order([pod(1, readySince: 9_000), pod(2, readySince: 9_900)]) == [2, 1])
        // Ages 1000 s and 1050 s share bucket 39 (2^39 ns ≈ 550 s … 1100 s): the smaller UID goes first.
        #expect(order([pod(7, readySince: 9_000), pod(3, readySince: 8_950)]) == [3, 7])
        #expect(ScaleDownOrder.precedes(pod(9, readySince: 9_000), pod(8, readySince: 8_950), now: now) == false)
    }

    @Test("more restarts go first, then the newer pod by creation bucket")
    func restartsThenCreation() {
        let sameReady = 2000 as Int64
        #expect(order([pod(1, readySince: sameReady, restarts: 0), pod(2, readySince: sameReady, restarts: 3)]) == [2, 1])
        #expect(order([pod(1, readySince: sameReady, created: 100), pod(2, readySince: sameReady, created: 9_950)]) == [2, 1])
    }

    @Test("timestamps count in whole seconds, as the API server stores them")
    func secondPrecision() {
        let a = ScaleDownCandidate(assigned: true, phase: .running, ready: true, readyTime: SimTime(microseconds: 9_000_100_000),
                                   creationTime: .seconds(1), uid: 2)
        let b = ScaleDownCandidate(assigned: true, phase: .running, ready: true, readyTime: SimTime(microseconds: 9_000_900_000),
                                   creationTime: .seconds(1), uid: 1)
        // Both truncate to 9000 s: equal ready times, equal creation: neither precedes.
        #expect(!ScaleDownOrder.precedes(a, b, now: now))
        #expect(!ScaleDownOrder.precedes(b, a, now: now))
    }
}
