/// Outcomes as JUnit XML, the dialect GitLab's and Jenkins' test reports read.
///
/// **One `testsuite` per scenario, one `testcase` per promise and seed**; a broken promise
/// carries `<failure message="measured 3, promised == 0">`. No timings are written, so the
/// same runs give the same file.
public enum JUnitReport {
    /// One scenario's outcomes.
    public struct Suite: Hashable, Sendable {
        /// The scenario's name (`rtc-egress 4x spike`).
        public var name: String
        /// The scenario file.
        public var file: String
        public var outcomes: [ExpectationOutcome]
        public init(name: String, file: String, outcomes: [ExpectationOutcome]) {
            self.name = name; self.file = file; self.outcomes = outcomes
        }
    }

    /// The XML document for `suites`.
    public static func xml(_ suites: [Suite]) -> String {
        let tests = suites.reduce(0) { $0 + $1.outcomes.count }
        let failures = suites.reduce(0) { $0 + $1.outcomes.filter { !$0.passed }.count }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"simulate check\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\">\n"
        for suite in suites {
            let failed = suite.outcomes.filter { !$0.passed }.count
            out += "  <testsuite name=\"\(escape(suite.name))\" file=\"\(escape(suite.file))\" tests=\"\(suite.outcomes.count)\" failures=\"\(failed)\" errors=\"0\" skipped=\"0\">\n"
            for outcome in suite.outcomes {
                let name = (outcome.name.map { "\($0): " } ?? "") + "\(outcome.expectation) (seed \(outcome.seed))"
                out += "    <testcase classname=\"\(escape(suite.name))\" name=\"\(escape(name))\" file=\"\(escape(suite.file))\""
                if outcome.passed {
                    out += "/>\n"
                } else {
                    out += ">\n      <failure message=\"\(escape(outcome.comparison))\" type=\"ExpectationFailed\">"
                    out += escape("\(outcome.expectation) does not hold for seed \(outcome.seed): \(outcome.comparison)")
                    out += "</failure>\n    </testcase>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    /// `text` with XML's five special characters escaped (and other control characters dropped).
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n", "\t": out.unicodeScalars.append(c)
            default: if c.value >= 0x20 { out.unicodeScalars.append(c) }
            }
        }
        return out
    }
}
