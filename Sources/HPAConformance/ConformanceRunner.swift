import Foundation
import HPAController
import SimTime

/// The result of one vector.
public struct VectorResult: Hashable, Sendable {
    public var name: String
    public var kind: String
    /// Expected vs actual for every differing key; empty when the vector passed.
    public var mismatches: [Mismatch]
    /// Set when the input could not be read (then the vector fails).
    public var inputError: String?
    public var passed: Bool { mismatches.isEmpty && inputError == nil }

    /// `name: path: expected X, actual Y` lines.
    public var report: String {
        var lines = ["FAIL \(name) [\(kind)]"]
        if let inputError { lines.append("  invalid input: \(inputError)") }
        lines += mismatches.map { "  \($0)" }
        return lines.joined(separator: "\n")
    }
}

/// Runs conformance vectors against the controller.
///
/// **Rules, not fixtures:** every kind of the README is computed from its input by the
/// controller's own functions, and only the keys in `expect` are compared.
public enum ConformanceRunner {
    /// Every kind this runner understands.
    public static let kinds = ["replica_calc", "group_pods", "pod_requests", "stabilize_legacy", "convert_legacy",
                               "stabilize_behavior", "behavior_rate", "scale_limit", "store_event",
                               "normalize_legacy", "normalize_behavior", "reconcile"]

    /// Runs every vector of `file`.
    public static func run(_ file: VectorFile) -> [VectorResult] { file.vectors.map(run) }

    /// Runs one vector.
    public static func run(_ vector: ConformanceVector) -> VectorResult {
        let kind = vector.kind ?? "(none)"
        do {
            let actual = try outputs(of: vector)
            return VectorResult(name: vector.name, kind: kind,
                                mismatches: Comparison.mismatches(expected: vector.expect, actual: actual))
        } catch {
            return VectorResult(name: vector.name, kind: kind, mismatches: [], inputError: error.description)
        }
    }

    /// The runner's outputs for a vector: every key its kind can produce.
    public static func actualOutputs(of vector: ConformanceVector) throws -> JSONValue {
        do { return try outputs(of: vector) } catch { throw ConformanceError(
            file: vector.name, field: error.field, expected: error.expected, found: error.found) }
    }

    static func outputs(of vector: ConformanceVector) throws(InputError) -> JSONValue {
        let input = JSONReader(vector.input, path: "input")
        switch try input["kind"].string() {
        case "replica_calc": return try Kinds.replicaCalc(input)
        case "group_pods": return try Kinds.groupPods(input)
        case "pod_requests": return try Kinds.podRequests(input)
        case "stabilize_legacy": return try Kinds.stabilizeLegacy(input)
        case "convert_legacy": return try Kinds.convertLegacy(input)
        case "stabilize_behavior": return try Kinds.stabilizeBehavior(input)
        case "behavior_rate": return try Kinds.behaviorRate(input)
        case "scale_limit": return try Kinds.scaleLimit(input)
        case "store_event": return try Kinds.storeEvent(input)
        case "normalize_legacy", "normalize_behavior": return try Kinds.normalize(input)
        case "reconcile": return try Kinds.reconcile(input)
        default: throw input["kind"].error("one of " + kinds.joined(separator: ", "))
        }
    }

    /// Loads and runs the files at `paths`.
    /// - Throws: `ConformanceError` naming the first unreadable or invalid file.
    public static func run(paths: [String]) throws(ConformanceError) -> [VectorResult] {
        var results: [VectorResult] = []
        for path in paths { results += run(try VectorFile.load(path: path)) }
        return results
    }
}
