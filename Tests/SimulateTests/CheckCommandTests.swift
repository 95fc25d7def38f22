import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A 30-minute steady-day with `promises` as its expectations (small enough for a debug build).
private func scenarioWith(_ promises: String, in dir: TemporaryDirectory, name: String = "short.yaml") throws -> String {
    try dir.write(name, """
        extends: \(scenario("steady-day.yaml"))
        duration: 30m
        expectations:
        \(promises)
        """)
}

/// The JUnit file read with a real XML parser: suites, cases and failure messages.
private final class JUnitReader: NSObject, XMLParserDelegate {
    var suites = 0, cases: [String] = [], failures: [String] = []
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "testsuite": suites += 1
        case "testcase": cases.append(attributes["name"] ?? "")
        case "failure": failures.append(attributes["message"] ?? "")
        default: break
        }
    }
    static func read(_ path: String) throws -> JUnitReader {
        let parser = XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: path)))
        let reader = JUnitReader()
        parser.delegate = reader
        #expect(parser.parse(), "not well-formed XML: \(String(describing: parser.parserError))")
        return reader
    }
}

@Suite("simulate check", .enabled(if: simulateExecutable != nil, "the simulate executable is not built beside the tests"))
struct CheckCommandTests {
    @Test("promises that hold: PASS lines with measured values, exit 0, valid JUnit")
    func passing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try scenarioWith("""
              - name: no lost recordings
                assert: interrupted{class=egress-record} == 0
              - assert: maxReplicas{deployment=egress} <= 20
            """, in: dir)
        let junit = dir.path("r.xml")
        let r = try simulate(["check", path, "--no-store", "--junit", junit])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("PASS  no lost recordings: interrupted{class=egress-record} == 0 (seed 1): measured 0, promised == 0"))
        #expect(r.stdout.contains("2 of 2 promise(s) hold in 1 scenario(s)"))
        let report = try JUnitReader.read(junit)
        #expect(report.suites == 1)
        #expect(report.cases == ["no lost recordings: interrupted{class=egress-record} == 0 (seed 1)",
                                 "maxReplicas{deployment=egress} <= 20 (seed 1)"])
        #expect(report.failures.isEmpty)
    }

    @Test("a broken promise: FAIL naming it and the measured value, exit 1, a JUnit failure; run still exits 0")
    func failing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try scenarioWith("  - assert: arrived{class=egress-snapshot} < 1", in: dir)
        let junit = dir.path("r.xml")
        let r = try simulate(["check", path, "--no-store", "--junit", junit])
        #expect(r.status == 1)
        let line = r.stdout.split(separator: "\n").first { $0.contains("FAIL") }.map(String.init) ?? ""
        #expect(line.hasPrefix("  FAIL  arrived{class=egress-snapshot} < 1 (seed 1): measured "))
        #expect(line.hasSuffix(", promised < 1"))
        let report = try JUnitReader.read(junit)
        #expect(report.failures.count == 1)
        #expect(report.failures.first?.hasSuffix(", promised < 1") == true)

        let run = try simulate(["run", path, "--no-store"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("FAIL  arrived{class=egress-snapshot} < 1 (seed 1): measured "))
    }

    @Test("a bad expectation is invalid input: exit 2 with file, line and what was expected")
    func invalid() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try scenarioWith("  - assert: podHours{deployment=egres} <= 3", in: dir)
        let r = try simulate(["check", path, "--no-store"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(path):4: expectations[0].assert: deployment=egres: expected a deployment of the scenario"))
        #expect(r.stderr.contains("found \"egres\" (did you mean \"egress\"?)"))
    }

    @Test("--seed replaces the promises' seeds; runs are stored; --baseline compares every figure")
    func seedsStoreAndBaseline() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try scenarioWith("""
              - assert: timedOut{class=egress-record} == 0
                seeds: [1, 2]
            """, in: dir)
        let db = dir.path("runs.sqlite")
        let both = try simulate(["check", path, "--db", db])
        #expect(both.stdout.contains("(seeds 1, 2)"))
        #expect(both.stdout.contains("stored as run 1 in \(db)") && both.stdout.contains("stored as run 2 in \(db)"))
        let one = try simulate(["check", path, "--seed", "3", "--no-store"])
        #expect(one.stdout.contains("(seed 3)") && !one.stdout.contains("(seed 1)"))
        // The same scenario and seed give the same figures: within 0 % of run 1.
        let same = try simulate(["check", path, "--seed", "1", "--db", db, "--baseline", "1", "--tolerance", "0%"])
        #expect(same.status == 0, "\(same.stdout)")
        #expect(same.stdout.contains("PASS  baseline run 1 ±0%: podHours{deployment=egress} == "))
        // Another seed moves them.
        let other = try simulate(["check", path, "--seed", "5", "--no-store", "--db", db, "--baseline", "1", "--tolerance", "0%"])
        #expect(other.status == 1)
        #expect(other.stdout.contains("FAIL  baseline run 1 ±0%: "))
    }
}
