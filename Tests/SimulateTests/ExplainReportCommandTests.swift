import Foundation
import HPASim
import Testing

/// `simulate explain`, `simulate report` and the JSON and terminal outputs, end to end on a
/// short spike-4x run (2 h 30 m: the spike starts at 2 h).
@Suite("simulate explain and report", .enabled(if: simulateExecutable != nil,
                                               "the simulate executable is not built beside the tests"))
struct ExplainReportCommandTests {
    /// A database with spike-4x stored as run 1 (detail sampled).
    private func storedSpike(_ dir: TemporaryDirectory) throws -> (db: String, run: Invocation) {
        let db = dir.path("runs.sqlite")
        let run = try simulate(["run", scenario("spike-4x.yaml"), "--duration", "150m", "--detail", "sampled", "--db", db])
        #expect(run.status == 0)
        return (db, run)
    }

    @Test("explain: every stored rescale of egress-hpa is an event with a why line, in kubectl's layout")
    func explain() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let (db, _) = try storedSpike(dir)
        let stored = try RunStore(path: db).scaleEvents(of: RunID(1)).filter { $0.hpa == "egress-hpa" }
        #expect(!stored.isEmpty)
        let text = try simulate(["explain", "1", "--hpa", "egress-hpa", "--db", db])
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("Name:") == true && lines.first?.hasSuffix(" egress-hpa") == true)
        #expect(lines.contains { $0.hasPrefix("Reference:") && $0.hasSuffix(" Deployment/egress") })
        #expect(lines.contains { $0.hasPrefix("Deployment pods:") })
        let rows = lines.indices.filter { lines[$0].hasPrefix("  Normal   SuccessfulRescale") || lines[$0].hasPrefix("  Normal  SuccessfulRescale") }
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0 + 1 < lines.count && lines[$0 + 1].hasPrefix("    ↳ ") })

        // The JSON form: the folded counts add up to the stored rescales, one why per rescale.
        let json = try simulate(["explain", "1", "--hpa", "egress-hpa", "--db", db, "--format", "json"])
        #expect(json.status == 0)
        let decoded = try JSONDecoder().decode([ExplainedHPA].self, from: Data(json.stdout.utf8))
        let rescales = decoded.first?.events.filter { $0.reason == "SuccessfulRescale" } ?? []
        #expect(rescales.reduce(0) { $0 + $1.count } == stored.count)
        #expect(rescales.reduce(0) { $0 + $1.why.count } == stored.count)
        #expect(Set(rescales.map(\.message)) == Set(stored.map(\.message)))
    }

    @Test("explain: a malformed time is a usage error (64), an unknown HPA invalid input (2)")
    func explainErrors() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let (db, _) = try storedSpike(dir)
        let badTime = try simulate(["explain", "1", "--at", "25:00", "--db", db])
        #expect(badTime.status == 64)
        #expect(badTime.stderr.contains("--at: expected a simulated time such as 14:30, 2d14:30 or 62h30m, found \"25:00\""))
        let badHPA = try simulate(["explain", "1", "--hpa", "egress", "--db", db])
        #expect(badHPA.status == 2)
        #expect(badHPA.stderr.contains("--hpa: expected one of egress-hpa, webhook-notifier-hpa, found \"egress\""))
        #expect(try simulate(["explain", "7", "--db", db]).status == 2)
    }

    @Test("report: two runs in one self-contained page, every chart with data")
    func report() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let (db, _) = try storedSpike(dir)
        #expect(try simulate(["run", scenario("spike-4x.yaml"), "--duration", "150m", "--seed", "2", "--db", db]).status == 0)
        let path = dir.path("r.html")
        let r = try simulate(["report", "1", "2", "--db", db, "-o", path])
        #expect(r.status == 0)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        for forbidden in ["http://", "https://", "<script src", "<link"] { #expect(!html.contains(forbidden)) }
        let points = html.components(separatedBy: "<svg class=\"chart\" data-points=\"").dropFirst()
            .map { Int($0.prefix { $0.isNumber }) ?? 0 }
        #expect(points.count >= 8)
        #expect(points.allSatisfy { $0 > 0 })
        #expect(html.contains("run 1: spike-4x · current") && html.contains("run 2: spike-4x · current"))
    }

    @Test("run --format json and runs show --format json print the same results; text ends with a chart")
    func jsonAndChart() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let db = dir.path("runs.sqlite")
        let run = try simulate(["run", scenario("steady-day.yaml"), "--duration", "1h", "--db", db, "--format", "json"])
        #expect(run.status == 0)
        let show = try simulate(["runs", "show", "1", "--db", db, "--format", "json"])
        #expect(show.status == 0)
        #expect(run.stdout == show.stdout)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["simulatedSeconds"] as? Double == 3600)
        #expect((object?["classes"] as? [Any])?.count == 4)

        let text = try simulate(["run", scenario("steady-day.yaml"), "--duration", "1h", "--db", db])
        #expect(text.stdout.contains("replicas over time"))
        #expect(text.stdout.contains("egress-hpa  "))
        #expect(!text.stdout.contains("\u{1B}["))   // no colour off a terminal
        #expect(!text.stderr.contains("\r"))        // no progress off a terminal
        // The chart, from its heading to the blank line before the promises (or "Stored as run"), fits 80 columns.
        let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let chart = lines.drop { !$0.hasPrefix("replicas over time") }.prefix { !$0.isEmpty && !$0.hasPrefix("Stored as run") }
        #expect(chart.count == 4)   // heading, two HPAs, the time axis
        #expect(chart.allSatisfy { $0.count <= 80 })
    }

    @Test("a run with a progress hook gives the same results as without, and reports up to the end")
    func progress() throws {
        final class Calls: @unchecked Sendable {   // written on the simulation's thread only
            var reached: [SimTime] = []
        }
        let calls = Calls()
        let plain = try ScenarioRun.run(scenarioAt: scenario("steady-day.yaml"), options: .init(duration: .hours(1)))
        let hooked = try ScenarioRun.run(scenarioAt: scenario("steady-day.yaml"),
                                         options: .init(duration: .hours(1), progress: { calls.reached.append($0.reached) }))
        #expect(hooked.result == plain.result)
        #expect(calls.reached.count == 1000)
        #expect(calls.reached.last == .hours(1))
        #expect(calls.reached == calls.reached.sorted())
    }
}

/// What the tests read of `simulate explain --format json`.
private struct ExplainedHPA: Decodable {
    struct Event: Decodable { var reason: String; var count: Int; var message: String; var why: [Why] }
    struct Why: Decodable { var summary: String }
    var events: [Event]
}
