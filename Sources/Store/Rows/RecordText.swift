import RunRecords

// How records are numbered and spelled in the store: the recorder's numbers for HPAs,
// deployments and condition lists, and a condition list as one TEXT value.

/// An HPA of a run, as its recorder numbers it.
struct RecordedHPA: Hashable, Sendable {
    let index: Int32
}

/// A deployment of a run, as its recorder numbers it.
struct RecordedDeployment: Hashable, Sendable {
    let index: Int32
}

/// A list of conditions of a run, as its recorder numbers it (`hpa_condition_sets`).
struct ConditionSetID: Hashable, Sendable {
    let n: Int64
}

enum ConditionText {
    /// `conditions` as stored: `Type=Status/Reason` joined by `;`.
    static func encode(_ conditions: [SyncCondition]) -> String {
        conditions.map { "\($0.type.rawValue)=\($0.status.rawValue)/\($0.reason.rawValue)" }.joined(separator: ";")
    }

    /// The inverse of `encode`; nil when an entry is not a known type, status and reason.
    static func decode(_ text: String) -> [SyncCondition]? {
        guard !text.isEmpty else { return [] }
        var conditions: [SyncCondition] = []
        for entry in text.split(separator: ";", omittingEmptySubsequences: false) {
            guard let eq = entry.firstIndex(of: "="), let slash = entry[eq...].firstIndex(of: "/"),
                  let type = HorizontalPodAutoscalerConditionType(rawValue: String(entry[..<eq])),
                  let status = ConditionStatus(rawValue: String(entry[entry.index(after: eq)..<slash])),
                  let reason = HPAReason(rawValue: String(entry[entry.index(after: slash)...]))
            else { return nil }
            conditions.append(SyncCondition(type: type, status: status, reason: reason))
        }
        return conditions
    }
}
