import Foundation
import Testing

/// The `simulate` executable end to end: one exit-code table for every command.
@Suite("simulate, the command", .enabled(if: simulateExecutable != nil,
                                         "the simulate executable is not built beside the tests"))
struct CommandLineTests {
    @Test("--help names every command and the exit codes")
    func help() throws {
        let r = try simulate(["--help"])
        #expect(r.status == 0)
        for word in ["run", "validate", "conformance", "runs", "64  usage error", "2   invalid input"] {
            #expect(r.stdout.contains(word), "missing \(word)")
        }
    }

    @Test("an unknown option is a usage error (64)")
    func usage() throws {
        #expect(try simulate(["run", scenario("steady-day.yaml"), "--bogus"]).status == 64)
    }

    @Test("`simulate <scenario>` runs it: the summary, nothing stored with --no-store")
    func runShortForm() throws {
        let r = try simulate([scenario("steady-day.yaml"), "--duration", "1h", "--no-store"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("simulated 1h00m00s, seed 1"))
        #expect(r.stdout.contains("egress-record"))
        #expect(!r.stdout.contains("Stored as run"))
        #expect(r.stderr.contains("[dead-policy]"))   // lints go to standard error
    }

    @Test("a run is stored and read back: list, show, export, replay, delete")
    func runsCommands() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let db = dir.path("runs.sqlite")
        let run = try simulate(["run", scenario("steady-day.yaml"), "--duration", "30m", "--seed", "3", "--db", db])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Stored as run 1 in \(db)"))
        #expect(try simulate(["runs", "list", "--db", db]).stdout.contains("steady-day"))
        let csv = try simulate(["runs", "export", "1", "--table", "scale_events", "--format", "csv", "--db", db])
        #expect(csv.status == 0)
        #expect(csv.stdout.split(separator: "\n").first?.contains("to_replicas") == true)
        let replay = try simulate(["runs", "replay", "1", "--db", db])
        #expect(replay.status == 0)
        #expect(replay.stdout.contains(", 0 mismatches"))
        #expect(try simulate(["runs", "delete", "1", "--db", db]).status == 0)
        #expect(try simulate(["runs", "show", "1", "--db", db]).status == 2)
    }

    @Test("bad input exits 2 with file, line, field and the API server's words")
    func invalidInput() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let hpa = try dir.write("hpa.yaml", """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: web}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              minReplicas: 1
              maxReplicas: 4
              behavior:
                scaleUp:
                  policies:
                  - type: Pods
                    value: 1
                    periodSeconds: 3600
            """)
        let r = try simulate(["validate", hpa])
        #expect(r.status == 2)
        #expect(r.stdout.contains("hpa.yaml:13: spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 3600: must be less than or equal to 1800"))
        #expect(try simulate(["run", dir.path("missing.yaml"), "--no-store"]).status == 2)
        #expect(try simulate(["validate", scenario("steady-day.yaml")]).status == 0)   // warnings only
    }

    @Test("conformance: failing vectors are named, the last line counts, exit 1")
    func conformance() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        func vector(_ replicas: Int) -> String {
            """
            {"name": "below min \(replicas)", "source": "test", "input": {"kind": "convert_legacy",
             "controller": {"scale_up_limit_factor": 8.0, "scale_up_limit_minimum": 4.0},
             "current_replicas": 3, "desired_replicas": 1, "min_replicas": 2, "max_replicas": 8},
             "expect": {"replicas": \(replicas), "reason": "TooFewReplicas"}}
            """
        }
        let file = try dir.write("v.json", "{\"group\": \"t\", \"vectors\": [\(vector(2)), \(vector(5))]}")
        let r = try simulate(["conformance", file])
        #expect(r.status == 1)
        #expect(r.stdout.contains("below min 5"))
        #expect(!r.stdout.contains("below min 2:"))
        #expect(r.stdout.split(separator: "\n").last == "1 passed, 1 failed")
        #expect(try simulate(["conformance", dir.path("nope.json")]).status == 2)
        let shipped = packageRoot.appendingPathComponent("Tests/HPAControllerTests/Conformance/reconcile.json").path
        #expect(try simulate(["conformance", shipped]).stdout.hasSuffix("59 passed, 0 failed\n"))
    }

    /// The scenario tests' bad-input corpus, less the valid helper files it refers to.
    static let badCorpus: [String] = {
        let root = packageRoot.appendingPathComponent("Tests/ScenarioTests/Fixtures/bad")
        let helpers: Set = ["hpa-base.yaml", "huge.yaml", "app.yaml", "app-wrong-target.yaml"]
        return ["", "scenarios/"].flatMap { sub in
            ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(sub).path)) ?? [])
                .filter { $0.hasSuffix(".yaml") && !helpers.contains($0) }.sorted()
                .map { root.appendingPathComponent(sub + $0).path }
        }
    }()

    @Test("every file of the bad-input corpus exits 2 with a message naming it, never a crash",
          arguments: badCorpus)
    func badCorpusExitsTwo(_ path: String) throws {
        let r = try simulate(["validate", path])
        #expect(r.status == 2)
        // The message names the file that holds the mistake: the fixture, or the manifest it loads.
        let name = URL(fileURLWithPath: path).lastPathComponent
        #expect(r.stdout.contains(name == "unresolved-target.yaml" ? "app-wrong-target.yaml:21:" : name))
        if path.contains("/scenarios/") {
            let run = try simulate(["run", path, "--no-store"])
            #expect(run.status == 2)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains(": "))
        }
    }

    @Test("the corpus is all there")
    func corpusSize() { #expect(Self.badCorpus.count == 40) }
}

