import RunRecords
import HPAController
import SimTime

/// One function per vector `kind`: input → every output key the README names.
enum Kinds {
    static let now = SimTime.zero

    static func controller(_ input: JSONReader) throws(InputError) -> HorizontalPodAutoscalerController {
        HorizontalPodAutoscalerController(configuration: try Conversion.controller(input["controller"]))
    }

    // MARK: replica_calc, group_pods, pod_requests

    static func replicaCalc(_ input: JSONReader) throws(InputError) -> JSONValue {
        let controller = try controller(input)
        let config = controller.configuration
        var tolerances = config.tolerances(for: nil)
        if let down = try input["tolerances"]["scale_down"].optionalDouble() { tolerances.scaleDown = down }
        if let up = try input["tolerances"]["scale_up"].optionalDouble() { tolerances.scaleUp = up }
        let current = try input["current_replicas"].int32()
        let scale = ScaleObservation(specReplicas: current, statusReplicas: try input["status_replicas"].int32(default: current))
        let observed = try Conversion.observation(input, scale: scale)
        let evaluation = controller.evaluateMetric(try Conversion.metricSpec(input["metric"]), observed: observed,
                                                   tolerances: tolerances, now: now)
        switch evaluation.outcome {
        case .success(let proposal):
            let calc = proposal.calculation
            return ["replicas": .from(proposal.replicas), "utilization": .from(calc.utilization),
                    "raw_average_milli": .from(calc.rawAverage), "usage_milli": .from(calc.usage),
                    "metric_name": .string(proposal.metricName), "error": .null, "reason": .null]
        case .failure(let failure):
            return ["replicas": .null, "error": .string(failure.message), "reason": .string(failure.reason.rawValue)]
        }
    }

    static func groupPods(_ input: JSONReader) throws(InputError) -> JSONValue {
        let config = try Conversion.controller(input["controller"])
        var samples: [String: PodSample] = [:]
        for (pod, metric) in try input["metrics"].membersOrEmpty() {
            samples[pod] = PodSample(pod: pod, value: try metric["value"].optionalInt64() ?? 0,
                                     timestamp: try metric["timestamp"].optionalTime() ?? .zero,
                                     window: metric["window"].isNull ? .seconds(60) : try metric["window"].duration())
        }
        let resource = try input["resource"].optionalString()
        let groups = PodGrouping.group(pods: try Conversion.pods(input["pods"]), samples: samples,
                                       resource: resource?.isEmpty == true ? nil : resource,
                                       cpuInitializationPeriod: config.cpuInitializationPeriod,
                                       initialReadinessDelay: config.initialReadinessDelay, now: now)
        func names(_ list: [String]) -> JSONValue { .array(list.sorted().map { .string($0) }) }
        return ["ready_count": .from(groups.readyCount), "unready": names(groups.unready),
                "missing": names(groups.missing), "ignored": names(groups.ignored)]
    }

    static func podRequests(_ input: JSONReader) throws(InputError) -> JSONValue {
        let pods = try Conversion.pods(input["pods"])
        let container = try input["container"].optionalString() ?? ""
        let resource = try input["resource"].string()
        let podLevel = try input["pod_level_resources_enabled"].bool(default: false)
        let requests: [(pod: String, request: Int64)]
        do {
            requests = try PodRequests.requests(pods: pods, container: container, resource: resource,
                                                podLevelResources: podLevel)
        } catch {
            return ["requests_milli": .null, "error": .string(error.message)]
        }
        var map: [String: JSONValue] = [:]
        for entry in requests { map[entry.pod] = .int(entry.request) }
        return ["requests_milli": .object(map), "error": .null]
    }

    // MARK: Legacy normalization pieces

    static func stabilizeLegacy(_ input: JSONReader) throws(InputError) -> JSONValue {
        var recommendations = try Conversion.recommendations(input["recommendations"]) ?? []
        let stabilized = Stabilization.legacy(prenormalized: try input["desired_replicas"].int32(),
                                              recommendations: &recommendations,
                                              window: try input["window_seconds"].duration(), now: now)
        return ["replicas": .from(stabilized), "log_length": .from(recommendations.count)]
    }

    static func convertLegacy(_ input: JSONReader) throws(InputError) -> JSONValue {
        let limits = try controller(input).convertLegacy(
            current: try input["current_replicas"].int32(), stabilized: try input["desired_replicas"].int32(),
            min: try input["min_replicas"].int32(default: 1), max: try input["max_replicas"].int32())
        return ["replicas": .from(limits.desired), "reason": .string(limits.reason.rawValue)]
    }

    // MARK: Behavior pieces

    static func stabilizeBehavior(_ input: JSONReader) throws(InputError) -> JSONValue {
        var recommendations = try Conversion.recommendations(input["recommendations"]) ?? []
        let stabilized = Stabilization.withBehavior(
            prenormalized: try input["desired_replicas"].int32(), current: try input["current_replicas"].int32(),
            recommendations: &recommendations,
            scaleUpWindowSeconds: try input["scale_up_window_seconds"].int32(default: 0),
            scaleDownWindowSeconds: try input["scale_down_window_seconds"].int32(default: 300), now: now)
        return ["replicas": .from(stabilized),
                "recommendations_after": .array(recommendations.map { .from($0.replicas) })]
    }

    static func behaviorRate(_ input: JSONReader) throws(InputError) -> JSONValue {
        let controller = try controller(input)
        let behavior = HorizontalPodAutoscalerBehavior(scaleUp: try Conversion.rules(input["scale_up"]),
                                                       scaleDown: try Conversion.rules(input["scale_down"]))
        let history = ScalingHistory(recommendations: [], scaleUpEvents: try Conversion.events(input["scale_up_events"]),
                                     scaleDownEvents: try Conversion.events(input["scale_down_events"]))
        let limits = controller.convertWithBehaviorRate(
            current: try input["current_replicas"].int32(), stabilized: try input["desired_replicas"].int32(),
            min: try input["min_replicas"].int32(default: 1), max: try input["max_replicas"].int32(),
            rules: controller.resolvedBehavior(behavior), history: history, now: now)
        return ["replicas": .from(limits.desired), "reason": .string(limits.reason.rawValue)]
    }

    static func scaleLimit(_ input: JSONReader) throws(InputError) -> JSONValue {
        let rules = (try Conversion.rules(input["rules"]) ?? HPAScalingRules()).resolved(defaultWindowSeconds: 0)
        let current = try input["current_replicas"].int32()
        let up = try Conversion.events(input["scale_up_events"]), down = try Conversion.events(input["scale_down_events"])
        let limit: Int32
        switch try input["direction"].string() {
        case "up": limit = RateLimit.scaleUpLimit(current: current, upEvents: up, downEvents: down, rules: rules, now: now)
        case "down": limit = RateLimit.scaleDownLimit(current: current, upEvents: up, downEvents: down, rules: rules, now: now)
        default: throw input["direction"].error("up or down")
        }
        return ["limit": .from(limit)]
    }

    static func storeEvent(_ input: JSONReader) throws(InputError) -> JSONValue {
        let direction = try input["direction"].string()
        guard direction == "up" || direction == "down" else { throw input["direction"].error("up or down") }
        let rules = try Conversion.rules(input["rules"])
        let before = try Conversion.events(input["events_before"])
        var history = ScalingHistory(recommendations: [], scaleUpEvents: direction == "up" ? before : [],
                                     scaleDownEvents: direction == "down" ? before : [])
        let resolved = rules.map { rules in
            direction == "up"
                ? HorizontalPodAutoscalerBehavior(scaleUp: rules).resolved(downscaleStabilizationWindowSeconds: 300)
                : HorizontalPodAutoscalerBehavior(scaleDown: rules).resolved(downscaleStabilizationWindowSeconds: 300)
        }
        let changeBefore = replicasChange(inLast: 60, events: before, now: now)
        history.storeScaleEvent(rules: resolved, previous: try input["prev_replicas"].int32(),
                                new: try input["new_replicas"].int32(), now: now)
        let after = direction == "up" ? history.scaleUpEvents : history.scaleDownEvents
        return ["change_in_last_60s_before": .from(changeBefore),
                "events_after": .array(after.map { ["change": .from($0.change), "outdated": .bool($0.outdated)] })]
    }

    // MARK: Full normalization and reconcile

    static func normalize(_ input: JSONReader) throws(InputError) -> JSONValue {
        let controller = try controller(input)
        let spec = HorizontalPodAutoscalerSpec(
            scaleTargetRef: CrossVersionObjectReference(name: "target"), minReplicas: try input["min_replicas"].optionalInt32(),
            maxReplicas: try input["max_replicas"].int32(),
            behavior: try input["kind"].string() == "normalize_legacy" ? nil : try Conversion.behavior(input["behavior"]) ?? .init())
        let history = ScalingHistory(recommendations: try Conversion.recommendations(input["recommendations"]),
                                     scaleUpEvents: try Conversion.events(input["scale_up_events"]),
                                     scaleDownEvents: try Conversion.events(input["scale_down_events"]))
        let result = controller.normalize(recommendation: try input["desired_replicas"].int32(),
                                          current: try input["current_replicas"].int32(), spec: spec,
                                          history: history, now: now)
        let conditions: JSONValue = [
            ["type": "AbleToScale", "status": "True", "reason": .string(result.stabilizationReason.rawValue)],
            ["type": "ScalingLimited", "status": .string(result.scalingLimited ? "True" : "False"),
             "reason": .string(result.limitedReason.rawValue)],
        ]
        return ["replicas": .from(result.desired), "stabilized": .from(result.stabilized),
                "reason": .string(result.limitedReason.rawValue), "conditions": conditions,
                "recommendations_after": Output.recommendations(result.history.recommendations)]
    }

    static func reconcile(_ input: JSONReader) throws(InputError) -> JSONValue {
        let controller = try controller(input)
        let hpaIn = input["hpa"], statusIn = hpaIn["status"], scaleIn = input["scale"]
        let selector: SelectorState
        switch try scaleIn["selector"].optionalString() ?? "ok" {
        case "ok": selector = .ok
        case "missing": selector = .missing
        case "unparsable": selector = .unparsable
        case "ambiguous": selector = .ambiguous
        default: throw scaleIn["selector"].error("one of ok, missing, unparsable, ambiguous")
        }
        let specReplicas = try scaleIn["spec_replicas"].int32()
        let scale = ScaleObservation(specReplicas: specReplicas,
                                     statusReplicas: try scaleIn["status_replicas"].int32(default: specReplicas),
                                     selector: selector, getError: try scaleIn["get_error"].optionalString(),
                                     updateError: try scaleIn["update_error"].optionalString())
        let observed = try Conversion.observation(input, scale: scale)
        let spec = HorizontalPodAutoscalerSpec(
            scaleTargetRef: CrossVersionObjectReference(name: "target"), minReplicas: try hpaIn["min_replicas"].optionalInt32(),
            maxReplicas: try hpaIn["max_replicas"].int32(),
            metrics: try hpaIn["metrics"].arrayOrEmpty().map { (m) throws(InputError) in try Conversion.metricSpec(m) },
            behavior: try Conversion.behavior(hpaIn["behavior"]))
        let status = HorizontalPodAutoscalerStatus(
            currentReplicas: try statusIn["current_replicas"].int32(default: 0),
            desiredReplicas: try statusIn["desired_replicas"].int32(default: 0),
            lastScaleTime: try statusIn["last_scale_time"].optionalTime(),
            conditions: try Conversion.conditions(statusIn["conditions"]))
        var history = try Conversion.history(input["history"])
        let decision = controller.reconcile(observed, hpa: HorizontalPodAutoscaler(name: "hpa", spec: spec, status: status),
                                            history: &history, now: now)
        return Output.reconcile(decision, history: history)
    }
}
