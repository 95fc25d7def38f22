internal import ClusterModel
internal import HPAController
internal import KEDA

/// ScaledObjects → the HPAs KEDA generates and the loops the model runs, with KEDA's
/// validation (CRD schema, admission webhook, and what only reconcile finds), in KEDA's words.
extension ScenarioConversion {
    struct KEDAObjects {
        var scaledObjects: [ScaledObjectConfiguration] = []
        var autoscalers: [AutoscalerConfiguration] = []
        /// Deployments a paused ScaledObject sets (`paused-replicas`), by name.
        var pausedReplicas: [String: Int32] = [:]
    }

    /// The webhook's view of the namespace: every HPA and ScaledObject of the manifests.
    static func neighbours(_ manifests: ManifestSet) -> [ScaledObject.Neighbour] {
        var out: [ScaledObject.Neighbour] = []
        for hpa in manifests.autoscalers {
            let ref = hpa.hpa.spec.scaleTargetRef
            out.append(.init(kind: .hpa, name: hpa.hpa.name, namespace: hpa.hpa.namespace, targetKind: ref.kind, targetName: ref.name))
        }
        for m in manifests.scaledObjects {
            let so = m.scaledObject
            out.append(.init(kind: .scaledObject(hpaName: so.hpaName), name: so.name, namespace: so.namespace,
                             targetKind: so.scaleTargetRef.kind.isEmpty ? "Deployment" : so.scaleTargetRef.kind,
                             targetName: so.scaleTargetRef.name))
        }
        return out
    }

    /// Every problem of every ScaledObject, located at the field it is about.
    static func problems(_ manifests: ManifestSet) -> [Diagnostic] {
        let neighbours = neighbours(manifests)
        var out: [Diagnostic] = []
        for m in manifests.scaledObjects {
            for problem in m.scaledObject.problems(neighbours: neighbours) {
                let at = m.location(of: problem.field)
                out.append(Diagnostic(severity: .error, file: at.file, line: at.line, field: problem.stage == .schema ? nil : problem.field,
                                      message: problem.description))
            }
        }
        return out
    }

    /// The classes a list holds: by default those whose `keyPattern` minus its trailing `:*` is the list's name.
    func classes(forList list: String) -> [String] {
        // Explicit names are checked against the workload in kedaObjects.
        if let explicit = file.redisLists[list] { return explicit }
        return file.workload.classes.filter { c in
            c.keyPattern.hasSuffix(":*") ? String(c.keyPattern.dropLast(2)) == list : c.keyPattern == list
        }.map(\.name)
    }

    func kedaObjects(into diagnostics: inout [Diagnostic]) -> KEDAObjects {
        var result = KEDAObjects()
        diagnostics += Self.problems(manifests)
        for list in file.redisLists.keys.sorted() {
            for name in file.redisLists[list] ?? [] where !file.workload.classes.contains(where: { $0.name == name }) {
                diagnostics.append(Diagnostic(severity: .error, file: file.location.file, line: nil, field: "redisLists[\(list)]",
                                              message: "Invalid value: \"\(name)\": no task class of that name in workload.classes"))
            }
        }
        for m in manifests.scaledObjects {
            let so = m.scaledObject
            let at = m.location(of: "spec.scaleTargetRef.name")
            guard let target = manifests.workload(named: so.scaleTargetRef.name) else {
                diagnostics.append(Diagnostic(severity: .error, file: at.file, line: at.line, field: "spec.scaleTargetRef.name",
                                              message: "Invalid value: \"\(so.scaleTargetRef.name)\": no Deployment or StatefulSet of that name in the scenario's manifests"))
                continue
            }
            if target.namespace != so.namespace {
                diagnostics.append(Diagnostic(severity: .error, file: at.file, line: at.line, field: "spec.scaleTargetRef.name",
                                              message: "Invalid value: \"\(so.scaleTargetRef.name)\": it is in namespace \(target.namespace), the ScaledObject in \(so.namespace)"))
            }
            guard let hpa = try? so.generatedHPA(), let loop = try? ScaleLoop(so, creationTime: .zero) else { continue }
            var lists: [[String]] = []
            for (i, trigger) in loop.triggers.enumerated() {
                let names = classes(forList: trigger.listName)
                if names.isEmpty {
                    let w = m.location(of: "spec.triggers[\(i)].metadata.listName")
                    diagnostics.append(Diagnostic(severity: .warning, file: w.file, line: w.line, field: "spec.triggers[\(i)].metadata.listName",
                                                  message: "list \"\(trigger.listName)\" holds no task class (no keyPattern \"\(trigger.listName):*\" and no redisLists entry): its length is always 0"))
                }
                lists.append(names)
            }
            result.scaledObjects.append(ScaledObjectConfiguration(scaledObject: so, listClasses: lists))
            if let fallback = so.fallback, let failures = file.metrics.failures,
               failures.outages.contains(where: { $0.source == .redis }) || failures.rates.contains(where: { $0.source == .redis }) {
                diagnostics.append(Diagnostic(severity: .warning, file: file.location.file, line: nil, field: "metricsPipeline",
                                              message: "Redis unreachable: the fallback of ScaledObject \(so.name) (failureThreshold \(fallback.failureThreshold)) \(fallback.failureThreshold >= 1 ? "does not engage" : "engages for one read only"): KEDA counts one failure, then cannot rebuild the scaler and stops before its fallback code (a known KEDA behaviour: kedacore/keda#5525, #8056); the HPA reports FailedGetExternalMetric and holds"))
            }
            let pause = so.pause
            if pause.paused {
                // KEDA deletes the HPA and sets the target to paused-replicas (or leaves it).
                if let n = pause.pausedReplicas { result.pausedReplicas[target.name] = n }
                let a = m.location(of: "metadata.annotations")
                diagnostics.append(Diagnostic(severity: .warning, file: a.file, line: a.line, field: "metadata.annotations",
                                              message: "ScaledObject \(so.name) is paused: KEDA deletes its HPA and does not scale \(target.name)"))
                continue
            }
            result.autoscalers.append(AutoscalerConfiguration(hpa: hpa, syncPhaseOffset: file.syncPhaseOffsets[hpa.name] ?? .zero))
        }
        return result
    }
}
