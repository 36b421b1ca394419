import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

/// A module whose workbench panel always fails, as one would whose query broke.
struct BrokenPanelModule: ShequModule {
    struct Broken: Error {}
    var name: String { "brokenPanel" }
    var migrations: [any Migration] { [] }
    func routes(web: any RoutesBuilder, api: APIRoutes) throws {}
    func workbench(for actor: Actor, on req: Request) async throws -> [WorkbenchSection] { throw Broken() }
}

/// One module's failing panel leaves the rest of the workbench standing: it is shown as unavailable, in both languages.
@Suite struct HallGapsWorkbenchTests {
    @Test func aFailingPanelIsShownAsUnavailableAndTheRestRenders() async throws {
        try await withServiceHall { app, _ in
            // First in the list, so the modules after it must still be asked.
            app.shequModules.insert(BrokenPanelModule(), at: 0)
            let staff = Browser(app)
            try await staff.signIn("window.a")
            let page = try await staff.get("/workbench")
            #expect(page.status == .ok, "\(page.body.prefix(300))")
            #expect(page.body.contains("<section id=\"serviceHall-window\""))
            #expect(page.body.contains("<section id=\"brokenPanel-unavailable\""))
            #expect(page.body.contains("暂时无法显示"))
            #expect(try await staff.post("/preferences", form: ["lang": "en", "back": "/workbench"]).status.code / 100 == 3)
            let english = try await staff.get("/workbench")
            #expect(english.status == .ok && english.body.contains("cannot be shown right now"))
            #expect(english.body.contains("<section id=\"serviceHall-window\""))
        }
    }
}
