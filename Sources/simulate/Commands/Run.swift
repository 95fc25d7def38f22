import ArgumentParser
import HPASim

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario, print its summary and store the run.",
        discussion: "Example: simulate run scenarios/rtc-egress/steady-day.yaml --seed 7")

    @Argument(help: "Scenario file.") var scenario: String

    mutating func run() throws {
        // The model issue brings the run itself.
        print("simulate: running scenarios arrives with the cluster model (\(scenario))")
        throw ExitStatus.invalidInput
    }
}
