import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Expectations

/// Swift Testing has an `Expectation` of its own.
private typealias Expectation = Expectations.Expectation

/// Collects what a JUnit consumer reads: attributes of every element, in document order.
private final class Elements: NSObject, XMLParserDelegate {
    var found: [(String, [String: String])] = []
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        found.append((name, attributes))
    }
}

@Test("JUnit XML: one testsuite per scenario, one testcase per outcome, special characters escaped")
func junitXML() throws {
    let promise = try Expectation(parsing: "queueWait.p95{class=a} <= 30s")
    let broken = ExpectationOutcome(expectation: promise, name: "waits < 30s & \"fast\"", seed: 2,
                                    measured: Measurement(value: 41, text: "41s"))
    let kept = ExpectationOutcome(expectation: promise, name: nil, seed: 1, measured: Measurement(value: 3, text: "3s"))
    let xml = JUnitReport.xml([JUnitReport.Suite(name: "spike <4x>", file: "s.yaml", outcomes: [kept, broken]),
                               JUnitReport.Suite(name: "empty", file: "e.yaml", outcomes: [])])
    let parser = XMLParser(data: Data(xml.utf8))
    let elements = Elements()
    parser.delegate = elements
    #expect(parser.parse())
    #expect(elements.found.map(\.0) == ["testsuites", "testsuite", "testcase", "testcase", "failure", "testsuite"])
    #expect(elements.found[0].1["tests"] == "2" && elements.found[0].1["failures"] == "1")
    #expect(elements.found[1].1["name"] == "spike <4x>")
    #expect(elements.found[3].1["name"] == "waits < 30s & \"fast\": queueWait.p95{class=a} <= 30s (seed 2)")
    #expect(elements.found[4].1["message"] == "measured 41s, promised <= 30s")
    #expect(elements.found[5].1["tests"] == "0")
}
