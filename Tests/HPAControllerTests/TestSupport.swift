import HPAController
import SimTime

/// A small CPU-scaled workload: `usage` millicores per pod, 500m requested each.
func cpuWorkload(replicas: Int32, usage: [Int64], specReplicas: Int32? = nil) -> Observation {
    let pods = usage.indices.map { index in
        ObservedPod(name: "pod-\(index)", containers: [ContainerRequests(name: "app", requests: ["cpu": 500])])
    }
    let metrics = usage.enumerated().map { index, value in
        PodResourceMetrics(pod: "pod-\(index)", timestamp: .zero, window: .seconds(60),
                           containers: [ContainerUsage(name: "app", usage: ["cpu": value])])
    }
    return Observation(scale: ScaleObservation(specReplicas: specReplicas ?? replicas, statusReplicas: replicas),
                       pods: pods, resourceMetrics: .success(metrics))
}

func cpuHPA(min: Int32? = 1, max: Int32 = 10, target: Int32 = 50,
            behavior: HorizontalPodAutoscalerBehavior? = nil) -> HorizontalPodAutoscaler {
    HorizontalPodAutoscaler(name: "web", spec: HorizontalPodAutoscalerSpec(
        scaleTargetRef: CrossVersionObjectReference(name: "web"), minReplicas: min, maxReplicas: max,
        metrics: [.resource("cpu", .utilization(target))], behavior: behavior))
}

/// SplitMix64: a tiny seeded generator for building random scenarios from one seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SplitMix64 {
    /// A value in `0..<n` (the plain remainder, so a seed's sequence never changes).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
