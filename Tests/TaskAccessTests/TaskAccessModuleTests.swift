import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

@Suite struct TaskAccessModuleTests {
    @Test func theModuleIsPartOfThePlatformAndItsRoutesAreTaggedWithIt() async throws {
        try await withShequ { app in
            #expect(app.shequModules.contains { $0.name == "taskAccess" })
            for route in app.routes.all where route.shequModule == "taskAccess" {
                #expect(route.path.first?.description != nil)
            }
        }
    }
}
