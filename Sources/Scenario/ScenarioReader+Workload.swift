import Foundation
internal import Yams
internal import SimTime
internal import ClusterModel
internal import Randomness
internal import Expectations

/// `deployments:` and `workload:` of a scenario file.
extension ScenarioReader {
    static let deploymentFields = ["baseline", "lifecycle", "initialPodsReady", "role", "patterns", "podWorkers",
                                   "tasksPerWorker", "forwarding", "drainRatePerPod", "cpuAtFullRate", "memoryPerPending"]

    func readDeployments(_ node: Node, _ path: FieldPath) -> [String: DeploymentRuntime] {
        var result: [String: DeploymentRuntime] = [:]
        guard let all = reader.anyFields(node, path) else { return result }
        for name in all.orderedKeys {
            guard let n = all[name] else { continue }
            let p = path.child(name)
            guard let f = reader.fields(n, p, known: Self.deploymentFields) else { continue }
            var runtime = DeploymentRuntime()
            if let v = f["baseline"] { runtime.baseline = usage(v, p.child("baseline")) }
            if let v = f["lifecycle"], let l = reader.fields(v, p.child("lifecycle"),
                                                            known: ["schedulingDelay", "imagePull", "containerStart", "applicationStartup"]) {
                let lp = p.child("lifecycle")
                if let d = l["schedulingDelay"], let x = reader.distribution(d, lp.child("schedulingDelay"), seconds: true) { runtime.lifecycle.schedulingDelay = x }
                if let d = l["imagePull"], let x = reader.distribution(d, lp.child("imagePull"), seconds: true) { runtime.lifecycle.imagePull = x }
                if let d = l["containerStart"], let x = reader.distribution(d, lp.child("containerStart"), seconds: true) { runtime.lifecycle.containerStart = x }
                if let d = l["applicationStartup"], let x = reader.distribution(d, lp.child("applicationStartup"), seconds: true) { runtime.lifecycle.applicationStartup = x }
            }
            if let v = f["initialPodsReady"], let b = reader.bool(v, p.child("initialPodsReady")) { runtime.initialPodsReady = b }
            if let v = f["podWorkers"], let w = reader.integer(v, p.child("podWorkers"), range: 1...1024, typeName: "1 to 1024") {
                runtime.podWorkers = Int(w)
            }
            let role = f["role"].flatMap { reader.string($0, p.child("role")) } ?? "idle"
            switch role {
            case "idle": runtime.role = .idle
            case "worker":
                var patterns: [String] = []
                if let v = f["patterns"], let items = reader.sequence(v, p.child("patterns")) {
                    patterns = items.enumerated().compactMap { reader.string($0.element, p.child("patterns").index($0.offset)) }
                }
                var perWorker = 1
                if let v = f["tasksPerWorker"], let t = reader.integer(v, p.child("tasksPerWorker"), range: 1...10_000, typeName: "1 to 10000") {
                    perWorker = Int(t)
                }
                var forwarding: Forwarding?
                if let v = f["forwarding"], let fw = reader.fields(v, p.child("forwarding"), known: ["target", "handoff", "usage"]) {
                    let fp = p.child("forwarding")
                    if let t = fw["target"], let target = reader.string(t, fp.child("target")) {
                        var forward = Forwarding(target: target)
                        if let h = fw["handoff"], let d = reader.distribution(h, fp.child("handoff"), seconds: true) { forward.handoff = d }
                        if let u = fw["usage"] { forward.usage = usage(u, fp.child("usage")) }
                        forwarding = forward
                    } else {
                        reader.error(fw.line, fp.child("target"), "Required value: the deployment that receives forwarded tasks")
                    }
                }
                runtime.role = .worker(WorkerSettings(patterns: patterns, podWorkers: runtime.podWorkers ?? 1,
                                                      tasksPerWorker: perWorker, forwarding: forwarding))
            case "notifier":
                var settings = NotifierSettings(drainRatePerPod: 1)
                if let v = f["drainRatePerPod"], let r = reader.rate(v, p.child("drainRatePerPod")) {
                    if r <= 0 { reader.error(v, p.child("drainRatePerPod"), "Invalid value: must be greater than zero") }
                    settings.drainRatePerPod = r
                } else if f["drainRatePerPod"] == nil {
                    reader.error(f.line, p.child("drainRatePerPod"), "Required value: notifications one pod delivers per second")
                }
                if let v = f["cpuAtFullRate"], let c = reader.cpuMilli(v, p.child("cpuAtFullRate")) { settings.cpuMilliAtFullRate = c }
                if let v = f["memoryPerPending"], let m = reader.memoryMilli(v, p.child("memoryPerPending")) { settings.memoryMilliPerPending = m }
                runtime.role = .notifier(settings)
            default:
                reader.error(f["role"], p.child("role"), "Unsupported value: \"\(role)\": supported values: \"idle\", \"notifier\", \"worker\"")
            }
            for key in ["patterns", "tasksPerWorker", "forwarding"] where role != "worker" && f[key] != nil {
                reader.warning(f.keyLines[key], p.child(key), "only used with role: worker (ignored)")
            }
            for key in ["drainRatePerPod", "cpuAtFullRate", "memoryPerPending"] where role != "notifier" && f[key] != nil {
                reader.warning(f.keyLines[key], p.child(key), "only used with role: notifier (ignored)")
            }
            result[name] = runtime
        }
        return result
    }

    func usage(_ node: Node, _ path: FieldPath) -> ResourceUsage {
        var u = ResourceUsage()
        guard let f = reader.fields(node, path, known: ["cpu", "memory"]) else { return u }
        if let v = f["cpu"], let c = reader.cpuMilli(v, path.child("cpu")) { u.cpuMilli = c }
        if let v = f["memory"], let m = reader.memoryMilli(v, path.child("memory")) { u.memoryMilli = m }
        return u
    }

    // MARK: workload

    static let classFields = ["name", "keyPattern", "arrivals", "duration", "usage", "cpuBound", "maxQueueWait", "onPodTermination"]

    func readWorkload(_ node: Node, _ path: FieldPath, events: inout [WorkloadEvent]) -> WorkloadConfiguration {
        var workload = WorkloadConfiguration()
        guard let f = reader.fields(node, path, known: ["classes", "trace"]) else { return workload }
        if let n = f["classes"], let items = reader.sequence(n, path.child("classes")) {
            for (i, item) in items.enumerated() {
                if let c = readClass(item, path.child("classes").index(i), events: &events) {
                    if workload.classes.contains(where: { $0.name == c.name }) {
                        reader.error(item, path.child("classes").index(i).child("name"), "Duplicate value: \"\(c.name)\"")
                    }
                    workload.classes.append(c)
                }
            }
        }
        if let n = f["trace"], let s = reader.string(n, path.child("trace")) {
            workload.trace = readTrace(s, node: n, path: path.child("trace"), classes: workload.classes.map(\.name))
        }
        return workload
    }

    private func readClass(_ node: Node, _ path: FieldPath, events: inout [WorkloadEvent]) -> TaskClass? {
        guard let f = reader.fields(node, path, known: Self.classFields) else { return nil }
        guard let n = f["name"], let name = reader.string(n, path.child("name")), !name.isEmpty else {
            reader.error(f.line, path.child("name"), "Required value")
            return nil
        }
        guard let k = f["keyPattern"], let key = reader.string(k, path.child("keyPattern")), !key.isEmpty else {
            reader.error(f.line, path.child("keyPattern"), "Required value: the Redis key pattern, e.g. egress:record:*")
            return nil
        }
        var c = TaskClass(name: name, keyPattern: key)
        if let a = f["arrivals"], let arrivals = readArrivals(a, path.child("arrivals"), taskClass: name, events: &events) {
            c.arrivals = arrivals
        }
        if let d = f["duration"], let dist = reader.distribution(d, path.child("duration"), seconds: true) { c.duration = dist }
        if let u = f["usage"] { c.usage = usage(u, path.child("usage")) }
        if let b = f["cpuBound"], let v = reader.bool(b, path.child("cpuBound")) { c.cpuBound = v }
        if let w = f["maxQueueWait"], !NodeReader.isNull(w), let d = reader.duration(w, path.child("maxQueueWait")) { c.maxQueueWait = d }
        if let t = f["onPodTermination"], let s = reader.string(t, path.child("onPodTermination")) {
            if let b = TerminationBehavior(rawValue: s) {
                c.onPodTermination = b
            } else {
                reader.error(t, path.child("onPodTermination"), "Unsupported value: \"\(s)\": supported values: \"fail\", \"requeue\"")
            }
        }
        return c
    }

    private func readArrivals(_ node: Node, _ path: FieldPath, taskClass: String, events: inout [WorkloadEvent]) -> ArrivalProcess? {
        guard let f = reader.fields(node, path, known: ["rate", "bursts"]) else { return nil }
        var process = ArrivalProcess.none
        /// A `name:` for `reactionTime{after=NAME}`; names are unique across the workload.
        func name(_ fields: Fields, _ p: FieldPath, _ timing: WorkloadEvent.Timing) {
            guard let n = fields["name"], let s = reader.string(n, p.child("name")) else { return }
            if events.contains(where: { $0.name == s }) {
                reader.error(n, p.child("name"), "Duplicate value: \"\(s)\": arrival segments and bursts need distinct names")
            }
            events.append(WorkloadEvent(name: s, taskClass: taskClass, timing: timing))
        }
        if let r = f["rate"], let schedule = readSchedule(r, path.child("rate"), named: name) { process.rate = schedule }
        if let b = f["bursts"], !NodeReader.isNull(b),
           let bf = reader.fields(b, path.child("bursts"), known: ["name", "interval", "offset", "size", "spread"]) {
            let p = path.child("bursts")
            var bursts = Bursts(size: .constant(0))
            if let v = bf["interval"], let d = reader.duration(v, p.child("interval"), allowZero: false) { bursts.interval = d }
            if let v = bf["offset"], let d = reader.duration(v, p.child("offset")) { bursts.offset = d }
            if let v = bf["spread"], let d = reader.duration(v, p.child("spread")) { bursts.spread = d }
            if let v = bf["size"], let d = reader.distribution(v, p.child("size"), seconds: false) {
                bursts.size = d
            } else if bf["size"] == nil {
                reader.error(bf.line, p.child("size"), "Required value: tasks per burst")
            }
            process.bursts = bursts
            name(bf, p, .bursts(offset: bursts.offset, interval: bursts.interval))
        }
        return process
    }

    /// A rate (`72/h`), `{daily: [24 rates]}`, `{weekly: {hourly: [24], dayFactors: [7]}}`
    /// or `{segments: [{start, rate}], period}`.
    private func readSchedule(_ node: Node, _ path: FieldPath,
                              named: (Fields, FieldPath, WorkloadEvent.Timing) -> Void) -> RateSchedule? {
        if case .scalar = node { return reader.rate(node, path).map { .constant($0) } }
        guard let f = reader.fields(node, path, known: ["daily", "weekly", "segments", "period"]) else { return nil }
        func rates(_ n: Node, _ p: FieldPath, count: Int) -> [Double]? {
            guard let items = reader.sequence(n, p) else { return nil }
            if items.count != count {
                reader.error(n, p, "Invalid value: \(items.count) values: expected exactly \(count)")
                return nil
            }
            var out: [Double] = []
            for (i, item) in items.enumerated() {
                guard let r = reader.rate(item, p.index(i)) else { return nil }
                out.append(r)
            }
            return out
        }
        if let d = f["daily"] {
            return rates(d, path.child("daily"), count: 24).map { RateSchedule.daily(hourlyRatesPerSecond: $0) }
        }
        if let w = f["weekly"] {
            let p = path.child("weekly")
            guard let wf = reader.fields(w, p, known: ["hourly", "dayFactors"]),
                  let h = wf["hourly"], let hourly = rates(h, p.child("hourly"), count: 24) else {
                reader.error(w, p.child("hourly"), "Required value: 24 hourly rates")
                return nil
            }
            guard let dn = wf["dayFactors"], let items = reader.sequence(dn, p.child("dayFactors")), items.count == 7 else {
                reader.error(wf.line, p.child("dayFactors"), "Required value: 7 factors, day 0 first")
                return nil
            }
            var factors: [Double] = []
            for (i, item) in items.enumerated() {
                guard let x = reader.amount(item, p.child("dayFactors").index(i), seconds: false) else { return nil }
                factors.append(x)
            }
            return .weekly(hourlyRatesPerSecond: hourly, dayFactors: factors)
        }
        if let s = f["segments"], let items = reader.sequence(s, path.child("segments")) {
            var segments: [RateSegment] = []
            var namedSegments: [(Fields, FieldPath, SimDuration)] = []
            for (i, item) in items.enumerated() {
                let p = path.child("segments").index(i)
                guard let sf = reader.fields(item, p, known: ["name", "start", "rate"]),
                      let st = sf["start"], let start = reader.duration(st, p.child("start")),
                      let rt = sf["rate"], let rate = reader.rate(rt, p.child("rate")) else { continue }
                if let last = segments.last, start <= last.start {
                    reader.error(st, p.child("start"), "Invalid value: segments must start in increasing order")
                }
                segments.append(RateSegment(start: start, ratePerSecond: rate))
                if sf["name"] != nil { namedSegments.append((sf, p, start)) }
            }
            if segments.first?.start != .zero {
                reader.error(s, path.child("segments"), "Invalid value: the first segment must start at 0s")
                return nil
            }
            var period: SimDuration?
            if let pn = f["period"], let d = reader.duration(pn, path.child("period"), allowZero: false) {
                period = d
                if let last = segments.last, last.start >= d {
                    reader.error(pn, path.child("period"), "Invalid value: every segment must start within the period")
                }
            }
            for (sf, p, start) in namedSegments { named(sf, p, .segment(start: start, period: period)) }
            return RateSchedule(segments: segments, period: period)
        }
        reader.error(f.line, path, "expected a rate (72/h), or one of daily, weekly, segments")
        return nil
    }

    /// Reads a CSV trace `timestamp,class[,duration]` (seconds or durations), relative to the scenario.
    private func readTrace(_ relative: String, node: Node, path: FieldPath, classes: [String]) -> [TraceArrival] {
        let base = (reader.file as NSString).deletingLastPathComponent
        let full = relative.hasPrefix("/") ? relative : (base as NSString).appendingPathComponent(relative)
        var diagnostics: [Diagnostic] = []
        guard let text = YAMLSource.read(path: full, display: full, limits: InputLimits(), into: &diagnostics) else {
            reader.diagnostics += diagnostics
            return []
        }
        var arrivals: [TraceArrival] = []
        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = String(raw).trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") || (lineNumber == 1 && line.lowercased().hasPrefix("timestamp")) { continue }
            let cols = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            func fail(_ message: String) {
                diagnostics.append(Diagnostic(severity: .error, file: full, line: lineNumber, field: nil, message: message))
            }
            guard cols.count == 2 || cols.count == 3 else { fail("expected timestamp,class[,duration], found \(cols.count) columns"); continue }
            guard let time = ScenarioDuration.parse(cols[0]) else { fail("Invalid value: \"\(cols[0])\": expected a timestamp in seconds from the start"); continue }
            guard classes.contains(cols[1]) else { fail("Invalid value: \"\(cols[1])\": no task class of that name"); continue }
            var duration: SimDuration?
            if cols.count == 3, !cols[2].isEmpty {
                guard let d = ScenarioDuration.parse(cols[2]) else { fail("Invalid value: \"\(cols[2])\": expected a duration"); continue }
                duration = d
            }
            if let last = arrivals.last, SimTime.zero + time < last.time { fail("timestamps must not decrease"); continue }
            arrivals.append(TraceArrival(time: .zero + time, taskClass: cols[1], duration: duration))
        }
        reader.diagnostics += diagnostics
        return arrivals
    }
}
