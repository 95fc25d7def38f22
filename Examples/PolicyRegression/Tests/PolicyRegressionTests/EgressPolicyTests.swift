import Foundation
import XCTest
import HPASimTesting
import HPASimXCTest

/// This package's root (the scenarios are two levels up; in a team's repository, beside its manifests).
private let example = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private func path(_ relative: String) -> String { example.appendingPathComponent(relative).path }

/// The spike scenario cut to its first 2h20m: the 4x load starts at 2h (short enough for a debug build).
private let spikeDuration: SimDuration = .minutes(140)

final class EgressPolicyTests: XCTestCase {
    func testEgressScalesUpWithinTheSpike() throws {
        let result = try PolicyScenario.load(path("../../scenarios/rtc-egress/spike-4x.yaml"), duration: spikeDuration).run()
        XCTAssertPromise(result, "queueWait.p95{class=egress-snapshot} <= 30s")
        XCTAssertPromise(result, "queueWait.p95{class=egress-record} <= 30s")
        XCTAssertPromise(result, "interrupted{class=egress-record} == 0")
        let spike = result.during(.hours(2), spikeDuration)
        XCTAssertGreaterThan(spike.replicas(of: "egress").max, result.during(.zero, .hours(2)).replicas(of: "egress").max)
        XCTAssertLessThanOrEqual(result.replicas(of: "egress").max, 10)
    }

    func testEveryRescaleStaysWithinTheHPABounds() throws {
        let result = try PolicyScenario.load(path("../../scenarios/rtc-egress/spike-4x.yaml"), duration: spikeDuration).run()
        for decision in result.decisions(for: "egress-hpa") {
            XCTAssertTrue((2...10).contains(decision.to), "rescaled to \(decision.to) at \(decision.time)")
        }
    }

    /// Meant to fail: `.ci/run` runs it alone and requires the failure and its message.
    func testDeliberatelyBadVariant() throws {
        let result = try PolicyScenario.load(path("variants/egress-max-2.yaml"), duration: spikeDuration).run()
        XCTAssertPromise(result, "queueWait.p95{class=egress-record} <= 30s")
    }
}
