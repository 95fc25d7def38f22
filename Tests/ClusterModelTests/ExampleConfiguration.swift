import ClusterModel
import RunRecords
import HPAController
import Quantities
import SimTime

/// A small rtc-egress-shaped system built in Swift: egress (HPA on CPU and active tasks),
/// the webhook notifier (HPA on pending notifications), web dispatch → web recorder.
/// The real scenario lives in `scenarios/rtc-egress/` (YAML); this one stays small for debug builds.
enum Example {
    static let mebibyte = Fixture.mebibyte

    static func configuration(seed: UInt64 = 1, duration: SimDuration = .minutes(30), egressRate: Double = 0.2,
                              egressScaleUpPods: Int32 = 2) -> SimulationConfiguration {
        let lifecycle = PodLifecycle(schedulingDelay: .constant(1), imagePull: .uniform(min: 3, max: 8),
                                     containerStart: .constant(2), applicationStartup: .constant(5))
        let probe = ReadinessProbe(initialDelaySeconds: 5, periodSeconds: 5)
        func container(cpu: Int64, memory: Int64, cpuLimit: Int64, memoryLimit: Int64, baseline: ResourceUsage) -> ContainerTemplate {
            ContainerTemplate(name: "main", requests: ResourceValues(cpuMilli: cpu, memoryMilli: memory * mebibyte),
                              limits: ResourceValues(cpuMilli: cpuLimit, memoryMilli: memoryLimit * mebibyte), baselineUsage: baseline)
        }
        let egress = DeploymentConfiguration(
            name: "egress", replicas: 3,
            template: PodTemplate(containers: [container(cpu: 500, memory: 512, cpuLimit: 2000, memoryLimit: 2048,
                                                         baseline: ResourceUsage(cpuMilli: 50, memoryMilli: 200 * mebibyte))],
                                  readinessProbe: probe, terminationGracePeriodSeconds: 120),
            lifecycle: lifecycle,
            role: .worker(WorkerSettings(patterns: ["egress:record:*", "egress:snapshot:*"], podWorkers: 4, tasksPerWorker: 1)))
        let notifier = DeploymentConfiguration(
            name: "webhook-notifier", replicas: 2,
            template: PodTemplate(containers: [container(cpu: 100, memory: 128, cpuLimit: 500, memoryLimit: 512,
                                                         baseline: ResourceUsage(cpuMilli: 10, memoryMilli: 60 * mebibyte))],
                                  readinessProbe: probe),
            lifecycle: lifecycle,
            role: .notifier(NotifierSettings(drainRatePerPod: 5, cpuMilliAtFullRate: 200, memoryMilliPerPending: mebibyte / 10)))
        let dispatch = DeploymentConfiguration(
            name: "web-dispatch", replicas: 6,
            template: PodTemplate(containers: [container(cpu: 100, memory: 128, cpuLimit: 500, memoryLimit: 512, baseline: .zero)]),
            lifecycle: lifecycle,
            role: .worker(WorkerSettings(patterns: ["egress:web:record:*", "egress:web:snapshot:*"], podWorkers: 1,
                                         forwarding: Forwarding(target: "web-recorder", handoff: .constant(1)))))
        let recorder = DeploymentConfiguration(
            name: "web-recorder", replicas: 6,
            template: PodTemplate(containers: [container(cpu: 200, memory: 256, cpuLimit: 1000, memoryLimit: 1024, baseline: .zero)]),
            lifecycle: lifecycle,
            role: .worker(WorkerSettings(patterns: [], podWorkers: 1)))
        let egressHPA = HorizontalPodAutoscaler(name: "egress-hpa", namespace: "rtc-egress", spec: HorizontalPodAutoscalerSpec(
            scaleTargetRef: .init(name: "egress"), minReplicas: 3, maxReplicas: 10,
            metrics: [.resource("cpu", .utilization(70)), .resource("memory", .utilization(80)),
                      .pods("active_tasks", .averageValue(Quantity(milliValue: 20_000)))],
            behavior: HorizontalPodAutoscalerBehavior(
                scaleUp: HPAScalingRules(stabilizationWindowSeconds: 0, selectPolicy: .min,
                                         policies: [.init(type: .percent, value: 50, periodSeconds: 60),
                                                    .init(type: .pods, value: egressScaleUpPods, periodSeconds: 60)]),
                scaleDown: HPAScalingRules(stabilizationWindowSeconds: 300, selectPolicy: .min,
                                           policies: [.init(type: .percent, value: 25, periodSeconds: 60),
                                                      .init(type: .pods, value: 1, periodSeconds: 60)]))))
        let notifierHPA = HorizontalPodAutoscaler(name: "webhook-notifier-hpa", namespace: "rtc-egress", spec: HorizontalPodAutoscalerSpec(
            scaleTargetRef: .init(name: "webhook-notifier"), minReplicas: 2, maxReplicas: 4,
            metrics: [.resource("cpu", .utilization(60)), .pods("pending_notifications", .averageValue(Quantity(milliValue: 100_000)))],
            behavior: HorizontalPodAutoscalerBehavior(
                scaleUp: HPAScalingRules(selectPolicy: .max, policies: [.init(type: .percent, value: 100, periodSeconds: 60),
                                                                        .init(type: .pods, value: 1, periodSeconds: 60)]),
                scaleDown: HPAScalingRules(stabilizationWindowSeconds: 180,
                                           policies: [.init(type: .percent, value: 50, periodSeconds: 60)]))))
        let record = TaskClass(name: "egress-record", keyPattern: "egress:record:*",
                               arrivals: .poisson(ratePerSecond: egressRate), duration: .lognormal(median: 120, p95: 600),
                               usage: ResourceUsage(cpuMilli: 300, memoryMilli: 150 * mebibyte),
                               maxQueueWait: .minutes(10))
        let snapshot = TaskClass(name: "egress-snapshot", keyPattern: "egress:snapshot:*",
                                 arrivals: .poisson(ratePerSecond: egressRate / 2), duration: .exponential(mean: 5),
                                 usage: ResourceUsage(cpuMilli: 200, memoryMilli: 50 * mebibyte))
        let web = TaskClass(name: "web-record", keyPattern: "egress:web:record:*",
                            arrivals: ArrivalProcess(rate: .constant(0.02),
                                                     bursts: Bursts(interval: .minutes(15), size: .constant(8), spread: .seconds(30))),
                            duration: .constant(240), usage: ResourceUsage(cpuMilli: 300, memoryMilli: 300 * mebibyte))
        return SimulationConfiguration(
            namespace: "rtc-egress", duration: duration, seed: seed,
            deployments: [egress, notifier, dispatch, recorder],
            autoscalers: [AutoscalerConfiguration(hpa: egressHPA),
                          AutoscalerConfiguration(hpa: notifierHPA, syncPhaseOffset: .seconds(5))],
            workload: WorkloadConfiguration(classes: [record, snapshot, web]))
    }
}
