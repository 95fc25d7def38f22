import Foundation

/// Redis glob matching as `KEYS`/`SCAN MATCH` use it: `*` any run of characters, `?` one
/// character, `[...]` a class (`^` negates, `a-z` ranges), `\` escapes.
///
/// Matching is done once per (task class, worker pattern) when a run starts, on a
/// representative key (the class's pattern with `*` → `1`), never per task.
enum KeyPattern {
    static func matches(_ pattern: String, _ key: String) -> Bool {
        matches(Array(pattern.unicodeScalars), 0, Array(key.unicodeScalars), 0)
    }

    /// The key a task of class pattern `classPattern` with id `id` is stored under.
    static func key(for classPattern: String, id: Int64) -> String {
        Template(classPattern).key(id: id)
    }

    /// A class pattern split at its `*`s once, so a task's key is a join, not a search
    /// (Foundation's `replacingOccurrences` costs ~20 k instructions a call).
    struct Template {
        /// The pattern's UTF-8 bytes between the `*`s.
        private let parts: [[UInt8]]
        private let fixedLength: Int

        init(_ classPattern: String) {
            parts = classPattern.utf8.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false).map(Array.init)
            fixedLength = parts.reduce(0) { $0 + $1.count }
        }

        /// The pattern with every `*` replaced by `id`, written byte by byte (`String(id)` and
        /// appends cost over a thousand instructions a key; a run stores a key per task).
        func key(id: Int64) -> String {
            var digits: (UInt64, Int) = (id.magnitude, 0)   // the magnitude and its digit count
            repeat { digits.1 += 1; digits.0 /= 10 } while digits.0 > 0
            let width = digits.1 + (id < 0 ? 1 : 0)
            let length = fixedLength + (parts.count - 1) * width
            return String(unsafeUninitializedCapacity: length) { buffer in
                var at = 0
                for (k, part) in parts.enumerated() {
                    if k > 0 {
                        if id < 0 { buffer[at] = UInt8(ascii: "-") }
                        var value = id.magnitude
                        var end = at + width
                        repeat {
                            end -= 1
                            buffer[end] = UInt8(ascii: "0") + UInt8(value % 10)
                            value /= 10
                        } while value > 0
                        at += width
                    }
                    for byte in part {
                        buffer[at] = byte
                        at += 1
                    }
                }
                return at
            }
        }
    }

    private static func matches(_ p: [Unicode.Scalar], _ pi: Int, _ s: [Unicode.Scalar], _ si: Int) -> Bool {
        var pi = pi, si = si
        while pi < p.count {
            switch p[pi] {
            case "*":
                while pi < p.count, p[pi] == "*" { pi += 1 }
                if pi == p.count { return true }
                var k = si
                while k <= s.count {
                    if matches(p, pi, s, k) { return true }
                    k += 1
                }
                return false
            case "?":
                guard si < s.count else { return false }
                pi += 1; si += 1
            case "[":
                guard si < s.count else { return false }
                var j = pi + 1
                var negate = false
                if j < p.count, p[j] == "^" { negate = true; j += 1 }
                var matched = false
                while j < p.count, p[j] != "]" {
                    if p[j] == "\\", j + 1 < p.count {
                        j += 1
                        if p[j] == s[si] { matched = true }
                    } else if j + 2 < p.count, p[j + 1] == "-", p[j + 2] != "]" {
                        let lo = min(p[j].value, p[j + 2].value), hi = max(p[j].value, p[j + 2].value)
                        if s[si].value >= lo && s[si].value <= hi { matched = true }
                        j += 2
                    } else if p[j] == s[si] {
                        matched = true
                    }
                    j += 1
                }
                if matched == negate { return false }
                pi = j < p.count ? j + 1 : j
                si += 1
            case "\\" where pi + 1 < p.count:
                guard si < s.count, p[pi + 1] == s[si] else { return false }
                pi += 2; si += 1
            default:
                guard si < s.count, p[pi] == s[si] else { return false }
                pi += 1; si += 1
            }
        }
        return si == s.count
    }
}
