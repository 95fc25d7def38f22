import Foundation

/// A utilization: used ÷ requested, as a percent of requests (`59.6 %`, the ratio `0.596`): the
/// unit of `kubectl describe hpa` and of `spec.metrics[].target.averageUtilization`.
///
/// A bare `Double` once travelled from the model (a ratio) to a table headed `CPU %`, which
/// printed `0.60`: the unit is in the type so that cannot happen again.
public struct Utilization: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Percent of requests (`59.6`); what the store's `*_utilization` columns hold. Kept as
    /// the percent, so a stored value reads back equal, bit for bit.
    public var percent: Double

    /// From used ÷ requested (`0.596` is `59.6` %).
    @inlinable public init(ratio: Double) { self.percent = ratio * 100 }
    /// From a percent of requests.
    @inlinable public init(percent: Double) { self.percent = percent }

    /// Used ÷ requested (`1.0` is the pods' requests exactly).
    @inlinable public var ratio: Double { percent / 100 }

    public static func < (lhs: Utilization, rhs: Utilization) -> Bool { lhs.percent < rhs.percent }

    /// `59.6 %` (one decimal, as `simulate run` prints it).
    public var description: String { formatted(digits: 1) }

    /// The percent with `digits` decimals and its unit: `59.6 %`.
    public func formatted(digits: Int) -> String { String(format: "%.\(digits)f %%", percent) }
}
