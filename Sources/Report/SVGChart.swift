import Foundation
import Explain

/// One chart drawn as inline SVG: a time axis in simulated time of day, a value axis with its
/// unit, step or straight lines, shaded bands, hoverable markers (SVG `<title>`) and ticks.
///
/// Lines are downsampled to the plot's pixel columns (``Downsampling``); markers are never
/// dropped. The `data-points` attribute counts the data drawn (lines from records and
/// markers; not targets or bands), for the browser check.
struct SVGChart {
    struct Line {
        var name: String
        var colour: String
        /// nil: solid; else an SVG `stroke-dasharray`.
        var dash: String?
        var step: Bool
        var points: [ChartPoint]
        var width: Double = 1.5
        /// A reference (a target), not data: not counted in `data-points`.
        var reference = false
    }
    struct Band {
        var name: String
        var low: Double
        var high: Double
        var colour: String
    }
    struct Marker {
        var x: Double
        var y: Double
        var colour: String
        var title: String
        /// Up or down triangle, or a dot.
        var shape: Shape
        enum Shape { case up, down, dot, tick }
    }

    var title: String
    var yLabel: String
    var xRange: ClosedRange<Double>
    var lines: [Line] = []
    var bands: [Band] = []
    var markers: [Marker] = []
    /// Legend entries beyond the lines' (name, colour, dash).
    var legendExtra: [(String, String, String?)] = []
    var yMinimum: Double? = 0

    static let width = 960.0, height = 270.0
    static let left = 64.0, right = 16.0, bottom = 34.0
    static var plotWidth: Double { width - left - right }

    /// The SVG element.
    func render() -> String {
        // Legend rows under the title; the plot starts below them.
        var legend = "", lx = Self.left, ly = 32.0
        let entries = lines.map { ($0.name, $0.colour, $0.dash) } + bands.map { ($0.name, $0.colour, Optional("band")) }
            + legendExtra
        for (name, colour, dash) in entries where !name.isEmpty {
            let w = Double(name.count) * 6.3 + 34
            if lx + w > Self.width - Self.right { lx = Self.left; ly += 14 }
            if dash == "band" {
                legend += "<rect x=\"\(f(lx))\" y=\"\(f(ly - 8))\" width=\"18\" height=\"9\" fill=\"\(colour)\" fill-opacity=\"0.25\"/>"
            } else {
                legend += "<line x1=\"\(f(lx))\" y1=\"\(f(ly - 4))\" x2=\"\(f(lx + 18))\" y2=\"\(f(ly - 4))\" stroke=\"\(colour)\" "
                    + "stroke-width=\"2\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>"
            }
            legend += "<text class=\"legend\" x=\"\(f(lx + 22))\" y=\"\(f(ly))\">\(escape(name))</text>\n"
            lx += w
        }
        let top = ly + 10, height = Self.height + (ly - 32)
        let plotHeight = height - top - Self.bottom
        let drawn = lines.map { line in
            Line(name: line.name, colour: line.colour, dash: line.dash, step: line.step,
                 points: Downsampling.minMaxPerColumn(line.points, xRange: xRange, columns: Int(Self.plotWidth)),
                 width: line.width, reference: line.reference)
        }
        let values = drawn.flatMap { $0.points.map(\.y) } + bands.flatMap { [$0.low, $0.high] } + markers.map(\.y)
        var low = values.min() ?? 0, high = values.max() ?? 1
        if let yMinimum { low = min(low, yMinimum) }
        if high <= low { high = low + 1 }
        let yTicks = Self.niceTicks(low, high)
        low = min(low, yTicks.first ?? low); high = max(high, yTicks.last ?? high)
        let xSpan = max(xRange.upperBound - xRange.lowerBound, 1)
        func px(_ x: Double) -> Double { Self.left + (x - xRange.lowerBound) / xSpan * Self.plotWidth }
        func py(_ y: Double) -> Double { top + (1 - (y - low) / (high - low)) * plotHeight }
        // What the run's records put in the chart: data lines and markers (not targets or bands).
        let pointCount = drawn.filter { !$0.reference }.reduce(0) { $0 + $1.points.count } + markers.count

        var s = "<svg class=\"chart\" data-points=\"\(pointCount)\" "
        s += "viewBox=\"0 0 \(Int(Self.width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(title))\">\n"
        s += "<text class=\"title\" x=\"\(Self.left)\" y=\"16\">\(escape(title))</text>\n" + legend
        // Axes and grid.
        for t in yTicks {
            s += "<line class=\"grid\" x1=\"\(f(Self.left))\" x2=\"\(f(Self.width - Self.right))\" y1=\"\(f(py(t)))\" y2=\"\(f(py(t)))\"/>"
            s += "<text class=\"axis\" x=\"\(f(Self.left - 6))\" y=\"\(f(py(t) + 4))\" text-anchor=\"end\">\(Self.number(t))</text>\n"
        }
        for t in Self.timeTicks(xRange) {
            s += "<line class=\"grid\" x1=\"\(f(px(t)))\" x2=\"\(f(px(t)))\" y1=\"\(f(top))\" y2=\"\(f(height - Self.bottom))\"/>"
            // The last label ends at the frame rather than past it.
            let anchor = px(t) > Self.width - Self.right - 24 ? "end" : "middle"
            s += "<text class=\"axis\" x=\"\(f(px(t)))\" y=\"\(f(height - Self.bottom + 15))\" text-anchor=\"\(anchor)\">"
                + "\(Self.timeLabel(t))</text>\n"
        }
        s += "<text class=\"axis\" x=\"\(f(Self.width - Self.right))\" y=\"\(f(height - 4))\" text-anchor=\"end\">"
            + "simulated time of day</text>\n"
        s += "<text class=\"axis\" transform=\"translate(12 \(f(top + plotHeight / 2))) rotate(-90)\" "
            + "text-anchor=\"middle\">\(escape(yLabel))</text>\n"
        s += "<rect class=\"frame\" x=\"\(f(Self.left))\" y=\"\(f(top))\" width=\"\(f(Self.plotWidth))\" "
            + "height=\"\(f(plotHeight))\"/>\n"
        for band in bands {
            let y1 = py(max(low, min(high, band.high))), y0 = py(max(low, min(high, band.low)))
            s += "<rect x=\"\(f(Self.left))\" y=\"\(f(y1))\" width=\"\(f(Self.plotWidth))\" height=\"\(f(max(0.5, y0 - y1)))\" "
                + "fill=\"\(band.colour)\" fill-opacity=\"0.18\"><title>\(escape(band.name))</title></rect>\n"
        }
        for line in drawn where !line.points.isEmpty {
            var d = ""
            for (i, p) in line.points.enumerated() {
                if i == 0 { d += "M\(f(px(p.x))) \(f(py(p.y)))"; continue }
                if line.step { d += "H\(f(px(p.x)))V\(f(py(p.y)))" } else { d += "L\(f(px(p.x))) \(f(py(p.y)))" }
            }
            if line.step, let lastPoint = line.points.last, lastPoint.x < xRange.upperBound {
                d += "H\(f(px(xRange.upperBound)))"
            }
            s += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(line.colour)\" stroke-width=\"\(line.width)\""
                + "\(line.dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")><title>\(escape(line.name))</title></path>\n"
        }
        for m in markers {
            let x = px(m.x), y = py(m.y)
            let shape: String = switch m.shape {
            case .up: "<path d=\"M\(f(x)) \(f(y - 6))l5 8h-10z\" fill=\"\(m.colour)\">"
            case .down: "<path d=\"M\(f(x)) \(f(y + 6))l5 -8h-10z\" fill=\"\(m.colour)\">"
            case .dot: "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"3\" fill=\"\(m.colour)\">"
            case .tick: "<rect x=\"\(f(x - 1))\" y=\"\(f(y - 10))\" width=\"2\" height=\"10\" fill=\"\(m.colour)\">"
            }
            let close = m.shape == .dot ? "</circle>" : (m.shape == .tick ? "</rect>" : "</path>")
            s += "\(shape)<title>\(escape(m.title))</title>\(close)\n"
        }
        s += "</svg>\n"
        return s
    }

    /// 1, 2, 5 × 10^k steps: about five ticks from `low` to `high`.
    static func niceTicks(_ low: Double, _ high: Double) -> [Double] {
        let raw = (high - low) / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
        var ticks: [Double] = []
        var t = floor(low / step) * step
        while t <= high + step * 0.999 && ticks.count < 20 { ticks.append(t); t += step }
        return ticks
    }

    /// Round times of day: about eight ticks.
    static func timeTicks(_ range: ClosedRange<Double>) -> [Double] {
        let span = range.upperBound - range.lowerBound
        let steps: [Double] = [60, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800]
        let step = steps.first { span / $0 <= 9 } ?? 604_800
        var ticks: [Double] = []
        var t = ceil(range.lowerBound / step) * step
        while t <= range.upperBound { ticks.append(t); t += step }
        return ticks
    }

    /// `02:00`, `1d06:00`.
    static func timeLabel(_ seconds: Double) -> String {
        let text = TimeOfDay.format(.init(microseconds: Int64(seconds * 1_000_000)))
        return text.hasSuffix(":00") ? String(text.dropLast(3)) : text
    }

    static func number(_ v: Double) -> String {
        if abs(v) >= 1000 && v == v.rounded() { return String(Int64(v)) }
        var text = String(format: "%.2f", v)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    private func f(_ v: Double) -> String { String(format: "%.1f", v) }
}

/// Text for HTML and SVG: `&`, `<`, `>`, `"` escaped.
func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for c in text {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.append(c)
        }
    }
    return out
}
