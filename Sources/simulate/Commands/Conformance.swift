import ArgumentParser
import HPASim

struct Conformance: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the controller against HPA conformance vector files.",
        discussion: """
            Runs every vector (transcribed or generated form, every kind), prints each failing \
            vector with expected vs actual, and ends with `N passed, M failed`.
            Exit status 1 if a vector failed, 2 if a file is unreadable or invalid.
            Example: simulate conformance Tests/HPAControllerTests/Conformance/*.json
            """)

    @Argument(help: "Vector files (JSON).") var files: [String]

    mutating func run() throws {
        var passed = 0, failed = 0
        var invalid = false
        for file in files {
            let results: [VectorResult]
            do { results = ConformanceRunner.run(try VectorFile.load(path: file)) } catch {
                print("simulate conformance: \(error)")
                invalid = true
                continue
            }
            for result in results {
                if result.passed { passed += 1 } else { failed += 1; print("\(file): \(result.report)") }
            }
        }
        print("\(passed) passed, \(failed) failed")
        if invalid { throw ExitStatus.invalidInput }
        if failed > 0 { throw ExitStatus.checkFailed }
    }
}
