import RunRecords
import HPAController
import SimTime

/// Controller values rendered in the vectors' output form.
enum Output {
    static func time(_ time: SimTime?) -> JSONValue { time.map { .double($0.seconds) } ?? .null }

    static func recommendations(_ list: [TimestampedRecommendation]?) -> JSONValue {
        guard let list else { return .null }
        return .array(list.map { ["replicas": .from($0.replicas), "time": time($0.time)] })
    }

    static func events(_ list: [ScaleEvent]) -> JSONValue {
        .array(list.map { ["change": .from($0.change), "time": time($0.time), "outdated": .bool($0.outdated)] })
    }

    static func conditions(_ list: [HorizontalPodAutoscalerCondition]) -> JSONValue {
        .array(list.map {
            ["type": .string($0.type.rawValue), "status": .string($0.status.rawValue), "reason": .string($0.reason.rawValue),
             "message": .string($0.message)]
        })
    }

    static func metricStatus(_ status: MetricStatus) -> JSONValue {
        var members: [String: JSONValue] = ["type": .string(status.type.rawValue)]
        if status.type.rawValue.isEmpty { return .object(members) }
        members["name"] = .string(status.name)
        if let container = status.container { members["container"] = .string(container) }
        if let value = status.current.value { members["value_milli"] = .int(value) }
        if let value = status.current.averageValue { members["average_value_milli"] = .int(value) }
        if let value = status.current.averageUtilization { members["average_utilization"] = .from(value) }
        return .object(members)
    }

    static func reconcile(_ decision: ScalingDecision, history: ScalingHistory) -> JSONValue {
        let cpu = decision.status.currentMetrics?.first {
            $0.type == .resource && $0.resourceName == "cpu" && $0.current.averageUtilization != nil
        }
        return [
            "desired_replicas": .from(decision.status.desiredReplicas),
            "current_replicas": .from(decision.status.currentReplicas),
            "scale_updated": .bool(decision.scaleUpdated),
            "scale_replicas": .from(decision.scaleReplicas),
            "rescale_attempted": .bool(decision.rescaleAttempted),
            "rescale_reason": .from(decision.rescaleReason),
            "rescale_event": .from(decision.rescaleEventMessage),
            "metric_desired_replicas": .from(decision.metricDesiredReplicas),
            "conditions": conditions(decision.status.conditions),
            "cpu_utilization": .from(cpu?.current.averageUtilization),
            "current_metrics": decision.status.currentMetrics.map { .array($0.map(metricStatus)) } ?? .null,
            "last_scale_time": time(decision.status.lastScaleTime),
            "history_after": ["recommendations": recommendations(history.recommendations),
                              "scale_up_events": events(history.scaleUpEvents),
                              "scale_down_events": events(history.scaleDownEvents)],
            "events": .array(decision.events.map {
                ["type": .string($0.type.rawValue), "reason": .string($0.reason.rawValue), "message": .string($0.message)]
            }),
        ]
    }
}
