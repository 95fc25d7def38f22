import ArgumentParser
import Foundation
import HPASim

/// Options shared by `compare`, `sweep` and `tune`: parallelism, seed and duration.
struct VariantRunOptions: ParsableArguments {
    @Option(help: "Runs at once (default: the core count); results do not depend on it.") var jobs: Int?
    @Option(help: "The first seed (default: the scenario's).") var seed: UInt64?
    @Option(help: ArgumentHelp("Simulated duration, replacing the scenario's (90m, 36h, 30d).", valueName: "duration"))
    var duration: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let duration, ScenarioDuration.parse(duration) == nil {
            throw ValidationError("--duration: expected a duration such as 90m, 36h or 30d, found \"\(duration)\"")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs: expected at least 1, found \(jobs)") }
    }

    var parsedDuration: SimDuration? { duration.flatMap(ScenarioDuration.parse) }
    var threadCount: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }
}

/// Runs `body`, turning bad input into its message on standard error and exit status 2.
func invalidInputExits<T>(verbose: Bool = false, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ScenarioError {
        printError(error.diagnostics.rendered(verbose: verbose))
    } catch let error as SweepError {
        if case .invalidVariant(let name, let scenarioError) = error {
            printError("simulate: error: variant \(name) does not load:")
            printError(scenarioError.diagnostics.rendered(verbose: verbose))
        } else {
            printError("simulate: error: \(error)")
        }
    } catch let error as StoreError {
        printError("simulate: error: \(error)")
    } catch let error as ModelConfigurationError {
        printError("simulate: error: \(error)")
    }
    throw ExitStatus.invalidInput
}

/// Progress on standard error when it is a terminal: runs done, runs per second, time left.
final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private let started = ContinuousClock.now
    private let enabled = isatty(STDERR_FILENO) != 0
    private let label: String

    init(_ label: String) { self.label = label }

    func update(_ done: Int, _ total: Int) {
        guard enabled else { return }
        lock.withLock {
            let elapsed = max(0.001, (ContinuousClock.now - started) / .seconds(1))
            let rate = Double(done) / elapsed
            let eta = rate > 0 ? Double(total - done) / rate : 0
            let line = "\r\(label): \(done)/\(total) runs, \(String(format: "%.2f", rate)) runs/s, ETA \(Int(eta.rounded()))s "
            FileHandle.standardError.write(Data(line.utf8))
            if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
        }
    }

    var elapsedSeconds: Double { (ContinuousClock.now - started) / .seconds(1) }
}
