/// A Kubernetes `resource.Quantity` (`500m`, `2`, `512Mi`, `1e3`, `0.5`).
///
/// The controller computes in milli-units (`MilliValue()`), so that is what this type
/// keeps, together with the text it was parsed from (for messages and round trips).
/// NOTE: contract version; exact parsing of every `resource.Quantity` form follows.
public struct Quantity: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The value in thousandths, rounded up as `Quantity.MilliValue()` rounds.
    public var milliValue: Int64
    /// The text as written (or a canonical rendering when built from a number).
    public var text: String

    /// A quantity of `milliValue` thousandths.
    public init(milliValue: Int64) {
        self.milliValue = milliValue
        self.text = milliValue % 1000 == 0 ? "\(milliValue / 1000)" : "\(milliValue)m"
    }

    /// The value as a float (`AsApproximateFloat64()`).
    public var doubleValue: Double { Double(milliValue) / 1000 }
    /// The value rounded up to a whole unit (`Value()`).
    public var value: Int64 {
        milliValue >= 0 ? (milliValue + 999) / 1000 : milliValue / 1000
    }
    public var description: String { text }
}
