import Foundation
import Testing
import HPASim

/// `simulate compare`, `sweep` and `runs merge` end to end.
@Suite("simulate compare and sweep", .enabled(if: simulateExecutable != nil,
                                                  "the simulate executable is not built beside the tests"))
struct SweepCommandTests {
    @Test("standard output is the same bytes whatever --jobs, --db or --export-best; stored runs resume")
    func sameBytes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let sweep = ["sweep", try writeEgressSpike(in: dir), "--grid", "\(scaleUpPodsKnob)=1,4",
                     "--grid", "\(scaleDownWindowKnob)=[0, 600]", "--duration", "2h"]
        let db = dir.path("runs.sqlite")
        let alone = try simulate(sweep + ["--jobs", "1", "--no-store"])
        let stored = try simulate(sweep + ["--jobs", "2", "--db", db, "--export-best", dir.path("best")])
        let resumed = try simulate(sweep + ["--jobs", "2", "--db", db])
        #expect(alone.status == 0 && stored.status == 0 && resumed.status == 0)
        #expect(stored.stdout == alone.stdout)
        #expect(resumed.stdout == alone.stdout)
        #expect(alone.stdout.contains("4 variants × 1 seed (1)"))
        #expect(stored.stderr.contains("4 runs (0 already stored)"))
        #expect(resumed.stderr.contains("4 runs (4 already stored)"))
        #expect(stored.stderr.contains(dir.path("best/06-hpa-configs.yaml")))
        #expect(FileManager.default.fileExists(atPath: dir.path("best/06-hpa-configs.diff")))
        #expect(try RunStore(path: db).runs().count == 4)
    }

    @Test("a sweep killed mid-way keeps its finished runs; the same command resumes and ranks as one run would")
    func killAndResume() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let db = dir.path("runs.sqlite")
        let sweep = ["sweep", try writeEgressSpike(in: dir), "--grid", "\(scaleUpPodsKnob)=1,2,4,8",
                     "--grid", "\(scaleDownWindowKnob)=0,300", "--jobs", "1"]
        let reference = try simulate(sweep + ["--no-store"])
        #expect(reference.status == 0)
        let child = try startSimulate(sweep + ["--db", db])
        var stored = 0
        for _ in 0..<6000 where stored < 2 {
            usleep(10_000)
            stored = FileManager.default.fileExists(atPath: db) ? ((try? RunStore(path: db).runs().count) ?? 0) : 0
        }
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal)
        let kept = try RunStore(path: db).runs().count
        #expect(kept >= 2 && kept < 8)
        let resumed = try simulate(sweep + ["--db", db])
        #expect(resumed.status == 0)
        #expect(resumed.stderr.contains("8 runs (\(kept) already stored)"))
        #expect(resumed.stdout == reference.stdout)
        let store = try RunStore(path: db)
        #expect(try store.runs().count == 8)
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test("three shards merged rank exactly as one unsharded sweep")
    func shardsMerge() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let sweep = ["sweep", try writeEgressSpike(in: dir), "--grid", "\(scaleUpPodsKnob)=1,2,4",
                     "--grid", "\(scaleDownWindowKnob)=0,600", "--seeds", "2", "--duration", "2h"]
        let whole = try simulate(sweep + ["--no-store"])
        var shards: [String] = []
        for i in 0..<3 {
            let shard = try simulate(sweep + ["--shard", "\(i)/3", "--db", dir.path("shard-\(i).sqlite")])
            #expect(shard.status == 0)
            #expect(shard.stdout.contains("(shard \(i)/3): 2 variants × 2 seeds"))
            shards.append(dir.path("shard-\(i).sqlite"))
        }
        let merged = dir.path("merged.sqlite")
        let merge = try simulate(["runs", "merge", merged] + shards)
        #expect(merge.status == 0)
        #expect(merge.stdout.contains("4 runs merged into \(merged)"))
        let ranked = try simulate(sweep + ["--db", merged])
        #expect(ranked.stderr.contains("12 runs (12 already stored)"))
        #expect(ranked.stdout == whole.stdout)
    }

    @Test("compare prints baseline and variants side by side, marking better and worse")
    func compare() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let spike = try writeEgressSpike(in: dir)
        let r = try simulate(["compare", spike, "small=egress-hpa:spec.maxReplicas=7",
                              "long-window=\(scaleDownWindowKnob)=600;\(scaleUpPodsKnob)=4", "--duration", "2h", "--no-store"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "compare \(spike), seed 1, 2h00m00s simulated")
        #expect(lines.contains { $0.hasPrefix("figure ") && $0.contains("baseline") && $0.contains("small") && $0.contains("long-window") })
        // Fewer replicas: cheaper, and tasks time out.
        let podHours = try #require(lines.first { $0.hasPrefix("podHours{deployment=egress}") })
        let timedOut = try #require(lines.first { $0.hasPrefix("timedOut{class=egress-snapshot}") })
        #expect(podHours.contains("better)"))
        #expect(timedOut.contains("worse)"))
    }

    @Test("tune states its method, stays within its budget and names the best variant")
    func tune() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let help = try simulate(["tune", "--help"])
        #expect(help.stdout.contains("Latin hypercube"))
        #expect(help.stdout.contains("successive halving"))
        let r = try simulate(["tune", try writeEgressSpike(in: dir), "--knob", "egress-hpa:spec.maxReplicas=6..12",
                              "--knob", "\(scaleDownWindowKnob)=0..600/300", "--budget", "8", "--duration", "2h", "--no-store",
                              "--export-best", dir.path("best")])
        #expect(r.status == 0)
        let first = try #require(r.stdout.split(separator: "\n").first)
        #expect(first.hasPrefix("tune of "))
        #expect(first.hasSuffix("runs of a budget of 8"))
        #expect(r.stdout.contains("\nbest: egress-hpa:spec.maxReplicas="))
        #expect(FileManager.default.fileExists(atPath: dir.path("best/06-hpa-configs.yaml")))
    }

    @Test("an invalid override fails before anything runs, with the validation message, exit 2")
    func invalidOverride() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let spike = try writeEgressSpike(in: dir)
        let db = dir.path("runs.sqlite")
        let sweep = try simulate(["sweep", spike, "--grid", "\(scaleUpPodsKnob)=2,0", "--db", db])
        #expect(sweep.status == 2)
        #expect(sweep.stderr.contains("variant #2 does not load"))
        #expect(sweep.stderr.contains("spec.behavior.scaleUp.policies[1].value: Invalid value: 0: must be greater than zero"))
        let compare = try simulate(["compare", spike, "typo=egress-hpa:spec.metrics[gpu].resource.target.averageUtilization=50", "--db", db])
        #expect(compare.status == 2)
        #expect(compare.stderr.contains("spec.metrics[gpu]: no entry has the key \"gpu\"; the keys are cpu, memory, active_tasks"))
        #expect(!FileManager.default.fileExists(atPath: db))
    }
}

/// Ranking by a scenario's own promises, and `--objective` in the expectation language.
@Suite("simulate sweep with expectations", .enabled(if: simulateExecutable != nil,
                                                    "the simulate executable is not built beside the tests"))
struct SweepPromiseTests {
    @Test("promises that read a timeline rank a resumed sweep byte for byte as a fresh one")
    func resumedPromises() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let sweep = ["sweep", try writeEgressSpikeWithPromises(in: dir), "--grid", "\(scaleUpPodsKnob)=1,4",
                     "--grid", "\(scaleDownWindowKnob)=[0, 600]", "--duration", "2h",
                     "--objective", "podHours{deployment=egress} during 00:30..01:00"]
        let db = dir.path("runs.sqlite")
        let fresh = try simulate(sweep + ["--jobs", "1", "--no-store"])
        let stored = try simulate(sweep + ["--jobs", "2", "--db", db])
        let resumed = try simulate(sweep + ["--jobs", "2", "--db", db])
        #expect(fresh.status == 0 && stored.status == 0 && resumed.status == 0)
        #expect(stored.stderr.contains("4 runs (0 already stored)"))
        #expect(resumed.stderr.contains("4 runs (4 already stored)"))
        #expect(stored.stdout == fresh.stdout)
        #expect(resumed.stdout == fresh.stdout)
        let lines = fresh.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[1] == "ranked by the scenario's promises broken (of its 4, each on every seed of the sweep it applies to), "
                + "then by podHours{deployment=egress} during 00:30..01:00, lower is better; mean ± spread over seeds")
        // Fewer promises broken beats a lower objective: the fast scale-up (Pods.value 4) keeps the reaction promise.
        #expect(lines[4].hasPrefix("1     #3       4 ") && lines[5].hasPrefix("2     #4       4 "))
        #expect(lines.contains("Promises the listed variants break (seeds):"))
        let broken = lines.filter { $0.hasPrefix("  #") && $0.contains(": ") && $0.contains("(1)") }
        #expect(broken.count == 4)
        #expect(broken.allSatisfy { $0.contains("egress never above one replica (1)") })
        #expect(broken.filter { $0.contains("egress reaches 10 pods within 4 minutes of the spike (1)") }.count == 2)
        #expect(lines.last { !$0.isEmpty } == "No variant keeps every promise; the best, #3, breaks 2 of 4.")
        // Stored with every task (a windowed class promise reads them), so the resume could re-derive them.
        #expect(try RunStore(path: db).runs().allSatisfy { $0.metadata.detailLevel == .all })
    }

    @Test("an objective outside the expectation language, or naming what the scenario lacks, exits 2 with the parser's message")
    func invalidObjective() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let spike = try writeEgressSpike(in: dir)
        let grid = ["--grid", "\(scaleUpPodsKnob)=1,4", "--no-store"]
        let syntax = try simulate(["sweep", spike, "--objective", "queueWait.p95{class=egress-snapshot} <= 5s"] + grid)
        #expect(syntax.status == 2)
        #expect(syntax.stderr.contains("--objective \"queueWait.p95{class=egress-snapshot} <= 5s\": column 38: expected the end of the figure (a figure alone has no operator or value), found \"<=\""))
        let name = try simulate(["sweep", spike, "--objective", "completed{class=egress-snapshots}"] + grid)
        #expect(name.status == 2)
        #expect(name.stderr.contains("class=egress-snapshots: expected a task class of the scenario (egress-record, egress-snapshot), found \"egress-snapshots\" (did you mean \"egress-snapshot\"?)"))
        let tune = try simulate(["tune", spike, "--knob", "egress-hpa:spec.maxReplicas=6..8", "--objective", "podHour{deployment=egress}", "--no-store"])
        #expect(tune.status == 2)
        #expect(tune.stderr.contains("--objective \"podHour{deployment=egress}\": column 1: expected a figure"))
        let help = try simulate(["sweep", "--help"])
        #expect(help.stdout.contains("Lower is better, except for these figures:\ncompleted, cpuUtilization, memoryUtilization (higher is better)."))
    }
}
