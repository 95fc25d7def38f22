public import SimTime
public import ClusterModel
internal import HPAController

/// The names a scenario defines, against which an expectation's labels are checked.
///
/// **An expectation that passes validation names only what exists**: its class, deployment,
/// HPA and event. A window past the end of the run, or a `reactionTime` target above the HPA's
/// `maxReplicas`, is not an error: the promise fails when checked, so a variant that shortens
/// the run or lowers `maxReplicas` still loads, and shows which promises it breaks.
public struct ExpectationContext: Sendable {
    /// An HPA, its target and its bounds.
    public struct Autoscaler: Hashable, Sendable {
        public var name: String
        public var deployment: String
        public var maxReplicas: Int32
        public init(name: String, deployment: String, maxReplicas: Int32) {
            self.name = name; self.deployment = deployment; self.maxReplicas = maxReplicas
        }
    }

    public var classes: [String]
    public var deployments: [String]
    /// Each deployment's `spec.replicas` at the start, in ``deployments`` order.
    public var initialReplicas: [Int32]
    public var autoscalers: [Autoscaler]
    public var events: [WorkloadEvent]
    public var duration: SimDuration
    /// Interval of the series points the timeline keeps.
    public var seriesResolution: SimDuration
    /// Scale events reversing direction within this count as a flap.
    public var flappingWindow: SimDuration

    /// The names of `configuration`, and the workload events a scenario named.
    public init(configuration: SimulationConfiguration, events: [WorkloadEvent] = []) {
        classes = configuration.workload.classes.map(\.name)
        deployments = configuration.deployments.map(\.name)
        initialReplicas = configuration.deployments.map(\.replicas)
        autoscalers = configuration.autoscalers.map {
            Autoscaler(name: $0.hpa.name, deployment: $0.hpa.spec.scaleTargetRef.name, maxReplicas: $0.hpa.spec.maxReplicas)
        }
        self.events = events
        duration = configuration.duration
        seriesResolution = configuration.results.seriesResolution ?? configuration.controller.syncPeriod
        flappingWindow = configuration.results.flappingWindow
    }

    public func autoscaler(named name: String) -> Autoscaler? { autoscalers.first { $0.name == name } }
    public func autoscaler(of deployment: String) -> Autoscaler? { autoscalers.first { $0.deployment == deployment } }

    /// Every problem with `expectation`'s names in this scenario, each as
    /// `<label>: expected <what>, found <what>`; empty when it can be measured.
    public func problems(_ expectation: Expectation) -> [String] {
        var problems: [String] = []
        func check(_ key: String, _ value: String, among names: [String], _ what: String) {
            guard !names.contains(value) else { return }
            var found = "\"\(value)\""
            if let guess = nearest(value, in: names) { found += " (did you mean \"\(guess)\"?)" }
            let list = names.isEmpty ? "none defined" : names.joined(separator: ", ")
            problems.append("\(key)=\(value): expected \(what) (\(list)), found \(found)")
        }
        let subject = expectation.subject
        switch subject.kind {
        case .class: check("class", subject.name, among: classes, "a task class of the scenario")
        case .deployment:
            check("deployment", subject.name, among: deployments, "a deployment of the scenario")
            if expectation.figure == .timeAtMax, deployments.contains(subject.name), autoscaler(of: subject.name) == nil {
                problems.append("deployment=\(subject.name): expected a deployment an HPA scales (timeAtMax is time at the HPA's maxReplicas), found one without an HPA")
            }
        case .hpa: check("hpa", subject.name, among: autoscalers.map(\.name), "an HPA of the scenario")
        }
        if expectation.figure == .reactionTime {
            if let after = expectation.after {
                check("after", after, among: events.map(\.name), "a named arrival segment or burst")
            }
        }
        return problems
    }
}
