@testable import HPAController
import RunRecords
import SimTime
import Testing

/// The duplicate-name check of long pod lists (`PodNameTable`) and the request reuse of
/// `PodRequests`: the answers of the straightforward computations they replace.
@Suite("Pod name table and shared requests")
struct PodNameTableTests {
    /// `count` names `pod-<k>`, with `duplicates` of them replaced by an earlier name (seeded).
    static func names(seed: UInt64, count: Int, duplicates: Int) -> [String] {
        var g = SplitMix64(seed: seed)
        var names = (0..<count).map { "pod-\($0)" }
        for _ in 0..<duplicates {
            let to = 1 + g.below(count - 1)
            names[to] = names[g.below(to)]
        }
        return names
    }

    @Test("long pod lists: distinct exactly when a Set of the names is as long", arguments: Array(UInt64(0)..<200))
    func agreesWithSet(seed: UInt64) {
        let count = 17 + Int(seed % 150)
        let names = Self.names(seed: seed, count: count, duplicates: Int(seed % 3))
        let pods = names.map { ObservedPod(name: $0) }
        #expect(PodNameTable.asciiNamesDistinct(pods) == (Set(names).count == names.count))
        #expect(PodSampleMatch.namesDistinct(pods) == (Set(names).count == names.count))
    }

    @Test("a non-ASCII name leaves the check to a Set, which equates canonically equivalent names")
    func nonASCII() {
        var names = (0..<20).map { "pod-\($0)" }
        names[3] = "caf\u{E9}"            // é precomposed
        #expect(PodNameTable.asciiNamesDistinct(names.map { ObservedPod(name: $0) }) == nil)
        #expect(PodSampleMatch.namesDistinct(names.map { ObservedPod(name: $0) }))
        names[17] = "cafe\u{301}"         // e + combining acute: == "café" in Swift
        #expect(!PodSampleMatch.namesDistinct(names.map { ObservedPod(name: $0) }))
    }

    @Test("pods sharing one requests array get one request each; a missing request names the first pod")
    func sharedRequests() throws {
        let shared = [ContainerRequests(name: "app", requests: ["cpu": 250, "memory": 1000])]
        let other = [ContainerRequests(name: "app", requests: ["cpu": 400])]
        let pods = [ObservedPod(name: "a", containers: shared), ObservedPod(name: "b", containers: shared),
                    ObservedPod(name: "c", containers: other), ObservedPod(name: "d", containers: shared)]
        let cpu = try PodRequests.requests(pods: pods, container: "", resource: "cpu", podLevelResources: false)
        #expect(cpu.map(\.pod) == ["a", "b", "c", "d"])
        #expect(cpu.map(\.request) == [250, 250, 400, 250])
        #expect(throws: PodRequestsError("missing request for memory in container app of Pod c")) {
            try PodRequests.requests(pods: pods, container: "", resource: "memory", podLevelResources: false)
        }
        #expect(throws: PodRequestsError("missing request for gpu in container app of Pod a")) {
            try PodRequests.requests(pods: pods, container: "", resource: "gpu", podLevelResources: false)
        }
    }
}
