import Foundation
import ClusterModel
import Scenario
import SimTime
import Store
public import Sweep

/// How `simulate compare`, `sweep` and `tune` run a variant: load it, run it through
/// ``ScenarioRun``, store it. The Sweep module knows no store; this injects one.
///
/// **A finished run is in the database as soon as it finishes**, and **a run already stored is
/// not run again** (resume): a variant whose resolved scenario and seed match a stored run (same
/// `runs.scenario_hash` and `seed`) takes that run's results from the database.
public final class SweepRunStore: Sendable {
    /// The run database; nil: nothing is stored or resumed.
    public let database: String?
    /// The database, opened once for reading stored runs (each new run opens its own to write).
    private let store: RunStore?
    /// Stored completed runs by `"<scenario hash> <seed>"` (looked up, never iterated).
    private let stored: [String: RunID]
    private let resumedCount = Counter()

    /// Opens `database` (when given) and indexes its runs.
    /// - Throws: ``StoreError`` when the database cannot be opened.
    public init(database: String?) throws {
        self.database = database
        var index: [String: RunID] = [:]
        store = try database.map { try RunStore(path: $0) }
        for run in try store?.runs() ?? [] where run.outcome.status == .completed {
            index["\(run.metadata.scenarioHash) \(run.metadata.seed)"] = run.id
        }
        stored = index
    }

    /// Runs taken from the database instead of being run.
    public var resumed: Int { resumedCount.value }

    /// The runner to hand to ``ParallelRuns`` or ``Tuner``; runs are named `<scenario name> <variant name> <overrides>`.
    public var runner: VariantRunner {
        { [self] request in try self.run(request) }
    }

    func run(_ request: RunRequest) throws -> SimulationResult {
        let loaded = try ScenarioLoader.load(path: request.variant.scenarioPath, seed: request.seed,
                                             duration: request.duration, overrides: request.variant.overrides)
        if let store, let id = stored[try Self.key(of: loaded.configuration)] {
            resumedCount.increment()
            return try Self.storedResult(id, in: store, order: loaded.configuration)
        }
        let scenarioName = loaded.file.name.isEmpty
            ? URL(fileURLWithPath: request.variant.scenarioPath).deletingPathExtension().lastPathComponent : loaded.file.name
        let name = ([scenarioName, request.variant.name] + request.variant.overrides.map(\.description)).joined(separator: " ")
        return try ScenarioRun.run(loaded, scenarioPath: request.variant.scenarioPath,
                                   options: .init(database: database, name: name)).result
    }

    /// `"<hash> <seed>"` of the configuration as ``ScenarioRun`` stores it (series resolution
    /// defaulted, no per-task or per-pod detail).
    static func key(of loaded: SimulationConfiguration) throws -> String {
        var configuration = loaded
        if configuration.results.seriesResolution == nil {
            configuration.results.seriesResolution = ScenarioRun.defaultSeriesResolution(for: configuration)
        }
        configuration.results.recordTasks = false
        configuration.results.recordPods = false
        return "\(StableHash.hex(of: try ScenarioRun.resolvedJSON(configuration))) \(configuration.seed)"
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
