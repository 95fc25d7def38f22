import RunRecords
internal import Yams
internal import Quantities
internal import HPAController

/// `spec.metrics` of an autoscaling/v2 HPA, validated as `validateMetricSpec` does.
extension ManifestReader {
    static let metricSourceTypes = ["ContainerResource", "External", "Object", "Pods", "Resource"]

    func readMetrics(_ node: Node, _ path: FieldPath) -> [MetricSpec] {
        guard let items = reader.sequence(node, path) else { return [] }
        var metrics: [MetricSpec] = []
        for (i, item) in items.enumerated() {
            if let metric = readMetric(item, path.index(i)) { metrics.append(metric) }
        }
        return metrics
    }

    func readMetric(_ node: Node, _ path: FieldPath) -> MetricSpec? {
        let keys = ["type", "resource", "containerResource", "pods", "object", "external"]
        guard let fields = reader.fields(node, path, known: keys) else { return nil }
        var typeName = ""
        if let n = fields["type"], let s = reader.string(n, path.child("type")) { typeName = s }
        let typeLine = fields["type"].flatMap(NodeReader.line) ?? fields.line
        if typeName.isEmpty {
            reader.error(typeLine, path.child("type"), "Required value: must specify a metric source type")
        }
        let sourceField: String
        switch typeName {
        case "Resource": sourceField = "resource"
        case "ContainerResource": sourceField = "containerResource"
        case "Pods": sourceField = "pods"
        case "Object": sourceField = "object"
        case "External": sourceField = "external"
        default:
            let supported = Self.metricSourceTypes.map { "\"\($0)\"" }.joined(separator: ", ")
            reader.error(typeLine, path.child("type"), "Unsupported value: \"\(typeName)\": supported values: \(supported)")
            return nil
        }
        for other in keys.dropFirst() where other != sourceField && fields[other] != nil {
            reader.error(fields[other], path.child(other), "Forbidden: must populate the given metric source only")
        }
        guard let sourceNode = fields[sourceField], !NodeReader.isNull(sourceNode) else {
            reader.error(fields.line, path.child(sourceField), "Required value: must populate information for the given metric source")
            return nil
        }
        let sourcePath = path.child(sourceField)
        var spec = MetricSpec(type: MetricSourceType(rawValue: typeName))
        switch typeName {
        case "Resource", "ContainerResource":
            let container = typeName == "ContainerResource"
            let known = container ? ["name", "container", "target"] : ["name", "target"]
            guard let source = reader.fields(sourceNode, sourcePath, known: known) else { return nil }
            let name = source["name"].flatMap { reader.string($0, sourcePath.child("name")) } ?? ""
            if name.isEmpty { reader.error(source.line, sourcePath.child("name"), "Required value: must specify a resource name") }
            var containerName = ""
            if container {
                containerName = source["container"].flatMap { reader.string($0, sourcePath.child("container")) } ?? ""
                if containerName.isEmpty { reader.error(source.line, sourcePath.child("container"), "Required value: must specify a container") }
                if version < KubernetesVersion(major: 1, minor: 27) {
                    reader.warning(NodeReader.line(fields["type"]), path.child("type"),
                                   "ContainerResource metrics are beta from Kubernetes 1.27 (kubernetesVersion is \(version)); the HPAContainerMetrics gate must be on")
                }
            }
            guard let target = readTarget(source["target"], sourcePath.child("target"), parentLine: source.line) else { return nil }
            if target.averageUtilization == nil, target.averageValue == nil {
                reader.error(source.line, sourcePath.child("target").child("averageUtilization"),
                             "Required value: must set either a target raw value or a target utilization")
            }
            if target.averageUtilization != nil, target.averageValue != nil {
                reader.error(source.line, sourcePath.child("target").child("averageValue"),
                             "Forbidden: may not set both a target raw value and a target utilization")
            }
            if container {
                spec.containerResource = ContainerResourceMetricSource(name: name, container: containerName, target: target)
            } else {
                spec.resource = ResourceMetricSource(name: name, target: target)
            }
        case "Pods", "External":
            guard let source = reader.fields(sourceNode, sourcePath, known: ["metric", "target"]) else { return nil }
            let metric = readIdentifier(source["metric"], sourcePath.child("metric"), parentLine: source.line)
            guard let target = readTarget(source["target"], sourcePath.child("target"), parentLine: source.line) else { return nil }
            if typeName == "Pods" {
                if target.averageValue == nil {
                    reader.error(source.line, sourcePath.child("target").child("averageValue"),
                                 "Required value: must specify a positive target averageValue")
                }
                spec.pods = metric.map { PodsMetricSource(metric: $0, target: target) }
            } else {
                if target.value == nil, target.averageValue == nil {
                    reader.error(source.line, sourcePath.child("target").child("averageValue"),
                                 "Required value: must set either a target value for metric or a per-pod target")
                }
                if target.value != nil, target.averageValue != nil {
                    reader.error(source.line, sourcePath.child("target").child("value"),
                                 "Forbidden: may not set both a target value for metric and a per-pod target")
                }
                spec.external = metric.map { ExternalMetricSource(metric: $0, target: target) }
            }
        default: // Object
            guard let source = reader.fields(sourceNode, sourcePath, known: ["describedObject", "metric", "target"]) else { return nil }
            let described = readReference(source["describedObject"], sourcePath.child("describedObject"), parentLine: source.line)
            let metric = readIdentifier(source["metric"], sourcePath.child("metric"), parentLine: source.line)
            guard let target = readTarget(source["target"], sourcePath.child("target"), parentLine: source.line) else { return nil }
            if target.value == nil, target.averageValue == nil {
                reader.error(source.line, sourcePath.child("target").child("averageValue"),
                             "Required value: must set either a target value or averageValue")
            }
            if let described, let metric {
                spec.object = ObjectMetricSource(describedObject: described, metric: metric, target: target)
            }
        }
        return spec
    }

    func readIdentifier(_ node: Node?, _ path: FieldPath, parentLine: Int?) -> MetricIdentifier? {
        guard let node, !NodeReader.isNull(node) else {
            reader.error(parentLine, path.child("name"), "Required value: must specify a metric name")
            return nil
        }
        guard let fields = reader.fields(node, path, known: ["name", "selector"]) else { return nil }
        let name = fields["name"].flatMap { reader.string($0, path.child("name")) } ?? ""
        if name.isEmpty {
            reader.error(fields.line, path.child("name"), "Required value: must specify a metric name")
            return nil
        }
        if let message = Self.invalidPathSegment(name) {
            reader.error(fields["name"], path.child("name"), "Invalid value: \"\(name)\": \(message)")
        }
        var selector: LabelSelector?
        if let s = fields["selector"], !NodeReader.isNull(s),
           let sel = reader.fields(s, path.child("selector"), known: ["matchLabels", "matchExpressions"]) {
            var labels: [String: String] = [:]
            if let m = sel["matchLabels"], let f = reader.anyFields(m, path.child("selector").child("matchLabels")) {
                for key in f.orderedKeys {
                    if let v = f[key], let s = reader.string(v, path.child("selector").child("matchLabels").key(key)) { labels[key] = s }
                }
            }
            selector = LabelSelector(matchLabels: labels)
        }
        return MetricIdentifier(name: name, selector: selector)
    }

    /// `validateMetricTarget`.
    func readTarget(_ node: Node?, _ path: FieldPath, parentLine: Int?) -> MetricTarget? {
        guard let node, !NodeReader.isNull(node) else {
            reader.error(parentLine, path.child("type"), "Required value: must specify a metric target type")
            return nil
        }
        guard let fields = reader.fields(node, path, known: ["type", "value", "averageValue", "averageUtilization"]) else { return nil }
        let typeName = fields["type"].flatMap { reader.string($0, path.child("type")) } ?? ""
        let type = MetricTargetType(rawValue: typeName)
        if typeName.isEmpty {
            reader.error(fields.line, path.child("type"), "Required value: must specify a metric target type")
        }
        if type == nil {
            reader.error(fields["type"].flatMap(NodeReader.line) ?? fields.line, path.child("type"),
                         "Invalid value: \"\(typeName)\": must be either Utilization, Value, or AverageValue")
        }
        var target = MetricTarget(type: type ?? .utilization)
        var unreadable = false
        if let n = fields["value"], !NodeReader.isNull(n) {
            if let q = reader.quantity(n, path.child("value")) {
                if q.sign != 1 { reader.error(n, path.child("value"), "Invalid value: \"\(q.text)\": must be positive") }
                target.value = q
            } else { unreadable = true }
        }
        if let n = fields["averageValue"], !NodeReader.isNull(n) {
            if let q = reader.quantity(n, path.child("averageValue")) {
                if q.sign != 1 { reader.error(n, path.child("averageValue"), "Invalid value: \"\(q.text)\": must be positive") }
                target.averageValue = q
            } else { unreadable = true }
        }
        if let n = fields["averageUtilization"], !NodeReader.isNull(n), let v = reader.int32(n, path.child("averageUtilization")) {
            if v < 1 { reader.error(n, path.child("averageUtilization"), "Invalid value: \(v): must be greater than 0") }
            target.averageUtilization = v
        }
        // A quantity that does not parse fails decoding in the API server: nothing else is checked.
        return type == nil || unreadable ? nil : target
    }
}
