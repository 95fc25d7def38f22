import Foundation
import Testing
import HPAController
import Quantities
import RunRecords
import SimTime
@testable import Explain

/// A notifier-like HPA: CPU 60 %, memory 70 %, pending_notifications 100 per pod; scale-up
/// `Max` of Percent 100 / 60 s and Pods 1 / 60 s; scale-down Pods 1 / 60 s, window 120 s.
private func notifierHPA() throws -> HorizontalPodAutoscaler {
    let spec = HorizontalPodAutoscalerSpec(
        scaleTargetRef: .init(name: "webhook-notifier"), minReplicas: 2, maxReplicas: 10,
        metrics: [.resource("cpu", .utilization(60)), .resource("memory", .utilization(70)),
                  .pods("pending_notifications", .averageValue(try Quantity(parsing: "100")))],
        behavior: .init(
            scaleUp: .init(stabilizationWindowSeconds: 0, selectPolicy: .max,
                           policies: [.init(type: .percent, value: 100, periodSeconds: 60),
                                      .init(type: .pods, value: 1, periodSeconds: 60)]),
            scaleDown: .init(stabilizationWindowSeconds: 120, policies: [.init(type: .pods, value: 1, periodSeconds: 60)])))
    return HorizontalPodAutoscaler(name: "webhook-notifier-hpa", namespace: "rtc-egress", spec: spec)
}

private let definitions = [
    MetricDefinition(metricType: .resource, metricName: "cpu", targetType: .utilization, target: 60),
    MetricDefinition(metricType: .resource, metricName: "memory", targetType: .utilization, target: 70),
    MetricDefinition(metricType: .pods, metricName: "pending_notifications", targetType: .averageValue, target: 100),
]

private let settled = [SyncCondition(type: .ableToScale, status: .true, reason: .readyForNewScale),
                       SyncCondition(type: .scalingActive, status: .true, reason: .validMetricFound),
                       SyncCondition(type: .scalingLimited, status: .false, reason: .desiredWithinRange)]

/// A sync whose three metrics saw `cpu` %, `memory` % and `pending` notifications per pod.
private func sync(_ seconds: Int64, current: Int32, cpu: Double, memory: Double, pending: Double?,
                  proposals: [Int32?], stabilized: Int32? = nil, desired: Int32? = nil,
                  limiting: ScalingLimitedReason = .desiredWithinRange,
                  conditions: [SyncCondition] = settled) -> SyncRecord {
    let recommendation = proposals.compactMap { $0 }.max() ?? current
    let stable = stabilized ?? recommendation
    let samples = [
        MetricSample(current: cpu, proposal: proposals[0], readyPods: current, usageMilliSum: Int64(cpu * 2) * Int64(current)),
        MetricSample(current: memory, proposal: proposals[1], readyPods: current),
        MetricSample(current: pending, proposal: proposals[2], readyPods: current,
                     error: pending == nil ? "FailedGetPodsMetric: unable to get metric pending_notifications: no metrics returned" : nil),
    ]
    let final = desired ?? stable
    return SyncRecord(time: .seconds(seconds), hpa: "webhook-notifier-hpa", currentReplicas: current,
                      recommendation: recommendation, stabilized: stable, desiredReplicas: final,
                      limitingReason: limiting, scaleUpdated: final != current, conditions: conditions,
                      metricDefinitions: definitions, metrics: samples)
}

private func records() -> [SyncRecord] {
    [
        // 148 pending per pod on 2 pods → 3: within the limits (Max of 4 and 3).
        sync(7, current: 2, cpu: 30, memory: 20, pending: 148, proposals: [1, 1, 3],
             conditions: [.init(type: .ableToScale, status: .true, reason: .succeededRescale)] + settled.dropFirst()),
        // 400 per pod on 3 → 12; the up events of the last 60 s leave a period start of 2: Percent 100 → 4.
        sync(22, current: 3, cpu: 40, memory: 25, pending: 400, proposals: [2, 2, 12], desired: 4, limiting: .scaleUpLimit),
        sync(37, current: 4, cpu: 50, memory: 30, pending: nil, proposals: [4, 2, nil]),
        sync(52, current: 4, cpu: 50, memory: 30, pending: 95, proposals: [4, 2, 4]),
        sync(67, current: 4, cpu: 50, memory: 30, pending: nil, proposals: [4, 2, nil]),
        // Everything low: the scale-down window (120 s) holds 4 (from 00:01:07), then 2 (from 00:01:37).
        sync(82, current: 4, cpu: 10, memory: 20, pending: 10, proposals: [1, 2, 1], stabilized: 4,
             conditions: [.init(type: .ableToScale, status: .true, reason: .scaleDownStabilized)] + settled.dropFirst()),
        sync(97, current: 4, cpu: 10, memory: 20, pending: 10, proposals: [1, 2, 1], stabilized: 4,
             conditions: [.init(type: .ableToScale, status: .true, reason: .scaleDownStabilized)] + settled.dropFirst()),
        // Recommendation 1, the window holds 2, and Pods 1 / 60 s allows 3.
        sync(200, current: 4, cpu: 10, memory: 20, pending: 10, proposals: [1, 1, 1], stabilized: 2, desired: 3,
             limiting: .scaleDownLimit,
             conditions: [.init(type: .ableToScale, status: .true, reason: .succeededRescale),
                          .init(type: .scalingActive, status: .true, reason: .validMetricFound),
                          .init(type: .scalingLimited, status: .true, reason: .scaleDownLimit)]),
    ]
}

private let scales = [
    ScaleRecord(time: .seconds(7), hpa: "webhook-notifier-hpa", deployment: "webhook-notifier", from: 2, to: 3,
                message: "New size: 3; reason: pods metric pending_notifications above target"),
    ScaleRecord(time: .seconds(22), hpa: "webhook-notifier-hpa", deployment: "webhook-notifier", from: 3, to: 4,
                message: "New size: 4; reason: pods metric pending_notifications above target"),
    ScaleRecord(time: .seconds(200), hpa: "webhook-notifier-hpa", deployment: "webhook-notifier", from: 4, to: 3,
                message: "New size: 3; reason: All metrics below target"),
]

@Suite("simulate explain: kubectl describe hpa from records")
struct HPADescriptionTests {
    @Test("the whole description, in kubectl's layout, with a why line under each rescale")
    func wholeText() throws {
        let description = HPADescription(hpa: try notifierHPA(), controller: .init(), syncs: records(), scales: scales)
        #expect(description.text == """
            Name:                                                     webhook-notifier-hpa
            Namespace:                                                rtc-egress
            Reference:                                                Deployment/webhook-notifier
            Metrics:                                                  ( current / target )
              resource cpu on pods  (as a percentage of request):     10% (20m) / 60%
              resource memory on pods  (as a percentage of request):  20% (<unknown>) / 70%
              "pending_notifications" on pods:                        10 / 100
            Min replicas:                                             2
            Max replicas:                                             10
            Behavior:
              Scale Up:
                Stabilization Window: 0 seconds
                Select Policy: Max
                Policies:
                  - Type: Percent  Value: 100  Period: 60 seconds
                  - Type: Pods     Value: 1    Period: 60 seconds
              Scale Down:
                Stabilization Window: 120 seconds
                Select Policy: Max
                Policies:
                  - Type: Pods  Value: 1  Period: 60 seconds
            Deployment pods:    4 current / 3 desired
            Conditions:
              Type            Status  Reason            Message
              ----            ------  ------            -------
              AbleToScale     True    SucceededRescale  the HPA controller was able to update the target scale to 3
              ScalingActive   True    ValidMetricFound  the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)
              ScalingLimited  True    ScaleDownLimit    the desired replica count is decreasing faster than the maximum scale rate
            Events:
              Type     Reason               Time                          From                       Message
              ----     ------               ----                          ----                       -------
              Normal   SuccessfulRescale    00:00:07                      horizontal-pod-autoscaler  New size: 3; reason: pods metric pending_notifications above target
                ↳ cpu 30% / 60% → 1, memory 20% / 70% → 1, pending_notifications 148 / 100 → 3; recommendation 3; not stabilized; within minReplicas 2, maxReplicas 10
              Normal   SuccessfulRescale    00:00:22                      horizontal-pod-autoscaler  New size: 4; reason: pods metric pending_notifications above target
                ↳ cpu 40% / 60% → 2, memory 25% / 70% → 2, pending_notifications 400 / 100 → 12; recommendation 12; not stabilized; ScaleUpLimit: Percent 100 per 60s → 4 (selectPolicy Max of Percent 100 per 60s → 4, Pods 1 per 60s → 3)
              Warning  FailedGetPodsMetric  00:01:07 (x2 since 00:00:37)  horizontal-pod-autoscaler  unable to get metric pending_notifications: no metrics returned
              Normal   SuccessfulRescale    00:03:20                      horizontal-pod-autoscaler  New size: 3; reason: All metrics below target
                ↳ cpu 10% / 60% → 1, memory 20% / 70% → 1, pending_notifications 10 / 100 → 1; recommendation 1; scaleDown stabilization window 120s held 2; ScaleDownLimit: Pods 1 per 60s → 3
            """)
    }

    @Test("a window keeps its events only and folds only what it keeps; --at picks the sync of the header")
    func window() throws {
        let description = HPADescription(hpa: try notifierHPA(), controller: .init(), syncs: records(), scales: scales,
                                         from: .seconds(60), to: .seconds(100))
        #expect(description.events.map(\.reason) == ["FailedGetPodsMetric"])
        #expect(description.events.first?.count == 1)
        #expect(description.events.first?.first.time == "00:01:07")
        // Conditions as of 00:01:40: the sync at 00:01:37.
        #expect(description.conditions.first?.reason == "ScaleDownStabilized")
        #expect(description.currentReplicas == 4 && description.desiredReplicas == 4)
        let at = HPADescription(hpa: try notifierHPA(), controller: .init(), syncs: records(), scales: scales, at: .seconds(30))
        #expect(at.metrics.map(\.values) == ["40% (80m) / 60%", "25% (<unknown>) / 70%", "400 / 100"])
        #expect(at.conditions.first?.message == "recommended size matches current size")
        #expect(at.events.count == 2)
    }

    @Test("the JSON form holds the same description")
    func json() throws {
        let description = HPADescription(hpa: try notifierHPA(), controller: .init(), syncs: records(), scales: scales)
        let data = try JSONEncoder().encode(description)
        #expect(try JSONDecoder().decode(HPADescription.self, from: data) == description)
        #expect(description.events[1].why.first?.limit
                == "Percent 100 per 60s → 4 (selectPolicy Max of Percent 100 per 60s → 4, Pods 1 per 60s → 3)")
        #expect(description.events[3].why.first?.stabilization == "scaleDown stabilization window 120s held 2")
    }
}
