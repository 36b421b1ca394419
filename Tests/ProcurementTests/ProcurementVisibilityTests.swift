import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import Procurement

/// While the call is open no bidder learns a rival's price or proposal (only how many applied; their own staff see
/// their own); the panel is named only once the award is made; accounts' usernames of residents and the text of a
/// conflict declaration are never public.
@Suite struct ProcurementVisibilityTests {
    @Test func anOpenCallShowsOnlyHowManyApplied() async throws {
        try await withShequ { app in
            let f = try await ProcurementFixture.make(app)
            let id = try await f.plan(app)
            #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/call", token: f.buyer, json: f.callJSON()).status == .ok)
            #expect(try await f.apply(app, id, token: f.staffOne, org: f.orgOne, priceFen: 15_000_000).status == .created)

            for token in [nil, f.staffTwo, f.otherStreet] {
                let seen = try await app.api(.GET, "/api/v1/procurement/\(id)", token: token)
                #expect(seen.status == .ok)
                #expect((seen.object["standings"] as? [Any])?.isEmpty == true, "\(seen.body)")
                #expect(seen.object["applicationCount"] as? Int == 1)
                #expect((seen.object["panel"] as? [Any])?.isEmpty == true)
                for secret in ["15000000", "配备持证护理员", "res.one", "panel.one"] { #expect(!seen.body.contains(secret), "\(secret) shown") }
            }
            let own = try await app.api(.GET, "/api/v1/procurement/\(id)", token: f.staffOne)
            #expect((own.object["standings"] as? [Any])?.count == 1)
            #expect(!own.body.contains("res.one"))
            let page = try await app.api(.GET, "/procurement/\(id)")
            for secret in ["150,000.00", "配备持证护理员", "res.one", "panel.one"] { #expect(!page.body.contains(secret), "\(secret) on page") }
        }
    }

    @Test func afterTheCloseScoresAreByOrganisationAndSeatAndConflictsAreOnlyDeclared() async throws {
        try await withShequ { app in
            let f = try await ProcurementFixture.make(app)
            let (id, one, _) = try await f.scoring(app)
            #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/applications/\(one)/score", token: f.panelOne,
                                      json: ["conflictStatement": "本人配偶在该组织任职。"]).status == .created)
            let seen = try await app.api(.GET, "/api/v1/procurement/\(id)")
            #expect((seen.object["standings"] as? [Any])?.count == 2)
            #expect(seen.object["applicationCount"] as? Int == 2)
            for secret in ["本人配偶", "res.one", "res.two", "panel.one", "submittedBy"] { #expect(!seen.body.contains(secret), "\(secret) shown") }
            #expect(seen.body.contains("翠香长者关爱服务社"))
            let page = try await app.api(.GET, "/procurement/\(id)")
            for secret in ["本人配偶", "res.one", "panel.one"] { #expect(!page.body.contains(secret), "\(secret) on page") }
        }
    }
}
