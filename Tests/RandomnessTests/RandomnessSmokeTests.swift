import Testing

@Test("the Randomness test target builds")
func randomnessTargetBuilds() { #expect(Bool(true)) }
