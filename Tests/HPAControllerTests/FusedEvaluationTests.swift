@testable import HPAController
import SimTime
import Testing
import RunRecords

/// The one-pass metric evaluations (`MetricEvaluator+Fused.swift`) against the general path,
/// over random observations: the same evaluation (proposal, aggregates, status, or failure)
/// whether or not the one-pass functions may answer.
@Suite("One-pass metric evaluation")
struct FusedEvaluationTests {
    /// A random observation: pods in every state, requests sometimes missing, metrics-server
    /// entries missing, incomplete, extra or out of order, and a Pods metric likewise.
    static func observation(seed: UInt64) -> Observation {
        var g = SplitMix64(seed: seed)   // each seed gives the same case on every run
        let now = SimTime.seconds(600)
        // Even seeds: a steady deployment (what a sync usually sees), with the odd deleting pod.
        let steady = seed % 2 == 0
        let count = 1 + g.below(8)
        let shared = [ContainerRequests(name: "app", requests: ["cpu": 500, "memory": 1_000_000]),
                      ContainerRequests(name: "sidecar", requests: ["cpu": 100, "memory": 200_000])]
        var pods: [ObservedPod] = []
        var items: [PodResourceMetrics] = []
        var custom: [PodMetricSample] = []
        for k in 0..<count {
            let phase: PodPhase = steady ? .running : [.running, .running, .running, .running, .pending, .failed][g.below(6)]
            let ready: ConditionStatus? = steady ? .true : [.true, .true, .true, .false, nil][g.below(5)]
            let start: SimTime? = steady ? .zero : g.below(8) == 0 ? nil : .seconds(Int64(g.below(600)))
            let containers = switch steady ? 2 : g.below(12) {
            case 0: [ContainerRequests(name: "app", requests: ["memory": 1_000_000])]   // no CPU request
            case 1: [ContainerRequests(name: "app", requests: ["cpu": Int64(100 + g.below(900))])]
            default: shared   // most pods share one template's list
            }
            pods.append(ObservedPod(name: "pod-\(k)", phase: phase, deleted: g.below(8) == 0, ready: ready,
                                    readyTransitionTime: .seconds(Int64(g.below(600))), startTime: start,
                                    containers: containers))
            let sampleTime = SimTime.seconds(Int64(500 + g.below(100)))
            switch steady ? 3 : g.below(10) {
            case 0: break   // no entry: a missing pod
            case 1: items.append(PodResourceMetrics(pod: "pod-\(k)", timestamp: sampleTime, window: .seconds(15),
                                                    containers: []))   // incomplete: dropped by the client
            case 2: items.append(PodResourceMetrics(pod: "pod-\(k)", timestamp: sampleTime, window: .seconds(15),
                                                    containers: [ContainerUsage(name: "app", usage: ["memory": 7])]))
            default:
                items.append(PodResourceMetrics(
                    pod: "pod-\(k)", timestamp: sampleTime, window: .seconds(15),
                    containers: [ContainerUsage(name: "app", usage: ["cpu": Int64(g.below(1200)), "memory": Int64(g.below(2_000_000))]),
                                 ContainerUsage(name: "sidecar", usage: ["cpu": 20, "memory": 100_000])]))
            }
            if steady || g.below(6) != 0 {
                custom.append(PodMetricSample(pod: "pod-\(k)", valueMilli: Int64(g.below(40_000)), timestamp: sampleTime))
            }
        }
        if g.below(10) == 0, items.count > 1 { items.swapAt(0, items.count - 1) }   // out of order
        if g.below(10) == 0, custom.count > 1 { custom.swapAt(0, custom.count - 1) }
        if g.below(12) == 0 {   // a pod the selector does not list
            items.append(PodResourceMetrics(pod: "stranger", timestamp: now, window: .seconds(15),
                                            containers: [ContainerUsage(name: "app", usage: ["cpu": 5, "memory": 5])]))
            custom.append(PodMetricSample(pod: "stranger", valueMilli: 5, timestamp: now))
        }
        let specReplicas = Int32(max(1, count - g.below(2)))
        return Observation(scale: ScaleObservation(specReplicas: specReplicas, statusReplicas: Int32(count)),
                           pods: pods, resourceMetrics: g.below(30) == 0 ? .failure(MetricsAPIError("down")) : .success(items),
                           podMetrics: g.below(30) == 0 ? [:] : ["active_tasks": custom])
    }

    static let specs: [MetricSpec] = [
        .resource("cpu", .utilization(70)), .resource("memory", .utilization(80)),
        .pods("active_tasks", .averageValue(.init(milliValue: 20_000))),
    ]

    @Test("each metric evaluates the same with and without the one-pass functions")
    func sameEvaluations() {
        var answered = 0, compared = 0
        for seed in UInt64(0)..<600 {
            let observed = Self.observation(seed: seed)
            let calculator = ReplicaCalculator(tolerances: Tolerances(), cpuInitializationPeriod: .seconds(300),
                                               initialReadinessDelay: .seconds(30), podLevelResources: false,
                                               now: .seconds(600))
            let fused = MetricEvaluator(calculator: calculator, observed: observed)
            var general = fused
            general.usesFusedPaths = false
            for spec in Self.specs {
                let expected = general.evaluate(spec, in: observed)
                #expect(fused.evaluate(spec, in: observed) == expected, "seed \(seed), \(spec.type.rawValue)")
                compared += 1
                let oneStep = spec.type == .pods
                    ? fused.fusedPodsMetric(observed, "active_tasks", targetAverage: 20_000)
                    : fused.fusedUtilization(observed, spec.resource?.name ?? "", targetUtilization: spec.resource?.target.averageUtilization ?? 0)
                if oneStep != nil { answered += 1 }
            }
        }
        // The comparison means something only if both paths answer often.
        #expect(answered > compared / 4, "the one-pass functions answered \(answered) of \(compared)")
        #expect(answered < compared, "the general path answered none")
    }
}
