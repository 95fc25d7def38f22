import SimTime
import EventEngine
import HPAController
import RunRecords

extension Model {
    /// One HPA sync: observe, reconcile, and apply a rescale to the deployment (the
    /// ReplicaSet follows in the scaling phase of the same instant).
    mutating func sync(autoscaler a: Int, at now: SimTime) {
        let period = max(.seconds(1), configuration.controller.syncPeriod)
        if now + period <= end { engine.schedule(.hpaSync(autoscaler: Int32(a)), at: now + period, phase: Phase.sync) }
        let d = Int(autoscalers[a].deployment)
        // Moved out (`take()`) and back after the reconcile, so their buffers are reused, neither
        // copied nor shared (a shared history would be copied on its next write).
        var observed = autoscalers[a].observation.take()
            ?? Observation(scale: ScaleObservation(specReplicas: 0, statusReplicas: 0))
        fillObservation(&observed, autoscaler: a, at: now)
        applyMetricFailures(&observed, autoscaler: a, at: now)
        serveKEDAMetrics(&observed, autoscaler: a, at: now)
        var history = autoscalers[a].history.take() ?? ScalingHistory()
        let decision = controller.reconcile(observed, hpa: autoscalers[a].hpa, history: &history, now: now)
        autoscalers[a].observation = consume observed
        autoscalers[a].history = consume history
        autoscalers[a].hpa.status = decision.status
        let name = autoscalers[a].hpa.name
        if recorderKeeps.contains(.syncs) {
            let sync = syncRecord(autoscaler: a, decision, at: now)
            record { try $0.recordSync(sync) }
        }
        let from = deployments[d].replicas
        guard decision.scaleUpdated, decision.desiredReplicas != from else { return }
        let to = decision.desiredReplicas
        deployments[d].replicas = to
        deployments[d].accounting.setReplicas(to, maxAllowed: autoscalers[a].hpa.spec.maxReplicas, at: now)
        deployments[d].accounting.recordScale(from: from, to: to, at: now, window: configuration.results.flappingWindow)
        let message = decision.rescaleEventMessage ?? ""
        let scale = ScaleRecord(time: now, hpa: name, deployment: deployments[d].configuration.name,
                                from: from, to: to, message: message)
        record { try $0.recordScale(scale) }
        engine.schedule(.reconcileReplicas(deployment: Int32(d)), at: now, phase: Phase.scaling)
    }

    /// Calls the recorder unless an earlier call failed (the run then stops after this event).
    mutating func record(_ call: (any SimulationRecorder) throws -> Void) {
        guard let recorder, recorderError == nil else { return }
        do { try call(recorder) } catch { recorderError = error }
    }
}
