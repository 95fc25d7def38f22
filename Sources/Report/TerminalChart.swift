import Explain
public import HPAController
public import RunRecords
public import SimTime

/// Replicas over time in a terminal: one sparkline row per HPA, within 80 columns.
///
/// Each cell is the most replicas `spec.replicas` held in its slice of the run, from
/// ▁ (`minReplicas`) to █ (`maxReplicas`); with `colour`, cells at `maxReplicas` are red.
public enum TerminalChart {
    /// The rows for the HPAs of a run (empty when there are none or no series).
    public static func render(series: [SeriesPoint], autoscalers: [HorizontalPodAutoscaler], duration: SimDuration,
                              colour: Bool, width: Int = 80) -> String {
        guard !autoscalers.isEmpty, !series.isEmpty, duration > .zero else { return "" }
        let labelWidth = min(22, autoscalers.map(\.name.count).max() ?? 0) + 2
        let rangeWidth = 8
        let cells = max(10, width - labelWidth - rangeWidth)
        let slice = Double(duration.microseconds) / Double(cells)
        let blocks = Array("▁▂▃▄▅▆▇█")
        var lines = ["replicas over time (each cell: the most in \(SimDuration(microseconds: Int64(slice.rounded()))); "
                     + "▁ minReplicas … █ maxReplicas)"]
        for hpa in autoscalers {
            let target = hpa.spec.scaleTargetRef.name
            let low = hpa.spec.minReplicas ?? 1, high = hpa.spec.maxReplicas
            var peaks = [Int32?](repeating: nil, count: cells)
            for point in series where point.deployment == target {
                let c = min(cells - 1, max(0, Int(Double(point.time.microseconds) / slice)))
                peaks[c] = max(peaks[c] ?? point.replicas, point.replicas)
            }
            var row = ""
            var last: Int32?
            for peak in peaks {
                let value = peak ?? last ?? low
                last = value
                let level = high > low ? Int((Double(value - low) / Double(high - low) * 7).rounded()) : 0
                let block = String(blocks[min(7, max(0, level))])
                row += colour && value >= high ? "\u{1B}[31m\(block)\u{1B}[0m" : block
            }
            let label = String(hpa.name.prefix(labelWidth - 2))
            let observed = series.filter { $0.deployment == target }.map(\.replicas)
            let range = "\(observed.min() ?? low)..\(observed.max() ?? low)"
            lines.append(label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + row + " " + range)
        }
        // A time axis: start, middle and end.
        let start = "00:00", middle = axisLabel(duration.microseconds / 2), end = axisLabel(duration.microseconds)
        var axis = String(repeating: " ", count: labelWidth) + start
        let mid = labelWidth + cells / 2 - middle.count / 2
        axis += String(repeating: " ", count: max(1, mid - axis.count)) + middle
        axis += String(repeating: " ", count: max(1, labelWidth + cells - end.count - axis.count)) + end
        lines.append(axis)
        return lines.joined(separator: "\n")
    }

    private static func axisLabel(_ microseconds: Int64) -> String {
        let text = TimeOfDay.format(SimTime(microseconds: microseconds))
        return text.hasSuffix(":00") ? String(text.dropLast(3)) : text
    }
}
