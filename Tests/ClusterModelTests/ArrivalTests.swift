@testable import ClusterModel
import RunRecords
import Randomness
import SimTime
import Testing

/// Arrival processes: rate schedules, repetition, bursts, traces.
struct ArrivalTests {
    func arrivals(_ schedule: RateSchedule, through end: SimTime, seed: UInt64 = 1) -> [SimTime] {
        var generator = ArrivalGenerator(schedule: schedule, stream: RandomStreams(seed: seed).stream(named: "arrivals.t"))
        var times: [SimTime] = []
        var t = SimTime.zero
        while let next = generator.next(after: t), next <= end { times.append(next); t = next }
        return times
    }

    @Test("a piecewise schedule has no arrivals where its rate is zero", arguments: [UInt64(1), 2, 3])
    func piecewise(seed: UInt64) {
        let schedule = RateSchedule(segments: [RateSegment(start: .zero, ratePerSecond: 0),
                                               RateSegment(start: .hours(1), ratePerSecond: 2),
                                               RateSegment(start: .hours(2), ratePerSecond: 0)])
        let times = arrivals(schedule, through: .hours(5), seed: seed)
        #expect(times.allSatisfy { $0 >= .hours(1) && $0 < .hours(2) })
        // 7200 expected; a Poisson count is within ±5 σ (±424) for every seed swept.
        #expect(abs(times.count - 7200) < 424)
    }

    @Test("a daily profile repeats every day")
    func dailyRepeats() {
        var hourly = [Double](repeating: 0, count: 24)
        hourly[9] = 1
        let times = arrivals(.daily(hourlyRatesPerSecond: hourly), through: .days(3))
        #expect(times.allSatisfy { ($0.microseconds / 3_600_000_000) % 24 == 9 })
        let days = Set(times.map { $0.microseconds / 86_400_000_000 })
        #expect(days == [0, 1, 2])
    }

    @Test("a weekly profile scales each day by its factor")
    func weekly() {
        let schedule = RateSchedule.weekly(hourlyRatesPerSecond: [Double](repeating: 0.01, count: 24),
                                           dayFactors: [1, 1, 1, 1, 1, 0, 0])
        let times = arrivals(schedule, through: .days(14))
        let weekdays = Set(times.map { ($0.microseconds / 86_400_000_000) % 7 })
        #expect(weekdays == [0, 1, 2, 3, 4])
    }

    @Test("bursts arrive on the hour, spread over the spread, in order")
    func bursts() throws {
        let config = SimulationConfiguration(
            duration: .hours(3) + .minutes(10),
            deployments: [Fixture.worker("w", patterns: ["t:*"], slots: 100)],
            workload: WorkloadConfiguration(classes: [TaskClass(
                name: "t", keyPattern: "t:*",
                arrivals: ArrivalProcess(rate: .constant(0), bursts: Bursts(interval: .hours(1), size: .constant(25),
                                                                            spread: .minutes(2))),
                duration: .constant(1))]))
        let (result, recorder) = try Fixture.run(config, resolution: .hours(1))
        #expect(result.classes[0].arrived == 100)               // bursts at 0, 1, 2 and 3 h
        let arrivals = recorder.tasks.map(\.arrivedAt).sorted()
        #expect(arrivals.allSatisfy { t in (0...3).contains { t >= .hours($0) && t < .hours($0) + .minutes(2) } })
        #expect(recorder.tasks.sorted { $0.arrivedAt < $1.arrivedAt }.map(\.key) == recorder.tasks.sorted { $0.arrivedAt < $1.arrivedAt }
            .map(\.key).sorted { Int($0.dropFirst(2)) ?? 0 < Int($1.dropFirst(2)) ?? 0 })
    }

    @Test("a recorder error stops the run and is rethrown")
    func recorderError() {
        struct Stop: Error, Equatable {}
        final class Failing: SimulationRecorder {
            var calls = 0
            func recordSeries(_ point: SeriesPoint) throws { calls += 1; if calls == 3 { throw Stop() } }
        }
        let recorder = Failing()
        let config = SimulationConfiguration(duration: .hours(1), deployments: [Fixture.worker("w", patterns: ["t:*"])])
        #expect(throws: Stop()) { try Simulation(configuration: config).run(recorder: recorder) }
        #expect(recorder.calls == 3)
    }
}
