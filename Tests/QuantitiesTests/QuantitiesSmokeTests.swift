import Testing

@Test("the Quantities test target builds")
func quantitiesTargetBuilds() { #expect(Bool(true)) }
