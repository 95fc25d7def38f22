import Foundation
import ClusterModel
import Scenario
import SimTime
import Store
import Expectations
public import Sweep

/// How `simulate compare`, `sweep` and `tune` run a variant: load it, run it through
/// ``ScenarioRun``, store it, check the scenario's promises and measure the objective. The Sweep
/// module knows no store; this injects one.
///
/// **A finished run is in the database as soon as it finishes**, and **a run already stored is
/// not run again** (resume): a variant whose resolved scenario and seed match a stored run (same
/// `runs.scenario_hash` and `seed`) takes that run's results from the database.
///
/// **A resumed run gives the same promises and objective as a fresh one.** Whole-run figures
/// come from the stored results. Promises that read a timeline (windowed figures,
/// `reactionTime`) and a windowed objective are measured on a timeline re-derived from the
/// stored run: its scale events and series (always stored), and its task records when a
/// windowed class figure needs them. For those, the sweep stores its runs with every task
/// (detail `all`), and resumes only runs stored so; anything else is run again.
public final class SweepRunStore: Sendable {
    /// The run database; nil: nothing is stored or resumed.
    public let database: String?
    /// The database, opened once for reading stored runs (each new run opens its own to write).
    private let store: RunStore?
    /// Stored completed runs by `"<scenario hash> <seed>"` (looked up, never iterated), with their detail level.
    private let stored: [String: (id: RunID, detail: DetailLevel)]
    private let resumedCount = Counter()

    /// Opens `database` (when given) and indexes its runs.
    /// - Throws: ``StoreError`` when the database cannot be opened.
    public init(database: String?) throws {
        self.database = database
        var index: [String: (id: RunID, detail: DetailLevel)] = [:]
        store = try database.map { try RunStore(path: $0) }
        for run in try store?.runs() ?? [] where run.outcome.status == .completed {
            index["\(run.metadata.scenarioHash) \(run.metadata.seed)"] = (run.id, run.metadata.detailLevel)
        }
        stored = index
    }

    /// Runs taken from the database instead of being run.
    public var resumed: Int { resumedCount.value }

    /// The runner to hand to ``ParallelRuns`` or ``Tuner``, measuring `objective`; runs are named
    /// `<scenario name> <variant name> <overrides>`.
    public func runner(objective: SweepObjective = .hpaPodHours) -> VariantRunner {
        { [self] request in try self.run(request, objective: objective) }
    }

    /// A name no promise has: the objective rides along as the last promise, so that the
    /// run's timeline keeps what it needs.
    private static let objectiveMarker = "\u{0}objective"

    func run(_ request: RunRequest, objective: SweepObjective) throws -> VariantRun {
        var loaded = try ScenarioLoader.load(path: request.variant.scenarioPath, seed: request.seed,
                                             duration: request.duration, overrides: request.variant.overrides)
        if let figure = objective.expectation {
            loaded.file.expectations.append(ScenarioExpectation(
                name: Self.objectiveMarker, expectation: figure, location: SourceLocation(file: "--objective", line: nil),
                field: "--objective"))
        }
        let probe = ScenarioRun.prepared(loaded)
        let needsTasks = ExpectationTimeline(for: probe.promises.map(\.expectation)).needsTaskRecords
        // Task records are stored only to be read back: without a database, none.
        let options = ScenarioRun.Options(database: database, detail: needsTasks && database != nil ? .all : .off)
        let (scenario, promises) = ScenarioRun.prepared(loaded, options: options)

        let result: SimulationResult
        var outcomes: [ExpectationOutcome]
        // The resume key only with a database (encoding the configuration is a tenth of a week's run).
        let key = try store.map { _ in
            "\(StableHash.hex(of: try ScenarioRun.resolvedJSON(scenario.configuration))) \(scenario.configuration.seed)"
        }
        if let store, let key, let run = stored[key], !needsTasks || run.detail == .all {   // a sampled run lacks tasks
            resumedCount.increment()
            result = try Self.storedResult(run.id, in: store, order: scenario.configuration)
            let timeline = try Self.storedTimeline(run.id, in: store, for: promises)
            outcomes = ScenarioRun.outcomes(of: promises, result, timeline: timeline, scenario: scenario)
        } else {
            let scenarioName = loaded.file.name.isEmpty
                ? URL(fileURLWithPath: request.variant.scenarioPath).deletingPathExtension().lastPathComponent : loaded.file.name
            var named = options
            named.name = ([scenarioName, request.variant.name] + request.variant.overrides.map(\.description)).joined(separator: " ")
            let report = try ScenarioRun.run(loaded, scenarioPath: request.variant.scenarioPath, options: named)
            result = report.result
            outcomes = report.outcomes
        }
        var measured: Double?
        switch objective {
        case .hpaPodHours: measured = SweepObjective.hpaPodHours(in: result)
        case .figure:
            guard outcomes.last?.name == Self.objectiveMarker else { preconditionFailure("the objective is the last outcome") }
            measured = outcomes.removeLast().measured.value
        }
        return VariantRun(result: result, outcomes: outcomes, objective: measured)
    }

    /// The timeline `promises` need, re-derived from stored run `id`: its scale events, its
    /// series, its task records (stored at detail `all`), passed to an ``ExpectationTimeline``
    /// in the order the run recorded them, as a fresh run passes them.
    static func storedTimeline(_ id: RunID, in store: RunStore, for promises: [ScenarioExpectation]) throws -> ExpectationTimeline {
        let timeline = ExpectationTimeline(for: promises.map(\.expectation))
        guard timeline.isNeeded else { return timeline }
        for scale in try store.scaleEvents(of: id) { try timeline.recordScale(scale) }
        for point in try store.series(of: id) { try timeline.recordSeries(point) }
        if timeline.needsTaskRecords {
            for task in try store.taskRecords(of: id) { try timeline.recordTask(task) }
        }
        return timeline
    }

    /// A stored run's results: the same `SimulationResult` the run returned (the store keeps
    /// every figure, in the configuration's order). A run stored before schema version 8 lacks
    /// some counts (read as 0); its classes and deployments are put in `order`'s order, as a
    /// fresh run reports them (sums over them then add in the same order, to the same bits).
    static func storedResult(_ id: RunID, in store: RunStore, order: SimulationConfiguration) throws -> SimulationResult {
        var result = try store.results(of: id).result
        let classOrder = order.workload.classes.map(\.name), deploymentOrder = order.deployments.map(\.name)
        result.classes.sort { (classOrder.firstIndex(of: $0.name) ?? .max) < (classOrder.firstIndex(of: $1.name) ?? .max) }
        result.deployments.sort {
            (deploymentOrder.firstIndex(of: $0.name) ?? .max) < (deploymentOrder.firstIndex(of: $1.name) ?? .max)
        }
        return result
    }
}

/// A counter shared by the pool's threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
