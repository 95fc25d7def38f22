import HPAController
import Quantities
import SimTime
import Testing
@testable import Scenario

/// The lints read the controller's own scaling rules (defaulting, tolerances, rate limits), so a
/// lint and a sync cannot disagree. Each test compares a lint with a controller computation.
@Suite("Lints agree with the controller")
struct ScalingRulesLintTests {
    /// An HPA on a Pods metric `active_tasks` with target 10 and `tolerance` in both directions
    /// (scale-down window 0, so a proposal below the count is not stabilized away).
    static func podsHPA(tolerance: String) throws -> HorizontalPodAutoscaler {
        let q = try Quantity(parsing: tolerance)
        return HorizontalPodAutoscaler(name: "web-hpa", spec: HorizontalPodAutoscalerSpec(
            scaleTargetRef: CrossVersionObjectReference(name: "web"), minReplicas: 1, maxReplicas: 1000,
            metrics: [.pods("active_tasks", .averageValue(try Quantity(parsing: "10")))],
            behavior: HorizontalPodAutoscalerBehavior(
                scaleUp: HPAScalingRules(tolerance: q),
                scaleDown: HPAScalingRules(stabilizationWindowSeconds: 0, tolerance: q))))
    }

    /// The controller's recommendation when all `replicas` pods report `valueMilli`.
    static func recommendation(_ hpa: HorizontalPodAutoscaler, replicas: Int32, valueMilli: Int64,
                               configuration: ControllerConfiguration) -> Int32? {
        let pods = (0..<Int(replicas)).map { ObservedPod(name: "web-\($0)") }
        let samples = pods.map { PodMetricSample(pod: $0.name, valueMilli: valueMilli, timestamp: .zero) }
        let observed = Observation(scale: ScaleObservation(specReplicas: replicas, statusReplicas: replicas),
                                   pods: pods, podMetrics: ["active_tasks": samples])
        var history = ScalingHistory()
        return HorizontalPodAutoscalerController(configuration: configuration)
            .reconcile(observed, hpa: hpa, history: &history, now: .zero).metricDesiredReplicas
    }

    @Test("tolerance 0.0125: the Pods dead band is exactly where the controller keeps its count",
          arguments: [37, 34])
    func toleranceAgreesWithController(kubernetesMinor: Int) throws {
        // 1.34 has HPAConfigurableTolerance off: behavior.*.tolerance is ignored for the flag's 0.1.
        var configuration = ControllerConfiguration()
        configuration.kubernetesVersion = KubernetesVersion(minor: kubernetesMinor)
        let replicas: Int32 = 100
        let hpa = try Self.podsHPA(tolerance: "0.0125")
        let (up, down) = ScalingRulesView.both(hpa.spec.behavior, configuration: configuration)
        let band = Lints(controller: configuration, pipeline: .init(), settings: .init())
            .podsDeadBand(replicas: Int(replicas), up: up, down: down)
        // Milli by milli around both edges the lint states (target 10 = 10000m).
        let lowerEdge = Int64((band.lower * 10_000).rounded()), upperEdge = Int64((band.upper * 10_000).rounded())
        var disagreements: [Int64] = []
        var changed = 0, kept = 0
        for value in Array((lowerEdge - 25)...(lowerEdge + 25)) + Array((upperEdge - 25)...(upperEdge + 25)) {
            let keeps = Self.recommendation(hpa, replicas: replicas, valueMilli: value, configuration: configuration) == replicas
            if keeps { kept += 1 } else { changed += 1 }
            if band.contains(Double(value) / 10_000) != keeps { disagreements.append(value) }
        }
        #expect(disagreements.isEmpty, "per-pod values (milli) where the lint and the controller disagree")
        #expect(changed > 0 && kept > 0)
        #expect(up.tolerance == configuration.tolerances(for: hpa.spec.behavior).scaleUp)
    }

    /// Scale-up `Max` of {Percent 10, Pods 5} per 15 s from 1 replica to `maxReplicas`.
    static func percentAndPodsHPA(maxReplicas: Int32) -> HorizontalPodAutoscaler {
        HorizontalPodAutoscaler(name: "web-hpa", spec: HorizontalPodAutoscalerSpec(
            scaleTargetRef: CrossVersionObjectReference(name: "web"), minReplicas: 1, maxReplicas: maxReplicas,
            metrics: [.resource("cpu", .utilization(60))],
            behavior: HorizontalPodAutoscalerBehavior(scaleUp: HPAScalingRules(
                stabilizationWindowSeconds: 0, selectPolicy: .max,
                policies: [HPAScalingPolicy(type: .percent, value: 10, periodSeconds: 15),
                           HPAScalingPolicy(type: .pods, value: 5, periodSeconds: 15)]))))
    }

    /// Whether deleting scale-up policy `index` leaves the controller's normalization of a
    /// recommendation of `maxReplicas` unchanged from every count in [minReplicas, maxReplicas − 1].
    static func controllerSaysDead(_ hpa: HorizontalPodAutoscaler, policy index: Int) -> Bool {
        let controller = HorizontalPodAutoscalerController()
        var without = hpa.spec
        without.behavior?.scaleUp?.policies?.remove(at: index)
        let history = ScalingHistory(recommendations: [])
        return ((hpa.spec.minReplicas ?? 1)..<hpa.spec.maxReplicas).allSatisfy { current in
            controller.normalize(recommendation: hpa.spec.maxReplicas, current: current, spec: hpa.spec,
                                 history: history, now: .zero).desired
                == controller.normalize(recommendation: hpa.spec.maxReplicas, current: current, spec: without,
                                        history: history, now: .zero).desired
        }
    }

    @Test("Percent 10 beside Pods 5: dead-policy fires exactly when the controller's limits say so",
          arguments: [55, 56] as [Int32])
    func percentOnItsBoundary(_ maxReplicas: Int32) {
        let hpa = Self.percentAndPodsHPA(maxReplicas: maxReplicas)
        let manifest = HPAManifest(hpa: hpa, apiVersion: "autoscaling/v2", location: SourceLocation(file: "hpa.yaml", line: 1))
        let fired = Lints(controller: .init(), pipeline: .init(), settings: .init())
            .run(manifest, target: nil, runtime: nil).filter { $0.lint == "dead-policy" }.map(\.field)
        let percentDead = Self.controllerSaysDead(hpa, policy: 0)
        #expect(fired.contains("spec.behavior.scaleUp.policies[0]") == percentDead)
        // Reported greedily: Pods 5 is judged against the policies still alive.
        if !percentDead {
            #expect(fired.contains("spec.behavior.scaleUp.policies[1]") == Self.controllerSaysDead(hpa, policy: 1))
        }
    }

    @Test("the boundary is float64's: from 50 replicas Percent 10 gives ceil(55.00000000000001) = 56, one more than Pods 5")
    func percentBoundaryIsReal() {
        // Below 50 replicas Pods 5 allows at least as much as Percent 10; from 50 up both are clamped to 55.
        #expect(Self.controllerSaysDead(Self.percentAndPodsHPA(maxReplicas: 55), policy: 0))
        // With room for 56, Percent 10 decides at 50 replicas only through float64 rounding (exactly, 55 = 50 + 5).
        #expect(!Self.controllerSaysDead(Self.percentAndPodsHPA(maxReplicas: 56), policy: 0))
    }

    /// The replicas the controller's normalization walks through, one sync at a time from
    /// minReplicas under a recommendation of maxReplicas (scale events stored as `reconcile`
    /// stores them), and the time at which it reaches maxReplicas; nil if it does not in 10 000 syncs.
    static func controllerWalk(_ spec: HorizontalPodAutoscalerSpec, configuration: ControllerConfiguration)
        -> (replicas: [Int], time: SimDuration)? {
        let controller = HorizontalPodAutoscalerController(configuration: configuration)
        let rules = spec.behavior.map(controller.resolvedBehavior)
        var history = ScalingHistory(recommendations: [])
        var current = spec.minReplicas ?? 1
        var replicas = [Int(current)]
        var now = SimTime.zero
        for _ in 0..<10_000 {
            let result = controller.normalize(recommendation: spec.maxReplicas, current: current, spec: spec,
                                              history: history, now: now)
            history = result.history
            if result.desired != current {
                history.storeScaleEvent(rules: rules, previous: current, new: result.desired, now: now)
                current = result.desired
                replicas.append(Int(current))
            }
            if current == spec.maxReplicas { return (replicas, now - SimTime.zero) }
            now += configuration.syncPeriod
        }
        return nil
    }

    static let walks: [(String, HorizontalPodAutoscalerBehavior?, Int32)] = [
        ("no behavior: the legacy limit max(2r, 4) each sync", nil, 100),
        ("scale-up Pods 1 per 60 s", HorizontalPodAutoscalerBehavior(scaleUp: HPAScalingRules(
            policies: [HPAScalingPolicy(type: .pods, value: 1, periodSeconds: 60)])), 20),
        ("scale-up API defaults, Max of Pods 4 and Percent 100 per 15 s",
         HorizontalPodAutoscalerBehavior(scaleUp: HPAScalingRules()), 50),
    ]

    @Test("slow-scale-up walks the path the controller's normalization walks, in the same time", arguments: walks)
    func scaleUpPathIsTheControllers(_ label: String, _ behavior: HorizontalPodAutoscalerBehavior?, _ maxReplicas: Int32) throws {
        let configuration = ControllerConfiguration()
        let spec = HorizontalPodAutoscalerSpec(scaleTargetRef: CrossVersionObjectReference(name: "web"), minReplicas: 1,
                                               maxReplicas: maxReplicas, behavior: behavior)
        let lints = Lints(controller: configuration, pipeline: .init(), settings: .init())
        let walk = lints.scaleUpPath(ScalingRulesView.both(behavior, configuration: configuration).up,
                                     minimum: 1, maximum: Int(maxReplicas))
        let controller = try #require(Self.controllerWalk(spec, configuration: configuration), "\(label)")
        #expect(walk.reached)
        #expect(walk.replicas == controller.replicas, "\(label)")
        #expect(walk.time == controller.time, "\(label)")
    }
}
