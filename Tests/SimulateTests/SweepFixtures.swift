import Foundation

/// A 3-hour egress spike (only the egress classes, rates 5–20× for an hour from 30m, the record
/// class's segment named `spike`) over the shipped manifests: small enough for a debug build,
/// and its HPA settings matter (too few replicas time tasks out, too short a scale-down window
/// interrupts them).
func writeEgressSpike(in dir: TemporaryDirectory) throws -> String {
    try dir.write("egress-spike.yaml", """
        name: egress spike
        extends: \(scenario("spike-4x.yaml"))
        duration: 3h
        expectations: []   # spike-4x's promises name its spike and its web classes, which this workload replaces
        workload:
          classes:
            - name: egress-record
              keyPattern: "egress:record:*"
              arrivals:
                rate: {segments: [{start: 0s, rate: 60/h}, {name: spike, start: 30m, rate: 400/h}, {start: 1h30m, rate: 60/h}]}
              duration: {lognormal: {median: 20m, p95: 90m}}
              usage: {cpu: 40m, memory: 24Mi}
              cpuBound: false
              maxQueueWait: 5m
            - name: egress-snapshot
              keyPattern: "egress:snapshot:*"
              arrivals:
                rate: {segments: [{start: 0s, rate: 120/h}, {start: 30m, rate: 2400/h}, {start: 1h30m, rate: 120/h}]}
              duration: {lognormal: {median: 10s, p95: 40s}}
              usage: {cpu: 150m, memory: 64Mi}
              maxQueueWait: 1m
        """)
}

/// The README's knobs: the egress scale-up Pods policy and the scale-down stabilization window.
let scaleUpPodsKnob = "egress-hpa:spec.behavior.scaleUp.policies[Pods].value"
let scaleDownWindowKnob = "egress-hpa:spec.behavior.scaleDown.stabilizationWindowSeconds"

/// Starts `simulate` with `arguments` in the package root, its output discarded; does not wait.
func startSimulate(_ arguments: [String]) throws -> Process {
    guard let executable = simulateExecutable else { throw CocoaError(.fileNoSuchFile) }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

/// The egress spike with promises of every kind a timeline serves:
/// `reactionTime` (a scale-up Pods policy of 1 is too slow for it), a windowed class figure
/// (needs the tasks), a windowed `podHours` (needs the series); the last promise no variant
/// keeps, so the report names broken promises.
func writeEgressSpikeWithPromises(in dir: TemporaryDirectory) throws -> String {
    let spike = try writeEgressSpike(in: dir)
    return try dir.write("egress-spike-promises.yaml", """
        name: egress spike with promises
        extends: \(spike)
        expectations:
          - name: egress reaches 10 pods within 4 minutes of the spike
            assert: reactionTime{hpa=egress-hpa, replicas=10, after=spike} <= 4m
          - assert: queueWait.p95{class=egress-snapshot} during 00:30..01:30 <= 20s
          - assert: podHours{deployment=egress} during 00:30..01:30 <= 9
          - name: egress never above one replica
            assert: maxReplicas{deployment=egress} <= 1
        """)
}
