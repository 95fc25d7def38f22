public import RunRecords

/// A figure with its labels and window but no promise: `podHours{deployment=egress}`,
/// `queueWait.p95{class=egress-snapshot} during 02:00..03:00`.
///
/// **The same language and the same measurement as an expectation's left-hand side**: a
/// sweep's `--objective` is one. Parse it with ``init(parsing:)``, check its names with
/// ``problems(in:)``, size a timeline with ``expectation``, measure it with
/// ``measure(_:timeline:context:)``.
public struct FigureQuery: Hashable, Sendable, CustomStringConvertible {
    public var figure: Figure
    /// As written, in order.
    public var labels: [Expectation.Label]
    public var window: Expectation.Window?

    public init(figure: Figure, labels: [Expectation.Label], window: Expectation.Window? = nil) {
        self.figure = figure; self.labels = labels; self.window = window
    }

    /// The figure as the left-hand side of an expectation (`<figure> >= 0`, a promise that is
    /// never checked): what ``ExpectationTimeline/init(for:)`` sizes a timeline from.
    public var expectation: Expectation {
        Expectation(figure: figure, labels: labels, window: window, comparison: .greaterOrEqual, value: 0, valueText: "0")
    }

    /// The canonical text: `podHours{deployment=egress} during 08:00..12:00`.
    public var description: String {
        var out = figure.rawValue + "{" + labels.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "}"
        if let window { out += " during \(window)" }
        return out
    }

    /// This figure in a run, exactly as an expectation over it measures it.
    public func measure(_ result: SimulationResult, timeline: ExpectationTimeline, context: ExpectationContext) -> Measurement {
        expectation.measure(result, timeline: timeline, context: context)
    }

    /// Every problem with the names this figure uses in `context` (empty when it can be measured).
    public func problems(in context: ExpectationContext) -> [String] { context.problems(expectation) }
}
