import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

@Suite struct FundsModuleTests {
    /// Every menu entry of the module opens a page the module itself registered, so no start-page link leads nowhere.
    @Test func everyMenuEntryOpensAPageOfTheModule() async throws {
        try await withShequ { app in
            let module = try #require(app.shequModules.first { $0.name == "funds" })
            let pages = Set(app.routes.all.filter { $0.shequModule == "funds" && $0.method == .GET }
                .map { "/" + $0.path.map(\.description).joined(separator: "/") })
            #expect(!module.menu.isEmpty)
            for entry in module.menu {
                #expect(pages.contains(entry.path), "\(entry.path) is not a page of funds")
                #expect(try await app.api(.GET, entry.path).status == .ok, "\(entry.path) does not open without signing in")
            }
        }
    }
}
