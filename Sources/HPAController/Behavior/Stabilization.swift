public import SimTime

/// Stabilization over the remembered recommendations.
public enum Stabilization {
    /// The legacy (no `behavior`) stabilization, `stabilizeRecommendation` in horizontal.go:
    /// the max of `prenormalized` and every recommendation not before `now − window`
    /// (inclusive at the edge). Records `{prenormalized, now}` over the last entry older than
    /// the cutoff, else appends.
    public static func legacy(prenormalized: Int32, recommendations: inout [TimestampedRecommendation],
                              window: SimDuration, now: SimTime) -> Int32 {
        let cutoff = now - window
        var stabilized = prenormalized
        var oldIndex: Int?
        for index in recommendations.indices {
            let entry = recommendations[index]
            if entry.time < cutoff { oldIndex = index } else if entry.replicas > stabilized { stabilized = entry.replicas }
        }
        record(prenormalized, at: oldIndex, in: &recommendations, now: now)
        return stabilized
    }

    /// The behavior stabilization: the scale-up bound is the min of `prenormalized` and the
    /// recommendations strictly newer than `now − scaleUpWindow`, the scale-down bound the max
    /// over `now − scaleDownWindow`; the result is `current` clamped into `[upBound, downBound]`.
    /// Records `{prenormalized, now}` over the last entry older than both cutoffs, else appends.
    public static func withBehavior(prenormalized: Int32, current: Int32,
                                    recommendations: inout [TimestampedRecommendation],
                                    scaleUpWindowSeconds: Int32, scaleDownWindowSeconds: Int32,
                                    now: SimTime) -> Int32 {
        let upCutoff = now - SimDuration.seconds(Int64(scaleUpWindowSeconds))
        let downCutoff = now - SimDuration.seconds(Int64(scaleDownWindowSeconds))
        var upBound = prenormalized, downBound = prenormalized
        var oldIndex: Int?
        for index in recommendations.indices {
            let entry = recommendations[index]
            if entry.time > upCutoff { upBound = min(upBound, entry.replicas) }
            if entry.time > downCutoff { downBound = max(downBound, entry.replicas) }
            if entry.time < upCutoff && entry.time < downCutoff { oldIndex = index }
        }
        record(prenormalized, at: oldIndex, in: &recommendations, now: now)
        var stabilized = current
        if stabilized < upBound { stabilized = upBound }
        if stabilized > downBound { stabilized = downBound }
        return stabilized
    }

    private static func record(_ replicas: Int32, at index: Int?, in recommendations: inout [TimestampedRecommendation],
                               now: SimTime) {
        let entry = TimestampedRecommendation(replicas: replicas, time: now)
        if let index { recommendations[index] = entry } else { recommendations.append(entry) }
    }
}
