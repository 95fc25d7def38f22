extension HPADescription {
    /// The description in `kubectl describe hpa`'s layout (describe.go,
    /// `describeHorizontalPodAutoscalerV2` and `DescribeEvents`), with two changes kubectl cannot
    /// make: the events' `Age` column is the simulated time of day (`Time`: the last occurrence,
    /// and for a folded event `(x3 since 02:01:15)`), and under each rescale one indented line
    /// says why it was that size (for a folded one, its last occurrence).
    public var text: String {
        var w = TabWriter()
        w.line("Name:\t\(name)")
        w.line("Namespace:\t\(namespace)")
        w.line("Reference:\t\(reference)")
        w.line("Metrics:\t( current / target )")
        for metric in metrics { w.line("  \(metric.label):\t\(metric.values)") }
        w.line("Min replicas:\t\(minReplicas.map(String.init) ?? "<unset>")")
        w.line("Max replicas:\t\(maxReplicas)")
        if let behavior {
            w.line("Behavior:")
            if let up = behavior.scaleUp { rules("Scale Up", up, &w) }
            if let down = behavior.scaleDown { rules("Scale Down", down, &w) }
        }
        w.line("\(targetKind) pods:\t\(currentReplicas.map(String.init) ?? "0") current / "
               + "\(desiredReplicas.map(String.init) ?? "0") desired")
        if !conditions.isEmpty {
            w.line("Conditions:")
            w.line("  Type\tStatus\tReason\tMessage")
            w.line("  ----\t------\t------\t-------")
            for c in conditions { w.line("  \(c.type)\t\(c.status)\t\(c.reason)\t\(c.message)") }
        }
        if events.isEmpty { w.line("Events:\t<none>") }
        var lines = w.rendered()
        if !events.isEmpty {
            lines.append("Events:")
            var e = TabWriter()
            e.line("  Type\tReason\tTime\tFrom\tMessage")
            e.line("  ----\t------\t----\t----\t-------")
            for event in events {
                let time = event.count > 1 ? "\(event.last.time) (x\(event.count) since \(event.first.time))" : event.last.time
                e.line("  \(event.type)\t\(event.reason)\t\(time)\thorizontal-pod-autoscaler\t\(event.message)")
            }
            let rows = e.rendered()
            lines.append(contentsOf: rows.prefix(2))
            for (event, row) in zip(events, rows.dropFirst(2)) {
                lines.append(row)
                if let why = event.why.last { lines.append("    ↳ \(why.summary)") }
            }
        }
        return lines.joined(separator: "\n")
    }

    private func rules(_ title: String, _ rules: Behavior.Rules, _ w: inout TabWriter) {
        w.line("  \(title):")
        if let window = rules.stabilizationWindowSeconds { w.line("    Stabilization Window: \(window) seconds") }
        if let policies = rules.policies, !policies.isEmpty {
            w.line("    Select Policy: \(rules.selectPolicy ?? "Max")")
            w.line("    Policies:")
            for p in policies { w.line("      - Type: \(p.type)\tValue: \(p.value)\tPeriod: \(p.periodSeconds) seconds") }
        }
    }
}
