/// The scanner and exact arithmetic behind ``Quantity/init(parsing:)``.
///
/// Mirrors `parseQuantityString` and `ParseQuantity` (apimachinery
/// `pkg/api/resource/quantity.go`) and the suffix table of `suffix.go`. The value is kept
/// exactly (a decimal digit string, a power of ten, a power of two) until it is rounded
/// once to thousandths: away from zero, as `MilliValue()` rounds (parsing's own rounding
/// to nano-units, also away from zero, cannot change that result), and saturating at the
/// `Int64` range.
enum QuantityScanner {
    struct Parsed { var milliValue: Int64 }

    static func parse(_ text: String) throws(QuantityError) -> Parsed {
        let bytes = Array(text.utf8)
        if bytes.isEmpty { throw .formatWrong }
        var pos = 0
        let end = bytes.count
        var negative = false
        if bytes[0] == UInt8(ascii: "-") { negative = true; pos += 1 } else if bytes[0] == UInt8(ascii: "+") { pos += 1 }
        // Leading zeros; a string of only zeros (or only a sign) is zero.
        while pos < end, bytes[pos] == UInt8(ascii: "0") { pos += 1 }
        if pos >= end { return Parsed(milliValue: 0) }
        let numStart = pos
        while pos < end, isDigit(bytes[pos]) { pos += 1 }
        let num = bytes[numStart..<pos]
        var denom: ArraySlice<UInt8> = []
        if pos < end, bytes[pos] == UInt8(ascii: ".") {
            pos += 1
            let denomStart = pos
            while pos < end, isDigit(bytes[pos]) { pos += 1 }
            denom = bytes[denomStart..<pos]
        }
        let suffixStart = pos
        while pos < end, suffixLetters.contains(bytes[pos]) { pos += 1 }
        if pos < end, bytes[pos] == UInt8(ascii: "-") || bytes[pos] == UInt8(ascii: "+") { pos += 1 }
        while pos < end, isDigit(bytes[pos]) { pos += 1 }
        if pos < end { throw .formatWrong }
        let suffix = String(decoding: bytes[suffixStart..<end], as: UTF8.self)
        guard let (decimalExponent, binaryExponent) = interpret(suffix) else { throw .suffix }
        // `inf.Dec.SetString` rejects a number with no digit at all (".", "-.").
        // (only reached on its slow path: a decimal suffix finer than nano).
        if binaryExponent == 0, decimalExponent < -9, !bytes[..<suffixStart].contains(where: isDigit) {
            throw .numeric
        }
        let digits = Array(num) + Array(denom)
        let exponent = decimalExponent - denom.count + 3   // thousandths
        let magnitude = roundedMagnitude(digits: digits, exponent10: exponent, exponent2: binaryExponent)
        guard let magnitude else { return Parsed(milliValue: negative ? .min : .max) }
        return Parsed(milliValue: negative ? -magnitude : magnitude)
    }

    private static let suffixLetters: Set<UInt8> = Set("eEinumkKMGTP".utf8)
    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    /// `suffixHandler.interpret`: (power of ten, power of two), nil for `ErrSuffix`.
    static func interpret(_ suffix: String) -> (Int, Int)? {
        switch suffix {
        case "": return (0, 0)
        case "n": return (-9, 0)
        case "u": return (-6, 0)
        case "m": return (-3, 0)
        case "k": return (3, 0)
        case "M": return (6, 0)
        case "G": return (9, 0)
        case "T": return (12, 0)
        case "P": return (15, 0)
        case "E": return (18, 0)
        case "Ki": return (0, 10)
        case "Mi": return (0, 20)
        case "Gi": return (0, 30)
        case "Ti": return (0, 40)
        case "Pi": return (0, 50)
        case "Ei": return (0, 60)
        default: break
        }
        guard suffix.utf8.count > 1, let first = suffix.first, first == "e" || first == "E" else { return nil }
        // strconv.ParseInt(s, 10, 64), then int32(...) as suffix.go truncates it.
        guard let parsed = goParseInt64(suffix.dropFirst()) else { return nil }
        return (Int(Int32(truncatingIfNeeded: parsed)), 0)
    }

    /// `strconv.ParseInt(s, 10, 64)`: an optional sign, then at least one digit, in range.
    private static func goParseInt64(_ s: Substring) -> Int64? {
        var rest = s[...]
        var negative = false
        if let c = rest.first, c == "+" || c == "-" { negative = c == "-"; rest = rest.dropFirst() }
        guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int64((negative ? "-" : "") + rest)
    }

    /// |digits × 10^exponent10 × 2^exponent2| rounded away from zero, nil when beyond Int64.
    private static func roundedMagnitude(digits: [UInt8], exponent10: Int, exponent2: Int) -> Int64? {
        // Little-endian decimal digits.
        var value = digits.reversed().map { $0 - UInt8(ascii: "0") }
        while let last = value.last, last == 0 { value.removeLast() }
        if value.isEmpty { return 0 }
        var remaining = exponent2
        while remaining > 0 {
            let step = min(remaining, 30)
            remaining -= step
            var carry: UInt64 = 0
            for i in value.indices {
                let product = UInt64(value[i]) << UInt64(step) + carry
                value[i] = UInt8(product % 10)
                carry = product / 10
            }
            while carry > 0 { value.append(UInt8(carry % 10)); carry /= 10 }
        }
        var fraction = false
        if exponent10 < 0 {
            let drop = -exponent10
            if drop >= value.count { return 1 }   // 0 < value < 1: rounds up to 1
            fraction = value[..<drop].contains { $0 != 0 }
            value.removeFirst(drop)
        } else {
            if value.count + exponent10 > 19 { return nil }
            value.insert(contentsOf: repeatElement(0, count: exponent10), at: 0)
        }
        if value.count > 19 { return nil }
        var result: Int64 = 0
        for digit in value.reversed() {
            let (times10, o1) = result.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(digit))
            if o1 || o2 { return nil }
            result = sum
        }
        if fraction {
            let (up, overflow) = result.addingReportingOverflow(1)
            if overflow { return nil }
            result = up
        }
        return result
    }
}
