public import HPAController
import RunRecords

// The strings `kubectl describe hpa` and horizontal.go print, built from the spec and a sync
// record (../shared/spec/kubectl-describe-hpa.md, §3–§5).

enum KubectlWords {
    /// A milli-value as `resource.Quantity` prints it canonically (decimal SI): an integer
    /// mantissa with the largest exponent that is a multiple of 3 (`1334m`, `4`, `1500`, `2k`).
    static func quantity(milli: Int64) -> String {
        if milli % 1000 != 0 { return "\(milli)m" }
        var value = milli / 1000
        let suffixes = ["", "k", "M", "G", "T", "P", "E"]
        var exponent = 0
        while value != 0, value % 1000 == 0, exponent < suffixes.count - 1 { value /= 1000; exponent += 1 }
        return "\(value)\(suffixes[exponent])"
    }

    /// A sample's value (in the target's units) as a milli quantity, rounded as the controller rounds
    /// (`MilliValue()` of an exact value).
    static func milli(_ value: Double) -> Int64 { Int64((value * 1000).rounded()) }

    /// The label of a `Metrics:` line, without its trailing `:` (`resource cpu on pods  (as a
    /// percentage of request)`, `"active_tasks" on pods`), as `describeHorizontalPodAutoscalerV2`.
    static func metricLabel(_ spec: MetricSpec) -> String {
        switch spec.type {
        case .external:
            let name = spec.external?.metric.name ?? ""
            return spec.external?.target.averageValue != nil
                ? "\"\(name)\" (target average value)" : "\"\(name)\" (target value)"
        case .pods:
            return "\"\(spec.pods?.metric.name ?? "")\" on pods"
        case .object:
            let object = spec.object
            let kind = "\(object?.describedObject.kind ?? "")/\(object?.describedObject.name ?? "")"
            let ending = object?.target.type == .averageValue ? "(target average value)" : "(target value)"
            return "\"\(object?.metric.name ?? "")\" on \(kind) \(ending)"
        case .resource:
            let name = spec.resource?.name ?? ""
            return spec.resource?.target.averageValue != nil
                ? "resource \(name) on pods" : "resource \(name) on pods  (as a percentage of request)"
        case .containerResource:
            let source = spec.containerResource
            let base = "resource \(source?.name ?? "") of container \"\(source?.container ?? "")\" on pods"
            return source?.target.averageValue != nil ? base : base + "  (as a percentage of request)"
        default:
            return "<unknown metric type \"\(spec.type.rawValue)\">"
        }
    }

    /// The `current / target` of a `Metrics:` line; `<unknown>` for a missing current value.
    static func metricValues(_ spec: MetricSpec, _ sample: MetricSample?) -> String {
        let target = spec.resource?.target ?? spec.containerResource?.target ?? spec.pods?.target
            ?? spec.object?.target ?? spec.external?.target
        guard let target else { return "" }
        let targetText: String
        if target.type == .utilization, let percent = target.averageUtilization {
            targetText = "\(percent)%"
        } else {
            targetText = (target.averageValue ?? target.value).map { quantity(milli: $0.milliValue) } ?? "<unset>"
        }
        guard let sample, let current = sample.current else { return "<unknown> / \(targetText)" }
        if target.type == .utilization, target.averageUtilization != nil {
            // `<util>% (<raw average>)`: the raw average over the pods the calculation counted.
            let raw = sample.usageMilliSum.flatMap { sum in sample.readyPods > 0 ? sum / Int64(sample.readyPods) : nil }
            return "\(Int64(current))% (\(raw.map { quantity(milli: $0) } ?? "<unknown>")) / \(targetText)"
        }
        return "\(quantity(milli: milli(current))) / \(targetText)"
    }

    /// The metric's name in a rescale reason and in `ValidMetricFound` (`pods metric active_tasks`,
    /// `cpu resource utilization (percentage of request)`), as `MetricEvaluator` names it.
    static func rescaleName(_ spec: MetricSpec) -> String {
        switch spec.type {
        case .resource:
            let name = spec.resource?.name ?? ""
            return spec.resource?.target.averageValue != nil ? "\(name) resource"
                : "\(name) resource utilization (percentage of request)"
        case .containerResource:
            let name = spec.containerResource?.name ?? ""
            return spec.containerResource?.target.averageValue != nil ? "\(name) container resource"
                : "\(name) container resource utilization (percentage of request)"
        case .pods:
            return "pods metric \(spec.pods?.metric.name ?? "")"
        case .object:
            let source = spec.object
            if source?.target.type == .averageValue {
                return "external metric \(source?.metric.name ?? "")(\(source?.metric.selector.goDescription ?? "nil"))"
            }
            return "\(source?.describedObject.kind ?? "") metric \(source?.metric.name ?? "")"
        case .external:
            return "external metric \(spec.external?.metric.name ?? "")(\(spec.external?.metric.selector.goDescription ?? "nil"))"
        default:
            return spec.type.rawValue
        }
    }

    /// The index of the metric whose proposal is the recommendation: the first largest, as
    /// `computeReplicasForMetrics` keeps it.
    static func proposingMetric(_ sync: SyncRecord) -> Int? {
        var best: Int?, replicas: Int32 = 0
        for (i, sample) in sync.metrics.enumerated() {
            guard let proposal = sample.proposal else { continue }
            if best == nil || replicas == 0 || proposal > replicas { best = i; replicas = proposal }
        }
        return best
    }

    /// The message of a condition as horizontal.go writes it, its `%v`/`%d`/`%s` filled from the
    /// syncs (`lastMetrics` is the last sync, up to this one, whose metrics step ran).
    static func conditionMessage(_ condition: SyncCondition, sync: SyncRecord, lastMetrics: SyncRecord?,
                                 specs: [MetricSpec]) -> String {
        let error = failureMessage(sync.failure)
        switch condition.reason {
        case .succeededGetScale: return "the HPA controller was able to get the target's current scale"
        case .failedGetScale: return "the HPA controller was unable to get the target's current scale: \(error)"
        case .readyForNewScale: return StabilizationReason.readyForNewScale.message
        case .scaleUpStabilized: return StabilizationReason.scaleUpStabilized.message
        case .scaleDownStabilized: return StabilizationReason.scaleDownStabilized.message
        case .succeededRescale: return "the HPA controller was able to update the target scale to \(sync.desiredReplicas)"
        case .failedUpdateScale:
            return "the HPA controller was unable to update the target scale: \(error.removingPrefix("failed to rescale: "))"
        case .validMetricFound:
            let name = lastMetrics.flatMap(proposingMetric).flatMap { $0 < specs.count ? rescaleName(specs[$0]) : nil }
            return "the HPA was able to successfully calculate a replica count from \(name ?? "")"
        case .scalingDisabled: return "scaling is disabled since the replica count of the target is zero"
        case .invalidSelector: return "the HPA target's scale is missing a selector"
        case .ambiguousSelector: return "the HPA target's scale has an ambiguous selector"
        case .failedGetResourceMetric, .failedGetContainerResourceMetric, .failedGetPodsMetric,
             .failedGetObjectMetric, .failedGetExternalMetric, .invalidMetricSourceType:
            let first = (lastMetrics ?? sync).metrics.lazy.compactMap(\.error).first.map(failureMessage) ?? error
            return "the HPA was unable to compute the replica count: \(first)"
        case .desiredWithinRange: return ScalingLimitedReason.desiredWithinRange.message
        case .tooFewReplicas: return ScalingLimitedReason.tooFewReplicas.message
        case .tooManyReplicas: return ScalingLimitedReason.tooManyReplicas.message
        case .scaleUpLimit: return ScalingLimitedReason.scaleUpLimit.message
        case .scaleDownLimit: return ScalingLimitedReason.scaleDownLimit.message
        case .scaledToZero: return "the HPA controller scaled the workload to zero"
        case .notScaledToZero: return "the HPA controller did not scale the workload to zero"
        case .selectorRequired: return "selector is required"
        case .successfulRescale, .failedRescale, .failedComputeMetricsReplicas: return ""
        }
    }

    /// `Reason: message` → `message` (the form records keep failures in).
    static func failureMessage(_ failure: String?) -> String {
        guard let failure else { return "" }
        guard let colon = failure.range(of: ": ") else { return failure }
        let head = failure[..<colon.lowerBound]
        return HPAReason(rawValue: String(head)) != nil ? String(failure[colon.upperBound...]) : failure
    }

    /// The reason of a `Reason: message` failure, if it starts with one.
    static func failureReason(_ failure: String) -> HPAReason? {
        guard let colon = failure.range(of: ": ") else { return nil }
        return HPAReason(rawValue: String(failure[..<colon.lowerBound]))
    }
}

extension String {
    func removingPrefix(_ prefix: String) -> String { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self }
}

extension HPADescription {
    /// The `Metrics:` label kubectl gives `spec` (`resource cpu on pods  (as a percentage of request)`).
    public static func metricLabel(_ spec: MetricSpec) -> String { KubectlWords.metricLabel(spec) }
}
