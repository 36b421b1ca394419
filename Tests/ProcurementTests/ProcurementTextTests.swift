import Fluent
import Foundation
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import Procurement

/// A public title reads as what it is: no bidirectional override or invisible character; and the project's page
/// leads to its publication in the Open Contracting Data Standard.
@Suite struct ProcurementTextTests {
    @Test func invisibleOrReversingCharactersAreRefusedAndThePageLinksItsOCDS() async throws {
        try await withShequ { app in
            let f = try await ProcurementFixture.make(app)
            for title in ["\u{202E}\u{200B}", "长者助餐\u{202E}服务", "\u{FEFF}\u{2028}x"] {
                var json = f.planJSON()
                json["title"] = title
                let res = try await app.api(.POST, "/api/v1/procurement", token: f.buyer, json: json)
                #expect(res.status == .unprocessableEntity, "\(title.unicodeScalars.map { String($0.value, radix: 16) }): \(res.status)")
            }
            #expect(try await PurchaseProject.query(on: app.db).count() == 0)
            let id = try await f.plan(app)
            let page = try await Browser(app).get("/procurement/\(id)")
            #expect(page.status == .ok && page.body.contains("href=\"/ocds/projects/\(id)\""))
        }
    }
}
