internal import Yams
internal import Quantities
internal import HPAController

/// HorizontalPodAutoscaler decoding with the API server's validation
/// (`pkg/apis/autoscaling/validation/validation.go`), in its words.
extension ManifestReader {
    static let hpaSpecFieldsV2 = ["scaleTargetRef", "minReplicas", "maxReplicas", "metrics", "behavior"]
    static let hpaSpecFieldsV1 = ["scaleTargetRef", "minReplicas", "maxReplicas", "targetCPUUtilizationPercentage"]
    static let maxPeriodSeconds: Int32 = 1800
    static let maxStabilizationWindowSeconds: Int32 = 3600

    func readHPA(_ top: Fields, apiVersion: String, location: SourceLocation) -> HPAManifest? {
        checkTopFields(top)
        let v1 = apiVersion == "autoscaling/v1"
        switch apiVersion {
        case "autoscaling/v2":
            if version < KubernetesVersion(major: 1, minor: 23) {
                reader.error(top["apiVersion"], FieldPath("apiVersion"),
                             "Unsupported value: \"autoscaling/v2\": served from Kubernetes 1.23 (kubernetesVersion is \(version))")
            }
        case "autoscaling/v1": break
        case "autoscaling/v2beta2":
            if version >= KubernetesVersion(major: 1, minor: 26) {
                reader.error(top["apiVersion"], FieldPath("apiVersion"),
                             "Unsupported value: \"autoscaling/v2beta2\": removed in Kubernetes 1.26; use autoscaling/v2")
            } else {
                reader.warning(NodeReader.line(top["apiVersion"]), FieldPath("apiVersion"),
                               "autoscaling/v2beta2 is deprecated; autoscaling/v2 has the same fields")
            }
        default:
            reader.error(top["apiVersion"], FieldPath("apiVersion"),
                         "Unsupported value: \"\(apiVersion)\": supported values: \"autoscaling/v1\", \"autoscaling/v2\"")
            return nil
        }
        guard let (name, namespace) = readMetadata(top) else { return nil }
        let specPath = FieldPath("spec")
        guard let specNode = top["spec"] else {
            reader.error(top.line, specPath, "Required value")
            return nil
        }
        guard let spec = reader.fields(specNode, specPath, known: v1 ? Self.hpaSpecFieldsV1 : Self.hpaSpecFieldsV2) else {
            return nil
        }
        let errorsBefore = reader.diagnostics.filter { $0.severity == .error }.count

        let minimumBound: Int32 = featureGates.hpaScaleToZero ? 0 : 1
        var minReplicas: Int32?
        if let node = spec["minReplicas"], !NodeReader.isNull(node), let value = reader.int32(node, specPath.child("minReplicas")) {
            minReplicas = value
            if value < minimumBound {
                reader.error(node, specPath.child("minReplicas"),
                             "Invalid value: \(value): must be greater than or equal to \(minimumBound)")
            }
        }
        var maxReplicas: Int32 = 0
        if let node = spec["maxReplicas"], !NodeReader.isNull(node) {
            if let value = reader.int32(node, specPath.child("maxReplicas")) {
                maxReplicas = value
                if value < 1 {
                    reader.error(node, specPath.child("maxReplicas"), "Invalid value: \(value): must be greater than 0")
                }
                if let minReplicas, value < minReplicas {
                    reader.error(node, specPath.child("maxReplicas"),
                                 "Invalid value: \(value): must be greater than or equal to `minReplicas`")
                }
            }
        } else {
            reader.error(spec.line, specPath.child("maxReplicas"), "Required value")
        }
        // validateHorizontalPodAutoscalerSpec's order: replicas, scaleTargetRef, metrics, behavior.
        let ref = readReference(spec["scaleTargetRef"], specPath.child("scaleTargetRef"), parentLine: spec.line)
        var metrics: [MetricSpec] = []
        var behavior: HorizontalPodAutoscalerBehavior?
        if v1 {
            // Conversion as the API server does it (pkg/apis/autoscaling/v1/conversion.go):
            // targetCPUUtilizationPercentage becomes a Resource cpu Utilization metric; errors
            // are then reported on the converted (internal) field, as the API server reports them.
            if let node = spec["targetCPUUtilizationPercentage"], !NodeReader.isNull(node),
               let percent = reader.int32(node, specPath.child("targetCPUUtilizationPercentage")) {
                metrics = [.resource("cpu", .utilization(percent))]
                if percent < 1 {
                    reader.error(node, specPath.child("metrics").index(0).child("resource").child("target").child("averageUtilization"),
                                 "Invalid value: \(percent): must be greater than 0")
                }
            }
        } else {
            if let node = spec["metrics"], !NodeReader.isNull(node) {
                metrics = readMetrics(node, specPath.child("metrics"))
            }
            if let minReplicas, minReplicas == 0,
               !metrics.contains(where: { $0.type == .object || $0.type == .external }) {
                reader.error(spec["metrics"] ?? spec["minReplicas"], specPath.child("metrics"),
                             "Forbidden: must specify at least one Object or External metric to support scaling to zero replicas")
            }
            if let node = spec["behavior"], !NodeReader.isNull(node) {
                behavior = readBehavior(node, specPath.child("behavior"))
            }
        }
        let errorsAfter = reader.diagnostics.filter { $0.severity == .error }.count
        guard errorsAfter == errorsBefore, let ref else { return nil }
        let hpa = HorizontalPodAutoscaler(
            name: name, namespace: namespace,
            spec: HorizontalPodAutoscalerSpec(scaleTargetRef: ref, minReplicas: minReplicas, maxReplicas: maxReplicas,
                                              metrics: metrics, behavior: behavior))
        return HPAManifest(hpa: hpa, apiVersion: apiVersion, location: location, fieldLines: reader.fieldLines)
    }

    func readReference(_ node: Node?, _ path: FieldPath, parentLine: Int?) -> CrossVersionObjectReference? {
        guard let node, !NodeReader.isNull(node) else {
            reader.error(parentLine, path.child("kind"), "Required value")
            reader.error(parentLine, path.child("name"), "Required value")
            return nil
        }
        guard let fields = reader.fields(node, path, known: ["apiVersion", "kind", "name"]) else { return nil }
        var values: [String: String] = [:]
        for key in ["apiVersion", "kind", "name"] {
            if let n = fields[key], let s = reader.string(n, path.child(key)) { values[key] = s }
        }
        var ok = true
        for key in ["kind", "name"] {
            guard let value = values[key], !value.isEmpty else {
                reader.error(fields.line, path.child(key), "Required value")
                ok = false
                continue
            }
            if let message = Self.invalidPathSegment(value) {
                reader.error(fields[key], path.child(key), "Invalid value: \"\(value)\": \(message)")
                ok = false
            }
        }
        guard ok, let kind = values["kind"], let name = values["name"] else { return nil }
        return CrossVersionObjectReference(apiVersion: values["apiVersion"] ?? "", kind: kind, name: name)
    }

    /// `pathvalidation.IsValidPathSegmentName`.
    static func invalidPathSegment(_ s: String) -> String? {
        if s == "." || s == ".." { return "may not be '\(s)'" }
        for bad in ["/", "%"] where s.contains(bad) { return "may not contain '\(bad)'" }
        return nil
    }

    // MARK: behavior

    func readBehavior(_ node: Node, _ path: FieldPath) -> HorizontalPodAutoscalerBehavior? {
        guard let fields = reader.fields(node, path, known: ["scaleUp", "scaleDown"]) else { return nil }
        var behavior = HorizontalPodAutoscalerBehavior()
        if let up = fields["scaleUp"], !NodeReader.isNull(up) { behavior.scaleUp = readRules(up, path.child("scaleUp")) }
        if let down = fields["scaleDown"], !NodeReader.isNull(down) { behavior.scaleDown = readRules(down, path.child("scaleDown")) }
        return behavior
    }

    func readRules(_ node: Node, _ path: FieldPath) -> HPAScalingRules? {
        guard let fields = reader.fields(node, path, known: ["stabilizationWindowSeconds", "selectPolicy", "policies", "tolerance"]) else {
            return nil
        }
        var rules = HPAScalingRules()
        if let n = fields["stabilizationWindowSeconds"], !NodeReader.isNull(n),
           let v = reader.int32(n, path.child("stabilizationWindowSeconds")) {
            if v < 0 {
                reader.error(n, path.child("stabilizationWindowSeconds"), "Invalid value: \(v): must be greater than or equal to zero")
            } else if v > Self.maxStabilizationWindowSeconds {
                reader.error(n, path.child("stabilizationWindowSeconds"),
                             "Invalid value: \(v): must be less than or equal to \(Self.maxStabilizationWindowSeconds)")
            }
            rules.stabilizationWindowSeconds = v
        }
        if let n = fields["selectPolicy"], !NodeReader.isNull(n), let s = reader.string(n, path.child("selectPolicy")) {
            if let select = ScalingPolicySelect(rawValue: s) {
                rules.selectPolicy = select
            } else {
                reader.error(n, path.child("selectPolicy"),
                             "Unsupported value: \"\(s)\": supported values: \"Disabled\", \"Max\", \"Min\"")
            }
        }
        let policiesPath = path.child("policies")
        if let n = fields["policies"], !NodeReader.isNull(n), let items = reader.sequence(n, policiesPath) {
            if items.isEmpty { reader.error(n, policiesPath, "Required value: must specify at least one Policy") }
            var policies: [HPAScalingPolicy] = []
            for (i, item) in items.enumerated() {
                if let policy = readPolicy(item, policiesPath.index(i)) { policies.append(policy) }
            }
            rules.policies = policies
        } else {
            // Validation runs after defaulting, which fills absent policies; only an explicit
            // empty list fails ("must specify at least one Policy").
        }
        if let n = fields["tolerance"], !NodeReader.isNull(n) {
            let line = NodeReader.line(n)
            if version < KubernetesVersion(major: 1, minor: 33) {
                reader.warning(line, path.child("tolerance"),
                               "field added in Kubernetes 1.33 (kubernetesVersion is \(version)); the API server drops it")
            } else if !featureGates.hpaConfigurableTolerance {
                reader.warning(line, path.child("tolerance"),
                               "needs the HPAConfigurableTolerance feature gate (off by default in \(version)); the API server drops it")
            }
            if let q = reader.quantity(n, path.child("tolerance")) {
                if q.sign < 0 {
                    reader.error(n, path.child("tolerance"), "Invalid value: \"\(q.text)\": must be greater than or equal to 0")
                } else if version >= KubernetesVersion(major: 1, minor: 33), featureGates.hpaConfigurableTolerance {
                    rules.tolerance = q
                }
            }
        }
        return rules
    }

    func readPolicy(_ node: Node, _ path: FieldPath) -> HPAScalingPolicy? {
        guard let fields = reader.fields(node, path, known: ["type", "value", "periodSeconds"]) else { return nil }
        var type: HPAScalingPolicyType?
        if let n = fields["type"], let s = reader.string(n, path.child("type")) {
            type = HPAScalingPolicyType(rawValue: s)
            if type == nil {
                reader.error(n, path.child("type"), "Unsupported value: \"\(s)\": supported values: \"Percent\", \"Pods\"")
            }
        } else if fields["type"] == nil {
            reader.error(fields.line, path.child("type"), "Unsupported value: \"\": supported values: \"Percent\", \"Pods\"")
        }
        // An absent field is Go's zero value; an unreadable one was already reported.
        let value: Int32? = fields["value"].map { reader.int32($0, path.child("value")) } ?? 0
        if let value, value <= 0 {
            reader.error(fields["value"].flatMap(NodeReader.line) ?? fields.line, path.child("value"),
                         "Invalid value: \(value): must be greater than zero")
        }
        let period: Int32? = fields["periodSeconds"].map { reader.int32($0, path.child("periodSeconds")) } ?? 0
        let periodLine = fields["periodSeconds"].flatMap(NodeReader.line) ?? fields.line
        if let period, period <= 0 {
            reader.error(periodLine, path.child("periodSeconds"), "Invalid value: \(period): must be greater than zero")
        }
        if let period, period > Self.maxPeriodSeconds {
            reader.error(periodLine, path.child("periodSeconds"),
                         "Invalid value: \(period): must be less than or equal to \(Self.maxPeriodSeconds)")
        }
        guard let type, let value, let period else { return nil }
        return HPAScalingPolicy(type: type, value: value, periodSeconds: period)
    }
}
