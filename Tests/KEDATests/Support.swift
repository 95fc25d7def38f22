import Foundation
import HPAController
@testable import KEDA

enum Fixtures {
    static func data(_ name: String) throws -> Data {
        guard let path = Bundle.module.resourcePath else { preconditionFailure("no resource path") }
        return try Data(contentsOf: URL(fileURLWithPath: path + "/Fixtures/" + name))
    }
}

/// A ScaledObject on Deployment `egress` with one redis trigger.
func redisScaledObject(name: String = "so", metadata: [String: String] = ["listName": "jobs", "listLength": "5"],
                       metricType: String? = nil, configure: (inout ScaledObject) -> Void = { _ in }) -> ScaledObject {
    var so = ScaledObject(name: name, namespace: "ns", scaleTargetRef: CrossVersionObjectReference(name: "egress"),
                          triggers: [ScaleTrigger(type: "redis", metadata: metadata, metricType: metricType)])
    configure(&so)
    return so
}
