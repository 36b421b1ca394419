import ShequTestSupport
import Testing
import Vapor
@testable import Procurement
@testable import ShequPlatform

@Suite struct ProcurementModuleTests {
    /// Every menu entry opens a page the module itself registered; the public one opens without signing in.
    @Test func everyMenuEntryOpensAPageOfTheModule() async throws {
        try await withShequ { app in
            let module = try #require(app.shequModules.first { $0.name == "procurement" })
            let pages = Set(app.routes.all.filter { $0.shequModule == "procurement" && $0.method == .GET }
                .map { "/" + $0.path.map(\.description).joined(separator: "/") })
            #expect(!module.menu.isEmpty)
            for entry in module.menu {
                #expect(pages.contains(entry.path), "\(entry.path) is not a page of procurement")
                if entry.action == nil { #expect(try await app.api(.GET, entry.path).status == .ok) }
            }
        }
    }
}
