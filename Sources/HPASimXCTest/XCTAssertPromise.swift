import XCTest
public import HPASimTesting

/// Fails the current XCTest test, at the caller's file and line, when `promise` does not hold
/// in `result`; the failure shows the promise and the measured value.
///
/// ```swift
/// XCTAssertPromise(result, "reactionTime{hpa=egress-hpa, replicas=10, after=spike} <= 3m")
/// ```
public func XCTAssertPromise(_ result: PolicyResult, _ promise: String, file: StaticString = #filePath, line: UInt = #line) {
    do {
        try result.check(promise)
    } catch {
        XCTFail("\(error)", file: file, line: line)
    }
}
