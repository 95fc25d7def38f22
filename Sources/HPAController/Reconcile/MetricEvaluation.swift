public import RunRecords
/// A metric that could not be evaluated: the `ScalingActive` reason and the error text.
public struct MetricFailure: Error, Hashable, Sendable {
    /// `FailedGetResourceMetric`, ..., `InvalidMetricSourceType`.
    public var reason: HPAReason
    public var message: String
    public init(reason: HPAReason, message: String) { self.reason = reason; self.message = message }
}

/// One metric's proposal: the replica count and the name the events use.
public struct MetricProposal: Hashable, Sendable {
    public var replicas: Int32
    /// `cpu resource utilization (percentage of request)`, `pods metric qps`, ...
    public var metricName: String
    /// The aggregates the calculation used.
    public var calculation: ReplicaCalculation
    public init(replicas: Int32, metricName: String, calculation: ReplicaCalculation) {
        self.replicas = replicas; self.metricName = metricName; self.calculation = calculation
    }
}

/// One spec metric evaluated: its proposal or failure, and its status entry.
public struct MetricEvaluation: Hashable, Sendable {
    public var spec: MetricSpec
    public var outcome: Result<MetricProposal, MetricFailure> {
        didSet { aggregates = MetricAggregates(outcome) }
    }
    /// What the HPA saw (`MetricStatus.empty` when the metric failed).
    public var status: MetricStatus
    /// The proposal's numbers (nil when the metric failed), kept in step with `outcome`.
    public private(set) var aggregates: MetricAggregates?
    public init(spec: MetricSpec, outcome: Result<MetricProposal, MetricFailure>, status: MetricStatus) {
        self.spec = spec; self.outcome = outcome; self.status = status
        self.aggregates = MetricAggregates(outcome)
    }

    /// A success, its aggregates read from `proposal` before it moves into `outcome` (the
    /// public initializer copies the whole outcome to compute them).
    init(spec: MetricSpec, proposal: MetricProposal, status: MetricStatus) {
        self.spec = spec; self.status = status
        self.aggregates = MetricAggregates.of(proposal)
        self.outcome = .success(proposal)
    }

    public var proposal: MetricProposal? { if case .success(let p) = outcome { p } else { nil } }
    /// The target the metric was compared with (nil for an unknown source type).
    public var target: MetricTarget? {
        spec.resource?.target ?? spec.containerResource?.target ?? spec.pods?.target ?? spec.object?.target
            ?? spec.external?.target
    }
    public var failure: MetricFailure? { if case .failure(let f) = outcome { f } else { nil } }
}

/// A proposal's replica count and the aggregates its calculation used, as plain numbers.
///
/// The same values as ``MetricProposal/calculation`` holds, but with the pod classes counted
/// rather than listed, so a recorder reads them per sync without copying names.
public struct MetricAggregates: Hashable, Sendable {
    public var replicas: Int32
    /// Pods counted as ready (pod-based metrics), or by Object/External `Value` targets.
    public var readyPods: Int
    public var unreadyPods: Int
    public var missingPods: Int
    public var ignoredPods: Int
    /// Σ usage over the first-pass samples (pod-based metrics), milli-units.
    public var usageSum: Int64?
    /// Σ requests over the first-pass samples (Utilization only), milli-units.
    public var requestSum: Int64?
    /// The ratio the proposal came from: the rebalanced one when the rebalance ran, else the first pass's.
    public var ratio: Double?

    init?(_ outcome: Result<MetricProposal, MetricFailure>) {
        guard case .success(let proposal) = outcome else { return nil }
        self = Self.of(proposal)
    }

    private init(replicas: Int32, readyPods: Int, unreadyPods: Int, missingPods: Int, ignoredPods: Int,
                 usageSum: Int64?, requestSum: Int64?, ratio: Double?) {
        self.replicas = replicas; self.readyPods = readyPods; self.unreadyPods = unreadyPods
        self.missingPods = missingPods; self.ignoredPods = ignoredPods; self.usageSum = usageSum
        self.requestSum = requestSum; self.ratio = ratio
    }

    /// The aggregates of `proposal`, read field by field (no copy of its pod lists).
    static func of(_ proposal: MetricProposal) -> MetricAggregates {
        let hasGroups = proposal.calculation.podGroups != nil
        return MetricAggregates(
            replicas: proposal.replicas,
            readyPods: hasGroups ? proposal.calculation.podGroups?.readyCount ?? 0 : proposal.calculation.readyPodCount ?? 0,
            unreadyPods: proposal.calculation.podGroups?.unready.count ?? 0,
            missingPods: proposal.calculation.podGroups?.missing.count ?? 0,
            ignoredPods: proposal.calculation.podGroups?.ignored.count ?? 0,
            usageSum: proposal.calculation.usageSum, requestSum: proposal.calculation.requestSum,
            ratio: proposal.calculation.rebalancedRatio ?? proposal.calculation.usageRatio)
    }
}

/// Reads one metric from the observation and computes its proposal (the `computeStatusFor*`
/// functions of horizontal.go with the metrics clients of metrics/client.go).
struct MetricEvaluator {
    var calculator: ReplicaCalculator
    /// The HPA's namespace, for error messages.
    var namespace: String
    /// Checked once per sync rather than once per metric.
    let podNamesDistinct: Bool
    /// Whether the one-pass evaluations of `MetricEvaluator+Fused.swift` may answer (tests turn
    /// them off to compare them with the general path).
    var usesFusedPaths = true

    init(calculator: ReplicaCalculator, observed: Observation, namespace: String = "default") {
        self.calculator = calculator; self.namespace = namespace
        podNamesDistinct = PodSampleMatch.namesDistinct(observed.pods)
    }

    /// `spec` evaluated on `observed` (the observation the evaluator was made for: passed, not
    /// stored, so making an evaluator does not copy the observation).
    func evaluate(_ spec: MetricSpec, in observed: Observation) -> MetricEvaluation {
        do {
            let (proposal, status) = try compute(observed, spec)
            return MetricEvaluation(spec: spec, proposal: proposal, status: status)
        } catch {
            return MetricEvaluation(spec: spec, outcome: .failure(error), status: .empty)
        }
    }

    private func compute(_ observed: Observation, _ spec: MetricSpec) throws(MetricFailure) -> (MetricProposal, MetricStatus) {
        switch spec.kind {
        case .resource:
            guard let source = spec.resource else { throw invalidSource(.failedGetResourceMetric, "resource") }
            return try resource(observed, name: source.name, container: "", target: source.target,
                                reason: .failedGetResourceMetric, label: "resource", type: .resource)
        case .containerResource:
            guard let source = spec.containerResource else {
                throw invalidSource(.failedGetContainerResourceMetric, "container resource")
            }
            return try resource(observed, name: source.name, container: source.container, target: source.target,
                                reason: .failedGetContainerResourceMetric, label: "container resource",
                                type: .containerResource)
        case .pods:
            guard let source = spec.pods, let target = source.target.averageValue else {
                throw invalidSource(.failedGetPodsMetric, "pods")
            }
            let reason: HPAReason = .failedGetPodsMetric
            let calc = try wrap(reason, "") { () throws(ReplicaCalculationError) in
                if let fused = fusedPodsMetric(observed, source.metric.name, targetAverage: target.milliValue) { return fused }
                let samples = try podSamples(observed, source.metric.name)
                return try calculator.plainMetricReplicas(current: observed.scale.specReplicas, targetAverage: target.milliValue,
                                                          resource: nil, pods: observed.pods, samples: samples,
                                                          podNamesDistinct: podNamesDistinct)
            }
            let status = MetricStatus(type: .pods, metric: source.metric,
                                      current: MetricValueStatus(averageValue: calc.usage))
            return (MetricProposal(replicas: calc.replicas, metricName: spec.podsMetricName ?? "pods metric \(source.metric.name)",
                                   calculation: calc), status)
        case .object:
            guard let source = spec.object else { throw invalidSource(.failedGetObjectMetric, "object") }
            return try object(observed, source)
        case .external:
            guard let source = spec.external else { throw invalidSource(.failedGetExternalMetric, "external") }
            return try external(observed, source)
        case .unknown:
            throw MetricFailure(reason: .invalidMetricSourceType,
                                message: "unknown metric source type \"\(spec.type.rawValue)\"")
        }
    }

    private func resource(_ observed: Observation, name: ResourceName, container: String, target: MetricTarget, reason: HPAReason,
                          label: String, type: MetricSourceType) throws(MetricFailure) -> (MetricProposal, MetricStatus) {
        if let average = target.averageValue {
            let calc = try wrap(reason, "failed to get \(name) utilization: ") { () throws(ReplicaCalculationError) in
                let samples = try resourceSamples(observed, name, container: container)
                return try calculator.plainMetricReplicas(current: observed.scale.specReplicas, targetAverage: average.milliValue,
                                                          resource: name, pods: observed.pods, samples: samples,
                                                          podNamesDistinct: podNamesDistinct)
            }
            let status = MetricStatus(type: type, resourceName: name, container: container.isEmpty ? nil : container,
                                      current: MetricValueStatus(averageValue: calc.usage))
            return (MetricProposal(replicas: calc.replicas, metricName: "\(name) \(label)", calculation: calc), status)
        }
        guard let utilization = target.averageUtilization else {
            throw MetricFailure(reason: reason, message: "invalid \(label) metric source: "
                                + "neither a utilization target nor a value target was set")
        }
        let calc = try wrap(reason, "failed to get \(name) utilization: ") { () throws(ReplicaCalculationError) in
            if container.isEmpty, let fused = fusedUtilization(observed, name, targetUtilization: utilization) { return fused }
            let samples = try resourceSamples(observed, name, container: container)
            return try calculator.resourceUtilizationReplicas(
                current: observed.scale.specReplicas, targetUtilization: utilization, resource: name, container: container,
                pods: observed.pods, samples: samples, podNamesDistinct: podNamesDistinct)
        }
        let status = MetricStatus(type: type, resourceName: name, container: container.isEmpty ? nil : container,
                                  current: MetricValueStatus(averageValue: calc.rawAverage,
                                                             averageUtilization: calc.utilization))
        return (MetricProposal(replicas: calc.replicas, metricName: MetricNames.utilization(name, label: label),
                               calculation: calc), status)
    }

    private func object(_ observed: Observation, _ source: ObjectMetricSource) throws(MetricFailure) -> (MetricProposal, MetricStatus) {
        let reason: HPAReason = .failedGetObjectMetric, name = source.metric.name
        let object = source.describedObject
        if source.target.type == .value, let target = source.target.value {
            let calc = try wrap(reason, "") { () throws(ReplicaCalculationError) in
                let usage = try objectValue(observed, source)
                return try calculator.valueReplicas(current: observed.scale.specReplicas, usage: usage, target: target.milliValue,
                                                    pods: observed.pods)
            }
            let status = MetricStatus(type: .object, metric: source.metric, describedObject: object,
                                      current: MetricValueStatus(value: calc.usage))
            return (MetricProposal(replicas: calc.replicas, metricName: "\(object.kind) metric \(name)",
                                   calculation: calc), status)
        }
        if source.target.type == .averageValue, let target = source.target.averageValue {
            let calc = try wrap(reason, "failed to get \(name) object metric: ") { () throws(ReplicaCalculationError) in
                let usage = try objectValue(observed, source)
                return calculator.perPodReplicas(statusReplicas: observed.scale.statusReplicas, usage: usage,
                                                 targetAverage: target.milliValue, capsAtMaxInt32: false)
            }
            let status = MetricStatus(type: .object, metric: source.metric,
                                      current: MetricValueStatus(averageValue: calc.usage))
            return (MetricProposal(replicas: calc.replicas,
                                   metricName: "external metric \(name)(\(source.metric.selector.goDescription))",
                                   calculation: calc), status)
        }
        throw MetricFailure(reason: reason, message: "invalid object metric source: "
                            + "neither a value target nor an average value target was set")
    }

    private func external(_ observed: Observation, _ source: ExternalMetricSource) throws(MetricFailure) -> (MetricProposal, MetricStatus) {
        let reason: HPAReason = .failedGetExternalMetric, name = source.metric.name
        let displayName = "external metric \(name)(\(source.metric.selector.goDescription))"
        if let target = source.target.averageValue {
            let calc = try wrap(reason, "failed to get \(name) external metric: ") { () throws(ReplicaCalculationError) in
                let values = try externalValues(observed, source)
                return calculator.perPodReplicas(statusReplicas: observed.scale.statusReplicas,
                                                 usage: Self.sumWrappingToMax(values),
                                                 targetAverage: target.milliValue, capsAtMaxInt32: true)
            }
            let status = MetricStatus(type: .external, metric: source.metric,
                                      current: MetricValueStatus(averageValue: calc.usage))
            return (MetricProposal(replicas: calc.replicas, metricName: displayName, calculation: calc), status)
        }
        if let target = source.target.value {
            let calc = try wrap(reason, "failed to get external metric \(name): ") { () throws(ReplicaCalculationError) in
                let values = try externalValues(observed, source)
                return try calculator.valueReplicas(current: observed.scale.specReplicas, usage: Self.sumCappedAtMax(values),
                                                    target: target.milliValue, pods: observed.pods)
            }
            let status = MetricStatus(type: .external, metric: source.metric,
                                      current: MetricValueStatus(value: calc.usage))
            return (MetricProposal(replicas: calc.replicas, metricName: displayName, calculation: calc), status)
        }
        throw MetricFailure(reason: reason, message: "invalid external metric source: "
                            + "neither a value target nor an average value target was set")
    }

    // MARK: Metrics clients

    /// metrics-server per pod: a whole-pod value sums the containers (a pod with no entries, or
    /// any entry lacking the resource, is dropped); a container metric reads that container only.
    private func resourceSamples(_ observed: Observation, _ resource: ResourceName, container: String) throws(ReplicaCalculationError) -> [PodSample] {
        let items: [PodResourceMetrics]
        switch observed.resourceMetrics {
        case .failure(let error):
            throw ReplicaCalculationError("unable to get metrics for resource \(resource): "
                                          + "unable to fetch metrics from resource metrics API: \(error.message)")
        case .success(let list): items = list
        }
        guard !items.isEmpty else {
            throw ReplicaCalculationError("unable to get metrics for resource \(resource): "
                                          + "no metrics returned from resource metrics API")
        }
        var samples: [PodSample] = []
        samples.reserveCapacity(items.count)
        for item in items {
            var total: Int64 = 0
            var complete = true
            if container.isEmpty {
                complete = !item.containers.isEmpty
                for entry in item.containers {
                    guard let usage = entry.usage[resource] else { complete = false; break }
                    total &+= usage
                }
            } else if let entry = item.containers.first(where: { $0.name == container }),
                      let usage = entry.usage[resource] {
                total = usage
            } else {
                complete = false
            }
            if complete {
                samples.append(PodSample(pod: item.pod, value: total, timestamp: item.timestamp, window: item.window))
            }
        }
        return samples
    }

    private func podSamples(_ observed: Observation, _ name: String) throws(ReplicaCalculationError) -> [PodSample] {
        if let error = observed.customMetricsError {
            throw ReplicaCalculationError("unable to get metric \(name): unable to fetch metrics from custom metrics API: \(error)")
        }
        guard let list = observed.podMetrics.value(scanningFor: name), !list.isEmpty else {
            throw ReplicaCalculationError("unable to get metric \(name): no metrics returned from custom metrics API")
        }
        return list.map { PodSample(pod: $0.pod, value: $0.valueMilli, timestamp: $0.timestamp, window: $0.window) }
    }

    private func objectValue(_ observed: Observation, _ source: ObjectMetricSource) throws(ReplicaCalculationError) -> Int64 {
        let name = source.metric.name, object = source.describedObject
        if let error = observed.customMetricsError {
            throw ReplicaCalculationError("unable to get metric \(name): \(object.kind) on \(namespace) \(object.name)/"
                                          + "unable to fetch metrics from custom metrics API: \(error)")
        }
        guard let sample = observed.objectMetrics[name] else {
            throw ReplicaCalculationError("unable to get metric \(name): \(object.kind) on \(namespace) \(object.name)/"
                                          + "no metrics returned from custom metrics API")
        }
        return sample.valueMilli
    }

    private func externalValues(_ observed: Observation, _ source: ExternalMetricSource) throws(ReplicaCalculationError) -> [Int64] {
        let name = source.metric.name
        let prefix = "unable to get external metric \(namespace)/\(name)/\(source.metric.selector.goDescription): "
        if let error = observed.externalMetricsError {
            throw ReplicaCalculationError(prefix + "unable to fetch metrics from external metrics API: \(error)")
        }
        guard let sample = observed.externalMetrics[name], !sample.valuesMilli.isEmpty else {
            throw ReplicaCalculationError(prefix + "no metrics returned from external metrics API")
        }
        return sample.valuesMilli
    }

    /// External `Value`: Σ values; adding a positive value that would overflow gives `Int64.max`.
    static func sumCappedAtMax(_ values: [Int64]) -> Int64 {
        var sum: Int64 = 0
        for value in values {
            let (next, overflow) = sum.addingReportingOverflow(value)
            if overflow && value > 0 { return .max }
            sum = next
        }
        return sum
    }

    /// External `AverageValue`: Σ values in wrapping int64; a sum that wraps negative becomes `Int64.max`.
    static func sumWrappingToMax(_ values: [Int64]) -> Int64 {
        var sum: Int64 = 0
        for value in values {
            sum &+= value
            if sum < 0 { return .max }
        }
        return sum
    }

    private func invalidSource(_ reason: HPAReason, _ label: String) -> MetricFailure {
        MetricFailure(reason: reason, message: "invalid \(label) metric source: the \(label) field is not set")
    }

    /// Runs `body`; a failure becomes `reason` with `prefix` (built only then) before the message.
    private func wrap(_ reason: HPAReason, _ prefix: @autoclosure () -> String,
                      _ body: () throws(ReplicaCalculationError) -> ReplicaCalculation) throws(MetricFailure) -> ReplicaCalculation {
        do { return try body() } catch { throw MetricFailure(reason: reason, message: prefix() + error.message) }
    }
}
