// Simulation benchmarks: a whole run, not stored, as `simulate run --no-store` does it. The
// target of issue 14 is 30 simulated days of `diurnal-week.yaml` under 1.5 s (release build, on
// the shared 2-core machine); docs/performance.md gives the measured numbers and how to profile.
//
// Each benchmark checks its result: the event count of the run (seed 1) and the task invariant
// arrived = completed + failed + waiting + running for every class. A different count means the
// model's results changed, not only its speed.
// Run: `cd Benchmarks && swift package benchmark --target SimulationBenchmarks`.
import Benchmark
import Foundation
import HPASim
import SimTime

/// The repository's scenarios (this file is Benchmarks/Benchmarks/SimulationBenchmarks/).
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
func scenario(_ path: String) -> String { repository.appendingPathComponent("scenarios/\(path)").path }

struct ResultMismatch: Error, CustomStringConvertible { var description: String }

/// Runs `path` for `duration` without storing it and checks the event count and task invariant.
func runAndCheck(_ path: String, duration: SimDuration, expectedEvents: Int, _ benchmark: Benchmark) throws {
    benchmark.startMeasurement()
    let report = try ScenarioRun.run(scenarioAt: path, options: .init(duration: duration))
    benchmark.stopMeasurement()
    let result = report.result
    guard result.eventsProcessed == expectedEvents else {
        throw ResultMismatch(description: "\(path): \(result.eventsProcessed) events, expected \(expectedEvents)")
    }
    for c in result.classes where c.arrived != c.completed + c.failed + c.waitingAtEnd + c.runningAtEnd {
        throw ResultMismatch(description: "\(path): class \(c.name) does not add up")
    }
    blackHole(result)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal],
        scalingFactor: .one,
        maxDuration: .seconds(60),
        maxIterations: 5
    )

    Benchmark("Simulation: diurnal-week for 30 days, not stored") { benchmark in
        for _ in benchmark.scaledIterations {
            try runAndCheck(scenario("rtc-egress/diurnal-week.yaml"), duration: .days(30),
                            expectedEvents: diurnalMonthEvents, benchmark)
        }
    }

    Benchmark("Simulation: steady-day, not stored") { benchmark in
        for _ in benchmark.scaledIterations {
            try runAndCheck(scenario("rtc-egress/steady-day.yaml"), duration: .days(1),
                            expectedEvents: steadyDayEvents, benchmark)
        }
    }
}

/// Events of the reference runs (seed 1), as `simulate run --no-store` reports them.
let diurnalMonthEvents = 938_021
let steadyDayEvents = 34_846
