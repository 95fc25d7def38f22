public import Quantities
public import HPAController
public import KEDA

/// Where an object was read from.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public init(file: String, line: Int?) { self.file = file; self.line = line }
    public var description: String { line.map { "\(file):\($0)" } ?? file }
}

/// CPU and memory of a container's `requests` or `limits` (other resources are ignored).
public struct ResourceAmounts: Hashable, Sendable {
    public var cpu: Quantity?
    public var memory: Quantity?
    public init(cpu: Quantity? = nil, memory: Quantity? = nil) { self.cpu = cpu; self.memory = memory }
}

/// A container's `readinessProbe` timing (the handler itself is not simulated).
public struct ProbeTiming: Hashable, Sendable {
    public var initialDelaySeconds: Int32 = 0
    public var periodSeconds: Int32 = 10
    public var timeoutSeconds: Int32 = 1
    public var successThreshold: Int32 = 1
    public var failureThreshold: Int32 = 3
    public init() {}
}

/// One container of a pod template.
public struct ContainerManifest: Hashable, Sendable {
    public var name: String
    public var requests: ResourceAmounts
    public var limits: ResourceAmounts
    public var readinessProbe: ProbeTiming?
    /// Literal `env` values (`valueFrom` entries are skipped), in order.
    public var env: [EnvVar]
    public init(name: String, requests: ResourceAmounts = .init(), limits: ResourceAmounts = .init(),
                readinessProbe: ProbeTiming? = nil, env: [EnvVar] = []) {
        self.name = name; self.requests = requests; self.limits = limits
        self.readinessProbe = readinessProbe; self.env = env
    }
}

/// A literal `env` entry of a container (`valueFrom` entries are not kept).
public struct EnvVar: Hashable, Sendable {
    public var name: String
    public var value: String
    public init(name: String, value: String) { self.name = name; self.value = value }
}

/// A Deployment or StatefulSet: a pool of identical pods.
public struct WorkloadManifest: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case deployment = "Deployment", statefulSet = "StatefulSet" }
    public var kind: Kind
    public var apiVersion: String
    public var name: String
    public var namespace: String
    /// `spec.replicas` (API default 1).
    public var replicas: Int32
    public var containers: [ContainerManifest]
    public var initContainers: [ContainerManifest]
    /// `spec.template.spec.terminationGracePeriodSeconds` (API default 30).
    public var terminationGracePeriodSeconds: Int64
    /// `spec.template.spec.restartPolicy` (Always for Deployments and StatefulSets).
    public var restartPolicy: String
    /// `spec.template.metadata.annotations`, sorted by key when rendered.
    public var podAnnotations: [String: String]
    public var location: SourceLocation

    public init(kind: Kind, apiVersion: String = "apps/v1", name: String, namespace: String, replicas: Int32,
                containers: [ContainerManifest], initContainers: [ContainerManifest] = [],
                terminationGracePeriodSeconds: Int64 = 30, restartPolicy: String = "Always",
                podAnnotations: [String: String] = [:], location: SourceLocation) {
        self.kind = kind; self.apiVersion = apiVersion; self.name = name; self.namespace = namespace
        self.replicas = replicas; self.containers = containers; self.initContainers = initContainers
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds; self.restartPolicy = restartPolicy
        self.podAnnotations = podAnnotations; self.location = location
    }

    /// Sum of the containers' requests (nil when any container lacks one), as the HPA's
    /// utilization denominator (`calculatePodRequests` in replica_calculator.go).
    public var podRequests: ResourceAmounts {
        func sum(_ pick: (ResourceAmounts) -> Quantity?) -> Quantity? {
            var total: Int64 = 0
            for container in containers {
                guard let q = pick(container.requests) else { return nil }
                total = total.addingReportingOverflow(q.milliValue).partialValue
            }
            return containers.isEmpty ? nil : Quantity(milliValue: total)
        }
        return ResourceAmounts(cpu: sum(\.cpu), memory: sum(\.memory))
    }

    /// The value of the first container's env var `name`, if set literally.
    public func env(_ name: String) -> String? {
        for container in containers { if let v = container.env.first(where: { $0.name == name }) { return v.value } }
        return nil
    }
}

/// A HorizontalPodAutoscaler as read (autoscaling/v2, or v1 converted), with where it came from.
public struct HPAManifest: Hashable, Sendable {
    public var hpa: HorizontalPodAutoscaler
    /// `autoscaling/v2`, `autoscaling/v1`, ...
    public var apiVersion: String
    public var location: SourceLocation
    /// Line of each field path that was written (`spec.behavior.scaleUp.policies[0]`), for lints.
    public var fieldLines: [String: Int]
    public init(hpa: HorizontalPodAutoscaler, apiVersion: String, location: SourceLocation, fieldLines: [String: Int] = [:]) {
        self.hpa = hpa; self.apiVersion = apiVersion; self.location = location; self.fieldLines = fieldLines
    }
}

/// A KEDA ScaledObject as read, with where it came from.
public struct ScaledObjectManifest: Hashable, Sendable {
    public var scaledObject: ScaledObject
    public var location: SourceLocation
    /// Line of each field path that was written (`spec.minReplicaCount`).
    public var fieldLines: [String: Int]
    public init(scaledObject: ScaledObject, location: SourceLocation, fieldLines: [String: Int] = [:]) {
        self.scaledObject = scaledObject; self.location = location; self.fieldLines = fieldLines
    }
    /// Where `field` was written, or the object's own line.
    public func location(of field: String) -> SourceLocation {
        var path = field
        while !path.isEmpty {
            if let line = fieldLines[path] { return SourceLocation(file: location.file, line: line) }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = String(path[..<cut])
        }
        return location
    }
}

/// Every object the manifests define that the simulation uses.
public struct ManifestSet: Hashable, Sendable {
    public var workloads: [WorkloadManifest] = []
    public var autoscalers: [HPAManifest] = []
    /// KEDA ScaledObjects (`keda.sh/v1alpha1`).
    public var scaledObjects: [ScaledObjectManifest] = []
    /// Kinds accepted and ignored (Namespace, Service, ...), by location.
    public var ignored: [(kind: String, name: String, location: SourceLocation)] { ignoredObjects.map { ($0.kind, $0.name, $0.location) } }
    var ignoredObjects: [IgnoredObject] = []
    public init() {}

    public func workload(named name: String, kind: String? = nil) -> WorkloadManifest? {
        workloads.first { $0.name == name && (kind == nil || $0.kind.rawValue == kind) }
    }
}

struct IgnoredObject: Hashable, Sendable {
    var kind: String
    var name: String
    var location: SourceLocation
}
