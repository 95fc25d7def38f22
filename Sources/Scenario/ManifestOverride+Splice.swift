internal import Yams

/// Writing overrides into a manifest's own text, for `--export-best`: the user's file with only
/// the overridden scalars replaced, so comments, key order and formatting survive.
///
/// Yams drops comments when it re-emits a tree, so the new values are spliced into the original
/// text at the positions Yams reports for the scalars they replace (`Node.Mark`, line and column).
extension ManifestOverride {
    /// `text`, the manifest file at `file`, with every override in `overrides` that targets one
    /// of its objects written in place of the scalar it replaces.
    ///
    /// Returns the new text and the overrides it wrote (in `overrides`' order).
    /// - Throws: ``ScenarioError`` when an override's path is not an existing scalar of the file
    ///   (a new field or a whole mapping cannot be spliced), or when its path does not resolve.
    public static func splice(_ overrides: [ManifestOverride], into text: String,
                              file: String) throws(ScenarioError) -> (text: String, written: [ManifestOverride]) {
        var diagnostics: [Diagnostic] = []
        let documents = YAMLSource.documents(text: text, file: file, limits: InputLimits(), into: &diagnostics)
        if diagnostics.hasErrors { throw ScenarioError(diagnostics: diagnostics) }
        let scalars = Array(text.unicodeScalars)
        var lineStarts = [0]
        for (i, c) in scalars.enumerated() where c == "\n" { lineStarts.append(i + 1) }
        var edits: [(start: Int, end: Int, value: String)] = []
        var written: [ManifestOverride] = []
        func fail(_ override: ManifestOverride, _ message: String) -> ScenarioError {
            ScenarioError(diagnostics: [Diagnostic(severity: .error, file: override.location.file, line: override.location.line,
                                                   field: "overrides", message: "\(override): cannot export to \(file): \(message)")])
        }
        for override in overrides {
            for document in documents where override.matches(document.root) {
                let resolved: String
                switch override.resolvedPath(in: document.root) {
                case .success(let path): resolved = path
                case .failure(let problem): throw fail(override, problem.message)
                }
                guard let node = Self.node(at: resolved, in: document.root), case .scalar(let scalar) = node,
                      let mark = node.mark else {
                    throw fail(override, "\(resolved) is not a scalar written in the file (only existing scalar values can be exported)")
                }
                guard mark.line >= 1, mark.line <= lineStarts.count else { throw fail(override, "no line \(mark.line)") }
                let start = lineStarts[mark.line - 1] + mark.column - 1
                guard let end = Self.scalarEnd(scalars, from: start, scalar: scalar) else {
                    throw fail(override, "the value of \(resolved) at line \(mark.line) spans lines or is not plain or quoted")
                }
                edits.append((start, end, override.value))
                written.append(override)
            }
        }
        // Later overrides of the same scalar win, as when they are applied; splice from the end.
        var chosen: [(start: Int, end: Int, value: String)] = []
        for edit in edits.reversed() where !chosen.contains(where: { $0.start == edit.start }) { chosen.append(edit) }
        chosen.sort { $0.start > $1.start }
        var result = scalars
        for edit in chosen { result.replaceSubrange(edit.start..<edit.end, with: Array(edit.value.unicodeScalars)) }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: result)
        return (String(view), written)
    }

    /// The node at a resolved path (indices only), or nil.
    static func node(at path: String, in root: Node) -> Node? {
        guard let steps = steps(path) else { return nil }
        var node: Node? = root
        for step in steps {
            switch step {
            case .field(let name): node = node?.mapping?[name]
            case .index(let i):
                guard let items = node?.sequence, i < items.count else { return nil }
                node = items[i]
            case .key: return nil
            }
        }
        return node
    }

    /// The end (exclusive) of the scalar that starts at `start`: a plain scalar is its value's
    /// text, a quoted one runs to its closing quote on the same line.
    static func scalarEnd(_ text: [Unicode.Scalar], from start: Int, scalar: Node.Scalar) -> Int? {
        guard start >= 0, start < text.count else { return nil }
        switch scalar.style {
        case .singleQuoted, .doubleQuoted:
            let quote = text[start]
            var i = start + 1
            while i < text.count, text[i] != "\n" {
                if quote == "\"", text[i] == "\\" { i += 2; continue }
                if text[i] == quote {
                    if quote == "'", i + 1 < text.count, text[i + 1] == "'" { i += 2; continue }
                    return i + 1
                }
                i += 1
            }
            return nil
        case .plain, .any:
            let value = Array(scalar.string.unicodeScalars)
            guard start + value.count <= text.count, Array(text[start..<(start + value.count)]) == value else { return nil }
            return start + value.count
        default:
            return nil
        }
    }
}
