public import HPASim

/// Building a scenario in code, without YAML: the few shapes a policy test needs.
/// Anything else: edit ``PolicyScenario/configuration`` (the cluster model's own types).
extension PolicyScenario {
    /// Adds a worker deployment whose pods claim tasks of `patterns` (Redis key globs).
    /// Requests are CPU millicores and memory MiB of its one container.
    public mutating func addWorker(_ name: String, replicas: Int32 = 1, cpuRequestMilli: Int64 = 500, memoryRequestMiB: Int64 = 512,
                                   patterns: [String], podWorkers: Int = 1, tasksPerWorker: Int = 1,
                                   lifecycle: PodLifecycle = PodLifecycle()) {
        let mebibyte: Int64 = 1_048_576 * 1000   // memory is kept in milli-bytes, as Quantity.milliValue gives it
        let container = ContainerTemplate(name: "main",
                                          requests: ResourceValues(cpuMilli: cpuRequestMilli, memoryMilli: memoryRequestMiB * mebibyte))
        configuration.deployments.append(DeploymentConfiguration(
            name: name, replicas: replicas, template: PodTemplate(containers: [container]), lifecycle: lifecycle,
            role: .worker(WorkerSettings(patterns: patterns, podWorkers: podWorkers, tasksPerWorker: tasksPerWorker))))
    }

    /// Adds an autoscaling/v2 HPA on CPU utilization of `target`, with an optional `behavior`.
    public mutating func addAutoscaler(_ name: String, target: String, minReplicas: Int32 = 1, maxReplicas: Int32,
                                       cpuUtilization: Int32, behavior: HorizontalPodAutoscalerBehavior? = nil) {
        let hpa = HorizontalPodAutoscaler(name: name, namespace: configuration.namespace, spec: HorizontalPodAutoscalerSpec(
            scaleTargetRef: .init(name: target), minReplicas: minReplicas, maxReplicas: maxReplicas,
            metrics: [.resource("cpu", .utilization(cpuUtilization))], behavior: behavior))
        configuration.autoscalers.append(AutoscalerConfiguration(hpa: hpa))
    }

    /// Adds a task class: its arrivals, run time (seconds), usage while running and queue-wait limit.
    public mutating func addTaskClass(_ name: String, keyPattern: String, arrivals: ArrivalProcess, duration: Distribution,
                                      cpuMilli: Int64 = 100, maxQueueWait: SimDuration? = nil) {
        var taskClass = TaskClass(name: name, keyPattern: keyPattern)
        taskClass.arrivals = arrivals
        taskClass.duration = duration
        taskClass.usage = ResourceUsage(cpuMilli: cpuMilli)
        taskClass.maxQueueWait = maxQueueWait
        configuration.workload.classes.append(taskClass)
    }

    /// Names an instant of `taskClass`'s arrivals for `reactionTime{after=NAME}`.
    public mutating func nameEvent(_ name: String, taskClass: String, _ timing: WorkloadEvent.Timing) {
        events.append(WorkloadEvent(name: name, taskClass: taskClass, timing: timing))
    }
}
