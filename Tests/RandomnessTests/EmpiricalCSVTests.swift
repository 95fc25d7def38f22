import Foundation
import Randomness
import Testing

@Suite("Empirical distributions from CSV")
struct EmpiricalCSVTests {
    private var fixture: String {
        get throws {
            let url = try #require(Bundle.module.url(forResource: "upload-times", withExtension: "csv", subdirectory: "Fixtures"))
            return url.path
        }
    }

    @Test("a column of a CSV file becomes the empirical values, in file order")
    func loadsColumn() throws {
        let d = try Distribution.empirical(contentsOfCSV: try fixture, column: "duration_s")
        #expect(d == .empirical([12.5, 30, 7.25, 0]))
    }

    @Test("quoted fields with commas and doubled quotes do not shift columns")
    func quoting() throws {
        let d = try Distribution.empirical(csv: "a,b\n\"x, y\",1\n\"say \"\"hi\"\"\",2\r\n", column: "b")
        #expect(d == .empirical([1, 2]))
    }

    @Test("bad input names the source, line and column", arguments: [
        ("a,b\n1,2\n3,x\n", "b", "t.csv:3: b: expected a finite number ≥ 0, found \"x\""),
        ("a,b\n1,-2\n", "b", "t.csv:2: b: expected a finite number ≥ 0, found \"-2\""),
        ("a,b\n1\n", "b", "t.csv:2: b: expected a finite number ≥ 0, found \"\""),
        ("a,b\n1,2\n", "c", "t.csv:1: c: expected a column of that name, found columns a, b"),
        ("a,b\n", "b", "t.csv: b: expected at least one value, found none"),
        ("\n\n", "b", "t.csv: b: expected a header row, found an empty file"),
    ])
    func errors(_ text: String, _ column: String, _ message: String) {
        do {
            _ = try Distribution.empirical(csv: text, column: column, source: "t.csv")
            Issue.record("accepted \(text.debugDescription)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("a missing file is an error naming the file")
    func missingFile() {
        do {
            _ = try Distribution.empirical(contentsOfCSV: "/nonexistent/times.csv", column: "d")
            Issue.record("accepted a missing file")
        } catch {
            #expect(error.source == "/nonexistent/times.csv")
            #expect(error.expected == "a readable UTF-8 file")
        }
    }
}
