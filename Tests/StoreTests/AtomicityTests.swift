import Foundation
import SimTime
import Store
import Testing

@Suite("a run reaches the main database whole or not at all")
struct AtomicityTests {
    struct SimulationFailed: Error {}

    /// A run that records rows, then fails before `commit`, as a failing simulation would.
    func failingRun(_ store: RunStore) throws {
        let recorder = try store.makeRecorder(for: SampleRun.metadata, options: .init(batchRows: 2))
        SampleRun.record(into: recorder)
        syntheticSeries(500).forEach(recorder.record)
        throw SimulationFailed()
    }

    @Test("a writer that throws before commit leaves no rows and no staging file")
    func throwBeforeCommit() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try RunStore(path: dir.path("runs.sqlite"))
        let kept = try SampleRun.store(in: store)
        #expect(throws: SimulationFailed.self) { try failingRun(store) }
        #expect(try store.runs().map(\.id) == [kept])
        #expect(try store.series(of: kept) == SampleRun.series)
        #expect(try dir.stagingNames().isEmpty)
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test("record(_:_:) commits what the body recorded, and discards the run when the body throws")
    func recordHelper() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try RunStore(path: dir.path("runs.sqlite"))
        let id = try store.record(SampleRun.metadata) { recorder in
            SampleRun.record(into: recorder)
            return SampleRun.outcome
        }
        #expect(throws: SimulationFailed.self) {
            try store.record(SampleRun.metadata) { recorder in
                SampleRun.record(into: recorder)
                throw SimulationFailed()
            }
        }
        #expect(try store.runs().map(\.id) == [id])
        #expect(try store.taskRecords(of: id) == SampleRun.taskRecords)
        #expect(try dir.stagingNames().isEmpty)
    }

    @Test("discard drops the run; commit after discard is refused")
    func discard() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try RunStore(path: dir.path("runs.sqlite"))
        let recorder = try store.makeRecorder(for: SampleRun.metadata)
        SampleRun.record(into: recorder)
        #expect(FileManager.default.fileExists(atPath: recorder.stagingPath))
        recorder.discard()
        #expect(!FileManager.default.fileExists(atPath: recorder.stagingPath))
        #expect(throws: StoreError.recorderClosed(path: recorder.stagingPath)) {
            try recorder.commit(SampleRun.outcome)
        }
        #expect(try store.runs().isEmpty)
    }

    @Test("rows are in the staging file, not the main database, until commit")
    func nothingBeforeCommit() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try RunStore(path: dir.path("runs.sqlite"))
        let recorder = try store.makeRecorder(for: SampleRun.metadata, options: .init(batchRows: 1))
        SampleRun.record(into: recorder)
        #expect(try store.runs().isEmpty)
        let id = try recorder.commit(SampleRun.outcome)
        #expect(try store.runs().map(\.id) == [id])
        #expect(try dir.stagingNames().isEmpty)
    }

    @Test("opening removes an abandoned staging file but never a live one")
    func leftoverStagingRemovedOnOpen() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("runs.sqlite")
        let store = try RunStore(path: path)
        // A killed writer leaves its data and its (now unlocked) lock file.
        let abandoned = path + ".staging-99999-deadbeef"
        try Data("half a run".utf8).write(to: URL(fileURLWithPath: abandoned))
        try Data().write(to: URL(fileURLWithPath: abandoned + ".lock"))
        try Data("orphan".utf8).write(to: URL(fileURLWithPath: path + ".staging-1-0000orph"))
        // A live writer in this process holds its lock.
        let live = try store.makeRecorder(for: SampleRun.metadata)
        SampleRun.record(into: live)

        _ = try RunStore(path: path)

        let livePath = URL(fileURLWithPath: live.stagingPath).lastPathComponent
        #expect(try dir.stagingNames() == [livePath, livePath + ".lock"])
        let id = try live.commit(SampleRun.outcome)
        #expect(try store.series(of: id) == SampleRun.series)
        #expect(try dir.stagingNames().isEmpty)
    }
}
