internal import Yams
internal import Quantities

extension ManifestReader {
    static let deploymentSpecFields = ["replicas", "selector", "template", "strategy", "minReadySeconds",
                                       "revisionHistoryLimit", "progressDeadlineSeconds", "paused"]
    static let statefulSetSpecFields = ["replicas", "selector", "template", "serviceName", "volumeClaimTemplates",
                                        "podManagementPolicy", "updateStrategy", "revisionHistoryLimit",
                                        "minReadySeconds", "persistentVolumeClaimRetentionPolicy", "ordinals"]
    static let podSpecFields = ["containers", "initContainers", "ephemeralContainers", "terminationGracePeriodSeconds",
                                "restartPolicy", "volumes", "affinity", "nodeSelector", "nodeName", "tolerations",
                                "serviceAccountName", "serviceAccount", "automountServiceAccountToken",
                                "securityContext", "imagePullSecrets", "priorityClassName", "priority",
                                "preemptionPolicy", "topologySpreadConstraints", "dnsPolicy", "dnsConfig",
                                "hostNetwork", "hostPID", "hostIPC", "hostUsers", "hostAliases", "hostname",
                                "subdomain", "setHostnameAsFQDN", "schedulerName", "runtimeClassName",
                                "shareProcessNamespace", "activeDeadlineSeconds", "enableServiceLinks", "overhead",
                                "readinessGates", "os", "schedulingGates", "resourceClaims", "resources"]
    static let containerFields = ["name", "image", "command", "args", "workingDir", "ports", "env", "envFrom",
                                  "resources", "readinessProbe", "livenessProbe", "startupProbe", "lifecycle",
                                  "volumeMounts", "volumeDevices", "securityContext", "imagePullPolicy",
                                  "terminationMessagePath", "terminationMessagePolicy", "stdin", "stdinOnce", "tty",
                                  "restartPolicy", "resizePolicy"]
    static let probeFields = ["exec", "httpGet", "tcpSocket", "grpc", "initialDelaySeconds", "periodSeconds",
                              "timeoutSeconds", "successThreshold", "failureThreshold", "terminationGracePeriodSeconds"]

    func readWorkload(_ top: Fields, kind: String, apiVersion: String, location: SourceLocation) -> WorkloadManifest? {
        checkTopFields(top)
        if apiVersion != "apps/v1" {
            reader.error(top["apiVersion"], FieldPath("apiVersion"),
                         "Unsupported value: \"\(apiVersion)\": supported values: \"apps/v1\" (\(kind) in Kubernetes \(version))")
        }
        guard let (name, namespace) = readMetadata(top) else { return nil }
        let specPath = FieldPath("spec")
        guard let specNode = top["spec"] else {
            reader.error(top.line, specPath, "Required value")
            return nil
        }
        let known = kind == "Deployment" ? Self.deploymentSpecFields : Self.statefulSetSpecFields
        guard let spec = reader.fields(specNode, specPath, known: known) else { return nil }
        var replicas: Int32 = 1
        if let node = spec["replicas"], !NodeReader.isNull(node), let value = reader.int32(node, specPath.child("replicas")) {
            if value < 0 {
                reader.error(node, specPath.child("replicas"), "Invalid value: \(value): must be greater than or equal to 0")
            }
            replicas = max(0, value)
        }
        let templatePath = specPath.child("template")
        guard let templateNode = spec["template"] else {
            reader.error(spec.line, templatePath, "Required value")
            return nil
        }
        guard let template = reader.fields(templateNode, templatePath, known: ["metadata", "spec"]) else { return nil }
        var annotations: [String: String] = [:]
        var labels: [String: String] = [:]
        var labelsLine = template.line
        if let metaNode = template["metadata"],
           let meta = reader.fields(metaNode, templatePath.child("metadata"), known: Self.metadataFields) {
            annotations = stringMap(meta["annotations"], templatePath.child("metadata").child("annotations"))
            labels = stringMap(meta["labels"], templatePath.child("metadata").child("labels"))
            labelsLine = meta.keyLines["labels"] ?? meta.line
        }
        checkSelector(spec, labels: labels, labelsLine: labelsLine, kind: kind)
        let podPath = templatePath.child("spec")
        guard let podNode = template["spec"] else {
            reader.error(template.line, podPath, "Required value")
            return nil
        }
        guard let pod = reader.fields(podNode, podPath, known: Self.podSpecFields) else { return nil }
        var grace: Int64 = 30
        if let node = pod["terminationGracePeriodSeconds"], !NodeReader.isNull(node),
           let value = reader.int64(node, podPath.child("terminationGracePeriodSeconds")) {
            if value < 0 {
                reader.error(node, podPath.child("terminationGracePeriodSeconds"),
                             "Invalid value: \(value): must be greater than or equal to 0")
            }
            grace = max(0, value)
        }
        var restartPolicy = "Always"
        if let node = pod["restartPolicy"], let value = reader.string(node, podPath.child("restartPolicy")) {
            if value != "Always" {
                reader.error(node, podPath.child("restartPolicy"),
                             "Unsupported value: \"\(value)\": supported values: \"Always\"")
            }
            restartPolicy = value
        }
        let containers = readContainers(pod["containers"], podPath.child("containers"), required: true)
        let initContainers = readContainers(pod["initContainers"], podPath.child("initContainers"), required: false)
        return WorkloadManifest(kind: kind == "Deployment" ? .deployment : .statefulSet, apiVersion: apiVersion,
                                name: name, namespace: namespace, replicas: replicas, containers: containers,
                                initContainers: initContainers, terminationGracePeriodSeconds: grace,
                                restartPolicy: restartPolicy, podAnnotations: annotations, location: location)
    }

    /// A map of strings (labels, annotations).
    func stringMap(_ node: Node?, _ path: FieldPath) -> [String: String] {
        guard let node, !NodeReader.isNull(node), let fields = reader.anyFields(node, path) else { return [:] }
        var map: [String: String] = [:]
        for key in fields.orderedKeys {
            if let value = fields[key], let s = reader.string(value, path.key(key)) { map[key] = s }
        }
        return map
    }

    /// `spec.selector` is required and must select the template's labels
    /// (`ValidateDeploymentSpec` / `ValidateStatefulSetSpec` in pkg/apis/apps/validation).
    func checkSelector(_ spec: Fields, labels: [String: String], labelsLine: Int?, kind: String) {
        let path = FieldPath("spec.selector")
        guard let node = spec["selector"], !NodeReader.isNull(node) else {
            reader.error(spec.line, path, "Required value")
            return
        }
        guard let selector = reader.fields(node, path, known: ["matchLabels", "matchExpressions"]) else { return }
        let matchLabels = stringMap(selector["matchLabels"], path.child("matchLabels"))
        var matches = true
        for (key, value) in matchLabels where labels[key] != value { matches = false }
        var expressionCount = 0
        if let exprNode = selector["matchExpressions"], !NodeReader.isNull(exprNode),
           let items = reader.sequence(exprNode, path.child("matchExpressions")) {
            expressionCount = items.count
            for (i, item) in items.enumerated() {
                let p = path.child("matchExpressions").index(i)
                guard let f = reader.fields(item, p, known: ["key", "operator", "values"]),
                      let keyNode = f["key"], let key = reader.string(keyNode, p.child("key")),
                      let opNode = f["operator"], let op = reader.string(opNode, p.child("operator")) else { continue }
                var values: [String] = []
                if let v = f["values"], let list = reader.sequence(v, p.child("values")) {
                    values = list.enumerated().compactMap { reader.string($0.element, p.child("values").index($0.offset)) }
                }
                switch op {
                case "In": if !(labels[key].map(values.contains) ?? false) { matches = false }
                case "NotIn": if labels[key].map(values.contains) ?? false { matches = false }
                case "Exists": if labels[key] == nil { matches = false }
                case "DoesNotExist": if labels[key] != nil { matches = false }
                default:
                    reader.error(opNode, p.child("operator"),
                                 "Unsupported value: \"\(op)\": supported values: \"DoesNotExist\", \"Exists\", \"In\", \"NotIn\"")
                }
            }
        }
        if matchLabels.isEmpty, expressionCount == 0 {
            reader.error(node, path, "Invalid value: {}: empty selector is invalid for \(kind == "Deployment" ? "deployment" : "statefulset")")
            return
        }
        if !matches {
            let rendered = labels.keys.sorted().map { "\"\($0)\":\"\(labels[$0] ?? "")\"" }.joined(separator: ", ")
            reader.error(labelsLine, FieldPath("spec.template.metadata.labels"),
                         "Invalid value: map[string]string{\(rendered)}: `selector` does not match template `labels`")
        }
    }

    func checkTopFields(_ top: Fields) {
        for key in top.orderedKeys where !["apiVersion", "kind", "metadata", "spec", "status"].contains(key) {
            reader.warning(top.keyLines[key], FieldPath(key), "unknown field \"\(key)\" (ignored)")
        }
    }

    private func readContainers(_ node: Node?, _ path: FieldPath, required: Bool) -> [ContainerManifest] {
        guard let node, !NodeReader.isNull(node) else {
            if required { reader.error(nil as Int?, path, "Required value") }
            return []
        }
        guard let items = reader.sequence(node, path) else { return [] }
        if required, items.isEmpty { reader.error(node, path, "Required value") }
        var containers: [ContainerManifest] = []
        for (i, item) in items.enumerated() {
            let itemPath = path.index(i)
            guard let fields = reader.fields(item, itemPath, known: Self.containerFields) else { continue }
            guard let nameNode = fields["name"], let name = reader.string(nameNode, itemPath.child("name")), !name.isEmpty else {
                reader.error(fields.line, itemPath.child("name"), "Required value")
                continue
            }
            var container = ContainerManifest(name: name)
            if let resources = fields["resources"], !NodeReader.isNull(resources),
               let res = reader.fields(resources, itemPath.child("resources"), known: ["requests", "limits", "claims"]) {
                container.requests = readAmounts(res["requests"], itemPath.child("resources").child("requests"))
                container.limits = readAmounts(res["limits"], itemPath.child("resources").child("limits"))
                checkRequestsWithinLimits(container, res, itemPath.child("resources"))
            }
            if let probe = fields["readinessProbe"], !NodeReader.isNull(probe) {
                container.readinessProbe = readProbe(probe, itemPath.child("readinessProbe"))
            }
            if let env = fields["env"], !NodeReader.isNull(env) { container.env = readEnv(env, itemPath.child("env")) }
            containers.append(container)
        }
        return containers
    }

    private func readAmounts(_ node: Node?, _ path: FieldPath) -> ResourceAmounts {
        guard let node, !NodeReader.isNull(node), let fields = reader.anyFields(node, path) else { return .init() }
        var amounts = ResourceAmounts()
        for key in fields.orderedKeys {
            guard let value = fields[key], let q = reader.quantity(value, path.key(key)) else { continue }
            if q.sign < 0 {
                reader.error(value, path.key(key), "Invalid value: \"\(q.text)\": must be greater than or equal to 0")
            }
            if key == "cpu" { amounts.cpu = q } else if key == "memory" { amounts.memory = q }
        }
        return amounts
    }

    private func checkRequestsWithinLimits(_ c: ContainerManifest, _ fields: Fields, _ path: FieldPath) {
        for (name, request, limit) in [("cpu", c.requests.cpu, c.limits.cpu), ("memory", c.requests.memory, c.limits.memory)] {
            if let request, let limit, request.milliValue > limit.milliValue {
                reader.error(fields["requests"], path.child("requests"),
                             "Invalid value: \"\(request.text)\": must be less than or equal to \(name) limit of \(limit.text)")
            }
        }
    }

    private func readProbe(_ node: Node, _ path: FieldPath) -> ProbeTiming? {
        guard let fields = reader.fields(node, path, known: Self.probeFields) else { return nil }
        var probe = ProbeTiming()
        func read(_ key: String, minimum: Int32, _ set: (inout ProbeTiming, Int32) -> Void) {
            guard let n = fields[key], !NodeReader.isNull(n), let v = reader.int32(n, path.child(key)) else { return }
            if v < minimum {
                reader.error(n, path.child(key), "Invalid value: \(v): must be greater than or equal to \(minimum)")
                return
            }
            set(&probe, v)
        }
        read("initialDelaySeconds", minimum: 0) { $0.initialDelaySeconds = $1 }
        read("periodSeconds", minimum: 1) { $0.periodSeconds = $1 }
        read("timeoutSeconds", minimum: 1) { $0.timeoutSeconds = $1 }
        read("successThreshold", minimum: 1) { $0.successThreshold = $1 }
        read("failureThreshold", minimum: 1) { $0.failureThreshold = $1 }
        return probe
    }

    private func readEnv(_ node: Node, _ path: FieldPath) -> [EnvVar] {
        guard let items = reader.sequence(node, path) else { return [] }
        var env: [EnvVar] = []
        for (i, item) in items.enumerated() {
            guard let fields = reader.fields(item, path.index(i), known: ["name", "value", "valueFrom"]),
                  let nameNode = fields["name"], let name = reader.string(nameNode, path.index(i).child("name")) else { continue }
            if let valueNode = fields["value"], let value = reader.string(valueNode, path.index(i).child("value")) {
                env.append(EnvVar(name: name, value: value))
            }
        }
        return env
    }
}
