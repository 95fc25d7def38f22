import Foundation
import HPAConformance
import Testing

/// One vector as a test argument, named by the vector.
struct VectorCase: Sendable, CustomTestStringConvertible {
    var vector: ConformanceVector
    var testDescription: String { vector.name }

    /// The vectors of a copied fixture file; a file that cannot be loaded yields one failing case.
    static func load(_ file: String) -> [VectorCase] {
        do {
            guard let url = Bundle.module.url(forResource: file, withExtension: "json", subdirectory: "Conformance") else {
                return [failure("\(file).json is not among the test resources")]
            }
            let data = try Data(contentsOf: url)
            return try VectorFile.decode(data, file: file).vectors.map { VectorCase(vector: $0) }
        } catch {
            return [failure("\(error)")]
        }
    }

    private static func failure(_ message: String) -> VectorCase {
        VectorCase(vector: ConformanceVector(name: "load failure: \(message)", input: ["kind": "none"], expect: [:]))
    }
}

func expectPasses(_ testCase: VectorCase) {
    let result = ConformanceRunner.run(testCase.vector)
    #expect(result.passed, "\(result.report)")
}

@Suite("Conformance vectors")
struct ConformanceTests {
    @Test("replica_calc.json", arguments: VectorCase.load("replica_calc"))
    func replicaCalc(_ testCase: VectorCase) { expectPasses(testCase) }

    @Test("group_pods.json", arguments: VectorCase.load("group_pods"))
    func groupPods(_ testCase: VectorCase) { expectPasses(testCase) }

    @Test("pod_requests.json", arguments: VectorCase.load("pod_requests"))
    func podRequests(_ testCase: VectorCase) { expectPasses(testCase) }

    @Test("legacy.json", arguments: VectorCase.load("legacy"))
    func legacy(_ testCase: VectorCase) { expectPasses(testCase) }

    @Test("behavior.json", arguments: VectorCase.load("behavior"))
    func behavior(_ testCase: VectorCase) { expectPasses(testCase) }

    @Test("reconcile.json", arguments: VectorCase.load("reconcile"))
    func reconcile(_ testCase: VectorCase) { expectPasses(testCase) }

    @Test("multi_metric.json", arguments: VectorCase.load("multi_metric"))
    func multiMetric(_ testCase: VectorCase) { expectPasses(testCase) }

    @Test("edge_cases.json", arguments: VectorCase.load("edge_cases"))
    func edgeCases(_ testCase: VectorCase) { expectPasses(testCase) }

    @Test("generated-sample.json", arguments: VectorCase.load("generated-sample"))
    func generatedSample(_ testCase: VectorCase) { expectPasses(testCase) }

    @Test("failed_update.json", arguments: VectorCase.load("failed_update"))
    func failedUpdate(_ testCase: VectorCase) { expectPasses(testCase) }

    @Test("every file loads with its stated number of vectors")
    func counts() {
        let expected = ["replica_calc": 43, "group_pods": 9, "pod_requests": 7, "legacy": 5, "behavior": 40,
                        "reconcile": 59, "multi_metric": 7, "edge_cases": 6, "generated-sample": 40,
                        "failed_update": 5]
        var total = 0
        for file in expected.keys.sorted() {
            let cases = VectorCase.load(file)
            #expect(cases.count == expected[file], "\(file)")
            #expect(!cases.contains { $0.vector.name.hasPrefix("load failure") }, "\(file)")
            total += cases.count
        }
        #expect(total == 221)
    }
}

@Suite("Conformance runner rules")
struct ConformanceRunnerTests {
    @Test("only expected keys are compared; a wrong value is reported with expected and actual")
    func comparesExpectedKeysOnly() {
        let vector = ConformanceVector(
            name: "legacy clamp",
            input: ["kind": "convert_legacy", "current_replicas": 3, "desired_replicas": 1, "min_replicas": 2,
                    "max_replicas": 8],
            expect: ["replicas": 3])
        let result = ConformanceRunner.run(vector)
        #expect(!result.passed)
        #expect(result.mismatches.map(\.description) == ["replicas: expected 3, actual 2"])
    }

    @Test("numbers compare within 1e-9 relative; lists need equal length")
    func numericTolerance() {
        #expect(Comparison.mismatches(expected: .double(0.1 + 0.2), actual: .double(0.3)).isEmpty)
        #expect(!Comparison.mismatches(expected: .double(1.0), actual: .double(1.001)).isEmpty)
        #expect(!Comparison.mismatches(expected: [1, 2], actual: [1, 2, 3]).isEmpty)
        #expect(Comparison.mismatches(expected: ["a": 1], actual: ["a": 1, "b": 2]).isEmpty)
    }

    @Test("error is a substring test and null means no error")
    func errorSubstring() {
        #expect(Comparison.mismatches(expected: ["error": "missing request"],
                                      actual: ["error": "x: missing request for cpu"]).isEmpty)
        #expect(!Comparison.mismatches(expected: ["error": .null], actual: ["error": "boom"]).isEmpty)
    }

    @Test("a malformed input names the field")
    func malformedInput() {
        let vector = ConformanceVector(name: "bad", input: ["kind": "convert_legacy", "current_replicas": "three"],
                                       expect: [:])
        let result = ConformanceRunner.run(vector)
        #expect(result.inputError == "input.current_replicas: expected an integer, found \"three\"")
    }

    @Test("a file without vectors is rejected naming the file and field")
    func invalidFile() {
        #expect(throws: ConformanceError.self) {
            try VectorFile.decode(Data(#"{"vectors": 3}"#.utf8), file: "bad.json")
        }
    }
}
