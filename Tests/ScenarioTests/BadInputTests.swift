import Testing
@testable import Scenario

/// Every file of the bad-input corpus and the one error it must produce (exit status 2).
private let corpus: [(String, String)] = [
    ("bad/malformed.yaml", "bad/malformed.yaml:6: malformed YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 5), column 1"),
    ("bad/tabs.yaml", "bad/tabs.yaml:4: found a tab character in indentation; YAML indents with spaces only"),
    ("bad/wrong-type.yaml", "bad/wrong-type.yaml:7: spec.minReplicas: expected an integer (int32), found \"three\""),
    ("bad/missing-max-replicas.yaml", "bad/missing-max-replicas.yaml:6: spec.maxReplicas: Required value"),
    ("bad/missing-target-name.yaml", "bad/missing-target-name.yaml:6: spec.scaleTargetRef.name: Required value"),
    ("bad/period-too-long.yaml", "bad/period-too-long.yaml:13: spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 3600: must be less than or equal to 1800"),
    ("bad/integer-overflow.yaml", "bad/integer-overflow.yaml:7: spec.maxReplicas: expected an integer (int32), found 99999999999: out of range"),
    ("bad/max-below-min.yaml", "bad/max-below-min.yaml:8: spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`"),
    ("bad/window-too-long.yaml", "bad/window-too-long.yaml:10: spec.behavior.scaleDown.stabilizationWindowSeconds: Invalid value: 7200: must be less than or equal to 3600"),
    ("bad/negative-window.yaml", "bad/negative-window.yaml:10: spec.behavior.scaleDown.stabilizationWindowSeconds: Invalid value: -1: must be greater than or equal to zero"),
    ("bad/select-policy.yaml", "bad/select-policy.yaml:10: spec.behavior.scaleDown.selectPolicy: Unsupported value: \"Maximum\": supported values: \"Disabled\", \"Max\", \"Min\""),
    ("bad/empty-policies.yaml", "bad/empty-policies.yaml:10: spec.behavior.scaleUp.policies: Required value: must specify at least one Policy"),
    ("bad/zero-policy-value.yaml", "bad/zero-policy-value.yaml:11: spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero"),
    ("bad/bad-quantity.yaml", "bad/bad-quantity.yaml:12: spec.metrics[0].pods.target.averageValue: Invalid value: \"20x\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"),
    ("bad/unknown-metric-type.yaml", "bad/unknown-metric-type.yaml:9: spec.metrics[0].type: Unsupported value: \"CheddarCheese\": supported values: \"ContainerResource\", \"External\", \"Object\", \"Pods\", \"Resource\""),
    ("bad/target-mismatch.yaml", "bad/target-mismatch.yaml:11: spec.metrics[0].pods.target.averageValue: Required value: must specify a positive target averageValue"),
    ("bad/scale-to-zero.yaml", "bad/scale-to-zero.yaml:7: spec.minReplicas: Invalid value: 0: must be greater than or equal to 1"),
    ("bad/v1-zero-target.yaml", "bad/v1-zero-target.yaml:8: spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0"),
    ("bad/empty.yaml", "bad/empty.yaml: has no YAML document (empty or only comments)"),
    ("bad/comment-only.yaml", "bad/comment-only.yaml: has no YAML document (empty or only comments)"),
    ("bad/non-utf8.yaml", "bad/non-utf8.yaml:4: is not valid UTF-8; expected UTF-8 text"),
    ("bad/nul.yaml", "bad/nul.yaml:4: contains a NUL byte; expected UTF-8 text"),
    ("bad/deep.yaml", "bad/deep.yaml:1: nested 101 levels deep, deeper than the limit of 64"),
    ("bad/deep-block.yaml", "bad/deep-block.yaml:69: nested 65 levels deep, deeper than the limit of 64"),
    ("bad/alias-bomb.yaml", "bad/alias-bomb.yaml:1: document 1 expands to more than 200000 nodes (aliases are expanded when read); refusing it"),
    ("bad/scenarios/negative-duration.yaml", "bad/scenarios/negative-duration.yaml:3: duration: Invalid value: \"-5m\": a duration must not be negative"),
    ("bad/scenarios/absurd-duration.yaml", "bad/scenarios/absurd-duration.yaml:3: duration: Invalid value: \"400d\": expected a duration such as 30s, 5m, 1h30m or 7d (at most 366d)"),
    ("bad/scenarios/negative-rate.yaml", "bad/scenarios/negative-rate.yaml:9: workload.classes[0].arrivals.rate: Invalid value: \"-3/h\": a rate must not be negative"),
    ("bad/scenarios/absurd-rate.yaml", "bad/scenarios/absurd-rate.yaml:9: workload.classes[0].arrivals.rate: Invalid value: \"5e9/s\": more than 1,000,000 per second is not a plausible rate"),
    ("bad/scenarios/unknown-distribution.yaml", "bad/scenarios/unknown-distribution.yaml:10: workload.classes[0].duration.gamma: unknown distribution \"gamma\"; expected one of: constant, uniform, exponential, normal, lognormal, weibull, empirical"),
    ("bad/scenarios/missing-manifest.yaml", "bad/scenarios/missing-manifest.yaml:2: manifests[0]: \"bad/scenarios/no-such-file.yaml\": no such file"),
    ("bad/scenarios/glob-no-match.yaml", "bad/scenarios/glob-no-match.yaml:2: manifests[0]: \"bad/scenarios/no-match-*.yaml\": matches no file"),
    ("bad/scenarios/missing-manifests-field.yaml", "bad/scenarios/missing-manifests-field.yaml:1: manifests: Required value: the manifests the scenario runs (paths or globs)"),
    ("bad/scenarios/bad-override.yaml", "bad/scenarios/bad-override.yaml:4: overrides: wbe-hpa:spec.maxReplicas=10: no object named \"wbe-hpa\" in the manifests"),
    ("bad/scenarios/override-invalid-value.yaml", "bad/scenarios/override-invalid-value.yaml:4: spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 3600: must be less than or equal to 1800 (override web-hpa in bad/scenarios/app.yaml)"),
    ("bad/scenarios/override-bad-index.yaml", "bad/scenarios/override-bad-index.yaml:4: overrides: web-hpa:spec.metrics[5].type=Pods: cannot set spec.metrics[5]: the list has 0 entries"),
    ("bad/scenarios/bad-version.yaml", "bad/scenarios/bad-version.yaml:4: controller.kubernetesVersion: Invalid value: \"one point thirty\": expected a version such as \"1.33\""),
    ("bad/scenarios/unknown-deployment.yaml", "bad/scenarios/unknown-deployment.yaml:1: deployments.wbe: Invalid value: \"wbe\": no Deployment or StatefulSet of that name in the manifests"),
    ("bad/scenarios/unresolved-target.yaml", "bad/scenarios/app-wrong-target.yaml:21: spec.scaleTargetRef.name: Invalid value: \"webb\": no Deployment or StatefulSet of that name in the scenario's manifests"),
    ("bad/scenarios/seed-negative.yaml", "bad/scenarios/seed-negative.yaml:3: seed: expected an integer (a non-negative seed), found -1: out of range"),
]

@Test("each bad input gets its expected error, first among the errors", arguments: corpus)
func badInput(_ fixture: String, _ expected: String) {
    let diagnostics = ScenarioLoader.validate(paths: [Fixtures.path(fixture)])
    let errors = Fixtures.rendered(diagnostics.filter { $0.severity == .error })
    #expect(errors.first == expected)
    #expect(diagnostics.hasErrors)   // the CLI exits 2
}

@Test("a scenario with errors never yields a configuration")
func loadThrows() {
    #expect(throws: ScenarioError.self) {
        try ScenarioLoader.load(path: Fixtures.path("bad/scenarios/negative-duration.yaml"))
    }
}

@Test("a file larger than the byte limit is refused before it is parsed")
func hugeFile() {
    var limits = InputLimits()
    limits.maxBytes = 4096
    let diagnostics = ScenarioLoader.validate(paths: [Fixtures.path("bad/huge.yaml")], limits: limits)
    #expect(Fixtures.rendered(diagnostics) == ["bad/huge.yaml: file is 7049 bytes, larger than the limit of 4096 bytes"])
    #expect(ScenarioLoader.validate(paths: [Fixtures.path("bad/huge.yaml")]).filter { $0.severity == .error }.isEmpty)
}

@Test("every problem is reported, not just the first")
func allProblems() {
    let diagnostics = ScenarioLoader.validate(paths: [Fixtures.path("bad/scale-to-zero.yaml"), Fixtures.path("bad/tabs.yaml")])
    #expect(Fixtures.rendered(diagnostics.filter { $0.severity == .error }) == [
        "bad/scale-to-zero.yaml:7: spec.minReplicas: Invalid value: 0: must be greater than or equal to 1",
        "bad/scale-to-zero.yaml:7: spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas",
        "bad/tabs.yaml:4: found a tab character in indentation; YAML indents with spaces only",
    ])
}
