// scale-scenario: writes the scale scenario of issue 14 (by default 100 HPAs over 5,000 pods for
// one simulated day) as Kubernetes manifests plus a scenario file, so anyone can regenerate or
// resize it:
//
//   swift run scale-scenario --output scenarios/scale            # what is committed there
//   swift run scale-scenario --hpas 20 --pods 1000 --output /tmp/scale-20
//
// Every service is a worker Deployment with its own HPA (CPU utilization and an `active_tasks`
// Pods metric; one policy each way, so no lint fires) and its own task class. Service k's
// arrival rate is set so that its equilibrium is its starting replica count: replicas × the
// active-task target ÷ the mean task duration. Starting counts spread around the mean in pairs
// (mean + j, mean − j), so they sum to exactly `--pods`. The output is a pure function of the
// arguments (no clock, no randomness): rerunning it reproduces the committed files byte for byte.
import ArgumentParser
import Foundation

@main
struct ScaleScenario: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale-scenario",
        abstract: "Write a generated cluster of many HPAs (manifests and a scenario file) into a folder.",
        discussion: "Example: scale-scenario --hpas 100 --pods 5000 --output scenarios/scale")

    @Option(help: "Number of Deployments, each with its own HPA.") var hpas = 100
    @Option(help: "Total starting replicas over all Deployments (a multiple of --hpas).") var pods = 5000
    @Option(help: "Simulated duration written into the scenario.") var duration = "24h"
    @Option(help: "Folder to write (created if missing; files of the same names are replaced).")
    var output = "scenarios/scale"

    func validate() throws {
        guard (1...1000).contains(hpas) else { throw ValidationError("--hpas: expected 1...1000, found \(hpas)") }
        guard pods >= 2 * hpas, pods % hpas == 0 else {
            throw ValidationError("--pods: expected a multiple of --hpas of at least 2 × --hpas, found \(pods)")
        }
    }

    func run() throws {
        let layout = ScaleLayout(services: hpas, totalPods: pods)
        let folder = URL(fileURLWithPath: output, isDirectory: true)
        let manifests = folder.appendingPathComponent("manifests", isDirectory: true)
        try FileManager.default.createDirectory(at: manifests, withIntermediateDirectories: true)
        try layout.manifests().write(to: manifests.appendingPathComponent("services.yaml"), atomically: true,
                                     encoding: .utf8)
        try layout.scenario(duration: duration).write(to: folder.appendingPathComponent("scale-day.yaml"),
                                                      atomically: true, encoding: .utf8)
        print("wrote \(folder.path)/scale-day.yaml and manifests/services.yaml: \(hpas) HPAs, \(pods) pods")
    }
}
