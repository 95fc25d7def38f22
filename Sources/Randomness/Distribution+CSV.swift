import Foundation

/// A CSV file or column that cannot give an empirical distribution.
///
/// `samples/upload-times.csv:14: duration_s: expected a finite number ≥ 0, found "n/a"`.
public struct EmpiricalCSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file (or the caller's label for in-memory text).
    public var source: String
    /// The 1-based line, when the problem is on one line.
    public var line: Int?
    public var column: String
    public var expected: String
    public var found: String

    public init(source: String, line: Int?, column: String, expected: String, found: String) {
        self.source = source
        self.line = line
        self.column = column
        self.expected = expected
        self.found = found
    }

    public var description: String {
        "\(source)\(line.map { ":\($0)" } ?? ""): \(column): expected \(expected), found \(found)"
    }
}

extension Distribution {
    /// An empirical distribution from one column of CSV text with a header row.
    ///
    /// Fields are separated by commas and may be double-quoted (`""` is a quote); blank
    /// lines are skipped; every value in the column must be a finite number ≥ 0.
    /// - Parameter source: names the text in errors (usually its file path).
    public static func empirical(csv text: String, column: String, source: String = "<csv>") throws(EmpiricalCSVError) -> Distribution {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            .map { (number: $0.offset + 1, fields: csvFields($0.element)) }
            .filter { !($0.fields.count == 1 && $0.fields[0].trimmingCharacters(in: .whitespaces).isEmpty) }
        guard !lines.isEmpty else {
            throw EmpiricalCSVError(source: source, line: nil, column: column, expected: "a header row", found: "an empty file")
        }
        let header = lines.removeFirst()
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let index = names.firstIndex(of: column) else {
            throw EmpiricalCSVError(source: source, line: header.number, column: column,
                                    expected: "a column of that name", found: "columns \(names.joined(separator: ", "))")
        }
        var values: [Double] = []
        values.reserveCapacity(lines.count)
        for line in lines {
            let field = index < line.fields.count ? line.fields[index].trimmingCharacters(in: .whitespaces) : ""
            guard let value = Double(field), value.isFinite, value >= 0 else {
                throw EmpiricalCSVError(source: source, line: line.number, column: column,
                                        expected: "a finite number ≥ 0", found: "\"\(field)\"")
            }
            values.append(value)
        }
        guard !values.isEmpty else {
            throw EmpiricalCSVError(source: source, line: nil, column: column, expected: "at least one value", found: "none")
        }
        return .empirical(values)
    }

    /// An empirical distribution from one column of the CSV file at `path` (see
    /// ``empirical(csv:column:source:)``).
    public static func empirical(contentsOfCSV path: String, column: String) throws(EmpiricalCSVError) -> Distribution {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw EmpiricalCSVError(source: path, line: nil, column: column, expected: "a readable UTF-8 file",
                                    found: "\(error.localizedDescription)")
        }
        return try empirical(csv: text, column: column, source: path)
    }
}

/// Splits one CSV line into fields, honouring double quotes.
private func csvFields(_ line: Substring) -> [String] {
    var fields: [String] = []
    var field = ""
    var quoted = false
    var chars = line.makeIterator()
    while let c = chars.next() {
        if quoted {
            if c == "\"" {
                // A doubled quote is a literal quote; a single one closes the field.
                var lookahead = chars
                if lookahead.next() == "\"" {
                    field.append("\"")
                    chars = lookahead
                } else {
                    quoted = false
                }
            } else {
                field.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            fields.append(field)
            field = ""
        } else {
            field.append(c)
        }
    }
    fields.append(field)
    return fields
}
