import SimTime

/// The webhook notifier as a fluid queue: notifications arrive one at a time and the
/// Ready pods deliver them at `drainRatePerPod` each, sharing the backlog equally.
struct NotifierState {
    let deployment: Int32
    let settings: NotifierSettings
    var backlog: Double = 0
    var updatedAt = SimTime.zero
    var readyPods = 0
    var maximum: Double = 0

    init(deployment: Int32, settings: NotifierSettings) { self.deployment = deployment; self.settings = settings }

    /// Pending notifications held by one Ready pod.
    var pendingPerPod: Double { readyPods > 0 ? backlog / Double(readyPods) : 0 }
}

extension Model {
    /// One task state change: a notification for the notifier.
    mutating func notify(at now: SimTime) {
        notifications += 1
        guard notifier != nil else { return }
        advanceNotifier(to: now)
        notifier?.backlog += 1
        if let n = notifier, n.backlog > n.maximum { notifier?.maximum = n.backlog }
    }

    /// Drains the backlog up to `now`; delivered notifications cost the Ready pods CPU
    /// (`cpuMilliAtFullRate` ÷ `drainRatePerPod` millicore-seconds each), pending ones memory.
    mutating func advanceNotifier(to now: SimTime) {
        guard var n = notifier else { return }
        let dt = Double(now.microseconds - n.updatedAt.microseconds) / 1_000_000
        guard dt > 0 else { return }
        let rate = max(0, n.settings.drainRatePerPod) * Double(n.readyPods)
        let capacity = rate * dt
        let delivered = min(n.backlog, capacity)
        // ∫ backlog dt over the interval (the backlog falls linearly until empty).
        let area: Double
        if rate <= 0 {
            area = n.backlog * dt
        } else if capacity >= n.backlog {
            area = n.backlog * (n.backlog / rate) / 2
        } else {
            area = (2 * n.backlog - capacity) / 2 * dt
        }
        n.backlog -= delivered
        n.updatedAt = now
        notifier = n
        let d = Int(n.deployment)
        let cpuPerNotification = n.settings.drainRatePerPod > 0
            ? Double(n.settings.cpuMilliAtFullRate) / n.settings.drainRatePerPod * 1_000_000 : 0   // millicore·µs
        if delivered > 0, n.readyPods > 0 {
            let share = delivered / Double(n.readyPods) * cpuPerNotification
            for p in deployments[d].pods where pods[Int(p)].accepting { pods[Int(p)].cpuIntegral += share }
        }
        deployments[d].accounting.cpuUsedIntegral += delivered * cpuPerNotification
        deployments[d].accounting.memoryUsedIntegral += area * 1_000_000 * Double(n.settings.memoryMilliPerPending)
    }

    /// Notifications pod `p` holds: its share of the backlog if it is a Ready notifier pod, else 0.
    func pendingNotifications(onPod p: Int32) -> Double {
        guard let n = notifier, pods[Int(p)].deployment == n.deployment, pods[Int(p)].accepting else { return 0 }
        return n.pendingPerPod
    }

    /// Memory the notifier's pending notifications add to pod `p` (milli-bytes).
    func notifierMemory(_ p: Int32) -> Int64 {
        guard let n = notifier else { return 0 }
        return Int64((pendingNotifications(onPod: p) * Double(n.settings.memoryMilliPerPending)).rounded())
    }
}
