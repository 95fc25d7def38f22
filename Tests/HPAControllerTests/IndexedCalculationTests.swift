@testable import HPAController
import SimTime
import Testing
import RunRecords

/// The indexed replica calculation (samples matched to pods by position) against the
/// name-keyed one it replaces, over random pod lists: identical results and errors.
@Suite("Indexed replica calculation")
struct IndexedCalculationTests {
    struct Case {
        var pods: [ObservedPod]
        var samples: [PodSample]
        var current: Int32
        var target: Int32
        var calculator: ReplicaCalculator
    }

    static func makeCase(seed: UInt64, maxPods: Int = 8) -> Case {
        var g = SplitMix64(seed: seed)   // each seed gives the same case on every run
        let now = SimTime.seconds(600)
        let count = 1 + g.below(maxPods)
        var pods: [ObservedPod] = []
        var samples: [PodSample] = []
        for k in 0..<count {
            let phase: PodPhase = [.running, .running, .running, .pending, .failed][g.below(5)]
            let ready: ConditionStatus? = [.true, .true, .false, nil][g.below(4)]
            let start: SimTime? = g.below(6) == 0 ? nil : .seconds(Int64(g.below(600)))
            let requests: ResourceList = g.below(10) == 0 ? ["memory": 100] : ["cpu": Int64(100 + g.below(900))]
            pods.append(ObservedPod(name: "pod-\(k)", phase: phase, deleted: g.below(6) == 0, ready: ready,
                                    readyTransitionTime: .seconds(Int64(g.below(600))), startTime: start,
                                    containers: [ContainerRequests(name: "app", requests: requests)]))
            if g.below(4) != 0 {
                samples.append(PodSample(pod: "pod-\(k)", value: Int64(g.below(2000)),
                                         timestamp: .seconds(Int64(g.below(600))), window: .seconds(30)))
            }
        }
        let calculator = ReplicaCalculator(tolerances: Tolerances(), cpuInitializationPeriod: .seconds(300),
                                           initialReadinessDelay: .seconds(30), podLevelResources: false, now: now)
        return Case(pods: pods, samples: samples, current: Int32(count), target: Int32(20 + g.below(100)),
                    calculator: calculator)
    }

    static let seeds: [UInt64] = Array(0..<400)

    @Test("utilization: the indexed path equals the name-keyed path", arguments: seeds)
    func utilization(seed: UInt64) {
        let c = Self.makeCase(seed: seed)
        for resource in ["cpu", "memory"] {
            func run(_ distinct: Bool?) -> Result<ReplicaCalculation, ReplicaCalculationError> {
                Result { () throws(ReplicaCalculationError) in
                    try c.calculator.resourceUtilizationReplicas(
                        current: c.current, targetUtilization: c.target, resource: resource, container: "",
                        pods: c.pods, samples: c.samples, podNamesDistinct: distinct)
                }
            }
            #expect(run(nil) == run(false))
        }
    }

    @Test("long pod lists (checked by the name table) take the indexed path with the same results",
          arguments: Array(UInt64(1000)..<1100))
    func longLists(seed: UInt64) {
        let c = Self.makeCase(seed: seed, maxPods: 120)
        #expect(PodSampleMatch(pods: c.pods, samples: c.samples, namesDistinct: nil) != nil)
        func run(_ distinct: Bool?) -> Result<ReplicaCalculation, ReplicaCalculationError> {
            Result { () throws(ReplicaCalculationError) in
                try c.calculator.resourceUtilizationReplicas(
                    current: c.current, targetUtilization: c.target, resource: "cpu", container: "",
                    pods: c.pods, samples: c.samples, podNamesDistinct: distinct)
            }
        }
        #expect(run(nil) == run(false))
    }

    @Test("plain metrics: the indexed path equals the name-keyed path", arguments: seeds)
    func plain(seed: UInt64) {
        let c = Self.makeCase(seed: seed)
        for resource in ["cpu", nil] as [ResourceName?] {
            func run(_ distinct: Bool?) -> Result<ReplicaCalculation, ReplicaCalculationError> {
                Result { () throws(ReplicaCalculationError) in
                    try c.calculator.plainMetricReplicas(
                        current: c.current, targetAverage: Int64(c.target) * 10, resource: resource,
                        pods: c.pods, samples: c.samples, podNamesDistinct: distinct)
                }
            }
            #expect(run(nil) == run(false))
        }
    }

    @Test("the generated cases take the indexed path, and rebalance often enough to matter")
    func coverage() {
        var indexed = 0, rebalanced = 0
        for seed in Self.seeds {
            let c = Self.makeCase(seed: seed)
            if PodSampleMatch(pods: c.pods, samples: c.samples, namesDistinct: nil) != nil { indexed += 1 }
            if case .success(let calc) = Result(catching: { () throws(ReplicaCalculationError) in
                try c.calculator.plainMetricReplicas(current: c.current, targetAverage: Int64(c.target) * 10,
                                                     resource: nil, pods: c.pods, samples: c.samples)
            }), calc.rebalancedRatio != nil { rebalanced += 1 }
        }
        #expect(indexed == Self.seeds.count)
        #expect(rebalanced >= 40)
    }

    @Test("duplicate names, unknown pods and out-of-order samples take the name-keyed path")
    func fallback() {
        let pods = [ObservedPod(name: "a"), ObservedPod(name: "b")]
        func sample(_ pod: String) -> PodSample { PodSample(pod: pod, value: 1, timestamp: .zero, window: .seconds(30)) }
        #expect(PodSampleMatch(pods: pods, samples: [sample("a"), sample("b")], namesDistinct: nil) != nil)
        #expect(PodSampleMatch(pods: pods, samples: [sample("b"), sample("a")], namesDistinct: nil) == nil)
        #expect(PodSampleMatch(pods: pods, samples: [sample("a"), sample("c")], namesDistinct: nil) == nil)
        #expect(PodSampleMatch(pods: pods, samples: [sample("a"), sample("a")], namesDistinct: nil) == nil)
        #expect(PodSampleMatch(pods: pods + [ObservedPod(name: "a")], samples: [sample("a")], namesDistinct: nil) == nil)
    }
}
