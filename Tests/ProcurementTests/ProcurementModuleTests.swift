import ShequTestSupport
import Testing
import Vapor
@testable import Procurement
@testable import ShequPlatform

@Suite struct ProcurementModuleTests {
    @Test func theModuleIsPartOfTheApp() async throws {
        try await withShequ { app in
            #expect(app.shequModules.contains { $0.name == "procurement" })
        }
    }
}
