import Foundation
import HPASim
import Explain

/// A progress line on standard error while a run advances (`simulated 2d03:15:00 / 30d (7 %),
/// 1.9M events/s, ETA 0:42`), only when standard error is a terminal.
///
/// Reads the wall clock, for this line only: nothing it reads reaches a result.
final class ProgressLine: @unchecked Sendable {
    // Called only on the simulation's thread (one run at a time), so its state needs no lock.
    private let started = Date()
    private var lastPrint = Date.distantPast
    private var printed = false

    /// A progress line when standard error is a terminal, else nil (nothing is printed).
    static func ifTerminal() -> ProgressLine? { isatty(STDERR_FILENO) == 1 ? ProgressLine() : nil }

    /// The hook to give the run.
    var callback: @Sendable (SimulationProgress) -> Void { { [self] in self.report($0) } }

    private func report(_ p: SimulationProgress) {
        let now = Date()
        guard now.timeIntervalSince(lastPrint) >= 0.2 || p.reached >= p.end else { return }
        lastPrint = now
        let wall = now.timeIntervalSince(started)
        let fraction = p.end.microseconds > 0 ? Double(p.reached.microseconds) / Double(p.end.microseconds) : 1
        let rate = wall > 0 ? Double(p.events) / wall : 0
        let eta = fraction > 0 ? wall * (1 - fraction) / fraction : 0
        let line = "simulated \(TimeOfDay.format(p.reached)) / \(SimDuration(microseconds: p.end.microseconds)) "
            + "(\(Int(fraction * 100)) %), \(Self.count(rate)) events/s, ETA \(Self.clock(eta))"
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
        printed = true
    }

    /// Clears the line (call when the run is over).
    func finish() {
        if printed { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    private static func count(_ v: Double) -> String {
        v >= 1e6 ? String(format: "%.1fM", v / 1e6) : v >= 1e3 ? String(format: "%.0fk", v / 1e3) : String(format: "%.0f", v)
    }

    private static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}

/// Colour on standard output: only on a terminal, and never with `NO_COLOR` set (no-color.org).
var standardOutputWantsColour: Bool {
    isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
}
