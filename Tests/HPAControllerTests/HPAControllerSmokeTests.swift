import Testing

@Test("the HPAController test target builds")
func hPAControllerTargetBuilds() { #expect(Bool(true)) }
