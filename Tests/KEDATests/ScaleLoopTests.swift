import Foundation
import Testing
import HPAController
import SimTime
@testable import KEDA

/// `Fixtures/loop.json`: KEDA's RequestScale, poll by poll.
struct LoopVectors: Decodable {
    struct Object: Decodable {
        var minReplicaCount: Int32?
        var idleReplicaCount: Int32?
        var cooldownPeriod: Int32?
        var initialCooldownPeriod: Int32?
        var pollingInterval: Int32?
        var listLength: Int64
        var activationListLength: Int64?
        var fallback: FallbackSpec?
    }
    struct FallbackSpec: Decodable { var failureThreshold: Int32; var replicas: Int32 }
    struct Poll: Decodable {
        var t: Int64
        var replicas: Int32
        var length: Double?
        var error: String?
        var scaleTo: Int32?
        var active: Bool
        var events: [String]
    }
    struct Vector: Decodable, CustomTestStringConvertible {
        var name: String
        var from: String
        var scaledObject: Object
        var lastActiveAgo: Int64?
        var polls: [Poll]
        var testDescription: String { name }
    }
    var vectors: [Vector]

    static func load() -> [Vector] {
        do { return try JSONDecoder().decode(LoopVectors.self, from: Fixtures.data("loop.json")).vectors } catch {
            Issue.record("loop.json: \(error)")
            return []
        }
    }
}

@Suite("KEDA scale loop")
struct ScaleLoopTests {
    @Test("vectors", arguments: LoopVectors.load())
    func vector(_ v: LoopVectors.Vector) throws {
        #expect(!v.from.isEmpty)
        let o = v.scaledObject
        var metadata = ["listName": "jobs", "listLength": "\(o.listLength)"]
        if let a = o.activationListLength { metadata["activationListLength"] = "\(a)" }
        let so = redisScaledObject(metadata: metadata) {
            $0.minReplicaCount = o.minReplicaCount; $0.idleReplicaCount = o.idleReplicaCount
            $0.cooldownPeriod = o.cooldownPeriod; $0.initialCooldownPeriod = o.initialCooldownPeriod
            $0.pollingInterval = o.pollingInterval
            $0.fallback = o.fallback.map { Fallback(failureThreshold: $0.failureThreshold, replicas: $0.replicas) }
        }
        let start = SimTime.hours(2)
        let loop = try ScaleLoop(so, creationTime: start)
        var status = ScaledObjectStatus(triggers: 1)
        if let ago = v.lastActiveAgo { status.lastActiveTime = start - .seconds(ago) }
        for poll in v.polls {
            let reading: TriggerReading = poll.error.map { .failed($0, serverReachable: true) } ?? .length(poll.length ?? 0)
            let decision = loop.poll([reading], currentReplicas: poll.replicas, readyPods: poll.replicas,
                                     status: &status, now: start + .seconds(poll.t))
            #expect(decision.scaleTo == poll.scaleTo, "t=\(poll.t)")
            #expect(decision.isActive == poll.active, "t=\(poll.t)")
            #expect(decision.events.map(\.reason) == poll.events, "t=\(poll.t)")
        }
    }

    @Test("activation event names the active metrics and the target")
    func activationMessage() throws {
        let loop = try ScaleLoop(redisScaledObject(metadata: ["listName": "egress:record"]) { $0.minReplicaCount = 0 },
                                 creationTime: .zero)
        var status = ScaledObjectStatus(triggers: 1)
        let decision = loop.poll([.length(7)], currentReplicas: 0, readyPods: 0, status: &status, now: .seconds(30))
        #expect(decision.events == [KEDAEvent(.normal, "KEDAScaleTargetActivated",
                                              "Scaled apps/v1.Deployment ns/egress from 0 to 1, triggered by s0-redis-egress-record")])
        #expect(status.lastActiveTime == .seconds(30))
        #expect(status.active == KEDACondition(.true, "ScalerActive", "Scaling is performed because triggers are active"))
    }

    @Test("Redis unreachable: one failure counts, then polls stop before RequestScale; fallback never engages")
    func unreachable() throws {
        let so = redisScaledObject { $0.minReplicaCount = 0; $0.fallback = Fallback(failureThreshold: 1, replicas: 6) }
        let loop = try ScaleLoop(so, creationTime: .zero)
        var status = ScaledObjectStatus(triggers: 1)
        let down = TriggerReading.failed("dial tcp redis:6379: connect: connection refused", serverReachable: false)
        var skipped: [Bool] = []
        for k in 0..<4 {
            let d = loop.poll([down], currentReplicas: 2, readyPods: 2, status: &status, now: .seconds(Int64(30 * k)))
            skipped.append(d.skipped)
            #expect(d.scaleTo == nil)
        }
        #expect(skipped == [false, true, true, true])
        #expect(status.failures == [1])
        #expect(status.fallingBack == [false])
        #expect(status.fallback.reason == "NoFallbackFound")
        // The HPA's reads through the metrics server fail as well: no fallback value.
        let served = loop.read(trigger: 0, down, currentReplicas: 2, readyPods: 2, status: &status)
        #expect(throws: KEDAReconcileError.self) { try served.get() }
    }

    @Test("a reachable server's errors count every time; fallback serves target × replicas")
    func fallbackValue() throws {
        let so = redisScaledObject(metadata: ["listName": "jobs", "listLength": "5"]) {
            $0.fallback = Fallback(failureThreshold: 2, replicas: 6)
        }
        let loop = try ScaleLoop(so, creationTime: .zero)
        var status = ScaledObjectStatus(triggers: 1)
        let bad = TriggerReading.failed("ERR unsupported key type: string", serverReachable: true)
        var served: [Int64?] = []
        for _ in 0..<3 { served.append(try? loop.read(trigger: 0, bad, currentReplicas: 3, readyPods: 3, status: &status).get()) }
        #expect(served == [nil, nil, 30_000])
        #expect(status.failures == [3])
    }
}
