import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

@Suite struct FundsModuleTests {
    @Test func theModuleIsPartOfThePlatformAndItsRoutesAreTaggedWithIt() async throws {
        try await withShequ { app in
            #expect(app.shequModules.contains { $0.name == "funds" })
            for route in app.routes.all where route.shequModule == "funds" {
                #expect(route.path.first?.description != nil)
            }
        }
    }
}
