public import HPASim

/// A run's result, queried from a test: replicas, queue waits, HPA decisions, windows,
/// and promises in the scenario files' language.
public struct PolicyResult: @unchecked Sendable {
    /// The summary figures `simulate run` prints.
    public let result: SimulationResult
    /// Every rescale, in time order.
    public let scales: [ScaleRecord]
    // Read-only after the run (hence `@unchecked Sendable`).
    let timeline: ExpectationTimeline
    let context: ExpectationContext
    let expectations: [ScenarioExpectation]
    /// The slice of time queries look at (the whole run unless sliced).
    public let window: Expectation.Window?

    init(result: SimulationResult, scales: [ScaleRecord], timeline: ExpectationTimeline, context: ExpectationContext,
         expectations: [ScenarioExpectation], window: Expectation.Window? = nil) {
        self.result = result; self.scales = scales; self.timeline = timeline; self.context = context
        self.expectations = expectations; self.window = window
    }

    /// Queue-wait quantiles a test asks for.
    public enum Quantile: Sendable { case p50, p95, p99, max }

    /// `spec.replicas` of a deployment over the run (or the slice).
    public struct Replicas: Sendable {
        /// (from, replicas) steps, the first at the start of the run or slice.
        public var steps: [(time: SimTime, replicas: Int32)]
        public var max: Int32 { steps.map(\.replicas).max() ?? 0 }
        public var min: Int32 { steps.map(\.replicas).min() ?? 0 }
        /// The last value.
        public var final: Int32 { steps.last?.replicas ?? 0 }
    }

    /// The same run seen between `start` and `end` (from the start of the run).
    public func during(_ start: SimDuration, _ end: SimDuration) -> PolicyResult {
        PolicyResult(result: result, scales: scales, timeline: timeline, context: context, expectations: expectations,
                     window: Expectation.Window(start: start, end: end))
    }

    /// `spec.replicas` of `deployment`, step by step (exact: from the scale records).
    public func replicas(of deployment: String) -> Replicas {
        let start = SimTime.zero + (window?.start ?? .zero)
        let end = SimTime.zero + (window?.end ?? result.duration)
        let initial = context.deployments.firstIndex(of: deployment).map { context.initialReplicas[$0] } ?? 0
        let mine = scales.filter { $0.deployment == deployment }
        var steps = [(time: start, replicas: mine.last { $0.time <= start }?.to ?? initial)]
        for s in mine where s.time > start && s.time < end { steps.append((s.time, s.to)) }
        return Replicas(steps: steps)
    }

    /// A class's queue-wait quantile over the run (from its histogram), or over the slice
    /// (exact, over the tasks that arrived in it).
    public func queueWait(_ quantile: Quantile, class name: String) throws -> SimDuration {
        let figure = switch quantile { case .p50: "p50"; case .p95: "p95"; case .p99: "p99"; case .max: "max" }
        let measured = try measure("queueWait.\(figure){class=\(name)} >= 0s")
        return SimDuration(seconds: measured.value ?? 0)
    }

    /// The HPA's rescales (its `SuccessfulRescale` events), in the slice when sliced.
    public func decisions(for hpa: String) -> [ScaleRecord] {
        scales.filter { $0.hpa == hpa && (window?.contains($0.time) ?? true) }
    }

    /// A figure's value: `try result.measure("podHours{deployment=egress} <= 0")` (the
    /// comparison is parsed, not applied). In a slice, the slice's window applies.
    public func measure(_ promise: String) throws -> Measurement {
        measure(try validated(promise))
    }

    /// Checks a promise; throws ``PromiseBroken`` with the measured value when it does not hold.
    ///
    /// Works with XCTest (`XCTAssertNoThrow(try result.check(...))`, or `XCTAssertPromise` of
    /// `HPASimXCTest`) and Swift Testing (`try result.check(...)` or `#expect(throws: Never.self)`):
    /// the framework's failure shows the error's description.
    @discardableResult
    public func check(_ promise: String) throws -> ExpectationOutcome {
        let expectation = try validated(promise)
        let outcome = ExpectationOutcome(expectation: expectation, name: nil, seed: result.seed, measured: measure(expectation))
        if !outcome.passed { throw PromiseBroken(outcome: outcome) }
        return outcome
    }

    /// Every promise of the scenario file that applies to this seed, checked.
    public func checkScenarioExpectations() -> [ExpectationOutcome] {
        expectations.filter { $0.seeds.isEmpty || $0.seeds.contains(result.seed) }.map {
            ExpectationOutcome(expectation: $0.expectation, name: $0.name, seed: result.seed, measured: measure($0.expectation))
        }
    }

    private func validated(_ promise: String) throws -> Expectation {
        var expectation = try Expectation(parsing: promise)
        if expectation.window == nil, let window, expectation.figure.windowRestriction == nil { expectation.window = window }
        let problems = context.problems(expectation)
        if !problems.isEmpty { throw InvalidPromise(promise: promise, problems: problems) }
        return expectation
    }

    private func measure(_ expectation: Expectation) -> Measurement {
        expectation.measure(result, timeline: timeline, context: context)
    }
}

/// A promise that did not hold: its description names it and the measured value.
public struct PromiseBroken: Error, Hashable, Sendable, CustomStringConvertible {
    public var outcome: ExpectationOutcome
    public var description: String { "promise broken: \(outcome.expectation): \(outcome.comparison)" }
}

/// A promise naming something the scenario lacks (a class, deployment, HPA or event).
public struct InvalidPromise: Error, Hashable, Sendable, CustomStringConvertible {
    public var promise: String
    public var problems: [String]
    public var description: String { "invalid promise \"\(promise)\": " + problems.joined(separator: "; ") }
}
