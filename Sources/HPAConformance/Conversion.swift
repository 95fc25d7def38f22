import RunRecords
import HPAController
import Quantities
import SimTime

/// Conversion of vector inputs into the controller's types (README "Conventions").
///
/// Times are seconds relative to now = 0 (`-1e12` is Go's zero time, an ordinary number);
/// `null` is "absent". Resource inputs are millicores for `cpu` and base units otherwise
/// (×1000 here); custom, object and external values are already milli-units.
enum Conversion {
    /// A resource amount in the input unit → milli-units.
    static func resourceMilli(_ name: String, _ reader: JSONReader) throws(InputError) -> Int64 {
        let value = try reader.int64()
        return name == "cpu" ? value : value &* 1000
    }

    static func resourceList(_ reader: JSONReader) throws(InputError) -> ResourceList {
        var list: ResourceList = [:]
        for (name, value) in try reader.membersOrEmpty() { list[name] = try resourceMilli(name, value) }
        return list
    }

    static func controller(_ reader: JSONReader) throws(InputError) -> ControllerConfiguration {
        var config = ControllerConfiguration()
        if reader.isNull { return config }
        if let text = try reader["kubernetes_version"].optionalString() {
            guard let version = KubernetesVersion(text) else { throw reader["kubernetes_version"].error("a version like 1.35") }
            config.kubernetesVersion = version
        }
        if let v = try reader["sync_period"].optionalDouble() { config.syncPeriod = SimDuration(seconds: v) }
        if let v = try reader["tolerance"].optionalDouble() { config.tolerance = v }
        if let v = try reader["cpu_initialization_period"].optionalDouble() { config.cpuInitializationPeriod = SimDuration(seconds: v) }
        if let v = try reader["delay_of_initial_readiness_status"].optionalDouble() {
            config.initialReadinessDelay = SimDuration(seconds: v)
        }
        if let v = try reader["downscale_stabilization_window"].optionalDouble() {
            config.downscaleStabilizationWindow = SimDuration(seconds: v)
        }
        if let v = try reader["scale_up_limit_factor"].optionalDouble() { config.scaleUpLimitFactor = v }
        if let v = try reader["scale_up_limit_minimum"].optionalDouble() { config.scaleUpLimitMinimum = v }
        let gates = reader["feature_gates"]
        config.featureGates = FeatureGates(
            hpaConfigurableTolerance: try gates["HPAConfigurableTolerance"].optionalBool(),
            hpaScaleToZero: try gates["HPAScaleToZero"].optionalBool(),
            podLevelResources: try gates["PodLevelResources"].optionalBool())
        if reader["zero_replicas_semantics"].isPresent, !reader["zero_replicas_semantics"].isNull {
            config.zeroReplicasSemanticsOverride = try reader["zero_replicas_semantics"].oneOf(ZeroReplicasSemantics.self)
        }
        return config
    }

    static func pods(_ reader: JSONReader) throws(InputError) -> [ObservedPod] {
        try reader.arrayOrEmpty().map { (pod) throws(InputError) in try Conversion.pod(pod) }
    }

    static func pod(_ reader: JSONReader) throws(InputError) -> ObservedPod {
        let ready: ConditionStatus? = reader["ready"].isNull ? nil : try reader["ready"].oneOf(ConditionStatus.self)
        let phase: PodPhase = reader["phase"].isNull ? .running : try reader["phase"].oneOf(PodPhase.self)
        return ObservedPod(
            name: try reader["name"].string(), phase: phase, deleted: try reader["deleted"].bool(default: false),
            ready: ready, readyTransitionTime: try reader["ready_transition_time"].optionalTime() ?? .farPast,
            startTime: try reader["start_time"].optionalTime(),
            containers: try reader["containers"].arrayOrEmpty().map { (c) throws(InputError) in try container(c) },
            initContainers: try reader["init_containers"].arrayOrEmpty().map { (c) throws(InputError) in try container(c) },
            podRequests: reader["pod_requests"].isNull ? nil : try resourceList(reader["pod_requests"]))
    }

    static func container(_ reader: JSONReader) throws(InputError) -> ContainerRequests {
        ContainerRequests(name: try reader["name"].string(), requests: try resourceList(reader["requests"]),
                          restartable: try reader["restartable"].bool(default: false))
    }

    // MARK: Metric data

    static func resourceMetrics(_ input: JSONReader) throws(InputError) -> Result<[PodResourceMetrics], MetricsAPIError> {
        if let message = try input["resource_metrics_error"].optionalString() { return .failure(MetricsAPIError(message)) }
        return .success(try input["resource_metrics"].arrayOrEmpty().map { (item) throws(InputError) in
            PodResourceMetrics(
                pod: try item["pod"].string(), timestamp: try item["timestamp"].optionalTime() ?? .zero,
                window: item["window"].isNull ? .seconds(60) : try item["window"].duration(),
                containers: try item["containers"].arrayOrEmpty().map { (c) throws(InputError) in
                    ContainerUsage(name: try c["name"].optionalString() ?? "", usage: try resourceList(c["usage"]))
                })
        })
    }

    static func observation(_ input: JSONReader, scale: ScaleObservation) throws(InputError) -> Observation {
        var podMetrics: [String: [PodMetricSample]] = [:]
        for (name, list) in try input["pod_metrics"].membersOrEmpty() {
            podMetrics[name] = try list.arrayOrEmpty().map { (s) throws(InputError) in
                PodMetricSample(pod: try s["pod"].string(), valueMilli: try s["value_milli"].int64(),
                                timestamp: try s["timestamp"].optionalTime() ?? .zero,
                                window: s["window"].isNull ? .seconds(60) : try s["window"].duration())
            }
        }
        var objectMetrics: [String: ObjectMetricSample] = [:]
        for (name, sample) in try input["object_metrics"].membersOrEmpty() where !sample.isNull {
            objectMetrics[name] = ObjectMetricSample(valueMilli: try sample["value_milli"].int64(),
                                                     timestamp: try sample["timestamp"].optionalTime() ?? .zero)
        }
        var externalMetrics: [String: ExternalMetricSample] = [:]
        for (name, sample) in try input["external_metrics"].membersOrEmpty() where !sample.isNull {
            externalMetrics[name] = ExternalMetricSample(
                valuesMilli: try sample["values_milli"].arrayOrEmpty().map { (v) throws(InputError) in try v.int64() },
                timestamp: try sample["timestamp"].optionalTime() ?? .zero)
        }
        return Observation(scale: scale, pods: try pods(input["pods"]), resourceMetrics: try resourceMetrics(input),
                           podMetrics: podMetrics, objectMetrics: objectMetrics, externalMetrics: externalMetrics,
                           customMetricsError: try input["custom_metrics_error"].optionalString(),
                           externalMetricsError: try input["external_metrics_error"].optionalString())
    }

    // MARK: Spec

    static func metricSpec(_ reader: JSONReader) throws(InputError) -> MetricSpec {
        let type = MetricSourceType(rawValue: try reader["type"].string())
        var spec = MetricSpec(type: type)
        switch type {
        case .resource:
            let source = reader["resource"]
            if !source.isNull {
                let name = try source["name"].string()
                spec.resource = ResourceMetricSource(name: name, target: try target(source["target"], resource: name))
            }
        case .containerResource:
            let source = reader["container_resource"]
            if !source.isNull {
                let name = try source["name"].string()
                spec.containerResource = ContainerResourceMetricSource(
                    name: name, container: try source["container"].string(), target: try target(source["target"], resource: name))
            }
        case .pods:
            let source = reader["pods"]
            if !source.isNull {
                spec.pods = PodsMetricSource(metric: try identifier(source["metric"]),
                                             target: try target(source["target"], resource: nil))
            }
        case .object:
            let source = reader["object"]
            if !source.isNull {
                let object = source["described_object"]
                spec.object = ObjectMetricSource(
                    describedObject: CrossVersionObjectReference(
                        apiVersion: try object["api_version"].optionalString() ?? "apps/v1",
                        kind: try object["kind"].optionalString() ?? "", name: try object["name"].optionalString() ?? ""),
                    metric: try identifier(source["metric"]), target: try target(source["target"], resource: nil))
            }
        case .external:
            let source = reader["external"]
            if !source.isNull {
                spec.external = ExternalMetricSource(metric: try identifier(source["metric"]),
                                                     target: try target(source["target"], resource: nil))
            }
        default:
            break
        }
        return spec
    }

    static func identifier(_ reader: JSONReader) throws(InputError) -> MetricIdentifier {
        let selector = reader["selector"]
        var labelSelector: LabelSelector?
        if !selector.isNull {
            var labels: [String: String] = [:]
            for (key, value) in try selector["match_labels"].membersOrEmpty() { labels[key] = try value.string() }
            let expressions = try selector["match_expressions"].arrayOrEmpty().map { (e) throws(InputError) in
                LabelSelectorRequirement(key: try e["key"].string(), operator: try e["operator"].string(),
                                         values: try e["values"].arrayOrEmpty().map { (v) throws(InputError) in try v.string() })
            }
            labelSelector = LabelSelector(matchLabels: labels, matchExpressions: expressions)
        }
        return MetricIdentifier(name: try reader["name"].string(), selector: labelSelector)
    }

    /// A target; `average_value` / `value` of a Resource are in the resource's input unit.
    static func target(_ reader: JSONReader, resource: String?) throws(InputError) -> MetricTarget {
        // A target without `type` (`{}` in Go tests) takes the kind of the value it carries.
        let type: MetricTargetType
        if !reader["type"].isNull {
            type = try reader["type"].oneOf(MetricTargetType.self)
        } else if !reader["average_value"].isNull || !reader["average_value_milli"].isNull {
            type = .averageValue
        } else if !reader["value"].isNull || !reader["value_milli"].isNull {
            type = .value
        } else {
            type = .utilization
        }
        var target = MetricTarget(type: type)
        target.averageUtilization = try reader["average_utilization"].optionalInt32()
        func amount(_ milliKey: String, _ key: String) throws(InputError) -> Quantity? {
            if let milli = try reader[milliKey].optionalInt64() { return Quantity(milliValue: milli) }
            guard !reader[key].isNull else { return nil }
            if let resource { return Quantity(milliValue: try resourceMilli(resource, reader[key])) }
            return Quantity(milliValue: try reader[key].int64() &* 1000)
        }
        target.averageValue = try amount("average_value_milli", "average_value")
        target.value = try amount("value_milli", "value")
        return target
    }

    static func behavior(_ reader: JSONReader) throws(InputError) -> HorizontalPodAutoscalerBehavior? {
        if reader.isNull { return nil }
        return HorizontalPodAutoscalerBehavior(scaleUp: try rules(reader["scale_up"]), scaleDown: try rules(reader["scale_down"]))
    }

    static func rules(_ reader: JSONReader) throws(InputError) -> HPAScalingRules? {
        if reader.isNull { return nil }
        var rules = HPAScalingRules()
        rules.stabilizationWindowSeconds = try reader["stabilization_window_seconds"].optionalInt32()
        if !reader["select_policy"].isNull { rules.selectPolicy = try reader["select_policy"].oneOf(ScalingPolicySelect.self) }
        if !reader["policies"].isNull {
            rules.policies = try reader["policies"].array().map { (p) throws(InputError) in
                HPAScalingPolicy(type: try p["type"].oneOf(HPAScalingPolicyType.self), value: try p["value"].int32(),
                                 periodSeconds: try p["period_seconds"].int32())
            }
        }
        if let tolerance = try reader["tolerance"].optionalDouble() { rules.tolerance = quantity(tolerance) }
        return rules
    }

    /// A float as a quantity that keeps its written precision (see `approximateDouble`).
    static func quantity(_ value: Double) -> Quantity {
        var quantity = Quantity(milliValue: Int64((value * 1000).rounded(.up)))
        quantity.text = "\(value)"
        return quantity
    }

    // MARK: History and conditions

    static func recommendations(_ reader: JSONReader) throws(InputError) -> [TimestampedRecommendation]? {
        if reader.isNull { return nil }
        return try reader.array().map { (r) throws(InputError) in
            TimestampedRecommendation(replicas: try r["replicas"].int32(), time: try r["time"].time())
        }
    }

    static func events(_ reader: JSONReader) throws(InputError) -> [ScaleEvent] {
        try reader.arrayOrEmpty().map { (e) throws(InputError) in
            ScaleEvent(change: try e["change"].int32(), time: try e["time"].time(),
                       outdated: try e["outdated"].bool(default: false))
        }
    }

    static func history(_ reader: JSONReader) throws(InputError) -> ScalingHistory {
        ScalingHistory(recommendations: try recommendations(reader["recommendations"]),
                       scaleUpEvents: try events(reader["scale_up_events"]),
                       scaleDownEvents: try events(reader["scale_down_events"]))
    }

    static func conditions(_ reader: JSONReader) throws(InputError) -> [HorizontalPodAutoscalerCondition] {
        try reader.arrayOrEmpty().map { (c) throws(InputError) in
            HorizontalPodAutoscalerCondition(
                type: try c["type"].oneOf(HorizontalPodAutoscalerConditionType.self),
                status: try c["status"].oneOf(ConditionStatus.self), reason: try c["reason"].oneOf(HPAReason.self),
                message: try c["message"].optionalString() ?? "", lastTransitionTime: .farPast)
        }
    }
}
