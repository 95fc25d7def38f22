import Testing

@Test("the ClusterModel test target builds")
func clusterModelTargetBuilds() { #expect(Bool(true)) }
