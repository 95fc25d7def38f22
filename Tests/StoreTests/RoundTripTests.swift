import Foundation
import SimTime
import RunRecords
import Store
import Testing

@Suite("stored rows read back unchanged")
struct RoundTripTests {
    @Test("every table round-trips, NULLs and extremes included")
    func everyTable() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try RunStore(path: dir.path("runs.sqlite"))
        let id = try SampleRun.store(in: store)

        let run = try store.run(id)
        #expect(run.id == id)
        #expect(run.metadata == SampleRun.metadata)
        #expect(run.outcome == SampleRun.outcome)
        #expect(try store.syncs(of: id) == SampleRun.syncs)
        #expect(try store.scaleEvents(of: id) == SampleRun.scaleEvents)
        #expect(try store.series(of: id) == SampleRun.series)
        #expect(try store.results(of: id).result.classes == SampleRun.result.classes)
        #expect(try store.results(of: id).result == SampleRun.result)
        #expect(try store.podSamples(of: id) == SampleRun.podSamples)
        #expect(try store.taskRecords(of: id) == SampleRun.taskRecords)
        #expect(try store.runs().map(\.id) == [id])
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test("a second run gets its own id, and its syncs keep their own metrics")
    func twoRunsRemapIDs() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try RunStore(path: dir.path("runs.sqlite"))
        let first = try SampleRun.store(in: store)
        let second = try SampleRun.store(in: store)
        #expect(second.rawValue == first.rawValue + 1)
        #expect(try store.syncs(of: first) == SampleRun.syncs)
        #expect(try store.syncs(of: second) == SampleRun.syncs)
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test("content does not depend on batch size or on writing in the background",
          arguments: [RunRecorder.Options(batchRows: 1, batchesInFlight: 1, writesInBackground: true),
                      RunRecorder.Options(batchRows: 7, batchesInFlight: 3, writesInBackground: true),
                      RunRecorder.Options(batchRows: 4096, batchesInFlight: 4, writesInBackground: false)])
    func batchingIsInvisible(options: RunRecorder.Options) throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try RunStore(path: dir.path("runs.sqlite"))
        let rows = syntheticSeries(1_000)
        let recorder = try store.makeRecorder(for: SampleRun.metadata, options: options)
        rows.forEach(recorder.recordSeries)
        SampleRun.syncs.forEach(recorder.recordSync)
        let id = try recorder.commit(SampleRun.outcome)
        #expect(try store.series(of: id) == rows.sorted { ($0.time, $0.deployment) < ($1.time, $1.deployment) })
        #expect(try store.syncs(of: id) == SampleRun.syncs)
    }

    @Test("detail level off keeps no pod samples or task records")
    func detailOff() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try RunStore(path: dir.path("runs.sqlite"))
        var metadata = SampleRun.metadata
        metadata.detailLevel = .off
        let id = try store.record(metadata) { recorder in
            SampleRun.record(into: recorder)
            return SampleRun.outcome
        }
        #expect(try store.podSamples(of: id).isEmpty)
        #expect(try store.taskRecords(of: id).isEmpty)
        #expect(try store.series(of: id) == SampleRun.series)
        #expect(try store.run(id).metadata.detailLevel == .off)
    }

    @Test("delete removes the run and every row that cascades from it")
    func deleteCascades() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try RunStore(path: dir.path("runs.sqlite"))
        let kept = try SampleRun.store(in: store)
        let deleted = try SampleRun.store(in: store)
        try store.delete(deleted)
        #expect(try store.runs().map(\.id) == [kept])
        #expect(throws: StoreError.unknownRun(path: store.path, id: deleted.rawValue)) { try store.series(of: deleted) }
        #expect(throws: StoreError.unknownRun(path: store.path, id: deleted.rawValue)) { try store.delete(deleted) }
        #expect(try store.syncs(of: kept) == SampleRun.syncs)
        var lines: [String] = []
        try store.export("hpa_sync_metrics", of: kept) { lines.append($0) }
        #expect(lines.count == 3)   // header + two metrics: the deleted run's metrics are gone, the kept run's stay
        #expect(try store.integrityCheck() == ["ok"])
        // A new run never reuses a deleted id.
        #expect(try SampleRun.store(in: store).rawValue == deleted.rawValue + 1)
    }

    @Test("a row that breaks a CHECK fails the commit, names the table, and stores nothing")
    func constraintFailure() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try RunStore(path: dir.path("runs.sqlite"))
        let recorder = try store.makeRecorder(for: SampleRun.metadata)
        recorder.recordScale(ScaleRecord(time: .zero, hpa: "egress-hpa", deployment: "egress", from: 3, to: 3, message: "none"))
        do {
            _ = try recorder.commit(SampleRun.outcome)
            Issue.record("commit should fail")
        } catch let StoreError.sqlite(_, operation, message) {
            #expect(operation == "insert into scale_events")
            #expect(message.contains("CHECK constraint failed"))
        }
        #expect(try store.runs().isEmpty)
        #expect(try dir.stagingNames().isEmpty)
    }

    @Test("the scenario hash is FNV-1a 64 of the JSON's UTF-8")
    func scenarioHash() {
        // Published FNV-1a 64 test values (Fowler–Noll–Vo reference): "" and "a".
        #expect(StableHash.hex(of: "") == "cbf29ce484222325")
        #expect(StableHash.hex(of: "a") == "af63dc4c8601ec8c")
        #expect(StableHash.hex(of: "foobar") == "85944171f73967e8")
        #expect(SampleRun.metadata.scenarioHash == StableHash.hex(of: SampleRun.metadata.scenarioJSON))
    }
}
