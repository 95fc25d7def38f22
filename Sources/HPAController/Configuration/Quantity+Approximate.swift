public import Quantities

extension Quantity {
    /// The value as a float64, as `Quantity.AsApproximateFloat64()` gives it.
    ///
    /// Parses the written text when it is a plain decimal (`0.05`, `1e-3`) so that values
    /// finer than a milli-unit (a tolerance of `0.0125`) keep their precision; otherwise
    /// (suffixed forms such as `50m`) uses the milli-value.
    public var approximateDouble: Double {
        if let parsed = Double(text), parsed.isFinite { return parsed }
        return doubleValue
    }
}
