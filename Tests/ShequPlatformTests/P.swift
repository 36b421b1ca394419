import Testing
import VaporTesting
@testable import ShequPlatform
@Test func p() {}
