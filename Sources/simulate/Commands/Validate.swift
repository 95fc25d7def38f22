import ArgumentParser
import HPASim

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check scenarios and Kubernetes manifests; print every problem found.",
        discussion: """
            Each file is a scenario, or a manifest (a file whose first document has apiVersion and kind).
            Errors use the API server's words, prefixed with file and line; lints are warnings that
            explain themselves. Exit status 2 when any error was found, 0 with warnings only.

            KEDA ScaledObjects are checked as the API server, KEDA's admission webhook and KEDA's
            operator would check them; --show-generated prints the HPA KEDA would create.

            Example: simulate validate scenarios/rtc-egress/steady-day.yaml
            """)

    @Argument(help: "Scenario or manifest files.") var paths: [String]
    @Flag(name: .shortAndLong, help: "Also show notes (objects accepted and ignored).") var verbose = false
    @Flag(help: "Omit the lints' explanations.") var brief = false
    @Flag(help: "Print the HPA KEDA would create for each valid ScaledObject, as YAML.") var showGenerated = false

    mutating func run() throws {
        let diagnostics = ScenarioLoader.validate(paths: paths)
        let text = diagnostics.rendered(verbose: verbose, explain: !brief)
        if !text.isEmpty { print(text) }
        if showGenerated {
            for (so, hpa) in ScenarioLoader.generatedHPAs(paths: paths) {
                print("---\n# \(so.location)\n" + ScenarioLoader.generatedHPAYAML(so, hpa))
            }
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        print("\(paths.count) file(s): \(errors) error(s), \(warnings) warning(s)")
        if errors > 0 { throw ExitStatus.invalidInput }
    }
}
