import SimTime
import Randomness
import HPAController

extension Model {
    /// Derives the runtime tables from the configuration (validated beforehand).
    mutating func build(streams: RandomStreams) {
        let config = configuration
        for d in config.deployments {
            deployments.append(DeploymentState(configuration: d, stream: streams.stream(named: "lifecycle.\(d.name)")))
        }
        // One Redis queue per class, claimed by every worker whose patterns match its keys.
        for (c, taskClass) in config.workload.classes.enumerated() {
            var queue = TaskQueue()
            queue.taskClass = Int32(c)
            let sampleKey = KeyPattern.key(for: taskClass.keyPattern, id: 1)
            for (d, deployment) in config.deployments.enumerated() {
                guard case .worker(let w) = deployment.role else { continue }
                if w.patterns.contains(where: { KeyPattern.matches($0, sampleKey) }) {
                    queue.servedBy.append(Int32(d))
                    deployments[d].servedQueues.append(Int32(c))
                }
            }
            queues.append(queue)
            let bursts = taskClass.arrivals.bursts.map {
                BurstGenerator(bursts: $0, stream: streams.stream(named: "bursts.\(taskClass.name)"))
            }
            classes.append(ClassState(
                configuration: taskClass,
                keys: KeyPattern.Template(taskClass.keyPattern),
                arrivals: ArrivalGenerator(schedule: taskClass.arrivals.rate,
                                           stream: streams.stream(named: "arrivals.\(taskClass.name)")),
                bursts: bursts,
                durations: streams.stream(named: "durations.\(taskClass.name)"),
                handoffs: streams.stream(named: "handoff.\(taskClass.name)"),
                accounting: ClassAccounting(significantDigits: config.results.queueWaitSignificantDigits)))
        }
        // A receiving queue per forwarding target.
        for (d, deployment) in config.deployments.enumerated() {
            guard case .worker(let w) = deployment.role, let forwarding = w.forwarding,
                  let target = config.deployments.firstIndex(where: { $0.name == forwarding.target }) else { continue }
            if deployments[target].receivingQueue == nil {
                var queue = TaskQueue()
                queue.servedBy = [Int32(target)]
                queues.append(queue)
                let q = Int32(queues.count - 1)
                deployments[target].receivingQueue = q
                deployments[target].servedQueues.append(q)
            }
            deployments[d].forwardQueue = deployments[target].receivingQueue
        }
        // Autoscalers and the metrics they read.
        let bindings = config.metrics.bindings
        func quantity(_ name: String) -> ModelQuantity? { bindings.first { $0.name == name }?.quantity }
        for a in config.autoscalers {
            guard let d = config.deployments.firstIndex(where: { $0.name == a.hpa.spec.scaleTargetRef.name }) else { continue }
            autoscalers.append(AutoscalerState(hpa: a.hpa, deployment: Int32(d)))
            deployments[d].autoscaler = Int32(autoscalers.count - 1)
            for metric in a.hpa.spec.metrics {
                if metric.type == .pods, let name = metric.pods?.metric.name, let q = quantity(name),
                   !deployments[d].podMetrics.contains(where: { $0.name == name }) {
                    deployments[d].podMetrics.append((name, q))
                } else if metric.type == .object, let name = metric.object?.metric.name, let q = quantity(name),
                          !metrics.objects.contains(where: { $0.name == name }) {
                    metrics.objects.append(.init(name: name, quantity: q, window: SampleWindow(capacity: windowCapacity)))
                } else if metric.type == .external, let name = metric.external?.metric.name, let q = quantity(name),
                          !metrics.externals.contains(where: { $0.name == name }) {
                    metrics.externals.append(.init(name: name, quantity: q))
                }
            }
        }
        // Patterns named by queue-length metrics, resolved to classes once.
        for i in metrics.objects.indices { metrics.objects[i].classes = classesMatching(metrics.objects[i].quantity) }
        for i in metrics.externals.indices { metrics.externals[i].classes = classesMatching(metrics.externals[i].quantity) }
        buildScaledObjects()
        failureStreams = MetricSource.allCases.map { streams.stream(named: "failures.\($0.rawValue)") }
        if let d = config.deployments.firstIndex(where: { if case .notifier = $0.role { true } else { false } }),
           case .notifier(let settings) = config.deployments[d].role {
            notifier = NotifierState(deployment: Int32(d), settings: settings)
        }
    }

    /// Samples a custom-metrics window keeps: enough for the adapter's query window.
    var windowCapacity: Int {
        let scrape = max(1, configuration.metrics.custom.scrapeInterval.microseconds)
        return Int(configuration.metrics.custom.queryWindow.microseconds / scrape) + 2
    }

    private func classesMatching(_ quantity: ModelQuantity) -> [Int32] {
        guard case .queueLength(let patterns) = quantity else { return [] }
        var result: [Int32] = []
        for (c, taskClass) in configuration.workload.classes.enumerated() {
            let key = KeyPattern.key(for: taskClass.keyPattern, id: 1)
            if patterns.contains(where: { KeyPattern.matches($0, key) }) { result.append(Int32(c)) }
        }
        return result
    }
}
