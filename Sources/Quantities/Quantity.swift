/// A Kubernetes `resource.Quantity` (`500m`, `2`, `512Mi`, `1e3`, `0.5`).
///
/// The controller computes in milli-units (`MilliValue()`), so that is what this type
/// keeps, together with the text it was parsed from (for messages and round trips).
/// ``init(parsing:)`` accepts exactly what `resource.ParseQuantity` accepts
/// (apimachinery `pkg/api/resource/quantity.go`) and rejects the rest with its message.
public struct Quantity: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The value in thousandths, rounded away from zero as `Quantity.MilliValue()` rounds,
    /// saturating at the `Int64` range as current apimachinery's `scaledValue` does.
    public var milliValue: Int64
    /// The text as written (or a canonical rendering when built from a number).
    public var text: String

    /// A quantity of `milliValue` thousandths.
    public init(milliValue: Int64) {
        self.milliValue = milliValue
        self.text = milliValue % 1000 == 0 ? "\(milliValue / 1000)" : "\(milliValue)m"
    }

    /// Parses `text` as `resource.ParseQuantity` does.
    ///
    /// - Throws: ``QuantityError`` with the API server's wording.
    public init(parsing text: String) throws(QuantityError) {
        let parsed = try QuantityScanner.parse(text)
        self.milliValue = parsed.milliValue
        self.text = text
    }

    /// The value as a float (`AsApproximateFloat64()`, to the milli-unit).
    public var doubleValue: Double { Double(milliValue) / 1000 }
    /// The value rounded away from zero to a whole unit (`Value()`).
    public var value: Int64 {
        if milliValue >= 0 {
            return milliValue / 1000 + (milliValue % 1000 == 0 ? 0 : 1)
        }
        return milliValue / 1000 - (milliValue % 1000 == 0 ? 0 : 1)
    }
    /// -1, 0 or 1, as `Quantity.Sign()`.
    public var sign: Int { milliValue > 0 ? 1 : (milliValue < 0 ? -1 : 0) }
    public var description: String { text }
}

/// Why a quantity did not parse: the three errors of `resource.ParseQuantity`.
public enum QuantityError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `ErrFormatWrong`.
    case formatWrong
    /// `ErrNumeric`.
    case numeric
    /// `ErrSuffix`.
    case suffix

    /// The regular expression of `ErrFormatWrong`, as quantity.go spells it.
    public static let pattern = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$"

    public var description: String {
        switch self {
        case .formatWrong: "quantities must match the regular expression '\(Self.pattern)'"
        case .numeric: "unable to parse numeric part of quantity"
        case .suffix: "unable to parse quantity's suffix"
        }
    }
}
