import GRDB

/// Why the store refused a database, a run id or a row.
///
/// Every case names the file or run it is about and what was expected, so the CLI can print
/// `description` as is.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file is not an SQLite database, or not one hpa-sim created.
    case notARunDatabase(path: String, found: String)
    /// The database was written by a newer hpa-sim (unknown migrations or a higher `user_version`).
    case newerSchema(path: String, found: String, known: String)
    /// No run has this id.
    case unknownRun(path: String, id: Int64)
    /// No table of that name can be exported.
    case unknownTable(name: String, known: [String])
    /// SQLite refused something (a constraint, a full disk, a lock held past the busy timeout).
    case sqlite(path: String, operation: String, message: String)
    /// The recorder was used after `commit()` or `discard()`.
    case recorderClosed(path: String)
    /// A stored run's file (its bulk rows) is gone.
    case missingRunFile(path: String, id: Int64)
    /// A cross-run query asked for more run files than SQLite attaches to one connection.
    case tooManyRunFiles(path: String, count: Int, limit: Int)

    public var description: String {
        switch self {
        case let .notARunDatabase(path, found):
            return "\(path): expected an hpa-sim run database, found \(found)"
        case let .newerSchema(path, found, known):
            return "\(path): schema: expected a version this hpa-sim knows (\(known)), found \(found); "
                + "it was written by a newer hpa-sim: use that version, or choose another file with --db"
        case let .unknownRun(path, id):
            return "\(path): run id: expected the id of a stored run (see `simulate runs list`), found \(id)"
        case let .unknownTable(name, known):
            return "table: expected one of \(known.joined(separator: ", ")), found \"\(name)\""
        case let .sqlite(path, operation, message):
            return "\(path): \(operation): \(message)"
        case let .recorderClosed(path):
            return "\(path): the run recorder was already committed or discarded"
        case let .missingRunFile(path, id):
            return "\(path): run file: expected the rows of run \(id) here, found no file; "
                + "`simulate runs delete \(id)` removes what is left of the run"
        case let .tooManyRunFiles(path, count, limit):
            return "\(path): runs: expected at most \(limit) runs with run files in one query (SQLite attaches "
                + "\(limit) databases at once), found \(count); choose runs with --runs"
        }
    }
}

extension StoreError {
    /// `error` as a ``StoreError``: store errors pass through, SQLite's are named by file and step.
    static func wrap(_ error: any Error, path: String, operation: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            if error.resultCode == .SQLITE_NOTADB {
                return .notARunDatabase(path: path, found: "a file that is not an SQLite database")
            }
            return .sqlite(path: path, operation: operation, message: error.message ?? "\(error.resultCode)")
        }
        return .sqlite(path: path, operation: operation, message: "\(error)")
    }
}
