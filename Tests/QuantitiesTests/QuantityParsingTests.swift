import Testing
@testable import Quantities

/// Values as `resource.ParseQuantity` + `MilliValue()` give them (apimachinery quantity.go).
private let valid: [(String, Int64)] = [
    ("500m", 500), ("2", 2000), ("0", 0), ("00", 0), ("0.5", 500), (".5", 500), ("1.", 1000),
    ("1.5", 1500), ("-1.5", -1500), ("+3", 3000), ("1k", 1_000_000), ("1M", 1_000_000_000),
    ("512Mi", 536_870_912_000), ("1Gi", 1_073_741_824_000), ("5Ki", 5_120_000), ("0.5Ki", 512_000),
    ("1.5Gi", 1_610_612_736_000), ("1e3", 1_000_000), ("1E3", 1_000_000), ("1e+3", 1_000_000), ("12e6", 12_000_000_000),
    ("1e-3", 1), ("1.5e-3", 2), ("1n", 1), ("-1n", -1), ("1u", 1), ("100u", 1), ("1000u", 1), ("1001u", 2),
    ("1.2345m", 2), ("-1.2345m", -2), ("0.0001", 1), ("2m", 2), ("1e-12", 1),
    // Quirks of parseQuantityString that the API server accepts as zero.
    ("-", 0), (".", 0), ("e3", 0), ("Ki", 0),
    // Past Int64: MilliValue saturates (current apimachinery's scaledValue).
    ("1E", .max), ("8Ei", .max), ("-8Ei", .min), ("18446744073709551616", .max), ("9223372036854775", 9_223_372_036_854_775_000),
]

private let invalid: [(String, QuantityError)] = [
    ("", .formatWrong), ("abc", .formatWrong), ("1x", .formatWrong), ("1 Gi", .formatWrong), ("1.2.3", .formatWrong),
    ("1Mb", .formatWrong), ("1KiB", .formatWrong), ("20x", .formatWrong), ("1e3.5", .formatWrong),
    ("1e", .suffix), ("1ki", .suffix), ("1m5", .suffix), ("--1", .suffix), ("1Ee3", .suffix), ("1e+", .suffix),
    ("1e99999999999999999999", .suffix), (".e-10", .numeric),
]

@Test("valid quantities parse to MilliValue()", arguments: valid)
func parses(_ text: String, _ milli: Int64) throws {
    let q = try Quantity(parsing: text)
    #expect(q.milliValue == milli)
    #expect(q.text == text)
}

@Test("invalid quantities are rejected with the API server's error", arguments: invalid)
func rejects(_ text: String, _ error: QuantityError) {
    #expect(throws: error) { try Quantity(parsing: text) }
}

@Test("ErrFormatWrong's message is the API server's")
func formatWrongMessage() {
    #expect(QuantityError.formatWrong.description
            == "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
    #expect(QuantityError.suffix.description == "unable to parse quantity's suffix")
}

@Test("Value() rounds away from zero; doubleValue is exact to the milli-unit")
func valueRounding() throws {
    #expect(try Quantity(parsing: "1500m").value == 2)
    #expect(try Quantity(parsing: "-1500m").value == -2)
    #expect(try Quantity(parsing: "2").value == 2)
    #expect(try Quantity(parsing: "250m").doubleValue == 0.25)
    #expect(Quantity(milliValue: 1500).text == "1500m")
    #expect(Quantity(milliValue: 2000).text == "2")
    #expect(try Quantity(parsing: "-1n").sign == -1)
}
