import HPAController
import Quantities
import SimTime
import Testing
import RunRecords

@Suite("Reconcile (HorizontalPodAutoscalerController.swift)")
struct ReconcileTests {
    let controller = HorizontalPodAutoscalerController()

    @Test("scale up on CPU: every stage is in the decision, with Kubernetes' event wording")
    func scaleUpStages() {
        var history = ScalingHistory()
        let decision = controller.reconcile(cpuWorkload(replicas: 3, usage: [400, 400, 400]), hpa: cpuHPA(),
                                            history: &history, now: .seconds(100))
        #expect(decision.metricDesiredReplicas == 5)
        #expect(decision.metricName == "cpu resource utilization (percentage of request)")
        let calc = decision.metrics?.first?.proposal?.calculation
        #expect(calc?.utilization == 80)
        #expect(calc?.rawAverage == 400)
        #expect(calc?.usageSum == 1200 && calc?.requestSum == 1500)
        #expect(calc?.podGroups == PodGroups(readyCount: 3))
        #expect(decision.normalization?.path == .legacy)
        #expect(decision.stabilizedReplicas == 5)
        #expect(decision.normalization?.maximumAllowed == 6)
        #expect(decision.limitingReason == .desiredWithinRange)
        #expect(decision.desiredReplicas == 5 && decision.scaleUpdated && decision.scaleReplicas == 5)
        #expect(decision.events == [HPAEvent(type: .normal, reason: .successfulRescale,
            message: "New size: 5; reason: cpu resource utilization (percentage of request) above target")])
        #expect(decision.conditions.map { "\($0.type.rawValue)/\($0.status.rawValue)/\($0.reason.rawValue)" } ==
                ["AbleToScale/True/SucceededRescale", "ScalingActive/True/ValidMetricFound",
                 "ScalingLimited/False/DesiredWithinRange"])
        #expect(decision.status.currentMetrics == [MetricStatus(
            type: .resource, resourceName: "cpu", current: MetricValueStatus(averageValue: 400, averageUtilization: 80))])
        #expect(decision.status.lastScaleTime == .seconds(100))
        #expect(history.recommendations == [TimestampedRecommendation(replicas: 3, time: .seconds(100)),
                                            TimestampedRecommendation(replicas: 5, time: .seconds(100))])
        #expect(decision.history == history)
    }

    @Test("the first recommendation (= current) blocks a legacy scale-down for one window")
    func legacyFirstSyncBlocksScaleDown() {
        var history = ScalingHistory()
        let decision = controller.reconcile(cpuWorkload(replicas: 4, usage: [50, 50, 50, 50]), hpa: cpuHPA(),
                                            history: &history, now: .zero)
        #expect(decision.metricDesiredReplicas == 1)
        #expect(decision.stabilizedReplicas == 4)
        #expect(!decision.scaleUpdated && decision.desiredReplicas == 4)
        #expect(decision.status.condition(.ableToScale)?.reason == .scaleDownStabilized)
        #expect(decision.events.isEmpty)
    }

    @Test("behavior: scale-down limited by a Pods policy, and the scale event is recorded")
    func behaviorScaleDownLimit() {
        let behavior = HorizontalPodAutoscalerBehavior(scaleDown: HPAScalingRules(
            stabilizationWindowSeconds: 0, policies: [.init(type: .pods, value: 1, periodSeconds: 60)]))
        var history = ScalingHistory()
        let decision = controller.reconcile(cpuWorkload(replicas: 4, usage: [50, 50, 50, 50]),
                                            hpa: cpuHPA(behavior: behavior), history: &history, now: .zero)
        #expect(decision.desiredReplicas == 3)
        #expect(decision.limitingReason == .scaleDownLimit)
        #expect(decision.rescaleReason == "All metrics below target")
        #expect(history.scaleDownEvents == [ScaleEvent(change: 1, time: .zero)])
        #expect(decision.status.condition(.scalingLimited)?.status == .true)
    }

    @Test("current above max goes straight to max without metrics")
    func aboveMax() {
        var history = ScalingHistory()
        let decision = controller.reconcile(cpuWorkload(replicas: 12, usage: Array(repeating: 400, count: 12)),
                                            hpa: cpuHPA(max: 10), history: &history, now: .zero)
        #expect(decision.outcome == .replicasOutOfRange)
        #expect(decision.metrics == nil && decision.metricDesiredReplicas == nil)
        #expect(decision.rescaleEventMessage == "New size: 10; reason: Current number of replicas above Spec.MaxReplicas")
    }

    @Test("a failed scale update keeps the old desired count and says why")
    func failedRescale() {
        var observed = cpuWorkload(replicas: 3, usage: [400, 400, 400])
        observed.scale.updateError = "conflict"
        var history = ScalingHistory()
        var hpa = cpuHPA()
        hpa.status.desiredReplicas = 2
        let decision = controller.reconcile(observed, hpa: hpa, history: &history, now: .zero)
        #expect(!decision.scaleUpdated && decision.rescaleAttempted)
        #expect(decision.status.desiredReplicas == 2 && decision.desiredReplicas == 3)
        #expect(decision.events.last == HPAEvent(type: .warning, reason: .failedRescale,
            message: "New size: 5; reason: cpu resource utilization (percentage of request) above target; error: conflict"))
        #expect(decision.status.condition(.ableToScale)?.reason == .failedUpdateScale)
        // setCurrentReplicasAndMetricsInStatus in that branch: this sync's metric statuses.
        let statuses = decision.metrics?.map(\.status)
        #expect(statuses?.count == 1 && decision.status.currentMetrics == statuses)
        #expect(decision.status.currentReplicas == 3)
    }

    @Test("metrics API failure: no scaling, FailedGetResourceMetric, desired unchanged")
    func metricsFailure() {
        var observed = cpuWorkload(replicas: 3, usage: [400, 400, 400])
        observed.resourceMetrics = .failure(MetricsAPIError("unavailable"))
        var history = ScalingHistory()
        var hpa = cpuHPA()
        hpa.status.desiredReplicas = 7
        let decision = controller.reconcile(observed, hpa: hpa, history: &history, now: .zero)
        #expect(decision.outcome == .metricsFailed && decision.metricDesiredReplicas == -1)
        #expect(decision.status.desiredReplicas == 7 && decision.desiredReplicas == 3)
        #expect(decision.status.condition(.scalingActive)?.reason == .failedGetResourceMetric)
        #expect(decision.status.currentMetrics == [MetricStatus.empty])
        #expect(decision.events.map(\.reason) == [.failedGetResourceMetric, .failedComputeMetricsReplicas])
    }

    @Test("empty metrics mean the API default, CPU utilization 80 %")
    func defaultMetric() {
        var hpa = cpuHPA()
        hpa.spec.metrics = []
        var history = ScalingHistory()
        // 3 × 440m of 500m = 88 %: ratio 1.1 is inside the default tolerance band.
        let decision = controller.reconcile(cpuWorkload(replicas: 3, usage: [440, 440, 440]), hpa: hpa,
                                            history: &history, now: .zero)
        #expect(decision.metrics?.first?.spec == .resource("cpu", .utilization(80)))
        #expect(decision.metricDesiredReplicas == 3)
    }

    @Test("scaling to zero sets ScaledToZero with the gate on, and the HPA wakes from it")
    func scaleToZeroAndBack() {
        var configuration = ControllerConfiguration()
        configuration.featureGates.hpaScaleToZero = true
        let controller = HorizontalPodAutoscalerController(configuration: configuration)
        var hpa = HorizontalPodAutoscaler(name: "queue", spec: HorizontalPodAutoscalerSpec(
            scaleTargetRef: CrossVersionObjectReference(name: "worker"), minReplicas: 0, maxReplicas: 5,
            metrics: [MetricSpec(type: .external, external: ExternalMetricSource(
                metric: MetricIdentifier(name: "depth"), target: .value(Quantity(milliValue: 10_000))))],
            behavior: HorizontalPodAutoscalerBehavior(scaleDown: HPAScalingRules(stabilizationWindowSeconds: 0))))
        var history = ScalingHistory()
        let pods = [ObservedPod(name: "w-0")]
        var observed = Observation(scale: ScaleObservation(specReplicas: 1, statusReplicas: 1), pods: pods,
                                   externalMetrics: ["depth": ExternalMetricSample(valuesMilli: [0], timestamp: .zero)])
        let down = controller.reconcile(observed, hpa: hpa, history: &history, now: .zero)
        #expect(down.desiredReplicas == 0)
        #expect(down.status.condition(.scaledToZero)?.status == .true)
        hpa.status = down.status
        observed.scale = ScaleObservation(specReplicas: 0, statusReplicas: 0)
        observed.pods = []
        observed.externalMetrics["depth"] = ExternalMetricSample(valuesMilli: [25_000], timestamp: .zero)
        let up = controller.reconcile(observed, hpa: hpa, history: &history, now: .seconds(15))
        #expect(up.desiredReplicas == 3)
        #expect(up.status.condition(.scaledToZero)?.reason == .notScaledToZero)
    }
}
