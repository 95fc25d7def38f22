@testable import ClusterModel
import RunRecords
import SimTime
import Testing

/// The ReplicaSet's choice of victims inside a run.
struct ScaleDownTests {
    static func model(probeDelay: Int32) -> Model {
        var worker = Fixture.worker("w", replicas: 2, patterns: ["t:*"],
                                    probe: ReadinessProbe(initialDelaySeconds: probeDelay, periodSeconds: 10))
        worker.lifecycle = Fixture.instant
        return Model(configuration: SimulationConfiguration(duration: .hours(1), deployments: [worker]), recorder: nil)
    }

    func names(_ model: Model) -> [String] { model.deployments[0].pods.filter { !model.pods[Int($0)].deleting }.map { model.podName($0) } }

    @Test("a pod that is not Ready yet goes before Ready ones")
    func notReadyFirst() throws {
        var model = Self.model(probeDelay: 60)
        model.start()
        model.deployments[0].replicas = 3
        model.reconcileReplicas(deployment: 0, at: .zero)          // w-2: starts, Ready at 60 s
        try model.advance(through: .seconds(30))
        model.deployments[0].replicas = 2
        model.reconcileReplicas(deployment: 0, at: .seconds(30))
        #expect(names(model) == ["w-0", "w-1"])
    }

    @Test("among Ready pods the one Ready for the least time (by log2 bucket) goes first")
    func newestReadyFirst() throws {
        var model = Self.model(probeDelay: 60)
        model.start()
        model.deployments[0].replicas = 3
        model.reconcileReplicas(deployment: 0, at: .zero)
        try model.advance(through: .seconds(200))                  // w-2 Ready since 60 s; w-0, w-1 since −1 h
        model.deployments[0].replicas = 2
        model.reconcileReplicas(deployment: 0, at: .seconds(200))
        #expect(names(model) == ["w-0", "w-1"])
        // w-0 and w-1 were Ready and created at the same second: no rule orders them (Less is
        // false both ways), so the UID tie-break is never reached.
        let (a, b) = (model.deployments[0].pods[0], model.deployments[0].pods[1])
        #expect(!ScaleDownOrder.precedes(model.scaleDownCandidate(a), model.scaleDownCandidate(b), now: .seconds(200)))
        #expect(!ScaleDownOrder.precedes(model.scaleDownCandidate(b), model.scaleDownCandidate(a), now: .seconds(200)))
    }

    @Test("a higher pod-deletion-cost protects a pod even when it is the newest")
    func deletionCost() throws {
        var model = Self.model(probeDelay: 0)
        model.start()
        model.deployments[0].replicas = 3
        model.reconcileReplicas(deployment: 0, at: .zero)
        try model.advance(through: .seconds(100))
        // The template's cost applies to every pod alike, so the rank falls through to readiness age.
        let candidates = model.deployments[0].pods.map { model.scaleDownCandidate($0) }
        #expect(Set(candidates.map(\.deletionCost)) == [0])
        var protected = candidates[2]
        protected.deletionCost = 100
        #expect(ScaleDownOrder.sorted([candidates[0], candidates[1], protected], now: .seconds(100)).last == protected)
        #expect(ScaleDownOrder.sorted(candidates, now: .seconds(100)).first == candidates[2])
    }
}
