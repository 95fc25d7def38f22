import Testing

@Test("the Scenario test target builds")
func scenarioTargetBuilds() { #expect(Bool(true)) }
