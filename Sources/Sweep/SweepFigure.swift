public import RunRecords

/// A number a run produces, named in the regression issue's syntax: `podHours{deployment=egress}`,
/// `queueWait.p95{class=egress-record}`, `timedOut{class=egress-record}`.
///
/// Kept small and in one file on purpose: the full figure syntax arrives with the regression
/// (expectations) issue and replaces this parser. **Lower is better for every figure here.**
public enum SweepFigure: Hashable, Sendable, CustomStringConvertible {
    /// Which queue-wait figure.
    public enum WaitStatistic: String, Hashable, Sendable, CaseIterable { case p50, p95, p99, max }

    /// Pod-hours of one deployment; nil: the total over the HPA-scaled deployments (the default objective).
    case podHours(deployment: String?)
    /// A queue-wait quantile of one class, in seconds.
    case queueWait(WaitStatistic, taskClass: String)
    /// Tasks that timed out waiting; nil: every class.
    case timedOut(taskClass: String?)
    /// Tasks interrupted by scale-down; nil: every class.
    case interrupted(taskClass: String?)
    /// Flaps (direction reversals) of one deployment; nil: every deployment.
    case flaps(deployment: String?)

    /// The default objective: total pod-hours of the HPA-scaled deployments.
    public static let defaultObjective = SweepFigure.podHours(deployment: nil)

    public var description: String {
        switch self {
        case .podHours(let d): d.map { "podHours{deployment=\($0)}" } ?? "podHours"
        case .queueWait(let s, let c): "queueWait.\(s.rawValue){class=\(c)}"
        case .timedOut(let c): c.map { "timedOut{class=\($0)}" } ?? "timedOut"
        case .interrupted(let c): c.map { "interrupted{class=\($0)}" } ?? "interrupted"
        case .flaps(let d): d.map { "flaps{deployment=\($0)}" } ?? "flaps"
        }
    }

    /// Parses `name[.statistic][{label=value}]`.
    public init(parsing text: String) throws(SweepError) {
        let expected = "podHours[{deployment=D}], queueWait.p50|p95|p99|max{class=C}, timedOut[{class=C}], interrupted[{class=C}] or flaps[{deployment=D}]"
        var head = Substring(text), label: (key: String, value: String)?
        if let open = text.firstIndex(of: "{") {
            guard text.hasSuffix("}") else { throw .invalidArgument(option: "--objective", expected: expected, found: text) }
            head = text[..<open]
            let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
            let parts = inside.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[1].isEmpty else { throw .invalidArgument(option: "--objective", expected: expected, found: text) }
            label = (String(parts[0]), String(parts[1]))
        }
        let names = head.split(separator: ".", maxSplits: 1).map(String.init)
        switch (names.first, names.count == 2 ? names[1] : nil, label?.key) {
        case ("podHours", nil, nil): self = .podHours(deployment: nil)
        case ("podHours", nil, "deployment"): self = .podHours(deployment: label?.value)
        case ("flaps", nil, nil): self = .flaps(deployment: nil)
        case ("flaps", nil, "deployment"): self = .flaps(deployment: label?.value)
        case ("timedOut", nil, nil): self = .timedOut(taskClass: nil)
        case ("timedOut", nil, "class"): self = .timedOut(taskClass: label?.value)
        case ("interrupted", nil, nil): self = .interrupted(taskClass: nil)
        case ("interrupted", nil, "class"): self = .interrupted(taskClass: label?.value)
        case ("queueWait", let s?, "class"):
            guard let statistic = WaitStatistic(rawValue: s), let c = label?.value else {
                throw .invalidArgument(option: "--objective", expected: expected, found: text)
            }
            self = .queueWait(statistic, taskClass: c)
        default:
            throw .invalidArgument(option: "--objective", expected: expected, found: text)
        }
    }

    /// The figure in `result`; nil when it names a class or deployment the run does not have.
    public func value(in result: SimulationResult) -> Double? {
        switch self {
        case .podHours(nil):
            return result.deployments.filter { $0.timeAtMaxReplicas != nil }.reduce(0) { $0 + $1.podHours }
        case .podHours(let d?): return result.deployment(d)?.podHours
        case .flaps(nil): return Double(result.deployments.reduce(0) { $0 + $1.flaps })
        case .flaps(let d?): return result.deployment(d).map { Double($0.flaps) }
        case .timedOut(nil): return Double(result.classes.reduce(0) { $0 + $1.timedOut })
        case .timedOut(let c?): return result.taskClass(c).map { Double($0.timedOut) }
        case .interrupted(nil): return Double(result.classes.reduce(0) { $0 + $1.interruptedByScaleDown })
        case .interrupted(let c?): return result.taskClass(c).map { Double($0.interruptedByScaleDown) }
        case .queueWait(let s, let c):
            guard let w = result.taskClass(c)?.queueWait else { return nil }
            switch s {
            case .p50: return w.p50.seconds
            case .p95: return w.p95.seconds
            case .p99: return w.p99.seconds
            case .max: return w.max.seconds
            }
        }
    }

    /// Promises a run breaks, until the scenario's `expectations` can be checked: tasks timed
    /// out plus tasks interrupted by scale-down, over every class.
    public static func brokenPromises(in result: SimulationResult) -> Int {
        result.classes.reduce(0) { $0 + $1.timedOut + $1.interruptedByScaleDown }
    }

    /// The worst (largest) p95 queue wait over the classes, in seconds: the latency axis of the Pareto front.
    public static func worstP95Wait(in result: SimulationResult) -> Double {
        result.classes.map(\.queueWait.p95.seconds).max() ?? 0
    }
}
