public import Foundation
public import SimTime

/// A stored run's id: `runs.id`, never reused after a delete (the column is `AUTOINCREMENT`).
public struct RunID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public static func < (lhs: RunID, rhs: RunID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}

/// How a stored run ended. Only runs that reached `commit()` are stored at all.
public enum RunStatus: String, Hashable, Sendable, CaseIterable {
    /// The simulation reached its horizon.
    case completed
    /// The simulation stopped early (a limit, a signal) and the caller chose to keep what it had.
    case stopped
    /// The simulation failed and the caller chose to keep what it had (`message` says why).
    case failed
}

/// Which optional detail a run records: per-pod samples and per-task records.
public enum DetailLevel: String, Hashable, Sendable, CaseIterable {
    /// Neither pod samples nor task records (the default).
    case off
    /// A sample: the caller records only some pods and tasks (which ones is its choice).
    case sampled
    /// Every pod sample and every task; exempt from the memory bound (rows stream to the staging file).
    case all
}

/// What a run is, known when it starts: the first row of `runs`.
///
/// The wall-clock start is passed in by the caller: the store never reads a clock, so nothing
/// it writes depends on when it writes.
public struct RunMetadata: Hashable, Sendable {
    /// A label for `runs list` (the scenario's name, a variant's name).
    public var name: String
    /// The scenario file as the user named it.
    public var scenarioPath: String
    /// The fully resolved scenario, as JSON (defaults applied, overrides merged).
    public var scenarioJSON: String
    /// `StableHash.hex(of: scenarioJSON)`: equal for runs of the same resolved scenario.
    public var scenarioHash: String
    /// The run's seed. SQLite integers are signed: seeds of 2⁶³ and above are stored as their
    /// two's-complement bit pattern and read back unchanged.
    public var seed: UInt64
    /// How much simulated time the run covers.
    public var simulatedDuration: SimDuration
    /// The spacing of `series` rows.
    public var seriesResolution: SimDuration
    /// Whether pod samples and task records are kept.
    public var detailLevel: DetailLevel
    /// Wall-clock time the run started (the caller reads the clock, not the store).
    public var startedAt: Date
    /// The hpa-sim version that made the run (default ``ToolVersion/current``).
    public var toolVersion: String

    public init(name: String, scenarioPath: String, scenarioJSON: String, seed: UInt64,
                simulatedDuration: SimDuration, seriesResolution: SimDuration,
                detailLevel: DetailLevel = .off, startedAt: Date,
                toolVersion: String = ToolVersion.current) {
        self.name = name
        self.scenarioPath = scenarioPath
        self.scenarioJSON = scenarioJSON
        self.scenarioHash = StableHash.hex(of: scenarioJSON)
        self.seed = seed
        self.simulatedDuration = simulatedDuration
        self.seriesResolution = seriesResolution
        self.detailLevel = detailLevel
        self.startedAt = startedAt
        self.toolVersion = toolVersion
    }
}

/// How a run ended, known at `commit()`.
public struct RunOutcome: Hashable, Sendable {
    public var status: RunStatus
    /// Wall-clock time the run finished (passed in; the store never reads a clock).
    public var finishedAt: Date
    /// Why a stopped or failed run ended; nil for a completed one.
    public var message: String?
    public init(status: RunStatus = .completed, finishedAt: Date, message: String? = nil) {
        self.status = status
        self.finishedAt = finishedAt
        self.message = message
    }
}

/// A run as stored: its id, what it is and how it ended (one row of `runs`).
public struct StoredRun: Hashable, Sendable {
    public var id: RunID
    public var metadata: RunMetadata
    public var outcome: RunOutcome
    public init(id: RunID, metadata: RunMetadata, outcome: RunOutcome) {
        self.id = id
        self.metadata = metadata
        self.outcome = outcome
    }
}

/// The version of hpa-sim a build carries, stored with every run.
///
/// A constant rather than `git describe`: a clone may have no tags, and a run must not depend
/// on the checkout it was built from.
public enum ToolVersion {
    public static let current = "0.1.0"
}
