/// Go's `text/tabwriter` as `kubectl describe` configures it (`tabbedString`: minwidth 0,
/// tabwidth 8, padding 2, padchar ' ', no flags).
///
/// Follows `format` and `writeLines` of `text/tabwriter/tabwriter.go`: a tab ends a cell; a
/// *column block* is a run of consecutive lines that have a tab-terminated cell in that column,
/// and all its cells are padded to the block's widest cell plus 2. Text after a line's last tab
/// is not padded; a line without tabs ends every block. Widths count Unicode scalars (Go
/// counts runes).
struct TabWriter {
    private var lines: [[String]] = []

    /// Appends one line (without its newline); `\t` ends a cell.
    mutating func line(_ text: String) {
        lines.append(text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init))
    }

    /// The aligned text, one entry per line.
    func rendered() -> [String] {
        var out: [String] = []
        out.reserveCapacity(lines.count)
        var widths: [Int] = []
        format(0, lines.count, &widths, &out)
        return out
    }

    private func format(_ start: Int, _ end: Int, _ widths: inout [Int], _ out: inout [String]) {
        let column = widths.count
        var line0 = start, this = start
        while this < end {
            if column >= lines[this].count - 1 { this += 1; continue }
            // A cell in this column: the lines before it are printed with the current widths.
            write(line0, this, widths, &out)
            line0 = this
            var width = 0
            while this < end, column < lines[this].count - 1 {
                width = max(width, lines[this][column].unicodeScalars.count + 2)
                this += 1
            }
            widths.append(width)
            format(line0, this, &widths, &out)
            widths.removeLast()
            line0 = this
        }
        write(line0, end, widths, &out)
    }

    private func write(_ start: Int, _ end: Int, _ widths: [Int], _ out: inout [String]) {
        for i in start..<end {
            var text = ""
            for (j, cell) in lines[i].enumerated() {
                text += cell
                if j < lines[i].count - 1, j < widths.count {
                    text += String(repeating: " ", count: max(0, widths[j] - cell.unicodeScalars.count))
                }
            }
            out.append(text)
        }
    }
}
