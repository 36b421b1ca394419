import Testing
@testable import ShequKernel
@Test func k() {}
