import Foundation

/// Expands manifest paths: a file, a directory (its `*.yaml` and `*.yml`, as `kubectl apply -f dir/`),
/// or a glob with `*` and `?` in its last component. Results are sorted, so the order is stable.
enum ManifestFiles {
    static func expand(_ pattern: String) -> [String]? {
        var isDirectory: ObjCBool = false
        let hasWildcard = pattern.contains("*") || pattern.contains("?")
        if !hasWildcard {
            guard FileManager.default.fileExists(atPath: pattern, isDirectory: &isDirectory) else { return [pattern] }
            if !isDirectory.boolValue { return [pattern] }
            return list(directory: pattern) { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        }
        let directory: String, namePattern: String
        if let slash = pattern.lastIndex(of: "/") {
            directory = String(pattern[..<slash]); namePattern = String(pattern[pattern.index(after: slash)...])
        } else {
            directory = "."; namePattern = pattern
        }
        if directory.contains("*") || directory.contains("?") { return nil }
        return list(directory: directory) { matches(Array($0), Array(namePattern)) }
    }

    private static func list(directory: String, _ keep: (String) -> Bool) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let prefix = directory == "." ? "" : directory + "/"
        return names.filter { !$0.hasPrefix(".") && keep($0) }.sorted().map { prefix + $0 }
    }

    /// `*` any run, `?` one character.
    static func matches(_ name: [Character], _ pattern: [Character]) -> Bool {
        var n = 0, p = 0, star = -1, mark = 0
        while n < name.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == name[n] { n += 1; p += 1 }
            else if p < pattern.count, pattern[p] == "*" { star = p; mark = n; p += 1 }
            else if star >= 0 { p = star + 1; mark += 1; n = mark }
            else { return false }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
