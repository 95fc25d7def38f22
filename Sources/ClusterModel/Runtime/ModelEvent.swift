/// One scheduled happening. Small payloads (indices into the model's tables) and no
/// closures, so the engine moves plain values.
enum ModelEvent {
    // Phase 0: pod state and workload.
    /// A class's next Poisson arrival.
    case arrival(classIndex: Int32)
    /// A class's burst instant `k`.
    case burst(classIndex: Int32, k: Int64)
    /// The next arrival within a class's current burst.
    case burstArrival(classIndex: Int32)
    /// The trace entry at `index` arrives.
    case traceArrival(index: Int32)
    /// The scheduler binds the pod to a node.
    case podBound(pod: Int32)
    /// The pod's (worker) container is running.
    case containerStarted(pod: Int32)
    /// The readiness probe has passed `successThreshold` times.
    case podReady(pod: Int32)
    /// A running task finishes (or a dispatcher's handoff ends).
    case taskFinished(task: Int32)
    /// A waiting task reaches its maximum queue wait.
    case taskTimedOut(task: Int32)
    /// A terminating pod's grace period ends: SIGKILL.
    case gracePeriodEnded(pod: Int32)
    // Phase 1: metric scrapes.
    case resourceScrape
    case customScrape
    case externalPoll
    // Phase 2: HPA syncs.
    case hpaSync(autoscaler: Int32)
    /// A poll of KEDA's loop for a ScaledObject.
    case kedaPoll(scaledObject: Int32)
    // Phase 3: scaling.
    case reconcileReplicas(deployment: Int32)
    // Phase 4: series sampling for the recorder.
    case seriesSample
}

/// The order of events at one instant: pod state, then metric scrapes, then HPA syncs,
/// then scaling (then series sampling, which only observes).
enum Phase {
    static let podState: UInt8 = 0
    static let scrape: UInt8 = 1
    static let sync: UInt8 = 2
    static let scaling: UInt8 = 3
    static let observe: UInt8 = 4
}
