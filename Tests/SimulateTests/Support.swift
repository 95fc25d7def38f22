import Foundation

/// The package root (tests read the shipped scenarios from it).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A shipped scenario's path.
func scenario(_ name: String) -> String { packageRoot.appendingPathComponent("scenarios/rtc-egress/\(name)").path }

/// A fresh temporary directory, removed by `cleanUp()`.
struct TemporaryDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("hpa-sim-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func write(_ name: String, _ text: String) throws -> String {
        let p = path(name)
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }
    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

/// The `simulate` executable built beside the test bundle (`swift test` builds it), or nil.
let simulateExecutable: URL? = {
    var directories = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                       Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
    directories += Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }
        .map { $0.bundleURL.deletingLastPathComponent() }
    return directories.map { $0.appendingPathComponent("simulate") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

/// What one `simulate` invocation printed and returned.
struct Invocation {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `simulate` with `arguments` in the package root and waits for it.
func simulate(_ arguments: [String]) throws -> Invocation {
    guard let executable = simulateExecutable else { throw CocoaError(.fileNoSuchFile) }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes to the end before waiting, so a full pipe cannot stall the child.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Invocation(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
}
