import SimTime
import Testing

@Test("durations are exact integer microseconds")
func exactDurations() {
    #expect(SimDuration.seconds(15).microseconds == 15_000_000)
    #expect(SimDuration.minutes(5) == .seconds(300))
    var t = SimTime.zero
    for _ in 0..<(30 * 86_400 / 15) { t += .seconds(15) }
    #expect(t == .days(30))
}

@Test("the far past is the conformance vectors' -1e12 s")
func farPast() {
    #expect(SimTime(seconds: -1e12) == .farPast)
    #expect(SimTime.farPast + .minutes(5) < .zero)
}

@Test("float seconds round to the nearest microsecond")
func floatSeconds() {
    #expect(SimTime(seconds: -397.5).microseconds == -397_500_000)
    #expect(SimDuration(seconds: 0.0000015).microseconds == 2)
    #expect(SimDuration(seconds: .infinity).microseconds == .max)
}

@Test("durations render like kubectl ages", arguments: [
    (SimDuration.seconds(15), "15s"), (.minutes(5), "5m00s"), (.seconds(3723), "1h02m03s"),
    (.milliseconds(250), "250ms"), (.seconds(-300), "-5m00s"), (.microseconds(1_500_000), "1.5s"),
])
func rendering(_ d: SimDuration, _ text: String) {
    #expect(d.description == text)
}
