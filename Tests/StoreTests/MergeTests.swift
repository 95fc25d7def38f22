import Foundation
import Testing
import RunRecords
import Store

/// `RunStore.merge(from:)`: combining the databases of a sharded sweep.
@Suite("merging run databases")
struct MergeTests {
    @Test("merged runs get new ids and read back row for row, run files included")
    func mergeCopiesEveryRow() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let a = try RunStore(path: dir.path("a.sqlite")), b = try RunStore(path: dir.path("b.sqlite"))
        let a1 = try SampleRun.store(in: a)
        let b1 = try SampleRun.store(in: b)
        let recorder = try b.makeRecorder(for: SampleRun.metadata)
        syntheticSeries(300).forEach(recorder.recordSeries)
        SampleRun.syncs.forEach(recorder.recordSync)
        let b2 = try recorder.commit(SampleRun.outcome)
        let out = try RunStore(path: dir.path("out.sqlite"))
        let existing = try SampleRun.store(in: out)

        #expect(try out.merge(from: a.path) == [RunID(2)])
        #expect(try out.merge(from: b.path) == [RunID(3), RunID(4)])
        #expect(existing == RunID(1))
        for (source, from, to) in [(a, a1, RunID(2)), (b, b1, RunID(3)), (b, b2, RunID(4))] {
            #expect(try out.run(to).metadata == source.run(from).metadata)
            #expect(try out.syncs(of: to) == source.syncs(of: from))
            #expect(try out.scaleEvents(of: to) == source.scaleEvents(of: from))
            #expect(try out.series(of: to) == source.series(of: from))
            #expect(try out.results(of: to) == source.results(of: from))
            #expect(try out.podSamples(of: to) == source.podSamples(of: from))
            #expect(try out.taskRecords(of: to) == source.taskRecords(of: from))
            #expect(try out.runFile(of: to) == dir.path("out.sqlite.runs/\(to).sqlite"))
        }
        #expect(try out.series(of: RunID(4)).count == 300)
        #expect(try out.integrityCheck() == ["ok"])
        #expect(try dir.stagingNames().isEmpty)
    }
}
