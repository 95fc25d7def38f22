import Foundation
import Testing
import HPAController
import Quantities
@testable import KEDA

/// `Fixtures/translation.json`: the redis trigger's parsing and the HPA KEDA generates.
struct TranslationVectors: Decodable {
    struct Expect: Decodable {
        var metricName: String
        var listLength: Int64
        var activationListLength: Int64
        var targetType: String
        var target: String
    }
    struct Vector: Decodable, CustomTestStringConvertible {
        var name: String
        var from: String
        var index: Int?
        var metricType: String?
        var metadata: [String: String]
        var expect: Expect?
        var expectError: String?
        var testDescription: String { name }
    }
    struct HPAExpect: Decodable { var name: String; var minReplicas: Int32; var maxReplicas: Int32 }
    struct HPAVector: Decodable, CustomTestStringConvertible {
        var name: String
        var from: String
        var minReplicaCount: Int32?
        var maxReplicaCount: Int32?
        var hpaName: String?
        var expect: HPAExpect
        var testDescription: String { name }
    }
    var vectors: [Vector]
    var hpa: [HPAVector]

    static func load() -> TranslationVectors {
        do { return try JSONDecoder().decode(TranslationVectors.self, from: Fixtures.data("translation.json")) } catch {
            Issue.record("translation.json: \(error)")
            return TranslationVectors(vectors: [], hpa: [])
        }
    }
}

@Suite("KEDA translation vectors")
struct TranslationTests {
    @Test("the redis trigger becomes the External metric KEDA generates", arguments: TranslationVectors.load().vectors)
    func trigger(_ v: TranslationVectors.Vector) throws {
        #expect(!v.from.isEmpty)
        let index = v.index ?? 0
        var triggers = Array(repeating: ScaleTrigger(type: "redis", metadata: ["listName": "other"]), count: index)
        triggers.append(ScaleTrigger(type: "redis", metadata: v.metadata, metricType: v.metricType))
        let so = ScaledObject(name: "so", namespace: "ns", scaleTargetRef: CrossVersionObjectReference(name: "egress"),
                              triggers: triggers)
        do {
            let hpa = try so.generatedHPA()
            let parsed = try RedisListTrigger(metadata: v.metadata)
            guard let expect = v.expect else {
                Issue.record("expected the error \(v.expectError ?? "")")
                return
            }
            let metric = try #require(hpa.spec.metrics[index].external)
            #expect(hpa.spec.metrics[index].type == .external)
            #expect(metric.metric.name == expect.metricName)
            #expect(metric.metric.selector == LabelSelector(matchLabels: ["scaledobject.keda.sh/name": "so"]))
            #expect(metric.target.type.rawValue == expect.targetType)
            let target = metric.target.type == .averageValue ? metric.target.averageValue : metric.target.value
            #expect(target?.text == expect.target)
            #expect(target?.milliValue == expect.listLength * 1000)
            #expect(parsed.listLength == expect.listLength)
            #expect(parsed.activationListLength == expect.activationListLength)
        } catch let error as KEDAReconcileError {
            #expect(error.message == v.expectError)
        }
    }

    @Test("the HPA's name and bounds", arguments: TranslationVectors.load().hpa)
    func hpaBounds(_ v: TranslationVectors.HPAVector) throws {
        let so = redisScaledObject {
            $0.minReplicaCount = v.minReplicaCount
            $0.maxReplicaCount = v.maxReplicaCount
            if let name = v.hpaName { $0.horizontalPodAutoscalerConfig = HorizontalPodAutoscalerConfig(name: name) }
        }
        let hpa = try so.generatedHPA()
        #expect(hpa.name == v.expect.name)
        #expect(hpa.spec.minReplicas == v.expect.minReplicas)
        #expect(hpa.spec.maxReplicas == v.expect.maxReplicas)
        #expect(hpa.spec.scaleTargetRef == CrossVersionObjectReference(apiVersion: "apps/v1", kind: "Deployment", name: "egress"))
    }

    @Test("behavior is copied verbatim; paused-scale-in disables scale-down (creating behavior)")
    func behaviorAndPause() throws {
        let behavior = HorizontalPodAutoscalerBehavior(scaleUp: HPAScalingRules(stabilizationWindowSeconds: 30))
        let copied = try redisScaledObject { $0.horizontalPodAutoscalerConfig = .init(behavior: behavior) }.generatedHPA()
        #expect(copied.spec.behavior == behavior)
        let paused = try redisScaledObject { $0.annotations = [PauseAnnotations.pausedScaleIn: "true"] }.generatedHPA()
        #expect(paused.spec.behavior == HorizontalPodAutoscalerBehavior(scaleDown: HPAScalingRules(selectPolicy: .disabled)))
        let out = try redisScaledObject { $0.annotations = [PauseAnnotations.pausedScaleOut: "yes"] }.generatedHPA()
        #expect(out.spec.behavior?.scaleUp?.selectPolicy == .disabled)   // "yes" does not parse: true
        let notPaused = try redisScaledObject { $0.annotations = [PauseAnnotations.pausedScaleOut: "false"] }.generatedHPA()
        #expect(notPaused.spec.behavior == nil)
    }

    @Test("an unknown trigger type is KEDA's builder error")
    func unknownType() {
        var so = redisScaledObject()
        so.triggers = [ScaleTrigger(type: "rabbit", metadata: [:])]
        #expect(throws: KEDAReconcileError("no scaler found for type: rabbit", field: "spec.triggers[0].type")) { try so.generatedHPA() }
    }
}
