@testable import ClusterModel
import Testing

/// A task's key: its class pattern with every `*` replaced by the task's id.
@Suite("Task keys")
struct KeyPatternTests {
    @Test("the byte-by-byte key equals replacing each * with the id", arguments: [
        "egress:record:*", "egress:web:snapshot:*", "*", "a*b*c", "no-star", "", "**", "ü:*:é",
    ])
    func keys(pattern: String) {
        let template = KeyPattern.Template(pattern)
        for id: Int64 in [0, 1, 9, 10, 42, 999, 1000, 123_456_789, .max, -1, -50, .min] {
            let expected = pattern.split(separator: "*", omittingEmptySubsequences: false).joined(separator: String(id))
            #expect(template.key(id: id) == expected, "\(pattern) with \(id)")
        }
    }
}
