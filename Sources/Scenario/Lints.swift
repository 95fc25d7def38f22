internal import HPAController
internal import ClusterModel
internal import SimTime
internal import Quantities

/// Warnings a platform engineer would thank us for: configurations that validate but do
/// not do what they seem to. Each states its formula in its explanation.
struct Lints {
    var controller: ControllerConfiguration
    var pipeline: MetricsPipelineConfiguration
    var settings: LintSettings

    static let names = ["dead-policy", "slow-scale-up", "short-scale-down-window", "pods-metric-dead-band",
                        "memory-target-unreachable", "missing-request"]

    func run(_ manifest: HPAManifest, target: WorkloadManifest?, runtime: DeploymentRuntime?) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let spec = manifest.hpa.spec
        let minimum = Int(spec.minReplicas ?? 1), maximum = Int(spec.maxReplicas)
        let (up, down) = ScalingRulesView.both(spec.behavior, configuration: controller)
        func warn(_ lint: String, _ field: String, _ message: String, _ explanation: String) {
            guard !settings.disabled.contains(lint) else { return }
            let line = manifest.fieldLines[field] ?? manifest.fieldLines[field + ".type"] ?? manifest.location.line
            out.append(Diagnostic(severity: .warning, file: manifest.location.file, line: line, field: field,
                                  message: "\(manifest.hpa.name): " + message, lint: lint, explanation: explanation))
        }
        for view in [up, down] { deadPolicies(view, minimum: minimum, maximum: maximum, warn: warn) }
        slowScaleUp(up, minimum: minimum, maximum: maximum, warn: warn)
        shortWindow(down, metrics: spec.metrics, warn: warn)
        for (i, metric) in spec.metrics.enumerated() {
            let field = "spec.metrics[\(i)]"
            if metric.type == .pods, let pods = metric.pods, let target = pods.target.averageValue {
                podsDeadBand(pods.metric.name, target: target, up: up, down: down, minimum: minimum, field: field, warn: warn)
            }
            if metric.type == .resource, let resource = metric.resource {
                resourceTargets(resource, target: target, runtime: runtime, down: down, field: field, warn: warn)
            }
        }
        return out
    }

    typealias Warn = (String, String, String, String) -> Void

    /// A policy whose removal changes no limit for any starting count in range.
    private func deadPolicies(_ view: ScalingRulesView, minimum: Int, maximum: Int, warn: Warn) {
        guard view.policiesExplicit, view.policies.count >= 2, view.select != .disabled,
              let counts = view.startingCounts(minimum: minimum, maximum: maximum) else { return }
        // Greedy: a policy is dead when removing it from the policies still alive changes no
        // limit (so of two policies that always tie, only the first is reported).
        var alive = Array(view.policies.indices)
        for (i, policy) in view.policies.enumerated() {
            let current = alive.map { view.policies[$0] }
            let others = alive.filter { $0 != i }.map { view.policies[$0] }
            guard others.count >= 1 else { continue }
            let dead = counts.allSatisfy {
                view.selected(current, from: $0, minimum: minimum, maximum: maximum)
                    == view.selected(others, from: $0, minimum: minimum, maximum: maximum)
            }
            guard dead else { continue }
            alive.removeAll { $0 == i }
            let direction = view.direction.rawValue
            let limitWord = view.direction == .scaleUp ? "up" : "down"
            warn("dead-policy", "spec.behavior.\(direction).policies[\(i)]",
                 "dead policy: \(ScalingRulesView.describe(policy)) never decides the scale-\(limitWord) limit for \(counts.lowerBound)–\(counts.upperBound) replicas under selectPolicy \(view.select.rawValue)",
                 """
                 For every starting count r in [\(counts.lowerBound), \(counts.upperBound)] the limit with this policy equals the limit without it,
                 so it can be deleted with no effect (with no scale events in the policies' periods).
                 Formula: scale-up Pods r+v, Percent ceil(r·(1+v/100)); scale-down Pods r−v, Percent trunc(r·(1−v/100));
                 selectPolicy Max takes the largest change, Min the smallest; limits are clamped to [minReplicas, maxReplicas].
                 Limits with it: \(counts.map { "\($0)→\(view.selected(view.policies, from: $0, minimum: minimum, maximum: maximum))" }.joined(separator: ", ")).
                 """)
        }
    }

    /// The replica counts from minReplicas to maxReplicas under sustained load, and how long the
    /// walk takes at least; `reached` is false when the scale-up rules stop short of maxReplicas.
    struct ScaleUpPath: Hashable {
        var replicas: [Int]
        var time: SimDuration
        var reached: Bool
    }

    /// The scale-up path under a recommendation of `maximum` at every sync: each step goes where
    /// the controller's limits allow (`ScalingRulesView.selected`). With `behavior` a step after the
    /// first waits for its binding policy's period, rounded up to whole sync periods (an event exactly
    /// `periodSeconds` old no longer counts), after the scale-up window; on the legacy path each sync
    /// takes one step.
    func scaleUpPath(_ up: ScalingRulesView, minimum: Int, maximum: Int) -> ScaleUpPath {
        let sync = max(controller.syncPeriod.microseconds, 1)
        var r = minimum
        var path = [r]
        var total: Int64 = up.window.microseconds
        var first = true
        while r < maximum {
            let next = up.selected(up.policies, from: r, minimum: minimum, maximum: maximum)
            guard next > r else { return ScaleUpPath(replicas: path, time: SimDuration(microseconds: total), reached: false) }
            if !first {
                if up.legacy {
                    total += sync
                } else if let binding = up.policies.first(where: { min(up.limit($0, from: r), maximum) == next }) ?? up.policies.first {
                    let period = Int64(binding.periodSeconds) * 1_000_000
                    total += (period + sync - 1) / sync * sync
                }
            }
            first = false
            r = next
            path.append(r)
        }
        return ScaleUpPath(replicas: path, time: SimDuration(microseconds: total), reached: true)
    }

    /// Time from minReplicas to maxReplicas under sustained load.
    private func slowScaleUp(_ up: ScalingRulesView, minimum: Int, maximum: Int, warn: Warn) {
        guard minimum < maximum else { return }
        let walk = scaleUpPath(up, minimum: minimum, maximum: maximum)
        guard walk.reached else {
            let r = walk.replicas.last ?? minimum
            warn("slow-scale-up", "spec.behavior.scaleUp",
                 "scale-up can never reach maxReplicas \(maximum): it stops at \(r) (selectPolicy \(up.select.rawValue))",
                 "The scale-up policies allow no step above \(r) replicas.")
            return
        }
        let time = walk.time
        guard time > settings.scaleUpTimeThreshold else { return }
        let formula = up.legacy
            ? """
              Formula (no spec.behavior: the controller's legacy limit): each sync allows at most
              max(scaleUpLimitFactor · r, scaleUpLimitMinimum) replicas, so T = (steps − 1) · syncPeriod.
              """
            : """
              Formula: T = scaleUp.stabilizationWindowSeconds + Σ over steps after the first of ⌈periodSeconds / syncPeriod⌉ · syncPeriod,
              where each step goes to the selected policy limit (an event exactly periodSeconds old no longer counts).
              """
        warn("slow-scale-up", "spec.behavior.scaleUp",
             "scale-up from minReplicas \(minimum) to maxReplicas \(maximum) takes at least \(time) (\(walk.replicas.map(String.init).joined(separator: " → "))), longer than \(settings.scaleUpTimeThreshold)",
             """
             Under a sustained overload the controller can add pods only as fast as the scale-up policies allow:
             a burst is served by too few pods for that long (plus pod start-up).
             \(formula)
             Threshold: lints.scaleUpTimeThreshold (\(settings.scaleUpTimeThreshold)).
             """)
    }

    /// The delay from a change in the pods to the controller acting on it, per metric type.
    func lag(of metric: MetricSpec) -> SimDuration {
        switch metric.type {
        case .resource, .containerResource:
            let name = metric.resource?.name ?? metric.containerResource?.name
            return name == "memory" ? pipeline.resource.resolution : pipeline.resource.resolution * 2
        case .pods, .object: return pipeline.custom.scrapeInterval + pipeline.custom.queryWindow
        default: return pipeline.external.pollingInterval
        }
    }

    private func shortWindow(_ down: ScalingRulesView, metrics: [MetricSpec], warn: Warn) {
        let effective = metrics.isEmpty ? HorizontalPodAutoscalerSpec.defaultMetrics : metrics
        guard let slowest = effective.max(by: { self.lag(of: $0) < self.lag(of: $1) }) else { return }
        let pipelineLag = self.lag(of: slowest) + controller.syncPeriod
        guard down.window < pipelineLag else { return }
        warn("short-scale-down-window", "spec.behavior.scaleDown.stabilizationWindowSeconds",
             "scale-down stabilization window \(down.window) is shorter than the metrics pipeline's lag \(pipelineLag) (\(slowest.type.rawValue) metric)",
             """
             The window keeps the highest recommendation of its last \(down.window); a load change reaches the controller only
             after the pipeline's lag, so a dip shorter than the lag looks sustained and the HPA removes pods it needs again.
             Formula: lag = Resource cpu 2 × resolution (a rate needs two scrapes), memory 1 × resolution; Pods/Object
             scrapeInterval + queryWindow; External pollingInterval; plus one syncPeriod. Fires when window < max lag.
             """)
    }

    /// The per-pod values of a Pods metric, as ratios to its target, at which the controller's
    /// proposal stays at `replicas` (every pod ready and reporting).
    ///
    /// `calcPlainMetricReplicas` (replica_calculator.go) keeps the count when the ratio is inside
    /// the tolerance band (closed: `1 − down ≤ ratio ≤ 1 + up`, the controller's own tolerances)
    /// or when `ceil(ratio · r) = r`, i.e. `ratio > (r − 1)/r`; so the lower edge is whichever of
    /// the two is lower, included only when it is the tolerance edge.
    struct PodsDeadBand: Hashable {
        var lower: Double
        var lowerIncluded: Bool
        var upper: Double
        func contains(_ ratio: Double) -> Bool { (lowerIncluded ? ratio >= lower : ratio > lower) && ratio <= upper }
    }

    /// The Pods dead band at `replicas` with the controller's tolerances of `up` and `down`.
    func podsDeadBand(replicas: Int, up: ScalingRulesView, down: ScalingRulesView) -> PodsDeadBand {
        let r = Double(replicas)
        let tolerated = 1 - down.tolerance, rounded = (r - 1) / r
        return PodsDeadBand(lower: min(tolerated, rounded), lowerIncluded: tolerated <= rounded, upper: 1 + up.tolerance)
    }

    private func podsDeadBand(_ name: String, target: Quantity, up: ScalingRulesView, down: ScalingRulesView,
                              minimum: Int, field: String, warn: Warn) {
        guard minimum >= 1 else { return }
        let band = podsDeadBand(replicas: minimum, up: up, down: down)
        let width = band.upper - band.lower
        guard width >= settings.podsMetricDeadBand else { return }
        let t = target.doubleValue
        func fmt(_ x: Double) -> String { abs(x - x.rounded()) < 1e-9 ? String(Int(x.rounded())) : String(format2: x) }
        warn("pods-metric-dead-band", field,
             "Pods metric \(name) is insensitive at \(minimum) replicas: nothing changes while its per-pod value stays within \(band.lowerIncluded ? "[" : "(")\(fmt(band.lower * t)), \(fmt(band.upper * t))] for target \(target.text)",
             """
             At r replicas the controller scales up only when the per-pod value exceeds (1 + tolerance) × target, and
             scales down only when ceil(ratio × r) < r and ratio < 1 − tolerance, i.e. ratio ≤ (r − 1)/r.
             Formula: band = (min(1 − tolerance, (r − 1)/r), 1 + tolerance] × target; at r = \(minimum) with tolerance
             \(fmt(down.tolerance)) it spans \(fmt(width * 100))% of the target (threshold lints.podsMetricDeadBand \(fmt(settings.podsMetricDeadBand * 100))%).
             The band is closed below ([) when 1 − tolerance is its lower edge: the controller keeps its count at exactly that ratio.
             """)
    }

    private func resourceTargets(_ resource: ResourceMetricSource, target: WorkloadManifest?, runtime: DeploymentRuntime?,
                                 down: ScalingRulesView, field: String, warn: Warn) {
        guard let workload = target else { return }
        let requests = workload.podRequests
        let request = resource.name == "cpu" ? requests.cpu : (resource.name == "memory" ? requests.memory : nil)
        if resource.target.type == .utilization, request == nil, resource.name == "cpu" || resource.name == "memory" {
            warn("missing-request", field,
                 "\(resource.name) utilization target, but a container of \(workload.name) has no \(resource.name) request",
                 "The HPA computes utilization against the pods' requests; without one it reports FailedGetResourceMetric and this metric never scales (replica_calculator.go, calculatePodRequests).")
            return
        }
        guard resource.name == "memory", let runtime, runtime.baseline.memoryMilli > 0 else { return }
        let perPodTarget: Double
        switch resource.target.type {
        case .utilization:
            guard let request, let u = resource.target.averageUtilization else { return }
            perPodTarget = Double(request.milliValue) * Double(u) / 100
        case .averageValue:
            guard let v = resource.target.averageValue else { return }
            perPodTarget = Double(v.milliValue)
        case .value:
            return
        }
        let baseline = Double(runtime.baseline.memoryMilli)
        guard perPodTarget > 0, baseline >= (1 - down.tolerance) * perPodTarget else { return }
        let mib = 1_048_576_000.0
        warn("memory-target-unreachable", field,
             "memory target \(String(format2: perPodTarget / mib))Mi per pod can never be met: an idle \(workload.name) pod already uses \(String(format2: baseline / mib))Mi",
             """
             With no task running the memory ratio is baseline / target = \(String(format2: baseline / perPodTarget)) ≥ 1 − tolerance, so the memory
             metric proposes at least the current replicas forever: once scaled up, the HPA never scales down (it takes the
             largest proposal over metrics).
             Formula: target per pod = averageUtilization/100 × Σ container memory requests (or averageValue); fires when
             deployments.\(workload.name).baseline.memory ≥ (1 − tolerance) × target.
             """)
    }
}

extension String {
    /// Two decimals, without Foundation's locale-dependent formatting.
    init(format2 x: Double) {
        let scaled = (x * 100).rounded()
        let whole = Int(scaled) / 100, frac = abs(Int(scaled) % 100)
        self = (x < 0 && whole == 0 ? "-" : "") + "\(whole)." + (frac < 10 ? "0\(frac)" : "\(frac)")
    }
}
