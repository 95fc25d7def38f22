import HPAController
import Quantities
import SimTime
import Testing

@Suite("API defaulting of behavior (ScalingRules+Defaulting.swift)")
struct ScalingRulesDefaultingTests {
    @Test("behavior {} takes both directions' defaults; the scale-down window comes from the flag")
    func emptyBehavior() {
        let resolved = HorizontalPodAutoscalerBehavior().resolved(downscaleStabilizationWindowSeconds: 300)
        #expect(resolved.scaleUp == ResolvedScalingRules(
            stabilizationWindowSeconds: 0, selectPolicy: .max,
            policies: [.init(type: .pods, value: 4, periodSeconds: 15), .init(type: .percent, value: 100, periodSeconds: 15)]))
        #expect(resolved.scaleDown == ResolvedScalingRules(
            stabilizationWindowSeconds: 300, selectPolicy: .max, policies: [.init(type: .percent, value: 100, periodSeconds: 15)]))
    }

    @Test("only nil fields are defaulted; an explicit empty policy list stays empty")
    func partialRules() {
        let partial = HPAScalingRules(selectPolicy: .min, policies: [])
        let up = HPAScalingRules.generateScaleUpRules(partial)
        #expect(up.selectPolicy == .min && up.policies == [] && up.stabilizationWindowSeconds == 0)
        let down = HPAScalingRules.generateScaleDownRules(HPAScalingRules(stabilizationWindowSeconds: 60))
        #expect(down.stabilizationWindowSeconds == 60 && down.selectPolicy == .max && down.policies?.count == 1)
    }

    @Test("empty metrics default to CPU utilization 80 %")
    func defaultMetric() {
        let spec = HorizontalPodAutoscalerSpec(scaleTargetRef: .init(name: "x"), maxReplicas: 3)
        #expect(spec.effectiveMetrics == [.resource("cpu", .utilization(80))])
    }
}

@Suite("Kubernetes version switches (KubernetesVersion.swift, ControllerConfiguration.swift)")
struct VersionTests {
    private func configuration(_ minor: Int) -> ControllerConfiguration {
        var configuration = ControllerConfiguration()
        configuration.kubernetesVersion = KubernetesVersion(minor: minor)
        return configuration
    }

    @Test("versions parse with or without v and patch")
    func parse() {
        #expect(KubernetesVersion("1.35") == KubernetesVersion(minor: 35))
        #expect(KubernetesVersion("v1.32.4") == KubernetesVersion(minor: 32))
        #expect(KubernetesVersion("1.x") == nil)
    }

    @Test("feature-gate defaults follow the version and can be overridden")
    func gates() {
        #expect(!configuration(34).resolvedFeatureGates.hpaConfigurableTolerance)
        #expect(configuration(35).resolvedFeatureGates.hpaConfigurableTolerance)
        #expect(!configuration(33).resolvedFeatureGates.podLevelResources)
        #expect(configuration(34).resolvedFeatureGates.podLevelResources)
        var overridden = configuration(37)
        overridden.featureGates.hpaConfigurableTolerance = false
        #expect(!overridden.resolvedFeatureGates.hpaConfigurableTolerance)
        #expect(!ControllerConfiguration().resolvedFeatureGates.hpaScaleToZero)
    }

    @Test("zero-replica semantics: legacy through 1.35, the ScaledToZero condition after")
    func zeroSemantics() {
        #expect(configuration(35).zeroReplicasSemantics == .legacy)
        #expect(configuration(36).zeroReplicasSemantics == .scaledToZeroCondition)
        #expect(ControllerConfiguration().zeroReplicasSemantics == .scaledToZeroCondition)
    }

    @Test("before 1.33 a usage ratio of exactly 1.1 is outside tolerance 0.1; from 1.33 inside")
    func toleranceForm() {
        #expect(!configuration(32).tolerances(for: nil).contains(1.1))
        #expect(configuration(33).tolerances(for: nil).contains(1.1))
        #expect(configuration(32).tolerances(for: nil).contains(0.9))
        #expect(!configuration(33).tolerances(for: nil).contains(0.8999))
    }

    @Test("per-direction tolerance applies only with HPAConfigurableTolerance")
    func perDirectionTolerance() {
        var tolerance = Quantity(milliValue: 50)
        tolerance.text = "0.05"
        let behavior = HorizontalPodAutoscalerBehavior(scaleUp: HPAScalingRules(tolerance: tolerance))
        #expect(configuration(35).tolerances(for: behavior) == Tolerances(scaleDown: 0.1, scaleUp: 0.05))
        #expect(configuration(34).tolerances(for: behavior) == Tolerances(scaleDown: 0.1, scaleUp: 0.1))
    }
}

@Suite("Replica calculation (ReplicaCalculator.swift, PodGrouping.swift)")
struct ReplicaCalculatorTests {
    let calculator = ReplicaCalculator(tolerances: Tolerances(), cpuInitializationPeriod: .minutes(5),
                                       initialReadinessDelay: .seconds(30), podLevelResources: true, now: .zero)

    @Test("utilization is the ratio of sums, truncated to an integer percent before dividing")
    func ratioOfSums() throws {
        let pods = (0..<3).map { ObservedPod(name: "p\($0)", containers: [.init(name: "c", requests: ["cpu": 300])]) }
        let samples = [PodSample(pod: "p0", value: 100, timestamp: .zero, window: .seconds(60)),
                       PodSample(pod: "p1", value: 200, timestamp: .zero, window: .seconds(60)),
                       PodSample(pod: "p2", value: 301, timestamp: .zero, window: .seconds(60))]
        let calc = try calculator.resourceUtilizationReplicas(current: 3, targetUtilization: 30, resource: "cpu",
                                                              container: "", pods: pods, samples: samples)
        #expect(calc.utilization == 66)           // 601·100 ÷ 900 = 66.77 → 66
        #expect(calc.rawAverage == 200)           // 601 ÷ 3
        #expect(calc.replicas == 7)               // ceil(66/30 · 3) = ceil(6.6)
    }

    @Test("a pod still warming up whose sample may include pre-readiness CPU is unready")
    func warmingPod() {
        let pod = ObservedPod(name: "p", ready: .true, readyTransitionTime: .seconds(-30), startTime: .seconds(-60))
        let sample = PodSample(pod: "p", value: 1, timestamp: .seconds(-10), window: .seconds(60))
        let groups = PodGrouping.group(pods: [pod], samples: ["p": sample], resource: "cpu",
                                       cpuInitializationPeriod: .minutes(5), initialReadinessDelay: .seconds(30), now: .zero)
        #expect(groups.unready == ["p"] && groups.readyCount == 0)
        let memory = PodGrouping.group(pods: [pod], samples: ["p": sample], resource: "memory",
                                       cpuInitializationPeriod: .minutes(5), initialReadinessDelay: .seconds(30), now: .zero)
        #expect(memory.readyCount == 1)
    }

    @Test("Object Value multiplies by ready pods; at zero replicas it is ceil(ratio) without tolerance")
    func objectValue() throws {
        let pods = [ObservedPod(name: "a"), ObservedPod(name: "b", ready: .false), ObservedPod(name: "c", ready: .false)]
        #expect(try calculator.valueReplicas(current: 3, usage: 19_500, target: 10_000, pods: pods).replicas == 2)
        #expect(try calculator.valueReplicas(current: 0, usage: 10_000, target: 10_000, pods: []).replicas == 1)
    }
}

@Suite("Pod requests (PodRequests.swift)")
struct PodRequestsTests {
    @Test("a named container absent from a pod is an error, as calculateRequests reports it")
    func absentContainer() {
        let pod = ObservedPod(name: "p", containers: [.init(name: "app", requests: ["cpu": 100])])
        #expect(throws: PodRequestsError("container sidecar not found in Pod p")) {
            try PodRequests.requests(pods: [pod], container: "sidecar", resource: "cpu", podLevelResources: true)
        }
    }

    @Test("restartable init containers count; other init containers do not")
    func sidecars() throws {
        let pod = ObservedPod(name: "p", containers: [.init(name: "app", requests: ["cpu": 100])],
                              initContainers: [.init(name: "proxy", requests: ["cpu": 50], restartable: true),
                                               .init(name: "setup", requests: ["cpu": 900])])
        let requests = try PodRequests.requests(pods: [pod], container: "", resource: "cpu", podLevelResources: false)
        #expect(requests.map(\.request) == [150])
    }
}
