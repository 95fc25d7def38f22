import Testing

@Test("the Store test target builds")
func storeTargetBuilds() { #expect(Bool(true)) }
