internal import Yams
internal import HPAController

/// Reads the objects of Kubernetes manifests from composed YAML documents.
///
/// Deployments, StatefulSets and HorizontalPodAutoscalers are decoded field by field;
/// every other kind is accepted and ignored (a note in verbose mode).
struct ManifestReader {
    let reader: NodeReader
    let version: KubernetesVersion
    var featureGates: ResolvedFeatureGates

    /// Reads one document into `set`.
    func read(_ document: YAMLDocument, into set: inout ManifestSet) {
        let root = document.root
        if NodeReader.isNull(root) { return }   // `---` followed by nothing
        guard let top = reader.anyFields(root, FieldPath()) else { return }
        let location = SourceLocation(file: document.file, line: NodeReader.line(root))
        guard let kindNode = top["kind"], let kind = reader.string(kindNode, FieldPath("kind")), !kind.isEmpty else {
            reader.error(top.line, FieldPath("kind"), "Required value: every object needs apiVersion and kind")
            return
        }
        guard let apiNode = top["apiVersion"], let apiVersion = reader.string(apiNode, FieldPath("apiVersion")),
              !apiVersion.isEmpty else {
            reader.error(top.line, FieldPath("apiVersion"), "Required value: every object needs apiVersion and kind")
            return
        }
        reader.fieldLines = [:]
        switch kind {
        case "Deployment", "StatefulSet":
            if let workload = readWorkload(top, kind: kind, apiVersion: apiVersion, location: location) {
                set.workloads.append(workload)
            }
        case "HorizontalPodAutoscaler":
            if let hpa = readHPA(top, apiVersion: apiVersion, location: location) {
                set.autoscalers.append(hpa)
            }
        case "ScaledObject":
            if let so = readScaledObject(top, apiVersion: apiVersion, location: location) {
                set.scaledObjects.append(so)
            }
        case "List":
            reader.error(top.line, FieldPath("kind"), "kind List is not supported; split it into documents separated by ---")
        default:
            let name = top["metadata"].flatMap { ($0.mapping?["name"]).flatMap { $0.scalar?.string } } ?? "?"
            set.ignoredObjects.append(IgnoredObject(kind: kind, name: name, location: location))
            reader.note(location.line, "\(kind) \(name) (\(apiVersion)) accepted and ignored: the simulation does not model it")
        }
    }

    /// `metadata`: name (required) and namespace; other metadata is accepted.
    func readMetadata(_ top: Fields) -> (name: String, namespace: String)? {
        let path = FieldPath("metadata")
        guard let node = top["metadata"] else {
            reader.error(top.line, path.child("name"), "Required value: name or generateName is required")
            return nil
        }
        guard let meta = reader.fields(node, path, known: Self.metadataFields) else { return nil }
        guard let nameNode = meta["name"], let name = reader.string(nameNode, path.child("name")), !name.isEmpty else {
            reader.error(meta.line, path.child("name"), "Required value: name or generateName is required")
            return nil
        }
        if !Self.isDNSSubdomain(name) {
            reader.error(meta["name"], path.child("name"), "Invalid value: \"\(name)\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character")
        }
        var namespace = "default"
        if let ns = meta["namespace"], let value = reader.string(ns, path.child("namespace")) { namespace = value }
        return (name, namespace)
    }

    static func isDNSSubdomain(_ s: String) -> Bool {
        guard !s.isEmpty, s.count <= 253, let first = s.first, let last = s.last else { return false }
        let allowed = s.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }
        return allowed && first.isASCII && (first.isLowercase || first.isNumber) && (last.isLowercase || last.isNumber)
    }

    static let metadataFields = ["name", "generateName", "namespace", "labels", "annotations", "uid",
                                 "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
                                 "deletionGracePeriodSeconds", "ownerReferences", "finalizers", "managedFields",
                                 "selfLink"]
}
