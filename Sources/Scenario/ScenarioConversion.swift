internal import ClusterModel
internal import HPAController
internal import SimTime

/// Scenario file + manifests → the cluster model's ``SimulationConfiguration``, with the
/// checks that need both (a `scaleTargetRef` that resolves, a forwarding target that exists,
/// task classes some worker serves).
struct ScenarioConversion {
    var file: ScenarioFile
    var manifests: ManifestSet

    static let deletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost"

    func configuration(into diagnostics: inout [Diagnostic]) -> SimulationConfiguration {
        func error(_ at: SourceLocation, _ field: String?, _ message: String) {
            diagnostics.append(Diagnostic(severity: .error, file: at.file, line: at.line, field: field, message: message))
        }
        func warning(_ at: SourceLocation, _ field: String?, _ message: String) {
            diagnostics.append(Diagnostic(severity: .warning, file: at.file, line: at.line, field: field, message: message))
        }
        var seen: [String] = []
        for workload in manifests.workloads {
            if seen.contains(workload.name) {
                error(workload.location, "metadata.name", "Duplicate value: \"\(workload.name)\": two workloads share the name")
            }
            seen.append(workload.name)
            if workload.kind == .statefulSet {
                warning(workload.location, nil, "StatefulSet \(workload.name) is modelled as a Deployment (pods start in parallel; scale-down ranks pods as a ReplicaSet does, not highest ordinal first)")
            }
        }
        var targeted: [String: HPAManifest] = [:]
        for hpa in manifests.autoscalers {
            let ref = hpa.hpa.spec.scaleTargetRef
            let at = SourceLocation(file: hpa.location.file, line: hpa.fieldLines["spec.scaleTargetRef.name"] ?? hpa.location.line)
            guard let target = manifests.workload(named: ref.name) else {
                error(at, "spec.scaleTargetRef.name", "Invalid value: \"\(ref.name)\": no Deployment or StatefulSet of that name in the scenario's manifests")
                continue
            }
            if ref.kind != target.kind.rawValue {
                error(at, "spec.scaleTargetRef.kind", "Invalid value: \"\(ref.kind)\": \(ref.name) is a \(target.kind.rawValue)")
            }
            if target.namespace != hpa.hpa.namespace {
                error(at, "spec.scaleTargetRef.name", "Invalid value: \"\(ref.name)\": it is in namespace \(target.namespace), the HPA in \(hpa.hpa.namespace)")
            }
            if let other = targeted[ref.name] {
                error(at, "spec.scaleTargetRef", "Invalid value: \"\(ref.name)\": already scaled by HPA \(other.hpa.name) (\(other.location)); the controller refuses to scale a target two HPAs select (AmbiguousSelector)")
            }
            targeted[ref.name] = hpa
        }
        let scenarioAt = file.location
        for name in file.deployments.keys.sorted() where manifests.workload(named: name) == nil {
            error(scenarioAt, "deployments.\(name)", "Invalid value: \"\(name)\": no Deployment or StatefulSet of that name in the manifests")
        }
        var deployments: [DeploymentConfiguration] = []
        for workload in manifests.workloads {
            deployments.append(deployment(workload, warning: { warning(workload.location, $0, $1) }))
        }
        // Forwarding targets and task routing.
        var served: [String] = []
        for d in deployments {
            guard case .worker(let w) = d.role else { continue }
            served += w.patterns
            if let forward = w.forwarding {
                let target = deployments.first { $0.name == forward.target }
                if target == nil {
                    error(scenarioAt, "deployments.\(d.name).forwarding.target", "Invalid value: \"\(forward.target)\": no deployment of that name")
                } else if let target, case .worker = target.role {} else {
                    error(scenarioAt, "deployments.\(d.name).forwarding.target", "Invalid value: \"\(forward.target)\": must have role: worker")
                }
            }
        }
        for c in file.workload.classes where !served.contains(where: { Self.glob($0, matchesPattern: c.keyPattern) }) {
            warning(scenarioAt, "workload.classes[\(c.name)].keyPattern", "no worker's patterns match \"\(c.keyPattern)\": these tasks wait until they time out")
        }
        let names = file.metrics.bindings.map(\.name)
        for hpa in manifests.autoscalers {
            for (i, m) in hpa.hpa.spec.metrics.enumerated() {
                let name = m.pods?.metric.name ?? m.object?.metric.name ?? m.external?.metric.name
                if let name, !names.contains(name) {
                    let at = SourceLocation(file: hpa.location.file, line: hpa.fieldLines["spec.metrics[\(i)].type"] ?? hpa.location.line)
                    warning(at, "spec.metrics[\(i)]", "metric \"\(name)\" has no binding in metricsPipeline.bindings: the HPA gets no samples for it (FailedGetPodsMetric)")
                }
            }
        }
        let keda = kedaObjects(into: &diagnostics)
        for i in deployments.indices { if let n = keda.pausedReplicas[deployments[i].name] { deployments[i].replicas = n } }
        let autoscalers = manifests.autoscalers.map {
            AutoscalerConfiguration(hpa: $0.hpa, syncPhaseOffset: file.syncPhaseOffsets[$0.hpa.name] ?? .zero)
        } + keda.autoscalers
        for name in file.syncPhaseOffsets.keys.sorted() where !autoscalers.contains(where: { $0.hpa.name == name }) {
            warning(scenarioAt, "controller.syncPhaseOffsets[\(name)]", "no HPA named \"\(name)\" (ignored)")
        }
        return SimulationConfiguration(
            namespace: manifests.workloads.first?.namespace ?? "default", duration: file.duration, seed: file.seed,
            deployments: deployments, autoscalers: autoscalers, controller: file.controller, metrics: file.metrics,
            workload: file.workload, nodeCapacity: file.nodeCapacity, restartBackOff: file.restartBackOff, results: file.results,
            scaledObjects: keda.scaledObjects.isEmpty ? nil : keda.scaledObjects)
    }

    private func deployment(_ w: WorkloadManifest, warning: (String?, String) -> Void) -> DeploymentConfiguration {
        let runtime = file.deployments[w.name] ?? DeploymentRuntime()
        var containers: [ContainerTemplate] = []
        for (i, c) in w.containers.enumerated() {
            containers.append(ContainerTemplate(
                name: c.name,
                requests: ResourceValues(cpuMilli: c.requests.cpu?.milliValue, memoryMilli: c.requests.memory?.milliValue),
                limits: ResourceValues(cpuMilli: c.limits.cpu?.milliValue, memoryMilli: c.limits.memory?.milliValue),
                baselineUsage: i == 0 ? runtime.baseline : .zero))
        }
        let probe = w.containers.first?.readinessProbe.map {
            ReadinessProbe(initialDelaySeconds: $0.initialDelaySeconds, periodSeconds: $0.periodSeconds,
                           successThreshold: $0.successThreshold, failureThreshold: $0.failureThreshold)
        }
        var cost: Int32 = 0
        if let text = w.podAnnotations[Self.deletionCostAnnotation] {
            if let v = Int32(text) { cost = v } else {
                warning("spec.template.metadata.annotations[\(Self.deletionCostAnnotation)]",
                        "Invalid value: \"\(text)\": must be a 32bit integer (ignored)")
            }
        }
        var role = runtime.role
        if case .worker(var settings) = role {
            if let workers = runtime.podWorkers {
                settings.podWorkers = workers
            } else if let env = w.env("POD_WORKERS") {
                if let n = Int(env), n >= 1 { settings.podWorkers = n } else {
                    warning("spec.template.spec.containers[0].env[POD_WORKERS]", "Invalid value: \"\(env)\": expected a positive integer (using 1)")
                }
            }
            role = .worker(settings)
        }
        let template = PodTemplate(containers: containers.isEmpty ? [ContainerTemplate(name: "main")] : containers,
                                   readinessProbe: probe, terminationGracePeriodSeconds: w.terminationGracePeriodSeconds,
                                   restartPolicy: RestartPolicy(rawValue: w.restartPolicy) ?? .always, podDeletionCost: cost)
        return DeploymentConfiguration(name: w.name, replicas: w.replicas, template: template, lifecycle: runtime.lifecycle,
                                       role: role, initialPodsReady: runtime.initialPodsReady)
    }

    /// Whether the key pattern `pattern` (`egress:record:*`) is served by the worker glob `glob`:
    /// its keys (the `*` replaced by an id) match.
    static func glob(_ glob: String, matchesPattern pattern: String) -> Bool {
        ManifestFiles.matches(Array(pattern.replacingStars(with: "1")), Array(glob))
    }
}

extension String {
    func replacingStars(with replacement: String) -> String {
        split(separator: "*", omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
