import ArgumentParser

@main
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate the Kubernetes Horizontal Pod Autoscaler against synthetic task load.",
        discussion: """
            `simulate <scenario>` is short for `simulate run <scenario>`.

            \(ExitStatus.table)
            """,
        subcommands: [Run.self, Check.self, Validate.self, Conformance.self, Runs.self, ExplainCommand.self,
                      ReportCommand.self, Compare.self, SweepCommand.self, Tune.self],
        defaultSubcommand: Run.self)
}
