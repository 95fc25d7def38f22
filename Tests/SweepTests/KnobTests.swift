import Testing
@testable import Sweep

@Suite("grids and knobs")
struct KnobTests {
    @Test("a comma list and a YAML flow list parse to the same values; keys in the field stay")
    func parseGrid() throws {
        let a = try Knob.parseGrid("egress-hpa:spec.behavior.scaleUp.policies[Pods].value=1,2,4")
        #expect(a.field == "egress-hpa:spec.behavior.scaleUp.policies[Pods].value")
        #expect(a.values == ["1", "2", "4"])
        let b = try Knob.parseGrid("egress-hpa:spec.behavior.scaleUp.policies[Pods].value=[1, 2, 4]")
        #expect(b == a)
        let c = try Knob.parseGrid("egress-hpa:spec.metrics[active_tasks].pods.target.averageValue=[\"10,5\", '20']")
        #expect(c.values == ["\"10,5\"", "'20'"])
        #expect(a.title == "Pods.value")
        #expect(try Knob.parseGrid("egress-hpa:spec.behavior.scaleDown.stabilizationWindowSeconds=60,300").title == "scaleDown.window")
    }

    @Test("a grid without a target or with an empty value is refused, naming the option")
    func badGrid() {
        #expect(throws: SweepError.invalidArgument(option: "--grid", expected: "FIELD=V1,V2,... or FIELD=[v1, v2] with FIELD as <object name>:<field path>",
                                                   found: "spec.maxReplicas=4,5")) {
            try Knob.parseGrid("spec.maxReplicas=4,5")
        }
        #expect(throws: SweepError.self) { try Knob.parseGrid("egress-hpa:spec.maxReplicas=4,,5") }
    }

    @Test("the product varies the first knob slowest and names variants in order")
    func product() {
        let knobs = [Knob(field: "a:x", values: ["1", "2"]), Knob(field: "a:y", values: ["p", "q", "r"])]
        #expect(Knob.product(knobs) == [["1", "p"], ["1", "q"], ["1", "r"], ["2", "p"], ["2", "q"], ["2", "r"]])
        let variants = Knob.gridVariants(knobs, scenarioPath: "s.yaml")
        #expect(variants.map(\.name) == ["#1", "#2", "#3", "#4", "#5", "#6"])
        #expect(variants[4].overrides.map(\.description) == ["a:x=2", "a:y=q"])
    }

    @Test("inline variants: NAME=OVERRIDE;OVERRIDE")
    func inlineVariant() throws {
        let v = try Variant.parse("fast=egress-hpa:spec.maxReplicas=14;egress-hpa:spec.behavior.scaleUp.policies[Pods].value=4",
                                  scenarioPath: "s.yaml")
        #expect(v.name == "fast")
        #expect(v.overrides.map(\.description) == ["egress-hpa:spec.maxReplicas=14", "egress-hpa:spec.behavior.scaleUp.policies[Pods].value=4"])
        #expect(throws: SweepError.self) { try Variant.parse("no-such-file.yaml", scenarioPath: "s.yaml") }
    }

    @Test("shards split variants by index modulo the count")
    func shards() throws {
        let s = try Shard(parsing: "1/3")
        #expect((0..<7).filter(s.contains) == [1, 4])
        #expect(throws: SweepError.self) { try Shard(parsing: "3/3") }
    }

    @Test("tune knobs parse integer ranges")
    func tuneKnob() throws {
        let k = try TuneKnob(parsing: "egress-hpa:spec.minReplicas=1..6")
        #expect(k == TuneKnob(field: "egress-hpa:spec.minReplicas", low: 1, high: 6))
        #expect(k.grid.values == ["1", "2", "3", "4", "5", "6"])
        #expect(throws: SweepError.self) { try TuneKnob(parsing: "egress-hpa:spec.minReplicas=6..1") }
        let w = try TuneKnob(parsing: "egress-hpa:spec.behavior.scaleDown.stabilizationWindowSeconds=0..600/120")
        #expect(w.step == 120)
        #expect(w.grid.values == ["0", "120", "240", "360", "480", "600"])
        #expect(throws: SweepError.self) { try TuneKnob(parsing: "egress-hpa:spec.minReplicas=1..6/0") }
    }
}
