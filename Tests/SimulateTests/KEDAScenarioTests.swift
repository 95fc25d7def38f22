import Foundation
import HPASim
import Testing

/// The shipped KEDA variant and the metrics-outage workload, end to end.
@Suite("KEDA and metric outages, end to end")
struct KEDAScenarioTests {
    @Test("the rtc-egress KEDA variant validates and its generated HPA replaces egress-hpa")
    func kedaVariantLoads() throws {
        let loaded = try ScenarioLoader.load(path: scenario("keda/steady-day.yaml"))
        #expect(!loaded.diagnostics.contains { $0.severity == .warning && $0.lint == nil })   // the notifier's lints remain
        let c = loaded.configuration
        #expect(c.autoscalers.map(\.hpa.name) == ["webhook-notifier-hpa", "egress-hpa"])
        let egress = try #require(c.autoscalers.last?.hpa)
        #expect(egress.spec.minReplicas == 1 && egress.spec.maxReplicas == 10)
        #expect(egress.spec.metrics.map { $0.external?.metric.name } == ["s0-redis-egress-record", "s1-redis-egress-snapshot"])
        #expect(c.scaledObjects?.first?.listClasses == [["egress-record"], ["egress-snapshot"]])
    }

    @Test("a KEDA run stores and replays to identical decisions; KEDA's moves are scale events")
    func kedaRunReplays() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let db = dir.path("runs.sqlite")
        let report = try ScenarioRun.run(scenarioAt: scenario("keda/hourly-burst.yaml"),
                                         options: .init(duration: .hours(2), database: db))
        let id = try #require(report.runID)
        let replay = try RunReplay.verify(id, in: try RunStore(path: db))
        #expect(replay.mismatches == [])
        #expect(replay.syncs > 0)
        let egress = try #require(report.result.deployments.first { $0.name == "egress" })
        #expect(egress.scaleEvents > 0)
    }

    @Test("metrics-outage: the adapter outage is in the run, and its decisions replay")
    func outageReplays() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let db = dir.path("runs.sqlite")
        let options = ScenarioRun.Options(duration: .hours(3) + .minutes(30), database: db)
        let outage = try ScenarioRun.run(scenarioAt: scenario("metrics-outage.yaml"), options: options)
        let id = try #require(outage.runID)
        let replay = try RunReplay.verify(id, in: try RunStore(path: db))
        #expect(replay.mismatches == [])
        #expect(outage.scenario.configuration.metrics.failures?.outages
                == [MetricOutage(source: .custom, from: .hours(2) + .minutes(58), duration: .minutes(15))])
        #expect(replay.syncs > 0 && replay.normalized == replay.syncs)
    }

    @Test("simulate validate: a bad ScaledObject exits 2 with KEDA's message; --show-generated prints the HPA",
          .enabled(if: simulateExecutable != nil))
    func commandLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let bad = try dir.write("so.yaml", """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata:
              name: egress
            spec:
              scaleTargetRef:
                name: egress
              triggers:
                - type: redis
                  metadata:
                    listName: jobs
                    listLength: "5.5"
            """)
        let r = try simulate(["validate", bad])
        #expect(r.status == 2)
        #expect(r.stdout.contains("so.yaml:12: spec.triggers[0].metadata.listLength: KEDA would not create the HPA: error parsing redis metadata"))
        let shown = try simulate(["validate", scenario("keda/steady-day.yaml"), "--show-generated"])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("kind: HorizontalPodAutoscaler\nmetadata:\n  name: egress-hpa\n  namespace: rtc-egress\n"))
        #expect(shown.stdout.contains("          name: s1-redis-egress-snapshot\n"))
    }
}
