import Testing

@Test("the EventEngine test target builds")
func eventEngineTargetBuilds() { #expect(Bool(true)) }
