import Testing
import SimTime
@testable import Explain

@Suite("TimeOfDay")
struct TimeOfDayTests {
    static let cases: [(String, SimTime)] = [
        ("14:30", .minutes(14 * 60 + 30)), ("14:30:15", .seconds(52_215)), ("0:00", .zero),
        ("2d14:30", .minutes(2 * 1440 + 14 * 60 + 30)), ("62h30m", .minutes(62 * 60 + 30)),
        ("90s", .seconds(90)), ("1d", .days(1)), ("1500ms", SimTime(microseconds: 1_500_000)),
    ]

    @Test("clock times within the first day, with a day beyond it, and durations parse to the same instants",
          arguments: cases)
    func parses(text: String, expected: SimTime) {
        #expect(TimeOfDay.parse(text) == expected)
    }

    @Test("malformed times are rejected", arguments: ["", "24:00", "14:60", "14", "x", "2d", "14:30:60", "30m2h",
                                                      "1h1h", "-5m", "2d:14:30", "14:3a"])
    func rejects(text: String) {
        if text == "2d" { #expect(TimeOfDay.parse(text) == .days(2)); return }   // a duration, not a clock time
        #expect(TimeOfDay.parse(text) == nil)
    }

    @Test("instants print as the time of day, with the day beyond the first")
    func formats() {
        #expect(TimeOfDay.format(.zero) == "00:00:00")
        #expect(TimeOfDay.format(.seconds(7_215)) == "02:00:15")
        #expect(TimeOfDay.format(SimTime(microseconds: 86_399_999_999)) == "23:59:59")
        #expect(TimeOfDay.format(.days(2) + .minutes(14 * 60 + 30)) == "2d14:30:00")
        #expect(TimeOfDay.parse(TimeOfDay.format(.seconds(3 * 86_400 + 3_723))) == .seconds(3 * 86_400 + 3_723))
    }
}

@Suite("TabWriter")
struct TabWriterTests {
    /// The example of ../shared/spec/kubectl-describe-hpa.md §6, rebuilt from its cells.
    @Test("reproduces kubectl's layout of the spec's example")
    func specExample() {
        var w = TabWriter()
        for line in ["Name:\tkeda-hpa-worker", "Namespace:\tdefault",
                     "Labels:\tapp.kubernetes.io/managed-by=keda-operator", "\tapp.kubernetes.io/name=keda-hpa-worker",
                     "Annotations:\t<none>", "Reference:\tDeployment/worker", "Metrics:\t( current / target )",
                     "  \"s0-redis-jobs\" (target average value):\t1334m / 5", "Min replicas:\t1",
                     "Deployment pods:\t3 current / 3 desired", "Conditions:", "  Type\tStatus\tReason\tMessage",
                     "  ----\t------\t------\t-------", "  AbleToScale\tTrue\tScaleDownStabilized\trecent",
                     "  ScalingLimited\tFalse\tDesiredWithinRange\tthe desired", "Events:\t<none>"] {
            w.line(line)
        }
        #expect(w.rendered() == [
            "Name:                                      keda-hpa-worker",
            "Namespace:                                 default",
            "Labels:                                    app.kubernetes.io/managed-by=keda-operator",
            "                                           app.kubernetes.io/name=keda-hpa-worker",
            "Annotations:                               <none>",
            "Reference:                                 Deployment/worker",
            "Metrics:                                   ( current / target )",
            "  \"s0-redis-jobs\" (target average value):  1334m / 5",
            "Min replicas:                              1",
            "Deployment pods:                           3 current / 3 desired",
            "Conditions:",
            "  Type            Status  Reason               Message",
            "  ----            ------  ------               -------",
            "  AbleToScale     True    ScaleDownStabilized  recent",
            "  ScalingLimited  False   DesiredWithinRange   the desired",
            "Events:           <none>",
        ])
    }

    @Test("a nested column block starts only where the lines have that column")
    func nestedBlocks() {
        var w = TabWriter()
        w.line("a\tb\tc")
        w.line("aaaa\tb")
        w.line("x")
        w.line("y\tz")
        #expect(w.rendered() == ["a     b  c", "aaaa  b", "x", "y  z"])
    }
}

@Suite("Quantities as kubectl prints them")
struct QuantityTextTests {
    @Test("canonical decimal form", arguments: [(Int64(1334), "1334m"), (4000, "4"), (1_500_000, "1500"),
                                                (2_000_000, "2k"), (0, "0"), (148_000, "148"), (27_500, "27500m")])
    func canonical(milli: Int64, text: String) {
        #expect(KubectlWords.quantity(milli: milli) == text)
    }
}
