import Foundation
import HPASim
import Testing

@Suite("Running and storing scenarios")
struct ScenarioRunTests {
    @Test("a stored run replays to identical decisions, and a tampered row is caught")
    func replay() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let db = dir.path("runs.sqlite")
        let report = try ScenarioRun.run(scenarioAt: scenario("hourly-burst.yaml"),
                                         options: .init(duration: .hours(3), database: db))
        let id = try #require(report.runID)
        let store = try RunStore(path: db)
        let replay = try RunReplay.verify(id, in: store)
        #expect(replay.mismatches == [])
        // A sync every period from each HPA's phase offset, both ends of the run included.
        let c = report.scenario.configuration
        let expectedSyncs = c.autoscalers.map { a in
            Int((c.duration - a.syncPhaseOffset).microseconds / c.controller.syncPeriod.microseconds) + 1
        }.reduce(0, +)
        #expect(c.autoscalers.count == 2)
        #expect(replay.syncs == expectedSyncs)
        #expect(replay.normalized == replay.syncs)

        // The replay reads only the database: changing a stored value must show.
        var rows = try store.syncs(of: id)
        let rescaled = try #require(rows.firstIndex { $0.scaleUpdated })
        rows[rescaled].desiredReplicas += 1
        let configuration = try ScenarioRun.configuration(fromJSON: try store.run(id).metadata.scenarioJSON)
        let tampered = RunReplay.replay(rows, configuration: configuration)
        #expect(tampered.mismatches.map(\.field).contains("desiredReplicas"))
        #expect(try store.scaleEvents(of: id).count == rows.filter(\.scaleUpdated).count)
    }

    @Test("the store reads back exactly the records the model emitted")
    func storedRecordsAreTheModelsRecords() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let db = dir.path("runs.sqlite")
        // The notifier backlog scenario (rescales, a notifier), its custom metrics unbound so
        // that they fail at every sync while the resource metrics still give proposals.
        var loaded = try ScenarioLoader.load(path: scenario("notifier-backlog.yaml"), duration: .hours(2))
        loaded.configuration.metrics.bindings = []
        let report = try ScenarioRun.run(loaded, scenarioPath: "notifier-backlog.yaml", options: .init(database: db))
        let id = try #require(report.runID)
        let store = try RunStore(path: db)

        // The same run again, its records kept in memory.
        let records = RecordCapture()
        let result = try Simulation(configuration: report.scenario.configuration).run(recorder: records)
        #expect(!records.syncs.isEmpty && !records.series.isEmpty && !records.scales.isEmpty)
        #expect(records.syncs.contains { $0.metrics.contains { $0.error != nil && $0.proposal == nil } })
        #expect(records.syncs.contains { $0.metrics.contains { $0.proposal != nil } })
        #expect(try store.syncs(of: id) == records.syncs)
        #expect(try store.series(of: id) == records.series)
        #expect(try store.scaleEvents(of: id) == records.scales)
        #expect(try store.results(of: id) == StoredResults(result: result, complete: true))
        #expect(try store.runFile(of: id) == dir.path("runs.sqlite.runs/\(id.rawValue).sqlite"))
    }

    @Test("--detail all stores every pod at every series step, consistent with the series; sampled keeps whole pods")
    func podSamples() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let db = dir.path("runs.sqlite")
        let loaded = try ScenarioLoader.load(path: scenario("hourly-burst.yaml"), duration: .hours(2))
        let all = try #require(try ScenarioRun.run(loaded, scenarioPath: "hourly-burst.yaml",
                                                   options: .init(database: db, detail: .all)).runID)
        let sampled = try #require(try ScenarioRun.run(loaded, scenarioPath: "hourly-burst.yaml",
                                                       options: .init(database: db, detail: .sampled)).runID)
        let store = try RunStore(path: db)
        let pods = try store.podSamples(of: all), series = try store.series(of: all)
        #expect(Set(pods.map(\.status)).isSuperset(of: [.pending, .running]))
        #expect(pods.contains { $0.status == .terminating })   // hourly bursts scale down
        struct Key: Hashable { var time: SimTime, deployment: String }
        let byStep = Dictionary(grouping: pods) { Key(time: $0.time, deployment: $0.deployment) }
        for row in series {
            let step = byStep[Key(time: row.time, deployment: row.deployment)] ?? []
            #expect(step.filter { $0.ready && $0.status != .terminating }.count == Int(row.readyPods),
                    "ready pods of \(row.deployment) at \(row.time)")
            #expect(step.map { Int($0.activeTasks) }.reduce(0, +) == Int(row.activeTasks),
                    "tasks of \(row.deployment) at \(row.time)")
        }
        #expect(Set(byStep.keys) == Set(series.map { Key(time: $0.time, deployment: $0.deployment) }))

        let kept = try store.podSamples(of: sampled)
        let keptPods = Set(kept.map(\.pod)), allPods = Set(pods.map(\.pod))
        #expect(!keptPods.isEmpty && keptPods.count < allPods.count)
        #expect(kept == pods.filter { keptPods.contains($0.pod) })
        #expect(try store.podSamples(of: try #require(
            try ScenarioRun.run(loaded, scenarioPath: "hourly-burst.yaml", options: .init(database: db)).runID)).isEmpty)
    }

    @Test("the resolved scenario stored with a run decodes to the configuration that ran")
    func resolvedScenarioRoundTrip() throws {
        let loaded = try ScenarioLoader.load(path: scenario("steady-day.yaml"))
        let json = try ScenarioRun.resolvedJSON(loaded.configuration)
        #expect(try ScenarioRun.configuration(fromJSON: json) == loaded.configuration)
        #expect(try ScenarioRun.resolvedJSON(ScenarioRun.configuration(fromJSON: json)) == json)
    }

    @Test("the same seed gives the same run, sequentially and on parallel threads")
    func determinism() throws {
        let loaded = try ScenarioLoader.load(path: scenario("spike-4x.yaml"), seed: 11, duration: .hours(2))
        let first = try ScenarioRun.run(loaded, scenarioPath: "spike-4x.yaml").result
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 3) { i in
            let r = try? ScenarioRun.run(loaded, scenarioPath: "spike-4x.yaml").result
            results.set(i, r)
        }
        #expect(results.values.count == 3)
        for r in results.values { #expect(r == first) }
        let other = try ScenarioRun.run(ScenarioLoader.load(path: scenario("spike-4x.yaml"), seed: 12, duration: .hours(2)),
                                        scenarioPath: "spike-4x.yaml").result
        #expect(other != first)
    }

    @Test("a scenario with errors runs nothing and stores nothing")
    func badScenarioStoresNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let db = dir.path("runs.sqlite")
        let bad = try dir.write("bad.yaml", "manifests: [missing.yaml]\nduration: 1h\n")
        #expect(throws: ScenarioError.self) { try ScenarioRun.run(scenarioAt: bad, options: .init(database: db)) }
        let stored = FileManager.default.fileExists(atPath: db) ? try RunStore(path: db).runs() : []
        #expect(stored.isEmpty)
    }
}

/// A run's records, kept in memory as the model emits them.
final class RecordCapture: SimulationRecorder {
    var syncs: [SyncRecord] = []
    var series: [SeriesPoint] = []
    var scales: [ScaleRecord] = []
    func recordSync(_ sync: SyncRecord) throws { syncs.append(sync) }
    func recordSeries(_ point: SeriesPoint) throws { series.append(point) }
    func recordScale(_ scale: ScaleRecord) throws { scales.append(scale) }
}

/// Results gathered from parallel threads.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var byIndex: [Int: SimulationResult] = [:]
    func set(_ i: Int, _ r: SimulationResult?) { lock.lock(); byIndex[i] = r; lock.unlock() }
    var values: [SimulationResult] { lock.lock(); defer { lock.unlock() }; return byIndex.keys.sorted().compactMap { byIndex[$0] } }
}
