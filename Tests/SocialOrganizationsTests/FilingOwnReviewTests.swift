import Fluent
import Foundation
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import SocialOrganizations

/// A street official lives in a community too: an account may hold a resident's grant and the street's. It files
/// as a resident; it does not approve its own organisation (a colleague or the district above decides).
@Suite struct FilingOwnReviewTests {
    @Test func aReviewerDoesNotDecideTheirOwnFiling() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            let both = try await makeAccount(app, "street.home", .streetOfficial, streetA)
            try await Grant(accountID: both.requireID(), role: .resident, scope: communityA).create(on: app.db)
            let token = try await app.token("street.home")
            let filed = try await app.api(.POST, "/api/v1/organization-filings", token: token, json: FilingFixture.json("自审测试服务队"))
            #expect(filed.status == .created, "\(filed.body)")
            let id = try #require(filed.object["id"] as? String)

            let before = try await denied(app, "socialOrganization.review")
            for decision in ["approve", "refuse", "return"] {
                let res = try await f.decide(app, id, decision, token: token, reason: "自己审核")
                #expect(res.status == .forbidden && res.body.contains("own_filing"), "\(decision): \(res.status) \(res.body)")
            }
            #expect(try await denied(app, "socialOrganization.review") == before + 3)
            #expect(try await Filing.find(UUID(uuidString: id), on: app.db)?.state == .submitted)
            #expect(try await Organization.query(on: app.db).filter(\.$kind == .socialOrganization).count() == 0)

            // The page offers its filer no decision, and its form is refused the same way.
            let page = Browser(app)
            try await page.signIn("street.home")
            let shown = try await page.get("/organization-filings/\(id)")
            #expect(shown.status == .ok && !shown.body.contains("/approve\""), "\(shown.status)")
            let posted = try await page.post("/organization-filings/\(id)/approve", form: ["reason": ""])
            #expect(posted.status == .forbidden, "\(posted.status)")
            #expect(try await Filing.find(UUID(uuidString: id), on: app.db)?.state == .submitted)

            // A colleague of the same street decides it.
            #expect(try await f.decide(app, id, "approve").status == .ok)
        }
    }
}
