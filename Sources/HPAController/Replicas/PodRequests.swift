/// A pod-requests failure (`calculatePodRequests`).
public struct PodRequestsError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Resource requests per pod, `calculatePodRequests` in replica_calculator.go.
public enum PodRequests {
    /// The request of `resource` for every pod, milli-units, in pod-list order.
    ///
    /// With `container` empty: the pod-level requests when `podLevelResources` is on and the
    /// pod sets any, else the sum over containers and restartable (sidecar) init containers,
    /// failing if one lacks the resource. With a container name: only that container (a pod
    /// without it contributes 0, as upstream does; pod-level requests are ignored).
    public static func requests(pods: [ObservedPod], container: String, resource: ResourceName,
                                podLevelResources: Bool) throws(PodRequestsError) -> [(pod: String, request: Int64)] {
        var result: [(pod: String, request: Int64)] = []
        result.reserveCapacity(pods.count)
        for pod in pods {
            if container.isEmpty, podLevelResources, let podRequests = pod.podRequests, !podRequests.isEmpty {
                result.append((pod.name, podRequests[resource] ?? 0))
                continue
            }
            var sum: Int64 = 0
            let containers = pod.containers + pod.initContainers.filter(\.restartable)
            for entry in containers where container.isEmpty || entry.name == container {
                guard let request = entry.requests[resource] else {
                    throw PodRequestsError("missing request for \(resource) in container \(entry.name) of Pod \(pod.name)")
                }
                sum &+= request
            }
            result.append((pod.name, sum))
        }
        return result
    }
}
