import Foundation
internal import Yams

/// Limits that keep hostile input from exhausting memory or the stack.
public struct InputLimits: Hashable, Sendable {
    /// Files larger than this are refused before they are read.
    public var maxBytes: Int = 4 << 20
    /// Deepest nesting of mappings and sequences accepted (checked before parsing).
    public var maxDepth: Int = 64
    /// Most nodes one document may expand to, aliases included (alias bombs).
    public var maxNodes: Int = 200_000
    public init() {}
}

/// One composed YAML document and the file it came from.
struct YAMLDocument {
    var file: String
    var index: Int
    var root: Node
}

/// Reads files and composes their YAML documents, turning every failure into diagnostics.
enum YAMLSource {
    /// The text of `path`, or the diagnostics explaining why it cannot be used.
    static func read(path: String, display: String, limits: InputLimits, into diagnostics: inout [Diagnostic]) -> String? {
        func fail(_ message: String, line: Int? = nil) -> String? {
            diagnostics.append(Diagnostic(severity: .error, file: display, line: line, field: nil, message: message))
            return nil
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return fail("no such file")
        }
        if isDirectory.boolValue { return fail("is a directory, expected a YAML file") }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
           size.intValue > limits.maxBytes {
            return fail("file is \(size.intValue) bytes, larger than the limit of \(limits.maxBytes) bytes")
        }
        guard let data = FileManager.default.contents(atPath: path) else { return fail("cannot be read") }
        if data.count > limits.maxBytes {
            return fail("file is \(data.count) bytes, larger than the limit of \(limits.maxBytes) bytes")
        }
        let bytes = [UInt8](data)
        if let nul = bytes.firstIndex(of: 0) {
            return fail("contains a NUL byte; expected UTF-8 text", line: lineNumber(of: nul, in: bytes))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return fail("is not valid UTF-8; expected UTF-8 text", line: firstInvalidUTF8Line(bytes))
        }
        return text
    }

    /// The documents of `text`; empty (with an error) when it is malformed, too deep,
    /// empty, or expands past the node budget.
    static func documents(text: String, file: String, limits: InputLimits,
                          into diagnostics: inout [Diagnostic]) -> [YAMLDocument] {
        func fail(_ message: String, line: Int?) -> [YAMLDocument] {
            diagnostics.append(Diagnostic(severity: .error, file: file, line: line, field: nil, message: message))
            return []
        }
        if let line = firstTabIndentedLine(text) {
            return fail("found a tab character in indentation; YAML indents with spaces only", line: line)
        }
        if let (line, depth) = excessiveNesting(text, limit: limits.maxDepth) {
            return fail("nested \(depth) levels deep, deeper than the limit of \(limits.maxDepth)", line: line)
        }
        var roots: [YAMLDocument] = []
        do {
            var sequence = try Yams.compose_all(yaml: text)
            while let node = sequence.next() {
                roots.append(YAMLDocument(file: file, index: roots.count, root: node))
            }
            if let error = sequence.error { throw error }
        } catch let error as YamlError {
            let (line, message) = describe(error)
            return fail("malformed YAML: \(message)", line: line)
        } catch {
            return fail("malformed YAML: \(error)", line: nil)
        }
        if roots.isEmpty {
            return fail("has no YAML document (empty or only comments)", line: nil)
        }
        for document in roots {
            if let line = exceedsNodeBudget(document.root, limit: limits.maxNodes) {
                return fail("document \(document.index + 1) expands to more than \(limits.maxNodes) nodes "
                            + "(aliases are expanded when read); refusing it", line: line)
            }
        }
        return roots
    }

    private static func describe(_ error: YamlError) -> (Int?, String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            var message = problem
            if let context { message += " (\(context.text) at line \(context.mark.line))" }
            return (mark.line, message + ", column \(mark.column)")
        case let .reader(problem, _, _, _):
            return (nil, problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            return (context.mark.line, "duplicated keys \(duplicates.joined(separator: ", "))")
        default:
            return (nil, "\(error)")
        }
    }

    /// Counts nodes depth-first (aliases count every time), stopping at the budget.
    static func exceedsNodeBudget(_ root: Node, limit: Int) -> Int? {
        var stack: [Node] = [root]
        var visited = 0
        while let node = stack.popLast() {
            visited += 1
            if visited > limit { return node.mark?.line }
            switch node {
            case .scalar, .alias: break
            case .mapping(let mapping):
                for (key, value) in mapping { stack.append(key); stack.append(value) }
            case .sequence(let sequence):
                stack.append(contentsOf: sequence)
            }
        }
        return nil
    }

    /// The first line whose indentation holds a tab (YAML forbids it).
    static func firstTabIndentedLine(_ text: String) -> Int? {
        var line = 1
        var inIndent = true
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") { line += 1; inIndent = true; continue }
            if inIndent {
                if byte == UInt8(ascii: "\t") { return line }
                if byte != UInt8(ascii: " ") { inIndent = false }
            }
        }
        return nil
    }

    /// A conservative estimate of nesting depth before parsing (Yams composes recursively):
    /// open block indentation levels plus `- ` entries on a line plus open flow brackets.
    static func excessiveNesting(_ text: String, limit: Int) -> (line: Int, depth: Int)? {
        var indents: [Int] = []
        var flow = 0
        var lineNumber = 0
        var blockScalarParent: Int?   // inside a `|` or `>` block scalar more indented than this
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = Array(rawLine.utf8)
            var column = 0
            while column < line.count, line[column] == UInt8(ascii: " ") { column += 1 }
            if column == line.count { continue }
            if let parent = blockScalarParent {
                if column > parent { continue }
                blockScalarParent = nil
            }
            if line[column] == UInt8(ascii: "#") { continue }
            if flow == 0, startsBlockScalar(line) { blockScalarParent = column }
            var dashes = 0
            while column + 1 < line.count, line[column] == UInt8(ascii: "-"), line[column + 1] == UInt8(ascii: " ") {
                dashes += 1; column += 2
                while column < line.count, line[column] == UInt8(ascii: " ") { column += 1 }
            }
            if flow == 0 {
                while let last = indents.last, last >= column { indents.removeLast() }
                indents.append(column)
            }
            var quote: UInt8? = nil
            var deepestFlow = flow
            var previous = UInt8(ascii: " ")
            scan: for byte in line[column...] {
                defer { previous = byte }
                if let q = quote { if byte == q { quote = nil }; continue }
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    if previous == UInt8(ascii: " ") || previous == UInt8(ascii: "[") || previous == UInt8(ascii: "{") { quote = byte }
                case UInt8(ascii: "["), UInt8(ascii: "{"): flow += 1; deepestFlow = max(deepestFlow, flow)
                case UInt8(ascii: "]"), UInt8(ascii: "}"): flow = max(0, flow - 1)
                case UInt8(ascii: "#") where previous == UInt8(ascii: " "): break scan
                default: break
                }
            }
            let depth = indents.count + dashes + deepestFlow
            if depth > limit { return (lineNumber, depth) }
        }
        return nil
    }

    /// Whether a line ends with a block scalar header (`key: |`, `- >-`, `key: |2`), ignoring a comment.
    static func startsBlockScalar(_ line: [UInt8]) -> Bool {
        var end = line.count
        if let hash = line.indices.first(where: { line[$0] == UInt8(ascii: "#") && ($0 == 0 || line[$0 - 1] == UInt8(ascii: " ")) }) {
            end = hash
        }
        var i = end - 1
        while i >= 0, line[i] == UInt8(ascii: " ") { i -= 1 }
        while i >= 0, line[i] == UInt8(ascii: "-") || line[i] == UInt8(ascii: "+") || (line[i] >= UInt8(ascii: "1") && line[i] <= UInt8(ascii: "9")) { i -= 1 }
        guard i >= 1, line[i] == UInt8(ascii: "|") || line[i] == UInt8(ascii: ">") else { return false }
        return line[i - 1] == UInt8(ascii: " ")
    }

    static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<offset].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int? {
        var line = 1
        for chunk in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if String(validating: chunk, as: UTF8.self) == nil { return line }
            line += 1
        }
        return nil
    }
}
