internal import Yams
internal import HPAController
internal import KEDA

/// `keda.sh/v1alpha1` `ScaledObject` decoding, field by field (`scaledobject_types.go`).
///
/// Type errors are reported as the API server reports them against the CRD's schema; the
/// schema's bounds, KEDA's admission webhook and reconcile-time errors are checked later,
/// with the workloads and HPAs in view (``ScenarioConversion``). Fields the simulator does
/// not model are accepted with a note; the connection fields (address, auth) are ignored with a note.
extension ManifestReader {
    static let scaledObjectSpecFields = ["scaleTargetRef", "pollingInterval", "cooldownPeriod", "initialCooldownPeriod",
                                         "idleReplicaCount", "minReplicaCount", "maxReplicaCount", "fallback", "advanced",
                                         "triggers"]
    /// Redis trigger metadata about the connection, not the list: read by KEDA, ignored here.
    static let redisConnectionFields = ["address", "addressFromEnv", "host", "hostFromEnv", "port", "portFromEnv",
                                        "username", "usernameFromEnv", "password", "passwordFromEnv", "databaseIndex",
                                        "enableTLS", "unsafeSsl", "tls", "ca", "cert", "key", "keyPassword"]
    static let redisListFields = ["listName", "listLength", "activationListLength"]

    func readScaledObject(_ top: Fields, apiVersion: String, location: SourceLocation) -> ScaledObjectManifest? {
        checkTopFields(top)
        guard apiVersion == "keda.sh/v1alpha1" else {
            reader.error(top["apiVersion"], FieldPath("apiVersion"),
                         "Unsupported value: \"\(apiVersion)\": supported values: \"keda.sh/v1alpha1\"")
            return nil
        }
        guard let (name, namespace) = readMetadata(top) else { return nil }
        var labels: [String: String] = [:], annotations: [String: String] = [:]
        if let meta = top["metadata"].flatMap({ reader.anyFields($0, FieldPath("metadata")) }) {
            labels = stringMap(meta["labels"], FieldPath("metadata.labels"))
            annotations = stringMap(meta["annotations"], FieldPath("metadata.annotations"))
        }
        let specPath = FieldPath("spec")
        guard let specNode = top["spec"], let spec = reader.fields(specNode, specPath, known: Self.scaledObjectSpecFields) else {
            if top["spec"] == nil { reader.error(top.line, specPath, "Required value") }
            return nil
        }
        let errorsBefore = reader.diagnostics.filter { $0.severity == .error }.count
        func int32(_ key: String) -> Int32? {
            guard let node = spec[key], !NodeReader.isNull(node) else { return nil }
            return reader.int32(node, specPath.child(key))
        }
        var ref = CrossVersionObjectReference(apiVersion: "", kind: "", name: "")
        if let node = spec["scaleTargetRef"], let f = reader.fields(node, specPath.child("scaleTargetRef"),
                                                                    known: ["apiVersion", "kind", "name", "envSourceContainerName"]) {
            for key in ["apiVersion", "kind", "name"] {
                guard let n = f[key], let s = reader.string(n, specPath.child("scaleTargetRef").child(key)) else { continue }
                switch key {
                case "apiVersion": ref.apiVersion = s
                case "kind": ref.kind = s
                default: ref.name = s
                }
            }
            if f["envSourceContainerName"] != nil {
                reader.note(f.keyLines["envSourceContainerName"], "spec.scaleTargetRef.envSourceContainerName accepted and ignored: the connection fields are not modelled")
            }
        } else if spec["scaleTargetRef"] == nil {
            reader.error(spec.line, specPath.child("scaleTargetRef"), "Required value")
        }
        var so = ScaledObject(name: name, namespace: namespace, labels: labels, annotations: annotations,
                              scaleTargetRef: ref, pollingInterval: int32("pollingInterval"),
                              cooldownPeriod: int32("cooldownPeriod"), initialCooldownPeriod: int32("initialCooldownPeriod"),
                              idleReplicaCount: int32("idleReplicaCount"), minReplicaCount: int32("minReplicaCount"),
                              maxReplicaCount: int32("maxReplicaCount"), triggers: [])
        if let node = spec["fallback"], !NodeReader.isNull(node) { so.fallback = readFallback(node, specPath.child("fallback")) }
        if let node = spec["advanced"], !NodeReader.isNull(node) {
            so.horizontalPodAutoscalerConfig = readAdvanced(node, specPath.child("advanced"))
        }
        if let node = spec["triggers"], let items = reader.sequence(node, specPath.child("triggers")) {
            for (i, item) in items.enumerated() {
                if let trigger = readTrigger(item, specPath.child("triggers").index(i)) { so.triggers.append(trigger) }
            }
        } else if spec["triggers"] == nil {
            reader.error(spec.line, specPath.child("triggers"), "Required value")
        }
        let errorsAfter = reader.diagnostics.filter { $0.severity == .error }.count
        guard errorsAfter == errorsBefore else { return nil }
        return ScaledObjectManifest(scaledObject: so, location: location, fieldLines: reader.fieldLines)
    }

    /// The JSON type a plain YAML scalar resolves to when it is not a string.
    static func nonStringType(_ text: String) -> String? {
        if Int64(text) != nil { return "integer" }
        if Double(text) != nil, text.first.map({ $0.isNumber || $0 == "-" || $0 == "." || $0 == "+" }) == true { return "number" }
        if ["true", "True", "TRUE", "false", "False", "FALSE"].contains(text) { return "boolean" }
        return nil
    }

    private func readFallback(_ node: Node, _ path: FieldPath) -> Fallback? {
        guard let f = reader.fields(node, path, known: ["failureThreshold", "replicas", "behavior"]) else { return nil }
        var threshold: Int32 = 0, replicas: Int32 = 0
        if let n = f["failureThreshold"], let v = reader.int32(n, path.child("failureThreshold")) { threshold = v } else if f["failureThreshold"] == nil {
            reader.error(f.line, path.child("failureThreshold"), "Required value")
        }
        if let n = f["replicas"], let v = reader.int32(n, path.child("replicas")) { replicas = v } else if f["replicas"] == nil {
            reader.error(f.line, path.child("replicas"), "Required value")
        }
        var behavior = FallbackBehavior.static
        if let n = f["behavior"], !NodeReader.isNull(n), let s = reader.string(n, path.child("behavior")) {
            if let b = FallbackBehavior(rawValue: s) { behavior = b } else {
                let allowed = FallbackBehavior.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                reader.error(n, path.child("behavior"), "Unsupported value: \"\(s)\": supported values: \(allowed)")
            }
        }
        return Fallback(failureThreshold: threshold, replicas: replicas, behavior: behavior)
    }

    private func readAdvanced(_ node: Node, _ path: FieldPath) -> HorizontalPodAutoscalerConfig? {
        guard let f = reader.fields(node, path, known: ["horizontalPodAutoscalerConfig", "restoreToOriginalReplicaCount",
                                                         "scalingModifiers"]) else { return nil }
        for key in ["restoreToOriginalReplicaCount", "scalingModifiers"] where f[key] != nil {
            reader.note(f.keyLines[key], "\(path.child(key)) accepted and ignored: the simulator does not model it")
        }
        guard let n = f["horizontalPodAutoscalerConfig"], !NodeReader.isNull(n),
              let h = reader.fields(n, path.child("horizontalPodAutoscalerConfig"), known: ["name", "behavior"]) else { return nil }
        let hpath = path.child("horizontalPodAutoscalerConfig")
        var config = HorizontalPodAutoscalerConfig()
        if let name = h["name"], let s = reader.string(name, hpath.child("name")) { config.name = s }
        if let b = h["behavior"], !NodeReader.isNull(b) { config.behavior = readBehavior(b, hpath.child("behavior")) }
        return config
    }

    private func readTrigger(_ node: Node, _ path: FieldPath) -> ScaleTrigger? {
        guard let f = reader.fields(node, path, known: ["type", "name", "metadata", "metricType", "useCachedMetrics",
                                                         "authenticationRef"]) else { return nil }
        var trigger = ScaleTrigger(type: "")
        if let n = f["type"], let s = reader.string(n, path.child("type")) { trigger.type = s }
        if let n = f["name"], let s = reader.string(n, path.child("name")) { trigger.name = s }
        if let n = f["metricType"], !NodeReader.isNull(n), let s = reader.string(n, path.child("metricType")) { trigger.metricType = s }
        if let n = f["useCachedMetrics"], let b = reader.bool(n, path.child("useCachedMetrics")) { trigger.useCachedMetrics = b }
        if f["authenticationRef"] != nil {
            reader.note(f.keyLines["authenticationRef"], "\(path.child("authenticationRef")) accepted and ignored: the connection to Redis is not modelled")
        }
        if let n = f["metadata"], !NodeReader.isNull(n), let m = reader.anyFields(n, path.child("metadata")) {
            for key in m.orderedKeys {
                guard let value = m[key] else { continue }
                let p = path.child("metadata").child(key)
                // The CRD declares metadata as map[string]string: a YAML number or boolean is refused.
                guard case .scalar(let s) = value else {
                    reader.error(value, p, "Invalid value: \"object\": \(p) in body must be of type string: \"object\"")
                    continue
                }
                if NodeReader.isNull(value) { continue }
                if s.style == .plain, let type = Self.nonStringType(s.string) {
                    reader.error(value, p, "Invalid value: \"\(type)\": \(p) in body must be of type string: \"\(type)\"")
                    continue
                }
                trigger.metadata[key] = s.string
                if trigger.type == "redis", Self.redisConnectionFields.contains(key) {
                    reader.note(m.keyLines[key], "\(p) ignored: the simulated Redis needs no connection")
                } else if trigger.type == "redis", !Self.redisListFields.contains(key) {
                    reader.note(m.keyLines[key], "\(p) accepted and ignored: the simulator does not model it")
                }
            }
        }
        return trigger
    }
}
