import Foundation
import SimTime
import RunRecords
import Store
import Testing

/// The `store-fixture-writer` binary beside the test bundle (built by `swift build`), or nil.
let fixtureWriter: URL? = {
    var directories = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                       Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
    // Xcode and macOS `swift test` load the tests as a bundle inside the build directory.
    directories += Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }
        .map { $0.bundleURL.deletingLastPathComponent() }
    return directories.map { $0.appendingPathComponent("store-fixture-writer") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

/// One running `store-fixture-writer`, its standard output read line by line.
final class FixtureWriter {
    let process = Process()
    private let output = Pipe()
    private var buffer = ""

    init(_ executable: URL, db: String, name: String, rows: Int, pauseMS: Int) throws {
        process.executableURL = executable
        process.arguments = [db, name, String(rows), String(pauseMS)]
        process.standardOutput = output
        try process.run()
    }

    /// The next line the writer printed, or nil once it closed its output.
    func nextLine() -> String? {
        while !buffer.contains("\n") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { return nil }
            buffer += String(decoding: data, as: UTF8.self)
        }
        let line = buffer.prefix { $0 != "\n" }
        buffer.removeFirst(line.count + 1)
        return String(line)
    }

    /// Waits for the writer to exit; returns its remaining output lines and its status.
    func finish() -> (lines: [String], status: Int32) {
        var lines: [String] = []
        while let line = nextLine() { lines.append(line) }
        process.waitUntilExit()
        return (lines, process.terminationStatus)
    }
}

@Suite("parallel and killed writers", .serialized)
struct ConcurrencyTests {
    @Test("threads with their own stores commit runs to one file at the same time")
    func parallelThreads() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("runs.sqlite")
        _ = try RunStore(path: path)
        let rows = syntheticSeries(4_000)
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            results.add(Result {
                let store = try RunStore(path: path)
                let recorder = try store.makeRecorder(for: SampleRun.metadata, options: .init(batchRows: 256))
                rows.forEach(recorder.recordSeries)
                return try recorder.commit(SampleRun.outcome)
            })
        }
        let ids = try results.all.map { try $0.get() }.sorted()
        #expect(ids == (1...4).map { RunID(Int64($0)) })
        let store = try RunStore(path: path)
        for id in ids { #expect(try store.series(of: id) == rows) }
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test("three processes writing to one file concurrently all succeed",
          .enabled(if: fixtureWriter != nil, "store-fixture-writer is not built: run `swift build` before `swift test`"))
    func parallelProcesses() throws {
        let executable = try #require(fixtureWriter)
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("runs.sqlite")
        let writers = try (0..<3).map { try FixtureWriter(executable, db: path, name: "writer-\($0)", rows: 3_000, pauseMS: 2) }
        for writer in writers {
            let (lines, status) = writer.finish()
            #expect(status == 0)
            #expect(lines.last?.hasPrefix("committed ") == true)
        }
        let store = try RunStore(path: path)
        let runs = try store.runs()
        #expect(runs.map(\.metadata.name).sorted() == ["writer-0", "writer-1", "writer-2"])
        for run in runs {
            #expect(try store.series(of: run.id).count == 3_000)
            #expect(try store.syncs(of: run.id).count == 30)
        }
        #expect(try store.integrityCheck() == ["ok"])
        #expect(try dir.stagingNames().isEmpty)
    }

    @Test("a writer killed mid-run leaves the database consistent and without its run",
          .enabled(if: fixtureWriter != nil, "store-fixture-writer is not built: run `swift build` before `swift test`"))
    func killedWriter() throws {
        let executable = try #require(fixtureWriter)
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("runs.sqlite")
        let kept = try SampleRun.store(in: RunStore(path: path))

        // 100 000 rows at 20 ms per 100: about 20 s, far longer than the test waits.
        let writer = try FixtureWriter(executable, db: path, name: "killed", rows: 100_000, pauseMS: 20)
        let first = try #require(writer.nextLine())
        #expect(first.hasPrefix("recording "))
        let stagingPath = String(first.dropFirst("recording ".count))
        usleep(200_000)   // let more batches reach the staging file
        #expect(FileManager.default.fileExists(atPath: stagingPath))
        kill(writer.process.processIdentifier, SIGKILL)
        let (_, status) = writer.finish()
        #expect(writer.process.terminationReason == .uncaughtSignal && status == SIGKILL)
        #expect(FileManager.default.fileExists(atPath: stagingPath))   // left behind by the kill

        let store = try RunStore(path: path)   // opening removes it
        #expect(!FileManager.default.fileExists(atPath: stagingPath))
        #expect(try dir.stagingNames().isEmpty)
        #expect(try store.runs().map(\.id) == [kept])
        #expect(try store.series(of: kept) == SampleRun.series)
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test("a writer killed at any moment, commit included, leaves its run whole or absent",
          .enabled(if: fixtureWriter != nil, "store-fixture-writer is not built: run `swift build` before `swift test`"),
          arguments: [0, 40, 120, 250, 500])
    func killedAnywhere(afterMilliseconds delay: Int) throws {
        let executable = try #require(fixtureWriter)
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("runs.sqlite")
        _ = try RunStore(path: path)
        // The whole run takes about 0.2 s in a debug build: the delays land before, during and after commit.
        let writer = try FixtureWriter(executable, db: path, name: "maybe", rows: 20_000, pauseMS: 0)
        _ = writer.nextLine()   // recording
        usleep(UInt32(delay * 1_000))
        kill(writer.process.processIdentifier, SIGKILL)
        _ = writer.finish()

        let store = try RunStore(path: path)
        let runs = try store.runs()
        #expect(runs.count <= 1)
        if let run = runs.first {   // committed before the kill: every row is there
            #expect(try store.series(of: run.id).count == 20_000)
            #expect(try store.syncs(of: run.id).count == 200)
            #expect(try store.results(of: run.id).result.classes.count == 1)
        }
        #expect(try store.integrityCheck() == ["ok"])
        #expect(try dir.stagingNames().isEmpty)
    }
}

/// Results gathered from concurrent iterations.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<RunID, any Error>] = []
    func add(_ result: Result<RunID, any Error>) { lock.withLock { results.append(result) } }
    var all: [Result<RunID, any Error>] { lock.withLock { results } }
}
