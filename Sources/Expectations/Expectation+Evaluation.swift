import Foundation
internal import SimTime
public import RunRecords

/// A figure's value in one run, and how it is shown.
public struct Measurement: Hashable, Sendable, CustomStringConvertible {
    /// In the figure's measuring unit (seconds, a ratio, a number); nil when the run gives none
    /// (no CPU requests, a reaction that never came).
    public var value: Double?
    /// `3`, `42s`, `71.2%`, or why there is no value.
    public var text: String
    public init(value: Double?, text: String) { self.value = value; self.text = text }
    public var description: String { text }

    /// `value` shown in `unit`.
    public static func of(_ value: Double, unit: Figure.Unit) -> Measurement {
        switch unit {
        case .number:
            if value == value.rounded(), abs(value) < 1e15 { return Measurement(value: value, text: "\(Int64(value))") }
            return Measurement(value: value, text: String(format: "%.2f", value))
        case .duration: return Measurement(value: value, text: SimDuration(seconds: value).description)
        case .percent: return Measurement(value: value, text: Utilization(ratio: value).description)   // as the summary prints it
        }
    }
}

/// One promise checked against one run.
public struct ExpectationOutcome: Hashable, Sendable, CustomStringConvertible {
    public var expectation: Expectation
    /// The promise's `name:`, if any.
    public var name: String?
    public var seed: UInt64
    public var measured: Measurement
    public var passed: Bool

    public init(expectation: Expectation, name: String?, seed: UInt64, measured: Measurement) {
        self.expectation = expectation; self.name = name; self.seed = seed; self.measured = measured
        passed = measured.value.map { expectation.comparison.holds($0, expectation.value) } ?? false
    }

    /// `measured 3, promised == 0`.
    public var comparison: String { "measured \(measured), promised \(expectation.comparison.rawValue) \(expectation.valueText)" }

    /// `PASS  recordings survive scale-downs: interrupted{class=egress-record} == 0 (seed 1): measured 0`.
    public var description: String {
        (passed ? "PASS  " : "FAIL  ") + (name.map { "\($0): " } ?? "") + "\(expectation) (seed \(seed)): " + comparison
    }
}

extension Expectation {
    /// This figure in a run: from `result` for the whole run, from `timeline` for a window
    /// and for `reactionTime`.
    ///
    /// Windowed class figures count the tasks that arrived in the window and ended by the end of
    /// the run; windowed queue-wait quantiles are exact (nearest rank); windowed `podHours` and
    /// utilizations are sums and means over the series steps in the window (the series resolution).
    public func measure(_ result: SimulationResult, timeline: ExpectationTimeline, context: ExpectationContext) -> Measurement {
        let subject = subject
        if figure == .reactionTime { return reactionTime(timeline: timeline, context: context) }
        if let window {
            if window.start >= result.duration {
                return Measurement(value: nil, text: "none (the window starts after the run's \(result.duration))")
            }
            return measure(in: window, subject: subject, result: result, timeline: timeline, context: context)
        }
        func number(_ v: Int) -> Measurement { .of(Double(v), unit: .number) }
        switch subject.kind {
        case .class:
            guard let c = result.taskClass(subject.name) else { return Measurement(value: nil, text: "no class \(subject.name)") }
            switch figure {
            case .arrived: return number(c.arrived)
            case .completed: return number(c.completed)
            case .failed: return number(c.failed)
            case .timedOut: return number(c.timedOut)
            case .interruptedByScaleDown: return number(c.interruptedByScaleDown)
            case .interruptedByOOM: return number(c.interruptedByOOM)
            case .interrupted: return number(c.interruptedByScaleDown + c.interruptedByOOM)
            case .requeued: return number(c.requeued)
            case .queueWaitP50: return .of(c.queueWait.p50.seconds, unit: .duration)
            case .queueWaitP95: return .of(c.queueWait.p95.seconds, unit: .duration)
            case .queueWaitP99: return .of(c.queueWait.p99.seconds, unit: .duration)
            case .queueWaitMax: return .of(c.queueWait.max.seconds, unit: .duration)
            default: preconditionFailure("\(figure) is not a class figure")
            }
        case .deployment, .hpa:
            let name = subject.kind == .hpa ? (context.autoscaler(named: subject.name)?.deployment ?? "") : subject.name
            guard let d = result.deployment(name) else { return Measurement(value: nil, text: "no deployment \(name)") }
            switch figure {
            case .podHours: return .of(d.podHours, unit: .number)
            case .meanReplicas: return .of(d.meanReplicas, unit: .number)
            case .maxReplicas: return number(Int(d.maxReplicas))
            case .timeAtMax:
                guard let t = d.timeAtMaxReplicas else { return Measurement(value: nil, text: "none (no HPA)") }
                return .of(t.seconds, unit: .duration)
            case .scaleEvents: return number(d.scaleEvents)
            case .scaleUps: return number(d.scaleUps)
            case .scaleDowns: return number(d.scaleDowns)
            case .flaps: return number(d.flaps)
            case .cpuUtilization:
                return d.meanCPUUtilization.map { .of($0.ratio, unit: .percent) } ?? Measurement(value: nil, text: "none (no CPU requests)")
            case .memoryUtilization:
                return d.meanMemoryUtilization.map { .of($0.ratio, unit: .percent) } ?? Measurement(value: nil, text: "none (no memory requests)")
            case .oomKills: return number(d.oomKills)
            default: preconditionFailure("\(figure) is not a deployment figure")
            }
        }
    }

    private func measure(in window: Window, subject: (kind: Figure.Subject, name: String), result: SimulationResult,
                         timeline: ExpectationTimeline, context: ExpectationContext) -> Measurement {
        let end = min(window.end, result.duration)
        let clipped = Window(start: window.start, end: end)
        func number(_ v: Int) -> Measurement { .of(Double(v), unit: .number) }
        switch subject.kind {
        case .class:
            let tasks = (timeline.tasks[subject.name] ?? []).filter { clipped.contains($0.arrivedAt) }
            func count(_ outcomes: [TaskOutcome]) -> Measurement { number(tasks.filter { outcomes.contains($0.outcome) }.count) }
            switch figure {
            case .arrived: return number(tasks.count)
            case .completed: return count([.completed])
            case .failed: return count([.timedOut, .interruptedByOOM, .interruptedByScaleDown])
            case .timedOut: return count([.timedOut])
            case .interruptedByOOM: return count([.interruptedByOOM])
            case .queueWaitP50, .queueWaitP95, .queueWaitP99, .queueWaitMax:
                let waits = tasks.compactMap { t in t.startedAt.map { ($0 - t.arrivedAt).microseconds } }.sorted()
                guard let last = waits.last else { return .of(0, unit: .duration) }
                let q: Double = switch figure { case .queueWaitP50: 0.5; case .queueWaitP95: 0.95; case .queueWaitP99: 0.99; default: 1 }
                let rank = q >= 1 ? waits.count : max(1, Int((q * Double(waits.count)).rounded(.up)))
                let wait = q >= 1 ? last : waits[rank - 1]
                return .of(SimDuration(microseconds: wait).seconds, unit: .duration)
            default: preconditionFailure("\(figure) has no windowed form")
            }
        case .deployment, .hpa:
            let deployment = subject.kind == .hpa ? (context.autoscaler(named: subject.name)?.deployment ?? "") : subject.name
            let scales = timeline.scales.filter { subject.kind == .hpa ? $0.hpa == subject.name : $0.deployment == deployment }
            let inWindow = scales.filter { clipped.contains($0.time) }
            switch figure {
            case .scaleEvents: return number(inWindow.count)
            case .scaleUps: return number(inWindow.filter { $0.to > $0.from }.count)
            case .scaleDowns: return number(inWindow.filter { $0.to < $0.from }.count)
            case .flaps:
                var flaps = 0
                for (i, s) in scales.enumerated() where i > 0 && clipped.contains(s.time) {
                    let p = scales[i - 1]
                    if (s.to > s.from) != (p.to > p.from), s.time - p.time < context.flappingWindow { flaps += 1 }
                }
                return number(flaps)
            case .maxReplicas, .meanReplicas, .timeAtMax:
                let steps = replicaSteps(of: deployment, scales: scales, context: context, in: clipped)
                switch figure {
                case .maxReplicas: return number(Int(steps.map(\.replicas).max() ?? 0))
                case .meanReplicas:
                    let total = steps.reduce(0.0) { $0 + Double($1.replicas) * $1.length.seconds }
                    let length = (clipped.end - clipped.start).seconds
                    return .of(length > 0 ? total / length : 0, unit: .number)
                default:
                    let max = context.autoscaler(of: deployment)?.maxReplicas ?? .max
                    let at = steps.filter { $0.replicas >= max }.reduce(SimDuration.zero) { $0 + $1.length }
                    return .of(at.seconds, unit: .duration)
                }
            case .podHours, .cpuUtilization, .memoryUtilization:
                let samples = (timeline.samples[deployment] ?? []).filter { clipped.contains($0.time) }
                switch figure {
                case .podHours:
                    let hours = context.seriesResolution.seconds / 3600
                    return .of(samples.reduce(0.0) { $0 + Double($1.livePods) * hours }, unit: .number)
                default:
                    let values = samples.compactMap { figure == .cpuUtilization ? $0.cpuUtilization : $0.memoryUtilization }
                    guard !values.isEmpty else { return Measurement(value: nil, text: "none (no pod with requests ran in the window)") }
                    return .of(values.reduce(0, +) / Double(values.count), unit: .percent)
                }
            default: preconditionFailure("\(figure) has no windowed form")
            }
        }
    }

    /// `spec.replicas` as a step function over `window`: (replicas, how long).
    private func replicaSteps(of deployment: String, scales: [ScaleRecord], context: ExpectationContext,
                              in window: Window) -> [(replicas: Int32, length: SimDuration)] {
        let index = context.deployments.firstIndex(of: deployment)
        var replicas = index.map { context.initialReplicas[$0] } ?? 0
        var steps: [(Int32, SimDuration)] = []
        var cursor = SimTime.zero + window.start
        let end = SimTime.zero + window.end
        for s in scales {
            if s.time <= cursor { replicas = s.to; continue }
            if s.time >= end { break }
            steps.append((replicas, s.time - cursor))
            cursor = s.time
            replicas = s.to
        }
        if cursor < end { steps.append((replicas, end - cursor)) }
        return steps
    }

    /// The longest time, over the `after` event's occurrences, from the event until the HPA's
    /// target reaches `replicas`.
    private func reactionTime(timeline: ExpectationTimeline, context: ExpectationContext) -> Measurement {
        guard let hpa = context.autoscaler(named: subject.name), let target = replicas, let after,
              let event = context.events.first(where: { $0.name == after }) else {
            return Measurement(value: nil, text: "not measurable")
        }
        let scales = timeline.scales.filter { $0.hpa == hpa.name }
        let index = context.deployments.firstIndex(of: hpa.deployment)
        let initial = index.map { context.initialReplicas[$0] } ?? 0
        let occurrences = event.occurrences(before: context.duration)
        guard !occurrences.isEmpty else { return Measurement(value: nil, text: "none (\(after) does not occur in the run)") }
        var worst = SimDuration.zero
        for t0 in occurrences {
            let current = scales.last { $0.time <= t0 }?.to ?? initial
            if current >= target { continue }
            guard let reached = scales.first(where: { $0.time > t0 && $0.to >= target }) else {
                return Measurement(value: nil, text: "never (\(hpa.deployment) did not reach \(target) replicas after \(after) at \(t0 - SimTime.zero))")
            }
            worst = max(worst, reached.time - t0)
        }
        return .of(worst.seconds, unit: .duration)
    }
}
