/// A pod-requests failure (`calculatePodRequests`).
public struct PodRequestsError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Resource requests per pod, `calculateRequests` in replica_calculator.go.
public enum PodRequests {
    /// The resources that may be set at pod level (KEP-2837).
    static let podLevelResourceNames: Set<ResourceName> = ["cpu", "memory"]

    /// The request of `resource` for every pod, milli-units, in pod-list order.
    ///
    /// With a container name: only that container (pod-level requests are ignored); a pod
    /// without the container, or the container without the request, is an error. With
    /// `container` empty: the pod-level request when `podLevelResources` is on and the pod
    /// sets pod-level requests (a resource not set there falls back to the containers' sum, as
    /// `resourcehelpers.PodRequests` aggregates), else the sum over containers and restartable
    /// (sidecar) init containers, failing if one lacks the resource.
    public static func requests(pods: [ObservedPod], container: String, resource: ResourceName,
                                podLevelResources: Bool) throws(PodRequestsError) -> [(pod: String, request: Int64)] {
        let values = try requestValues(pods: pods, container: container, resource: resource,
                                       podLevelResources: podLevelResources)
        return zip(pods, values).map { (pod: $0.name, request: $1) }
    }

    /// ``requests(pods:container:resource:podLevelResources:)`` without the names.
    static func requestValues(pods: [ObservedPod], container: String, resource: ResourceName,
                              podLevelResources: Bool) throws(PodRequestsError) -> [Int64] {
        var result: [Int64] = []
        result.reserveCapacity(pods.count)
        for k in pods.indices {
            // A pod with the same requests as the one before (the pods of one template, which the
            // model hands over as one shared array) has the same request: equal inputs give an
            // equal value, and the earlier pod did not fail. The name only enters errors. The
            // fields are compared one by one: copying a whole `ObservedPod` retains four references.
            if k > 0, sameRequests(pods, k, k - 1) {
                result.append(result[k - 1])
                continue
            }
            result.append(try request(pods[k], container: container, resource: resource,
                                      podLevelResources: podLevelResources))
        }
        return result
    }

    /// Whether two pods request the same (and so have the same request of every resource).
    /// Pod-level requests are compared only when set: comparing two nil optionals of a list
    /// read out of an array copied them.
    /// Field by field, in place: passing the pods copies them, and reading a field out of the
    /// array retains it; through the buffer the fields are compared where they are.
    static func sameRequests(_ pods: [ObservedPod], _ i: Int, _ j: Int) -> Bool {
        pods.withUnsafeBufferPointer { sameRequests($0, i, j) }
    }

    static func sameRequests(_ p: UnsafeBufferPointer<ObservedPod>, _ i: Int, _ j: Int) -> Bool {
        guard ContainerRequests.same(p[i].containers, p[j].containers),
              ContainerRequests.same(p[i].initContainers, p[j].initContainers) else { return false }
        switch (p[i].podRequests == nil, p[j].podRequests == nil) {
        case (true, true): return true
        case (false, false): return p[i].podRequests == p[j].podRequests
        default: return false
        }
    }

    static func request(_ pod: ObservedPod, container: String, resource: ResourceName,
                                podLevelResources: Bool) throws(PodRequestsError) -> Int64 {
        let podLevelSet = pod.podRequests?.keys.contains { podLevelResourceNames.contains($0) } ?? false
        if container.isEmpty, podLevelResources, podLevelSet { return try podLevelRequest(pod, resource: resource) }
        return try containerRequests(pod, container: container, resource: resource)
    }

    private static func podLevelRequest(_ pod: ObservedPod, resource: ResourceName) throws(PodRequestsError) -> Int64 {
        if let request = pod.podRequests?[resource] { return request }
        let entries = (pod.containers + pod.initContainers.filter(\.restartable)).compactMap { $0.requests[resource] }
        guard !entries.isEmpty else {
            throw PodRequestsError("missing pod-level request for \(resource) in Pod \(pod.name)")
        }
        return entries.reduce(0, &+)
    }

    private static func containerRequests(_ pod: ObservedPod, container: String, resource: ResourceName)
        throws(PodRequestsError) -> Int64 {
        var sum: Int64 = 0
        // Containers, then restartable init containers (no concatenated copy: this runs per pod per sync).
        for initContainers in [false, true] {
            for entry in initContainers ? pod.initContainers : pod.containers
            where (!initContainers || entry.restartable) && (container.isEmpty || entry.name == container) {
                guard let request = entry.requests[resource] else {
                    throw PodRequestsError("missing request for \(resource) in container \(entry.name) of Pod \(pod.name)")
                }
                sum &+= request
                if entry.name == container { return sum }   // container names are unique in a pod
            }
        }
        if !container.isEmpty { throw PodRequestsError("container \(container) not found in Pod \(pod.name)") }
        return sum
    }
}
