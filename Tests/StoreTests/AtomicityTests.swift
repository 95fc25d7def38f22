import Foundation
import SimTime
import RunRecords
import Store
import Testing

@Suite("a run reaches the main database whole or not at all")
struct AtomicityTests {
    struct SimulationFailed: Error {}

    /// A run that records rows, then fails before `commit`, as a failing simulation would.
    func failingRun(_ store: RunStore) throws {
        let recorder = try store.makeRecorder(for: SampleRun.metadata, options: .init(batchRows: 2))
        SampleRun.record(into: recorder)
        syntheticSeries(500).forEach(recorder.recordSeries)
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
        // A live writer in this process holds its lock.
        let live = try store.makeRecorder(for: SampleRun.metadata)
        SampleRun.record(into: live)
        // A killed writer leaves its data and its (now unlocked) lock file; one killed before
        // this version left them beside the database.
        let abandoned = [dir.path("runs.sqlite.runs/77.sqlite.staging"), path + ".staging-99999-deadbeef"]
        for file in abandoned {
            try Data("half a run".utf8).write(to: URL(fileURLWithPath: file))
            try Data().write(to: URL(fileURLWithPath: file + ".lock"))
        }
        try Data("orphan".utf8).write(to: URL(fileURLWithPath: dir.path("runs.sqlite.runs/78.sqlite.staging")))
        try Data("orphan".utf8).write(to: URL(fileURLWithPath: path + ".staging-1-0000orph"))

        _ = try RunStore(path: path)

        let livePath = "runs.sqlite.runs/" + URL(fileURLWithPath: live.stagingPath).lastPathComponent
        #expect(try dir.stagingNames() == [livePath, livePath + ".lock"])
        let id = try live.commit(SampleRun.outcome)
        #expect(try store.series(of: id) == SampleRun.series)
        #expect(try dir.stagingNames().isEmpty)
    }

    @Test("opening removes a run file no run refers to (a writer killed between rename and commit)")
    func orphanRunFileRemovedOnOpen() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("runs.sqlite")
        let store = try RunStore(path: path)
        let kept = try SampleRun.store(in: store)
        let orphan = dir.path("runs.sqlite.runs/\(kept.rawValue + 1).sqlite")
        try FileManager.default.copyItem(atPath: try #require(try store.runFile(of: kept)), toPath: orphan)

        _ = try RunStore(path: path)

        #expect(!FileManager.default.fileExists(atPath: orphan))
        #expect(try store.runs().map(\.id) == [kept])
        #expect(try store.series(of: kept) == SampleRun.series)
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test("a missing or damaged run file is named by reads and by the integrity check; delete still works")
    func missingRunFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try RunStore(path: dir.path("runs.sqlite"))
        let gone = try SampleRun.store(in: store), damaged = try SampleRun.store(in: store)
        let gonePath = try #require(try store.runFile(of: gone))
        try FileManager.default.removeItem(atPath: gonePath)
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: try #require(try store.runFile(of: damaged))))

        #expect(throws: StoreError.missingRunFile(path: gonePath, id: gone.rawValue)) { try store.series(of: gone) }
        #expect(try store.results(of: gone).result == SampleRun.result)   // kept in the main file
        let problems = try store.integrityCheck()
        #expect(problems.count == 2)
        #expect(problems.first?.contains("\(gone.rawValue).sqlite") == true)
        #expect(problems.last?.contains("\(damaged.rawValue).sqlite") == true)
        try store.delete(gone)
        try store.delete(damaged)
        #expect(try store.runs().isEmpty)
        #expect(try store.integrityCheck() == ["ok"])
    }
}
