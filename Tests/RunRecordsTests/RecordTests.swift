import RunRecords
import SimTime
import Testing

@Suite("record types: units and Kubernetes' words")
struct RecordTests {
    @Test("a utilization is a percent of requests: kept exactly, printed with its unit")
    func utilization() {
        let u = Utilization(ratio: 0.596)
        #expect(u.description == "59.6 %")
        #expect(Utilization(percent: 59.6).formatted(digits: 2) == "59.60 %")
        #expect(Utilization(percent: 112.25).percent == 112.25)   // what the store keeps reads back equal
        #expect(Utilization(percent: 50).ratio == 0.5)
        #expect(Utilization(ratio: 0.7) < Utilization(percent: 80))
    }

    @Test("reasons print and store as Kubernetes spells them")
    func reasons() {
        #expect("\(HPAReason.scaleUpLimit)" == "ScaleUpLimit")
        #expect(HPAReason(ScalingLimitedReason.tooManyReplicas) == .tooManyReplicas)
        #expect(HPAReason(StabilizationReason.scaleDownStabilized).rawValue == "ScaleDownStabilized")
        // Every ScalingLimited and stabilization reason is a reason of the shared vocabulary, same spelling.
        for r in ScalingLimitedReason.allCases { #expect(HPAReason(r).rawValue == r.rawValue) }
        for r in StabilizationReason.allCases { #expect(HPAReason(r).rawValue == r.rawValue) }
        #expect(TaskOutcome.timedOut.rawValue == "timed_out")
        #expect(PodStatus.crashLoopBackOff.rawValue == "CrashLoopBackOff")
    }

    @Test("the summary prints utilizations in percent and durations with their unit")
    func summaryUnits() {
        let result = SimulationResult(
            duration: .minutes(10), seed: 3,
            classes: [ClassResult(name: "egress-record", arrived: 2, completed: 2,
                                  queueWait: QueueWaitSummary(count: 2, p50: .seconds(1), p95: .seconds(2),
                                                              p99: .seconds(2), max: .seconds(2), mean: .seconds(1)))],
            deployments: [DeploymentResult(name: "egress", podHours: 0.5, meanReplicas: 3, maxReplicas: 3,
                                           minReplicas: 3, timeAtMaxReplicas: .zero,
                                           meanCPUUtilization: Utilization(ratio: 0.596))],
            notifierBacklogMaximum: 0, notifications: 0, eventsProcessed: 10)
        let text = Summary(result).description
        #expect(text.contains("59.6 %"))
        #expect(!text.contains("0.60 "))
        #expect(text.contains("egress-record"))
    }
}
