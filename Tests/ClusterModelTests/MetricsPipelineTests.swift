@testable import ClusterModel
import RunRecords
import HPAController
import Quantities
import SimTime
import Testing

/// What the HPA sees lags what the pods do.
struct MetricsPipelineTests {
    static func hpa(_ metrics: [MetricSpec]) -> AutoscalerConfiguration {
        AutoscalerConfiguration(hpa: HorizontalPodAutoscaler(
            name: "w-hpa", spec: HorizontalPodAutoscalerSpec(scaleTargetRef: .init(name: "w"), minReplicas: 1,
                                                             maxReplicas: 5, metrics: metrics)))
    }

    static func model(metrics: MetricsPipelineConfiguration = .init(), initialPodsReady: Bool = true,
                      hpaMetrics: [MetricSpec] = [.resource("cpu", .utilization(50))]) -> Model {
        let config = SimulationConfiguration(
            duration: .minutes(10),
            deployments: [Fixture.worker("w", patterns: ["t:*"], slots: 4, baseline: ResourceUsage(cpuMilli: 100),
                                         initialPodsReady: initialPodsReady)],
            autoscalers: [hpa(hpaMetrics)],
            metrics: metrics,
            workload: WorkloadConfiguration(
                classes: [Fixture.taskClass("t", pattern: "t:*", duration: 1000,
                                            usage: ResourceUsage(cpuMilli: 400, memoryMilli: 100 * Fixture.mebibyte))],
                trace: [TraceArrival(time: .seconds(20), taskClass: "t"), TraceArrival(time: .seconds(50), taskClass: "t")]))
        return Model(configuration: config, recorder: nil)
    }

    func cpu(_ observation: Observation) -> (Int64?, SimTime?, SimDuration?) {
        guard case .success(let list) = observation.resourceMetrics, let pod = list.first else { return (nil, nil, nil) }
        return (pod.containers.first?.usage["cpu"], pod.timestamp, pod.window)
    }

    @Test("metrics-server: CPU averaged over the last resolution window, memory at the scrape")
    func resourceLag() throws {
        var model = Self.model()
        model.start()
        try model.advance(through: .seconds(29))
        // The 15 s scrape saw only the baseline; the task started at 20 s is invisible until 30 s.
        #expect(cpu(model.observation(autoscaler: 0, at: .seconds(29))) == (100, .seconds(15), .seconds(15)))
        try model.advance(through: .seconds(30))
        // (100 × 15 + 400 × 10) / 15 = 366.7 → 367 m.
        #expect(cpu(model.observation(autoscaler: 0, at: .seconds(30))) == (367, .seconds(30), .seconds(15)))
        guard case .success(let list) = model.observation(autoscaler: 0, at: .seconds(30)).resourceMetrics else {
            Issue.record("no metrics"); return
        }
        #expect(list.first?.containers.first?.usage["memory"] == 100 * Fixture.mebibyte)
        try model.advance(through: .seconds(45))
        #expect(cpu(model.observation(autoscaler: 0, at: .seconds(45))) == (500, .seconds(45), .seconds(15)))
    }

    @Test("a new container has no CPU sample until its second scrape")
    func newPodMissing() throws {
        var model = Self.model(initialPodsReady: false)
        model.start()
        // Created and started at 0 s, after that instant's scrape: 15 s is its first scrape.
        try model.advance(through: .seconds(15))
        #expect(cpu(model.observation(autoscaler: 0, at: .seconds(15))).0 == nil)
        try model.advance(through: .seconds(30))
        #expect(cpu(model.observation(autoscaler: 0, at: .seconds(30))) == (367, .seconds(30), .seconds(15)))   // with the task from 20 s
    }

    @Test("Pods metrics: Prometheus scrapes, the adapter averages the query window")
    func customLag() throws {
        let pipeline = MetricsPipelineConfiguration(custom: CustomMetricsPipeline(scrapeInterval: .seconds(30),
                                                                                  queryWindow: .seconds(60)))
        var model = Self.model(metrics: pipeline, hpaMetrics: [.pods("active_tasks", .averageValue(Quantity(milliValue: 2000)))])
        model.start()
        func sample(at t: Int64) throws -> PodMetricSample? {
            try model.advance(through: .seconds(t))
            return model.observation(autoscaler: 0, at: .seconds(t)).podMetrics["active_tasks"]?.first
        }
        func expected(_ value: Int64, _ time: Int64) -> PodMetricSample {
            PodMetricSample(pod: "w-0", valueMilli: value, timestamp: .seconds(time), window: .seconds(60))
        }
        // Scrapes at 0 (0 tasks), 30 (1 task), 60 (2 tasks), 90 (2 tasks).
        #expect(try sample(at: 29) == expected(0, 0))
        #expect(try sample(at: 59) == expected(500, 30))     // mean of 0 and 1
        #expect(try sample(at: 60) == expected(1500, 60))    // window (0 s, 60 s]: 1 and 2
        #expect(try sample(at: 90) == expected(2000, 90))
    }

    @Test("External metrics: the queue length as last polled")
    func externalPolling() throws {
        let pipeline = MetricsPipelineConfiguration(external: ExternalMetricsPipeline(pollingInterval: .seconds(30)))
        let external = MetricSpec(type: .external, external: ExternalMetricSource(
            metric: MetricIdentifier(name: "redis_queue_length"), target: .value(Quantity(milliValue: 10_000))))
        let config = SimulationConfiguration(
            duration: .minutes(2),
            deployments: [Fixture.worker("w", replicas: 0, patterns: ["t:*"])],
            autoscalers: [Self.hpa([external])],
            metrics: pipeline,
            workload: WorkloadConfiguration(classes: [Fixture.taskClass("t", pattern: "t:*")],
                                            trace: Fixture.burst("t", count: 7, at: .seconds(10))))
        var model = Model(configuration: config, recorder: nil)
        model.start()
        try model.advance(through: .seconds(29))
        #expect(model.observation(autoscaler: 0, at: .seconds(29)).externalMetrics["redis_queue_length"]?.valuesMilli == [0])
        try model.advance(through: .seconds(30))
        let sample = model.observation(autoscaler: 0, at: .seconds(30)).externalMetrics["redis_queue_length"]
        #expect(sample?.valuesMilli == [7000])
        #expect(sample?.timestamp == .seconds(30))
    }
}
