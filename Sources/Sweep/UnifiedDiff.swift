/// A unified diff (`diff -u`) of two texts, line by line, computed here so exporting needs no `diff`.
///
/// The common prefix and suffix are trimmed first; the rest is aligned by a longest common
/// subsequence (dynamic programming): manifests differ in a few lines, so the table stays small.
public enum UnifiedDiff {
    /// `--- a/NAME` / `+++ b/NAME` and hunks with `context` lines around each change; empty when equal.
    public static func diff(_ old: String, _ new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        let ops = edits(a, b)
        guard ops.contains(where: { $0.kind != .same }) else { return "" }
        var out = ["--- \(oldName)", "+++ \(newName)"]
        // Group the edit script into hunks.
        var i = 0
        while i < ops.count {
            guard let firstChange = ops[i...].firstIndex(where: { $0.kind != .same }) else { break }
            let start = max(i, firstChange - context)
            // Extend while at most 2 × context unchanged lines separate the next change from the last (as diff -u).
            var lastChange = firstChange
            var j = firstChange + 1
            while j < ops.count {
                if ops[j].kind != .same {
                    if j - lastChange - 1 > 2 * context { break }
                    lastChange = j
                }
                j += 1
            }
            let end = min(ops.count, lastChange + context + 1)
            let hunk = ops[start..<end]
            let oldStart = hunk.first.map { $0.oldLine } ?? 0, newStart = hunk.first.map { $0.newLine } ?? 0
            let oldCount = hunk.filter { $0.kind != .insert }.count, newCount = hunk.filter { $0.kind != .delete }.count
            out.append("@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@")
            for op in hunk {
                switch op.kind {
                case .same: out.append(" " + op.text)
                case .delete: out.append("-" + op.text)
                case .insert: out.append("+" + op.text)
                }
            }
            i = end
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func range(_ start: Int, _ count: Int) -> String {
        count == 1 ? "\(start + 1)" : "\(count == 0 ? start : start + 1),\(count)"
    }

    static func lines(_ text: String) -> [String] {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        return parts
    }

    struct Op { enum Kind { case same, delete, insert }; var kind: Kind; var text: String; var oldLine: Int; var newLine: Int }

    /// The edit script turning `a` into `b` (0-based line numbers of each side at each op).
    static func edits(_ a: [String], _ b: [String]) -> [Op] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let x = Array(a[prefix..<(a.count - suffix)]), y = Array(b[prefix..<(b.count - suffix)])
        // lcs[i][j]: the LCS length of x[i...] and y[j...].
        var lcs = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            for j in stride(from: y.count - 1, through: 0, by: -1) {
                lcs[i][j] = x[i] == y[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var ops: [Op] = (0..<prefix).map { Op(kind: .same, text: a[$0], oldLine: $0, newLine: $0) }
        var i = 0, j = 0
        while i < x.count || j < y.count {
            if i < x.count, j < y.count, x[i] == y[j] {
                ops.append(Op(kind: .same, text: x[i], oldLine: prefix + i, newLine: prefix + j)); i += 1; j += 1
            } else if i < x.count, j == y.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                ops.append(Op(kind: .delete, text: x[i], oldLine: prefix + i, newLine: prefix + j)); i += 1
            } else {
                ops.append(Op(kind: .insert, text: y[j], oldLine: prefix + i, newLine: prefix + j)); j += 1
            }
        }
        for k in 0..<suffix {
            ops.append(Op(kind: .same, text: a[a.count - suffix + k], oldLine: a.count - suffix + k, newLine: b.count - suffix + k))
        }
        return ops
    }
}
