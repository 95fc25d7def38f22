import Testing

@Test("the Simulate test target builds")
func simulateTargetBuilds() { #expect(Bool(true)) }
