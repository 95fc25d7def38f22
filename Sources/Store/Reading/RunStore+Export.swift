import Foundation
import GRDB

/// The format `export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// RFC 4180 CSV with a header line: fields that hold a comma, a double quote, CR or LF are
    /// quoted, quotes doubled; NULL is an empty field; lines end with LF. Integers print as
    /// integers, reals as the shortest text that reads back to the same `Double`.
    case csv
}

extension RunStore {
    /// The tables ``export(_:of:format:to:)`` accepts, by SQL name.
    public static var exportableTables: [String] { StoreSchema.Table.allCases.map(\.rawValue) }

    /// Streams one table's rows of one run to `write`, line by line, in the table's key order.
    ///
    /// `hpa_sync_metrics` rows come with their sync's `time_us` and `hpa` in place of the ids, and
    /// their metric's type, name and target from `hpa_metrics`,
    /// so the file stands alone. Columns are those of the table, so the header follows the schema.
    ///
    /// - Throws: ``StoreError/unknownTable(name:known:)`` or ``StoreError/unknownRun(path:id:)``.
    public func export(_ tableName: String, of id: RunID, format: ExportFormat = .csv,
                       to write: (String) throws -> Void) throws {
        guard let table = StoreSchema.Table(rawValue: tableName) else {
            throw StoreError.unknownTable(name: tableName, known: Self.exportableTables)
        }
        let operation = "export \(tableName) of run \(id)"
        func export(_ db: Database) throws {
            let cursor = try Row.fetchCursor(db, sql: Self.exportQuery(table, db), arguments: [id.rawValue])
            var header: String?
            while let row = try cursor.next() {
                if header == nil {
                    let line = row.columnNames.map(Self.csvField).joined(separator: ",")
                    header = line
                    try write(line + "\n")
                }
                try write(row.databaseValues.map { Self.csvField($0) }.joined(separator: ",") + "\n")
            }
            if header == nil {   // no rows: still a header, from the schema
                let names = try Self.columns(of: table, db)
                try write(names.map(Self.csvField).joined(separator: ",") + "\n")
            }
        }
        if table.isInRunFileOnly { return try readRows(of: id, operation, export) }
        try read(operation) { db in
            try requireRun(id, db)
            try export(db)
        }
    }

    private static func exportQuery(_ table: StoreSchema.Table, _ db: Database) throws -> String {
        switch table {
        case .runs:
            return "SELECT * FROM runs WHERE id = ?"
        case .hpaSyncMetrics:
            // Each row with its sync's time and HPA, and what the metric is (from `hpa_metrics`).
            let rest = try db.columns(in: table.rawValue).map(\.name)
                .filter { !["id", "run_id", "sync_id", "metric_index"].contains($0) }
            let spec = try db.columns(in: "hpa_metrics").map(\.name)
                .filter { !["id", "run_id", "hpa", "metric_index"].contains($0) }
            return """
                SELECT m.run_id, s.time_us, s.hpa, m.metric_index, \(spec.map { "h.\($0)" }.joined(separator: ", ")),
                    \(rest.map { "m.\($0)" }.joined(separator: ", "))
                FROM hpa_sync_metrics m JOIN hpa_syncs s ON s.id = m.sync_id
                JOIN hpa_metrics h ON h.run_id = m.run_id AND h.hpa = s.hpa AND h.metric_index = m.metric_index
                WHERE m.run_id = ? ORDER BY m.id
                """
        case .hpaSyncs:   // the conditions as text, in place of their id
            let columns = try db.columns(in: "hpa_syncs").map(\.name)
                .map { $0 == "conditions_id" ? "c.conditions" : "s.\($0)" }
            return """
                SELECT \(columns.joined(separator: ", ")) FROM hpa_syncs s
                JOIN hpa_condition_sets c ON c.id = s.conditions_id
                WHERE s.run_id = ? ORDER BY s.id
                """
        case .series:   // `id` is internal (`RowKey`): the key is (run_id, deployment, time_us)
            let columns = try db.columns(in: "series").map(\.name).filter { $0 != "id" }
            return "SELECT \(columns.joined(separator: ", ")) FROM series WHERE run_id = ? ORDER BY \(table.rowOrder)"
        case .hpaMetrics, .hpaConditionSets, .scaleEvents, .podSamples, .classResults, .deploymentResults, .taskRecords:
            return "SELECT * FROM \(table.rawValue) WHERE run_id = ? ORDER BY \(table.rowOrder)"
        }
    }

    private static func columns(of table: StoreSchema.Table, _ db: Database) throws -> [String] {
        let statement = try db.makeStatement(sql: exportQuery(table, db))
        return statement.columnNames
    }

    static func csvField(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return ""
        case .int64(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return csvField(s)
        case .blob(let b):   // no column holds blobs today; hex keeps the file text
            return b.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        }
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
