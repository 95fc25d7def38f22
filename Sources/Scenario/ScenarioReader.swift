internal import Yams
internal import SimTime
internal import ClusterModel
internal import HPAController
internal import Randomness

/// Reads a scenario file's composed tree into a ``ScenarioFile``, reporting every problem.
struct ScenarioReader {
    let reader: NodeReader

    static let topFields = ["name", "description", "extends", "manifests", "overrides", "duration", "seed", "controller",
                            "metricsPipeline", "cluster", "deployments", "workload", "results", "lints", "expectations", "redisLists"]

    /// Reads `root`; with `base` (the scenario it `extends`), sections it names replace the
    /// base's (controller and deployments entries merge, overrides append).
    func read(_ root: Node, location: SourceLocation, base: ScenarioFile? = nil) -> ScenarioFile? {
        guard let top = reader.fields(root, FieldPath(), known: Self.topFields) else { return nil }
        var controller = ControllerConfiguration()
        controller.kubernetesVersion = .defaultVersion
        var file = base ?? ScenarioFile(
            name: "", description: nil, manifests: [], overrides: [], duration: .hours(1), seed: 1,
            controller: controller, syncPhaseOffsets: [:], metrics: MetricsPipelineConfiguration(),
            workload: WorkloadConfiguration(), deployments: [:], nodeCapacity: .unlimited, restartBackOff: RestartBackOff(),
            results: ResultsConfiguration(), lints: LintSettings(), expectationsYAML: nil, location: location)
        file.location = location
        if let n = top["name"], let s = reader.string(n, FieldPath("name")) { file.name = s }
        if let n = top["description"], let s = reader.string(n, FieldPath("description")) { file.description = s }
        if let n = top["manifests"] {
            if let items = reader.sequence(n, FieldPath("manifests")) {
                file.manifests = []
                file.manifestLocations = []
                for (i, item) in items.enumerated() {
                    if let s = reader.string(item, FieldPath("manifests").index(i)) {
                        file.manifests.append(Self.resolve(s, against: location.file))
                        file.manifestLocations.append(SourceLocation(file: location.file, line: NodeReader.line(item)))
                    }
                }
                if items.isEmpty { reader.error(n, FieldPath("manifests"), "Required value: at least one manifest path or glob") }
            }
        } else if base == nil {
            reader.error(top.line, FieldPath("manifests"), "Required value: the manifests the scenario runs (paths or globs)")
        }
        if let n = top["overrides"], !NodeReader.isNull(n), let items = reader.sequence(n, FieldPath("overrides")) {
            for (i, item) in items.enumerated() {
                guard let s = reader.string(item, FieldPath("overrides").index(i)) else { continue }
                let at = SourceLocation(file: location.file, line: NodeReader.line(item))
                if let o = ManifestOverride(parsing: s, location: at) {
                    file.overrides.append(o)
                } else {
                    reader.error(item, FieldPath("overrides").index(i),
                                 "Invalid value: \"\(s)\": expected <object name>:<field path>=<value>, e.g. egress-hpa:spec.maxReplicas=20")
                }
            }
        }
        if let n = top["duration"], let d = reader.duration(n, FieldPath("duration"), allowZero: false) { file.duration = d }
        if let n = top["seed"], let s = reader.integer(n, FieldPath("seed"), range: 0...Int64.max, typeName: "a non-negative seed") {
            file.seed = UInt64(s)
        }
        if let n = top["controller"], !NodeReader.isNull(n) { readController(n, into: &file) }
        if let n = top["metricsPipeline"], !NodeReader.isNull(n) { file.metrics = readPipeline(n, FieldPath("metricsPipeline")) }
        if let n = top["cluster"], !NodeReader.isNull(n) { readCluster(n, into: &file) }
        if let n = top["deployments"], !NodeReader.isNull(n) {
            file.deployments.merge(readDeployments(n, FieldPath("deployments"))) { _, new in new }
        }
        if let n = top["workload"], !NodeReader.isNull(n) {
            file.workloadEvents = []
            file.workload = readWorkload(n, FieldPath("workload"), events: &file.workloadEvents)
        }
        if let n = top["results"], !NodeReader.isNull(n) { file.results = readResults(n, FieldPath("results")) }
        if let n = top["lints"], !NodeReader.isNull(n) { file.lints = readLints(n, FieldPath("lints")) }
        if let n = top["redisLists"], !NodeReader.isNull(n) { file.redisLists = readRedisLists(n, FieldPath("redisLists")) }
        if let n = top["expectations"], !NodeReader.isNull(n) {
            file.expectations = readExpectations(n, classes: file.workload.classes.map(\.name), location: location)
            file.expectationsYAML = try? Yams.serialize(node: n)
        }
        return file
    }

    /// `relative` resolved against the directory of `file` (absolute paths stay).
    static func resolve(_ relative: String, against file: String) -> String {
        if relative.hasPrefix("/") { return relative }
        var directory = file
        if let slash = directory.lastIndex(of: "/") { directory = String(directory[..<slash]) } else { directory = "" }
        var parts = directory.isEmpty ? [] : directory.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for component in relative.split(separator: "/") {
            if component == "." { continue }
            if component == "..", let last = parts.last, last != "..", !last.isEmpty { parts.removeLast(); continue }
            parts.append(String(component))
        }
        let joined = parts.joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }

    // MARK: controller

    static let controllerFields = ["kubernetesVersion", "featureGates", "syncPeriod", "tolerance", "cpuInitializationPeriod",
                                   "initialReadinessDelay", "downscaleStabilizationWindow", "syncPhaseOffsets"]

    private func readController(_ node: Node, into file: inout ScenarioFile) {
        let path = FieldPath("controller")
        guard let f = reader.fields(node, path, known: Self.controllerFields) else { return }
        if let n = f["kubernetesVersion"], let s = reader.string(n, path.child("kubernetesVersion")) {
            if let v = KubernetesVersion(parsing: s) {
                file.kubernetesVersion = v
                if v < KubernetesVersion(major: 1, minor: 23) {
                    reader.warning(NodeReader.line(n), path.child("kubernetesVersion"),
                                   "Kubernetes \(v) predates autoscaling/v2 (1.23); only autoscaling/v1 HPAs load")
                }
            } else {
                reader.error(n, path.child("kubernetesVersion"), "Invalid value: \"\(s)\": expected a version such as \"1.33\"")
            }
        }
        if let n = f["featureGates"], !NodeReader.isNull(n),
           let gates = reader.fields(n, path.child("featureGates"), known: ["HPAScaleToZero", "HPAConfigurableTolerance"]) {
            if let g = gates["HPAScaleToZero"], let b = reader.bool(g, path.child("featureGates").child("HPAScaleToZero")) {
                file.controller.featureGates.hpaScaleToZero = b
            }
            if let g = gates["HPAConfigurableTolerance"],
               let b = reader.bool(g, path.child("featureGates").child("HPAConfigurableTolerance")) {
                file.controller.featureGates.hpaConfigurableTolerance = b
            }
        }
        if let n = f["syncPeriod"], let d = reader.duration(n, path.child("syncPeriod"), allowZero: false) { file.controller.syncPeriod = d }
        if let n = f["tolerance"], let t = reader.double(n, path.child("tolerance")) {
            if t < 0 || t >= 1 {
                reader.error(n, path.child("tolerance"), "Invalid value: \(t): must be at least 0 and less than 1")
            } else {
                file.controller.tolerance = t
            }
        }
        if let n = f["cpuInitializationPeriod"], let d = reader.duration(n, path.child("cpuInitializationPeriod")) {
            file.controller.cpuInitializationPeriod = d
        }
        if let n = f["initialReadinessDelay"], let d = reader.duration(n, path.child("initialReadinessDelay")) {
            file.controller.initialReadinessDelay = d
        }
        if let n = f["downscaleStabilizationWindow"], let d = reader.duration(n, path.child("downscaleStabilizationWindow")) {
            file.controller.downscaleStabilizationWindow = d
        }
        if let n = f["syncPhaseOffsets"], !NodeReader.isNull(n), let offsets = reader.anyFields(n, path.child("syncPhaseOffsets")) {
            for key in offsets.orderedKeys {
                if let v = offsets[key], let d = reader.duration(v, path.child("syncPhaseOffsets").key(key)) {
                    file.syncPhaseOffsets[key] = d
                }
            }
        }
    }

    // MARK: metrics pipeline

    private func readPipeline(_ node: Node, _ path: FieldPath) -> MetricsPipelineConfiguration {
        var pipeline = MetricsPipelineConfiguration()
        guard let f = reader.fields(node, path, known: ["resource", "custom", "external", "bindings", "noise",
                                                                 "outages", "failureRates"]) else { return pipeline }
        pipeline.failures = readFailures(f, path)
        if let n = f["resource"], let r = reader.fields(n, path.child("resource"), known: ["resolution", "phaseOffset"]) {
            if let v = r["resolution"], let d = reader.duration(v, path.child("resource").child("resolution"), allowZero: false) {
                pipeline.resource.resolution = d
            }
            if let v = r["phaseOffset"], let d = reader.duration(v, path.child("resource").child("phaseOffset")) {
                pipeline.resource.phaseOffset = d
            }
        }
        if let n = f["custom"], let c = reader.fields(n, path.child("custom"), known: ["scrapeInterval", "queryWindow", "phaseOffset"]) {
            let p = path.child("custom")
            if let v = c["scrapeInterval"], let d = reader.duration(v, p.child("scrapeInterval"), allowZero: false) {
                pipeline.custom.scrapeInterval = d
            }
            if let v = c["queryWindow"], let d = reader.duration(v, p.child("queryWindow")) { pipeline.custom.queryWindow = d }
            if let v = c["phaseOffset"], let d = reader.duration(v, p.child("phaseOffset")) { pipeline.custom.phaseOffset = d }
        }
        if let n = f["external"], let e = reader.fields(n, path.child("external"), known: ["pollingInterval", "phaseOffset"]) {
            let p = path.child("external")
            if let v = e["pollingInterval"], let d = reader.duration(v, p.child("pollingInterval"), allowZero: false) {
                pipeline.external.pollingInterval = d
            }
            if let v = e["phaseOffset"], let d = reader.duration(v, p.child("phaseOffset")) { pipeline.external.phaseOffset = d }
        }
        if let n = f["bindings"], let items = reader.sequence(n, path.child("bindings")) {
            var bindings = MetricBinding.defaults
            for (i, item) in items.enumerated() {
                let p = path.child("bindings").index(i)
                guard let b = reader.fields(item, p, known: ["name", "quantity", "patterns"]),
                      let nameNode = b["name"], let name = reader.string(nameNode, p.child("name")),
                      let qNode = b["quantity"], let q = reader.string(qNode, p.child("quantity")) else { continue }
                let quantity: ModelQuantity
                switch q {
                case "runningTasks": quantity = .runningTasks
                case "pendingNotifications": quantity = .pendingNotifications
                case "notificationBacklog": quantity = .notificationBacklog
                case "queueLength":
                    var patterns: [String] = []
                    if let pn = b["patterns"], let ps = reader.sequence(pn, p.child("patterns")) {
                        patterns = ps.enumerated().compactMap { reader.string($0.element, p.child("patterns").index($0.offset)) }
                    }
                    quantity = .queueLength(patterns: patterns.isEmpty ? ["*"] : patterns)
                default:
                    reader.error(qNode, p.child("quantity"), "Unsupported value: \"\(q)\": supported values: \"notificationBacklog\", \"pendingNotifications\", \"queueLength\", \"runningTasks\"")
                    continue
                }
                bindings.removeAll { $0.name == name }
                bindings.append(MetricBinding(name: name, quantity: quantity))
            }
            pipeline.bindings = bindings
        }
        if let n = f["noise"], !NodeReader.isNull(n),
           let z = reader.fields(n, path.child("noise"), known: ["relativeStandardDeviation"]),
           let v = z["relativeStandardDeviation"], let d = reader.double(v, path.child("noise").child("relativeStandardDeviation")) {
            if d < 0 || d > 1 {
                reader.error(v, path.child("noise").child("relativeStandardDeviation"), "Invalid value: \(d): must be between 0 and 1")
            } else {
                pipeline.noise = MetricNoise(relativeStandardDeviation: d)
            }
        }
        return pipeline
    }

    // MARK: cluster, results, lints

    private func readCluster(_ node: Node, into file: inout ScenarioFile) {
        let path = FieldPath("cluster")
        guard let f = reader.fields(node, path, known: ["nodeCapacity", "restartBackOff"]) else { return }
        if let n = f["nodeCapacity"], !NodeReader.isNull(n), let c = reader.fields(n, path.child("nodeCapacity"), known: ["cpu", "memory"]) {
            if let v = c["cpu"] { file.nodeCapacity.cpuMilli = reader.cpuMilli(v, path.child("nodeCapacity").child("cpu")) }
            if let v = c["memory"] { file.nodeCapacity.memoryMilli = reader.memoryMilli(v, path.child("nodeCapacity").child("memory")) }
        }
        if let n = f["restartBackOff"], let b = reader.fields(n, path.child("restartBackOff"), known: ["initial", "maximum", "resetAfter"]) {
            let p = path.child("restartBackOff")
            if let v = b["initial"], let d = reader.duration(v, p.child("initial")) { file.restartBackOff.initial = d }
            if let v = b["maximum"], let d = reader.duration(v, p.child("maximum")) { file.restartBackOff.maximum = d }
            if let v = b["resetAfter"], let d = reader.duration(v, p.child("resetAfter")) { file.restartBackOff.resetAfter = d }
        }
    }

    private func readResults(_ node: Node, _ path: FieldPath) -> ResultsConfiguration {
        var results = ResultsConfiguration()
        let known = ["seriesResolution", "flappingWindow", "queueWaitSignificantDigits", "recordTasks", "recordPods"]
        guard let f = reader.fields(node, path, known: known) else { return results }
        if let v = f["seriesResolution"], let d = reader.duration(v, path.child("seriesResolution"), allowZero: false) {
            results.seriesResolution = d
        }
        if let v = f["flappingWindow"], let d = reader.duration(v, path.child("flappingWindow")) { results.flappingWindow = d }
        if let v = f["queueWaitSignificantDigits"],
           let d = reader.integer(v, path.child("queueWaitSignificantDigits"), range: 1...5, typeName: "1 to 5") {
            results.queueWaitSignificantDigits = Int(d)
        }
        if let v = f["recordTasks"], let b = reader.bool(v, path.child("recordTasks")) { results.recordTasks = b }
        if let v = f["recordPods"], let b = reader.bool(v, path.child("recordPods")) { results.recordPods = b }
        return results
    }

    private func readLints(_ node: Node, _ path: FieldPath) -> LintSettings {
        var lints = LintSettings()
        guard let f = reader.fields(node, path, known: ["scaleUpTimeThreshold", "podsMetricDeadBand", "disabled"]) else { return lints }
        if let v = f["scaleUpTimeThreshold"], let d = reader.duration(v, path.child("scaleUpTimeThreshold")) {
            lints.scaleUpTimeThreshold = d
        }
        if let v = f["podsMetricDeadBand"], let d = reader.double(v, path.child("podsMetricDeadBand")) { lints.podsMetricDeadBand = d }
        if let v = f["disabled"], let items = reader.sequence(v, path.child("disabled")) {
            lints.disabled = items.enumerated().compactMap { reader.string($0.element, path.child("disabled").index($0.offset)) }
        }
        return lints
    }
}
