import SimTime
import HPAController

/// A configuration the model cannot run, with the field and what was expected.
///
/// Fields are paths into ``SimulationConfiguration`` (`deployments[egress].role.podWorkers`),
/// so a scenario loader can map them back to its file and line.
public struct ModelConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var field: String
    public var expected: String
    public var found: String
    public init(field: String, expected: String, found: String) {
        self.field = field; self.expected = expected; self.found = found
    }
    public var description: String { "\(field): expected \(expected), found \(found)" }
}

extension SimulationConfiguration {
    /// Throws the first problem found; the model runs any configuration that passes.
    public func validate() throws {
        func fail(_ field: String, _ expected: String, _ found: Any) throws -> Never {
            throw ModelConfigurationError(field: field, expected: expected, found: "\(found)")
        }
        if duration < .zero { try fail("duration", "a non-negative duration", duration) }
        if controller.syncPeriod <= .zero { try fail("controller.syncPeriod", "a positive duration", controller.syncPeriod) }
        if metrics.resource.resolution <= .zero {
            try fail("metrics.resource.resolution", "a positive duration", metrics.resource.resolution)
        }
        if metrics.custom.scrapeInterval <= .zero {
            try fail("metrics.custom.scrapeInterval", "a positive duration", metrics.custom.scrapeInterval)
        }
        if metrics.custom.queryWindow < .zero { try fail("metrics.custom.queryWindow", "a non-negative duration", metrics.custom.queryWindow) }
        if metrics.external.pollingInterval <= .zero {
            try fail("metrics.external.pollingInterval", "a positive duration", metrics.external.pollingInterval)
        }
        if let noise = metrics.noise, !(noise.relativeStandardDeviation >= 0) {
            try fail("metrics.noise.relativeStandardDeviation", "a non-negative number", noise.relativeStandardDeviation)
        }
        if restartBackOff.initial <= .zero || restartBackOff.maximum < restartBackOff.initial {
            try fail("restartBackOff", "0 < initial ≤ maximum", "\(restartBackOff.initial)…\(restartBackOff.maximum)")
        }
        if let s = results.seriesResolution, s <= .zero { try fail("results.seriesResolution", "a positive duration", s) }
        var names: [String] = []
        var notifiers = 0
        for d in deployments {
            let field = "deployments[\(d.name)]"
            if d.name.isEmpty { try fail("deployments[].name", "a name", "\"\"") }
            if names.contains(d.name) { try fail("\(field).name", "a unique name", d.name) }
            names.append(d.name)
            if d.replicas < 0 { try fail("\(field).replicas", "at least 0", d.replicas) }
            if d.template.containers.isEmpty { try fail("\(field).template.containers", "at least one container", 0) }
            if d.template.terminationGracePeriodSeconds < 0 {
                try fail("\(field).template.terminationGracePeriodSeconds", "at least 0", d.template.terminationGracePeriodSeconds)
            }
            if let probe = d.template.readinessProbe {
                if probe.periodSeconds < 1 { try fail("\(field).template.readinessProbe.periodSeconds", "at least 1", probe.periodSeconds) }
                if probe.successThreshold < 1 {
                    try fail("\(field).template.readinessProbe.successThreshold", "at least 1", probe.successThreshold)
                }
                if probe.initialDelaySeconds < 0 {
                    try fail("\(field).template.readinessProbe.initialDelaySeconds", "at least 0", probe.initialDelaySeconds)
                }
            }
            switch d.role {
            case .idle: break
            case .worker(let w):
                if w.podWorkers < 1 { try fail("\(field).role.podWorkers", "at least 1", w.podWorkers) }
                if w.tasksPerWorker < 1 { try fail("\(field).role.tasksPerWorker", "at least 1", w.tasksPerWorker) }
            case .notifier(let n):
                notifiers += 1
                if notifiers > 1 { try fail("\(field).role", "at most one notifier deployment", "a second one") }
                if !(n.drainRatePerPod > 0) { try fail("\(field).role.drainRatePerPod", "a positive rate", n.drainRatePerPod) }
            }
        }
        for d in deployments {
            guard case .worker(let w) = d.role, let forwarding = w.forwarding else { continue }
            let field = "deployments[\(d.name)].role.forwarding.target"
            guard let target = deployments.first(where: { $0.name == forwarding.target }) else {
                try fail(field, "the name of a deployment (one of \(names.joined(separator: ", ")))", forwarding.target)
            }
            guard case .worker = target.role, target.name != d.name else {
                try fail(field, "another worker deployment", forwarding.target)
            }
        }
        var targets: [String] = []
        for a in autoscalers {
            let field = "autoscalers[\(a.hpa.name)]"
            let target = a.hpa.spec.scaleTargetRef.name
            if !names.contains(target) {
                try fail("\(field).spec.scaleTargetRef.name", "the name of a deployment (one of \(names.joined(separator: ", ")))", target)
            }
            if targets.contains(target) { try fail("\(field).spec.scaleTargetRef.name", "a deployment no other HPA targets", target) }
            targets.append(target)
            if a.hpa.spec.maxReplicas < 1 { try fail("\(field).spec.maxReplicas", "at least 1", a.hpa.spec.maxReplicas) }
            if a.syncPhaseOffset < .zero { try fail("\(field).syncPhaseOffset", "a non-negative duration", a.syncPhaseOffset) }
        }
        var classNames: [String] = []
        for c in workload.classes {
            let field = "workload.classes[\(c.name)]"
            if c.name.isEmpty { try fail("workload.classes[].name", "a name", "\"\"") }
            if classNames.contains(c.name) { try fail("\(field).name", "a unique name", c.name) }
            classNames.append(c.name)
            if c.keyPattern.isEmpty { try fail("\(field).keyPattern", "a key pattern such as egress:record:*", "\"\"") }
            try c.arrivals.rate.validate(field: "\(field).arrivals.rate")
            if let b = c.arrivals.bursts {
                if b.interval <= .zero { try fail("\(field).arrivals.bursts.interval", "a positive duration", b.interval) }
                if b.spread < .zero || b.offset < .zero {
                    try fail("\(field).arrivals.bursts", "non-negative offset and spread", "\(b.offset), \(b.spread)")
                }
            }
            if let w = c.maxQueueWait, w < .zero { try fail("\(field).maxQueueWait", "a non-negative duration", w) }
        }
        var previous = SimTime.farPast
        for (i, entry) in workload.trace.enumerated() {
            if !classNames.contains(entry.taskClass) {
                try fail("workload.trace[\(i)].taskClass", "one of \(classNames.joined(separator: ", "))", entry.taskClass)
            }
            if entry.time < previous { try fail("workload.trace[\(i)].time", "times in ascending order", entry.time) }
            if entry.time < .zero { try fail("workload.trace[\(i)].time", "a time at or after the start", entry.time) }
            previous = entry.time
        }
    }
}

extension RateSchedule {
    func validate(field: String) throws {
        func fail(_ expected: String, _ found: Any) throws -> Never {
            throw ModelConfigurationError(field: field, expected: expected, found: "\(found)")
        }
        guard let first = segments.first else { try fail("at least one segment", "none") }
        if first.start != .zero { try fail("the first segment to start at 0", first.start) }
        for (i, s) in segments.enumerated() {
            if !(s.ratePerSecond >= 0) || !s.ratePerSecond.isFinite {
                try fail("non-negative finite rates (segment \(i))", s.ratePerSecond)
            }
            if i > 0, s.start <= segments[i - 1].start { try fail("segment starts in ascending order (segment \(i))", s.start) }
            if let period, s.start >= period { try fail("segment starts within the period \(period) (segment \(i))", s.start) }
        }
        if let period, period <= .zero { try fail("a positive period", period) }
    }
}
