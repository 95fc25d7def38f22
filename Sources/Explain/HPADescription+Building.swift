public import HPAController
public import RunRecords
public import SimTime

extension HPADescription {
    /// Describes `hpa` from a run's records.
    ///
    /// Walks the HPA's syncs in order with a fresh `ScalingHistory`, as `simulate runs replay`
    /// does: each normalized sync goes through the controller's `normalize` again only to learn
    /// the bounds it applied and, from the remembered scale events, which policy gave the
    /// bound (`RateLimit.periodStart`, as `calculateScaleUpLimitWithScalingRules` computes it).
    ///
    /// - Parameters:
    ///   - hpa: the HPA as the run resolved it (spec, name, namespace).
    ///   - controller: the run's controller settings (the scale-down window flag, legacy limits).
    ///   - syncs: the run's sync records, in recording order (other HPAs' are skipped).
    ///   - scales: the run's scale records (their `SuccessfulRescale` messages).
    ///   - from: the first instant of the events window (default: the start).
    ///   - to: the last instant of the events window (default: `at`, else the end).
    ///   - at: the instant of the header and conditions (default: `to`, else the last sync).
    public init(hpa: HorizontalPodAutoscaler, controller: ControllerConfiguration, syncs: [SyncRecord],
                scales: [ScaleRecord], from: SimTime? = nil, to: SimTime? = nil, at: SimTime? = nil) {
        let spec = hpa.spec
        let specs = spec.effectiveMetrics
        let own = syncs.filter { $0.hpa == hpa.name }
        let end = own.last?.time ?? .zero
        let windowStart = from ?? .zero, windowEnd = to ?? at ?? end
        let instant = at ?? to ?? end
        name = hpa.name; namespace = hpa.namespace
        targetKind = spec.scaleTargetRef.kind
        reference = "\(spec.scaleTargetRef.kind)/\(spec.scaleTargetRef.name)"
        self.at = Instant(instant); self.from = Instant(windowStart); self.to = Instant(windowEnd)
        minReplicas = spec.minReplicas; maxReplicas = spec.maxReplicas
        behavior = spec.behavior.map(Behavior.init)

        var messages: [ScaleKey: String] = [:]
        for scale in scales where scale.hpa == hpa.name { messages[ScaleKey(time: scale.time, to: scale.to)] = scale.message }

        var walk = RescaleWalk(hpa: hpa, controller: HorizontalPodAutoscalerController(configuration: controller))
        var folder = EventFolder()
        var atSync: SyncRecord?, lastMetrics: SyncRecord?
        for sync in own {
            let derivation = walk.step(sync)
            if sync.time <= instant {
                atSync = sync
                if sync.metrics.contains(where: { $0.proposal != nil }) { lastMetrics = sync }
            }
            guard sync.time >= windowStart, sync.time <= windowEnd else { continue }
            for sample in sync.metrics {
                guard let error = sample.error else { continue }
                folder.add(type: .warning, reason: KubectlWords.failureReason(error)?.rawValue ?? "FailedGetMetric",
                           message: KubectlWords.failureMessage(error), at: sync.time, why: nil)
            }
            if let failure = sync.failure {
                if failure.hasPrefix("failed to query scale subresource: ") {
                    folder.add(type: .warning, reason: HPAReason.failedGetScale.rawValue,
                               message: failure.removingPrefix("failed to query scale subresource: "), at: sync.time, why: nil)
                } else if sync.recommendation == nil, KubectlWords.failureReason(failure) != nil {
                    folder.add(type: .warning, reason: HPAReason.failedComputeMetricsReplicas.rawValue,
                               message: KubectlWords.failureMessage(failure), at: sync.time, why: nil)
                }
            }
            guard let derivation else { continue }
            if sync.scaleUpdated {
                let message = messages[ScaleKey(time: sync.time, to: sync.desiredReplicas)]
                    ?? "New size: \(sync.desiredReplicas); reason: \(derivation.reason)"
                folder.add(type: .normal, reason: HPAReason.successfulRescale.rawValue, message: message,
                           at: sync.time, why: derivation.why)
            } else if let failure = sync.failure, failure.hasPrefix("failed to rescale: ") {
                let error = failure.removingPrefix("failed to rescale: ")
                folder.add(type: .warning, reason: HPAReason.failedRescale.rawValue,
                           message: "New size: \(derivation.why.to); reason: \(derivation.reason); error: \(error)",
                           at: sync.time, why: derivation.why)
            }
        }
        events = folder.rows
        currentReplicas = atSync?.currentReplicas
        desiredReplicas = atSync?.desiredReplicas
        metrics = specs.enumerated().map { i, metric in
            MetricLine(label: KubectlWords.metricLabel(metric),
                       values: KubectlWords.metricValues(metric, i < (atSync?.metrics.count ?? 0) ? atSync?.metrics[i] : nil))
        }
        conditions = (atSync?.conditions ?? []).map { condition in
            Condition(type: condition.type.rawValue, status: condition.status.rawValue, reason: condition.reason.rawValue,
                      message: atSync.map { KubectlWords.conditionMessage(condition, sync: $0, lastMetrics: lastMetrics,
                                                                         specs: specs) } ?? "")
        }
    }
}

/// A rescale is found by its time and new size (one HPA's scale records).
private struct ScaleKey: Hashable { var time: SimTime; var to: Int32 }

extension HPADescription.Behavior {
    /// As the API server stores it: both directions defaulted (`SetDefaults_HorizontalPodAutoscalerBehavior`);
    /// the scale-down window stays unset when the spec leaves it (the controller's flag fills it).
    init(_ behavior: HorizontalPodAutoscalerBehavior) {
        scaleUp = Rules(HPAScalingRules.generateScaleUpRules(behavior.scaleUp))
        scaleDown = Rules(HPAScalingRules.generateScaleDownRules(behavior.scaleDown))
    }
}

extension HPADescription.Behavior.Rules {
    init(_ rules: HPAScalingRules) {
        stabilizationWindowSeconds = rules.stabilizationWindowSeconds
        selectPolicy = rules.policies == nil ? nil : (rules.selectPolicy ?? .max).rawValue
        policies = rules.policies.map { $0.map { HPADescription.Behavior.Policy(type: $0.type.rawValue, value: $0.value,
                                                                                periodSeconds: $0.periodSeconds) } }
    }
}

/// Folds identical events (type, reason, message) as the event recorder's `EventCorrelator`
/// does: one row per distinct event with a count and its first and last time, whether or not
/// the repeats were adjacent; rows by last time, oldest first (ties in first-seen order).
struct EventFolder {
    private struct Key: Hashable { var type: EventType; var reason: String; var message: String }
    private var index: [Key: Int] = [:]
    private var folded: [HPADescription.Event] = []
    private var lastTimes: [SimTime] = []

    mutating func add(type: EventType, reason: String, message: String, at time: SimTime, why: RescaleWhy?) {
        let key = Key(type: type, reason: reason, message: message)
        if let i = index[key] {
            folded[i].count += 1
            folded[i].last = .init(time)
            lastTimes[i] = time
            if let why { folded[i].why.append(why) }
        } else {
            index[key] = folded.count
            folded.append(.init(type: type.rawValue, reason: reason, first: .init(time), last: .init(time), count: 1,
                                message: message, why: why.map { [$0] } ?? []))
            lastTimes.append(time)
        }
    }

    /// By last time, ties in first-seen order (the array's order, not the dictionary's).
    var rows: [HPADescription.Event] {
        folded.indices.sorted { (lastTimes[$0], $0) < (lastTimes[$1], $1) }.map { folded[$0] }
    }
}

extension HPADescription {
    /// Why each rescale (and failed rescale) of `hpa` was that size, oldest first: the lines
    /// ``text`` prints under its events, unfolded (the HTML report's hover text).
    public static func rescales(hpa: HorizontalPodAutoscaler, controller: ControllerConfiguration,
                                syncs: [SyncRecord]) -> [RescaleWhy] {
        var walk = RescaleWalk(hpa: hpa, controller: HorizontalPodAutoscalerController(configuration: controller))
        return syncs.filter { $0.hpa == hpa.name }.compactMap { walk.step($0)?.why }
    }
}
