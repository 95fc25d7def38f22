import RunRecords
public import SimTime

/// The HPA controller: one pure reconcile per sync.
///
/// **Nothing reads a clock:** `now` is a parameter, and the same inputs give the same decision.
public struct HorizontalPodAutoscalerController: Hashable, Sendable {
    public var configuration: ControllerConfiguration
    public init(configuration: ControllerConfiguration = .init()) { self.configuration = configuration }

    static let aboveMax = "Current number of replicas above Spec.MaxReplicas"
    static let belowMin = "Current number of replicas below Spec.MinReplicas"

    /// The replica calculator with this configuration's settings for one HPA.
    public func replicaCalculator(for spec: HorizontalPodAutoscalerSpec, now: SimTime) -> ReplicaCalculator {
        replicaCalculator(tolerances: configuration.tolerances(for: spec.behavior), now: now)
    }

    /// The replica calculator with this configuration's settings and explicit `tolerances`.
    func replicaCalculator(tolerances: Tolerances, now: SimTime) -> ReplicaCalculator {
        ReplicaCalculator(tolerances: tolerances,
                          cpuInitializationPeriod: configuration.cpuInitializationPeriod,
                          initialReadinessDelay: configuration.initialReadinessDelay,
                          podLevelResources: configuration.resolvedFeatureGates.podLevelResources, now: now)
    }

    /// One sync of one HPA, following `reconcileAutoscaler` in horizontal.go.
    ///
    /// Reads the scale, corrects a count outside `[min, max]` directly, otherwise computes every
    /// metric's proposal, takes the maximum, normalizes it (stabilization, limits) and decides
    /// whether to rescale. `history` gains the recommendation and, after a rescale with
    /// `behavior`, the scale event.
    public func reconcile(_ observed: Observation, hpa: HorizontalPodAutoscaler,
                          history: inout ScalingHistory, now: SimTime) -> ScalingDecision {
        var status = hpa.status
        var events: [HPAEvent] = []
        let gates = configuration.resolvedFeatureGates
        if let error = observed.scale.getError {
            events.append(HPAEvent(type: .warning, reason: .failedGetScale, message: error))
            status.setCondition(.ableToScale, .false, reason: .failedGetScale,
                                message: "the HPA controller was unable to get the target's current scale: \(error)", now: now)
            // The scale was not read: the decision leaves the target where the observation has it.
            let replicas = observed.scale.specReplicas
            var decision = ScalingDecision(currentReplicas: replicas, desiredReplicas: replicas,
                                           scaleUpdated: false, status: status, events: events)
            decision.outcome = .failedGetScale
            decision.syncError = "failed to query scale subresource: \(error)"
            decision.history = history
            return decision
        }
        status.setCondition(.ableToScale, .true, reason: .succeededGetScale,
                            message: "the HPA controller was able to get the target's current scale", now: now)
        let spec = hpa.spec
        let current = observed.scale.specReplicas
        history.recordInitialRecommendation(current, now: now)
        let minReplicas = spec.minReplicas ?? 1
        let metricSpecs = spec.effectiveMetrics
        let scaledToZero = hpa.status.condition(.scaledToZero)?.status == .true
        let hasObjectOrExternal = metricSpecs.contains { $0.kind == .object || $0.kind == .external }

        var desired: Int32 = 0
        var reason = ""
        var rescale = true
        var outcome = ReconcileOutcome.normalized
        var evaluations: [MetricEvaluation]?
        var metricDesired: Int32?
        var metricName: String?
        var normalization: NormalizationResult?
        var syncError: String?

        let computeMetrics: Bool
        if current == 0 {
            let allowed: Bool
            switch configuration.zeroReplicasSemantics {
            case .legacy: allowed = minReplicas == 0
            case .scaledToZeroCondition:
                allowed = gates.hpaScaleToZero && scaledToZero && (minReplicas != 0 || hasObjectOrExternal)
            }
            computeMetrics = allowed
            if !allowed {
                rescale = false
                outcome = .scalingDisabled
                // Kubernetes' own tests (TestScaleUpFromZero*, gate off) show a stale ScaledToZero
                // dropped here; see docs/controller.md, "Ambiguities".
                if configuration.zeroReplicasSemantics == .scaledToZeroCondition, !gates.hpaScaleToZero {
                    status.removeCondition(.scaledToZero)
                }
                status.setCondition(.scalingActive, .false, reason: .scalingDisabled,
                                    message: "scaling is disabled since the replica count of the target is zero", now: now)
            }
        } else if current > spec.maxReplicas {
            reason = Self.aboveMax; desired = spec.maxReplicas; computeMetrics = false; outcome = .replicasOutOfRange
        } else if current < minReplicas {
            reason = Self.belowMin; desired = minReplicas; computeMetrics = false; outcome = .replicasOutOfRange
        } else {
            computeMetrics = true
        }

        if computeMetrics {
            let combined = computeReplicasForMetrics(observed, spec: spec, namespace: hpa.namespace, metrics: metricSpecs, status: &status,
                                                     events: &events, now: now)
            evaluations = combined.evaluations
            metricDesired = combined.replicas
            metricName = combined.metricName
            if let failure = combined.failure {
                status.currentReplicas = current
                status.currentMetrics = combined.evaluations.map { $0.map(\.status) }
                events.append(HPAEvent(type: .warning, reason: .failedComputeMetricsReplicas, message: failure.message))
                var decision = ScalingDecision(currentReplicas: current, desiredReplicas: current,
                                               scaleUpdated: false, status: status, events: events)
                decision.outcome = .metricsFailed
                decision.metrics = evaluations
                decision.metricDesiredReplicas = -1
                decision.metricsFailure = failure
                decision.syncError = "failed to compute desired number of replicas based on listed metrics: \(failure.message)"
                decision.history = history
                return decision
            }
            syncError = combined.partialError
            var rescaleMetric = ""
            if combined.replicas > desired { desired = combined.replicas; rescaleMetric = combined.metricName ?? "" }
            if desired > current { reason = "\(rescaleMetric) above target" }
            if desired < current { reason = "All metrics below target" }
            let result = normalize(recommendation: desired, current: current, spec: spec, history: &history, now: now)
            normalization = result
            status.setCondition(.ableToScale, .true, reason: HPAReason(result.stabilizationReason),
                                message: result.stabilizationReason.message, now: now)
            status.setCondition(.scalingLimited, result.scalingLimited ? .true : .false,
                                reason: HPAReason(result.limitedReason), message: result.limitedReason.message, now: now)
            desired = result.desired
            if configuration.zeroReplicasSemantics == .scaledToZeroCondition,
               current == 0, minReplicas != 0, scaledToZero, desired < minReplicas {
                desired = minReplicas
                if reason.isEmpty { reason = Self.belowMin }
            }
            rescale = desired != current
        }

        // The decision is built once everything in it is final: built early and then changed,
        // its status and events were shared with the copies changed here, and it was copied.
        let rescaleReason: String? = rescale ? reason : nil
        func finished(desired: Int32, scaleUpdated: Bool, syncError: String?) -> ScalingDecision {
            var decision = ScalingDecision(currentReplicas: current, desiredReplicas: desired, scaleUpdated: scaleUpdated,
                                           status: status, events: events)
            decision.outcome = outcome
            decision.metrics = evaluations
            decision.metricDesiredReplicas = metricDesired
            decision.metricName = metricName
            decision.normalization = normalization
            decision.syncError = syncError
            decision.rescaleAttempted = rescale
            decision.rescaleReason = rescaleReason
            decision.scaleReplicas = desired
            decision.history = history
            return decision
        }
        if rescale {
            if let error = observed.scale.updateError {
                events.append(HPAEvent(type: .warning, reason: .failedRescale,
                                       message: "New size: \(desired); reason: \(reason); error: \(error)"))
                status.setCondition(.ableToScale, .false, reason: .failedUpdateScale,
                                    message: "the HPA controller was unable to update the target scale: \(error)", now: now)
                // `setCurrentReplicasAndMetricsInStatus` in this branch of horizontal.go: this sync's
                // replicas and metric statuses are written; desiredReplicas and lastScaleTime keep
                // their previous values.
                status.currentReplicas = current
                status.currentMetrics = evaluations.map { $0.map(\.status) }
                return finished(desired: current, scaleUpdated: false, syncError: "failed to rescale: \(error)")
            }
            status.setCondition(.ableToScale, .true, reason: .succeededRescale,
                                message: "the HPA controller was able to update the target scale to \(desired)", now: now)
            events.append(HPAEvent(type: .normal, reason: .successfulRescale, message: "New size: \(desired); reason: \(reason)"))
            history.storeScaleEvent(rules: spec.behavior.map(resolvedBehavior), previous: current, new: desired, now: now)
            if configuration.zeroReplicasSemantics == .scaledToZeroCondition {
                if gates.hpaScaleToZero {
                    if current > 0 && desired == 0 && minReplicas == 0 && hasObjectOrExternal {
                        status.setCondition(.scaledToZero, .true, reason: .scaledToZero,
                                            message: "the HPA controller scaled the workload to zero", now: now)
                    } else {
                        status.setCondition(.scaledToZero, .false, reason: .notScaledToZero,
                                            message: "the HPA controller did not scale the workload to zero", now: now)
                    }
                } else {
                    status.removeCondition(.scaledToZero)
                }
            }
            status.lastScaleTime = now
        } else {
            desired = current
        }
        status.currentReplicas = current
        status.desiredReplicas = desired
        status.currentMetrics = evaluations.map { $0.map(\.status) }
        return finished(desired: desired, scaleUpdated: rescale, syncError: syncError)
    }
}
