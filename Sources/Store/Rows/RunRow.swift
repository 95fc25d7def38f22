import Foundation
import GRDB
import SimTime

/// The `runs` table: a small table, so plain GRDB arguments and rows.
enum RunRow {
    static func insert(_ m: RunMetadata, id: Int64, into db: Database) throws {
        try db.execute(sql: """
            INSERT INTO runs (id, name, scenario_path, scenario_json, scenario_hash, seed, simulated_duration_us,
                series_resolution_us, detail_level, started_at, finished_at, tool_version, status, message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'completed', NULL)
            """, arguments: [
                id, m.name, m.scenarioPath, m.scenarioJSON, m.scenarioHash,
                Int64(bitPattern: m.seed), m.simulatedDuration.microseconds, m.seriesResolution.microseconds,
                m.detailLevel.rawValue, m.startedAt, m.startedAt, m.toolVersion,
            ])
    }

    static func finish(_ outcome: RunOutcome, id: Int64, in db: Database) throws {
        try db.execute(sql: "UPDATE runs SET finished_at = ?, status = ?, message = ? WHERE id = ?",
                       arguments: [outcome.finishedAt, outcome.status.rawValue, outcome.message,
                                   id])
    }

    static let selectAll = """
        SELECT id, name, scenario_path, scenario_json, scenario_hash, seed, simulated_duration_us,
            series_resolution_us, detail_level, started_at, finished_at, tool_version, status, message
        FROM runs
        """

    static func decode(_ row: Row, path: String) throws -> StoredRun {
        let id: Int64 = row["id"]
        func field<T: DatabaseValueConvertible>(_ column: String, _ parse: (T) -> Any?) throws -> T {
            guard let value: T = row[column], parse(value) != nil else {
                throw StoreError.notARunDatabase(path: path, found: "run \(id) with an unreadable \(column)")
            }
            return value
        }
        let detail: String = try field("detail_level") { DetailLevel(rawValue: $0) }
        let status: String = try field("status") { RunStatus(rawValue: $0) }
        let started: Date = try field("started_at") { $0 }
        let finished: Date = try field("finished_at") { $0 }
        var metadata = RunMetadata(
            name: row["name"], scenarioPath: row["scenario_path"], scenarioJSON: row["scenario_json"],
            seed: UInt64(bitPattern: row["seed"]),
            simulatedDuration: .microseconds(row["simulated_duration_us"]),
            seriesResolution: .microseconds(row["series_resolution_us"]),
            detailLevel: DetailLevel(rawValue: detail) ?? .off, startedAt: started, toolVersion: row["tool_version"])
        metadata.scenarioHash = row["scenario_hash"]   // as stored, even if the JSON was edited by hand
        return StoredRun(id: RunID(id), metadata: metadata,
                         outcome: RunOutcome(status: RunStatus(rawValue: status) ?? .completed,
                                             finishedAt: finished, message: row["message"]))
    }
}
