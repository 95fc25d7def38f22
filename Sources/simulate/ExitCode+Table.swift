import ArgumentParser

/// The one exit-code table every command uses (also in `--help` and the README).
enum ExitStatus {
    /// Success; warnings allowed.
    static let success = ExitCode(0)
    /// A check failed: a conformance vector, or a scenario's expectation (`simulate check`).
    static let checkFailed = ExitCode(1)
    /// Invalid input: an unreadable file, bad YAML, a validation error.
    static let invalidInput = ExitCode(2)
    /// Usage error (swift-argument-parser's own).
    static let usage = ExitCode(64)

    static let table = """
        Exit status:
          0   success (warnings allowed)
          1   a check failed (conformance vectors, scenario expectations)
          2   invalid input (unreadable file, YAML, validation)
          64  usage error
        """
}
