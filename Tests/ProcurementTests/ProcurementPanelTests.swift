import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import Procurement

/// The panel judges for the buyer: a resident or an organisation's staff is refused at the call (422), and a
/// member who has become staff of any applicant is refused at scoring (403, logged).
@Suite struct ProcurementPanelTests {
    @Test func theCallRefusesResidentsAndOrganisationStaffOnThePanel() async throws {
        try await withShequ { app in
            let f = try await ProcurementFixture.make(app)
            let id = try await f.plan(app)
            for outsider in ["res.one", "res.two"] { // res.one is staff of 翠香长者关爱服务社
                var call = f.callJSON()
                call["panel"] = ["panel.one", "panel.two", outsider]
                let refused = try await app.api(.POST, "/api/v1/procurement/\(id)/call", token: f.buyer, json: call)
                #expect(refused.status == .unprocessableEntity && refused.object["code"] as? String == "panel_not_official", "\(refused.body)")
                #expect(refused.body.contains(outsider))
            }
            try await makeAccount(app, "plain.resident", .resident, communityA)
            var call = f.callJSON()
            call["panel"] = ["panel.one", "panel.two", "plain.resident"]
            #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/call", token: f.buyer, json: call).object["code"] as? String == "panel_not_official")
            call["panel"] = ["panel.one", "panel.two"]
            let two = try await app.api(.POST, "/api/v1/procurement/\(id)/call", token: f.buyer, json: call)
            #expect(two.status == .unprocessableEntity && two.object["code"] as? String == "panel_size", "\(two.body)")
            #expect(try await app.count(ProcurementPanelMember.self) == 0)
            // The rules' refusals are in the audit log, with their code, as the policy's are.
            #expect(try await AuditEntry.query(on: app.db).filter(\.$outcome == "denied").filter(\.$detail == "panel_not_official").count() == 3)
            #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/call", token: f.buyer, json: f.callJSON()).status == .ok)
        }
    }

    @Test func theAwardWaitsForEverySeatsSheet() async throws {
        try await withShequ { app in
            let f = try await ProcurementFixture.make(app)
            let (id, one, two) = try await f.scoring(app)
            #expect(try await f.score(app, id, one, token: f.panelOne, [90, 80, 70]).status == .created)
            #expect(try await f.score(app, id, two, token: f.panelOne, [80, 80, 90]).status == .created)
            #expect(try await f.score(app, id, one, token: f.panelTwo, [90, 80, 70]).status == .created)
            let early = try await app.api(.POST, "/api/v1/procurement/\(id)/award", token: f.buyer, json: ["applicationID": one, "reason": "综合得分最高。"])
            #expect(early.status == .conflict && early.object["code"] as? String == "sheets_missing", "\(early.body)")
            #expect(try await f.score(app, id, two, token: f.panelTwo, [70, 80, 80]).status == .created)
            #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/award", token: f.buyer,
                                      json: ["applicationID": one, "reason": "综合得分最高。"]).status == .ok)
            // Once awarded the panel is public, by seat and office, never by username.
            let seen = try await app.api(.GET, "/api/v1/procurement/\(id)")
            let panel = seen.object["panel"] as? [[String: Any]] ?? []
            #expect(panel.compactMap { $0["role"] as? String }.sorted() == ["districtOfficial", "streetOfficial", "streetOfficial"], "\(seen.body)")
            #expect(!seen.body.contains("panel.one") && !seen.body.contains("panel.three"))
            let page = try await app.api(.GET, "/procurement/\(id)")
            #expect(page.body.contains("#1 ") && !page.body.contains("panel.two"))
        }
    }

    @Test func staffOfAnyApplicantScoresNone() async throws {
        try await withShequ { app in
            let f = try await ProcurementFixture.make(app)
            let (id, _, two) = try await f.scoring(app)
            let member = try #require(try await Account.query(on: app.db).filter(\.$username == "panel.one").first())
            try await Grant(accountID: member.requireID(), role: .organizationStaff, scope: streetA, organizationID: f.orgOne).create(on: app.db)
            let before = try await denied(app, "procurement.score")
            let sheets = try await app.count(ProcurementSheet.self)
            let refused = try await f.score(app, id, two, token: f.panelOne, [80, 80, 80])
            #expect(refused.status == .forbidden && refused.object["code"] as? String == "panel_staff_of_applicant", "\(refused.body)")
            #expect(try await denied(app, "procurement.score") == before + 1)
            #expect(try await app.count(ProcurementSheet.self) == sheets)
        }
    }
}
