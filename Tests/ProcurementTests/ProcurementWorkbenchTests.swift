import Fluent
import Foundation
import ShequKernel
import ShequTestSupport
import Testing
import Vapor
@testable import Procurement
@testable import ShequPlatform

/// Each role reaches its procurement pages from /workbench by links: the buyer its projects and the plan form,
/// the organisation's staff the calls open to them, a panel member the projects waiting for their scores.
@Suite struct ProcurementWorkbenchTests {
    @Test func eachRoleFindsItsProcurementPagesOnTheWorkbench() async throws {
        try await withShequ { app in
            let f = try await ProcurementFixture.make(app)
            let id = try await f.plan(app)
            #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/call", token: f.buyer, json: f.callJSON()).status == .ok)

            let buyer = Browser(app)
            try await buyer.signIn("street.a")
            let b = try await buyer.get("/workbench").body
            #expect(b.contains("<section id=\"procurement-buyer\"") && b.contains("href=\"/procurement/new\""))

            let staff = Browser(app)
            try await staff.signIn("res.one")
            let s = try await staff.get("/workbench").body
            #expect(s.contains("<section id=\"procurement-organization\"") && s.contains("href=\"/procurement/open-calls\""))
            #expect(try await staff.get("/procurement/open-calls").body.contains("/procurement/\(id)"))

            #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/applications", token: f.staffOne,
                                      json: ["organizationID": f.orgOne.uuidString, "proposal": "方案", "priceFen": 100]).status == .created)
            try await ProcurementFixture.pastClosingDay(app, id)
            #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/close", token: f.buyer, json: [:]).status == .ok)
            let panel = Browser(app)
            try await panel.signIn("panel.one")
            let p = try await panel.get("/workbench").body
            #expect(p.contains("<section id=\"procurement-panel\"") && p.contains("href=\"/procurement/panel\""))
            #expect(try await panel.get("/procurement/panel").body.contains("/procurement/\(id)/score"))

        }
    }
}
