/// Reduces a time series for display: per pixel column, the first, lowest, highest and last
/// value, in the order they occurred, so every peak and trough survives at any zoom the chart
/// has (the "min/max per pixel column" rule; a column with few points keeps them all).
///
/// - Complexity: O(*n*) over the points, which must be sorted by `x`.
public enum Downsampling {
    /// At most four points per column of `columns` across `xRange`.
    public static func minMaxPerColumn(_ points: [ChartPoint], xRange: ClosedRange<Double>,
                                       columns: Int) -> [ChartPoint] {
        guard points.count > columns * 4, columns > 0, xRange.upperBound > xRange.lowerBound else { return points }
        let span = xRange.upperBound - xRange.lowerBound
        var out: [ChartPoint] = []
        out.reserveCapacity(columns * 4)
        var column = -1
        var first = 0, low = 0, high = 0, last = 0
        func flush() {
            guard column >= 0 else { return }
            for i in [first, low, high, last].sorted() where out.last.map({ $0 != points[i] }) ?? true {
                out.append(points[i])
            }
        }
        for (i, p) in points.enumerated() {
            let c = min(columns - 1, max(0, Int((p.x - xRange.lowerBound) / span * Double(columns))))
            if c != column {
                flush()
                column = c; first = i; low = i; high = i; last = i
            } else {
                if p.y < points[low].y { low = i }
                if p.y > points[high].y { high = i }
                last = i
            }
        }
        flush()
        return out
    }
}

/// One point of a chart, in data units (x: seconds since the start).
public struct ChartPoint: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}
