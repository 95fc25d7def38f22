public import Foundation

/// A bad vector file or vector: where and what.
public struct ConformanceError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var field: String
    public var expected: String
    public var found: String
    public init(file: String, field: String, expected: String, found: String) {
        self.file = file; self.field = field; self.expected = expected; self.found = found
    }
    public var description: String {
        field.isEmpty ? "\(file): expected \(expected), found \(found)"
            : "\(file): \(field): expected \(expected), found \(found)"
    }
}

/// One conformance vector: a named input of some `kind` and the expected subset of outputs.
public struct ConformanceVector: Hashable, Sendable, Decodable {
    public var name: String
    public var source: String?
    public var input: JSONValue
    public var expect: JSONValue

    public init(name: String, source: String? = nil, input: JSONValue, expect: JSONValue) {
        self.name = name; self.source = source; self.input = input; self.expect = expect
    }

    /// `input.kind`.
    public var kind: String? { if case .string(let kind)? = input["kind"] { kind } else { nil } }
}

/// A vector file in either form: transcribed (`group`, `description`, ...) or generated
/// (`generator`, `seed`, `kinds`, ...). Both carry `vectors`.
public struct VectorFile: Hashable, Sendable, Decodable {
    public var group: String?
    public var description: String?
    public var kubernetesTestFile: String?
    public var kubernetesSnapshot: String?
    public var generator: String?
    public var seed: Int64?
    public var kinds: [String]?
    public var count: Int?
    public var vectors: [ConformanceVector]

    enum CodingKeys: String, CodingKey {
        case group, description, generator, seed, kinds, count, vectors
        case kubernetesTestFile = "kubernetes_test_file", kubernetesSnapshot = "kubernetes_snapshot"
    }

    /// Decodes a vector file; errors name `file` and what was wrong.
    public static func decode(_ data: Data, file: String) throws(ConformanceError) -> VectorFile {
        do {
            return try JSONDecoder().decode(VectorFile.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw ConformanceError(file: file, field: path(context.codingPath + [key]),
                                   expected: "a value", found: "nothing")
        } catch let DecodingError.typeMismatch(type, context) {
            throw ConformanceError(file: file, field: path(context.codingPath), expected: "\(type)",
                                   found: context.debugDescription)
        } catch let DecodingError.valueNotFound(type, context) {
            throw ConformanceError(file: file, field: path(context.codingPath), expected: "\(type)", found: "null")
        } catch let DecodingError.dataCorrupted(context) {
            throw ConformanceError(file: file, field: path(context.codingPath), expected: "valid JSON",
                                   found: context.underlyingError.map { "\($0)" } ?? context.debugDescription)
        } catch {
            throw ConformanceError(file: file, field: "", expected: "a vector file", found: "\(error)")
        }
    }

    /// Reads and decodes the file at `path`.
    public static func load(path: String) throws(ConformanceError) -> VectorFile {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ConformanceError(file: path, field: "", expected: "a readable file", found: error.localizedDescription)
        }
        return try decode(data, file: path)
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        var out = ""
        for key in keys {
            if let index = key.intValue { out += "[\(index)]" } else { out += out.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return out
    }
}
