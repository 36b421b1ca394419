import Fluent
import Foundation
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import SocialOrganizations

/// An organisation acts for itself (C1): its approved filer becomes its staff, scoped to the organisation, not to a
/// division; the policy ties staff to their own organisation's records and to no other's.
@Suite struct OrganizationStaffTests {
    static let memberAction = Action("test.organizationMember")

    @Test func theApprovedFilerActsForTheOrganisationAndOnlyForIt() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            let id = try await f.file(app, "员工测试长者服务社")
            #expect(try await f.decide(app, id, "approve").status == .ok)
            let organizationID = try #require(try await Filing.find(UUID(uuidString: id), on: app.db)?.organizationID)

            // The token's actor (one SQL statement on each database) carries the organisation.
            let me = try await app.api(.GET, "/api/v1/me", token: f.resident)
            let grants = me.object["grants"] as? [[String: Any]] ?? []
            let staff = grants.filter { $0["role"] as? String == "organizationStaff" }
            #expect(staff.count == 1 && staff.first?["organizationID"] as? String == organizationID.uuidString, "\(me.body)")
            #expect(staff.first?["scope"] as? String == streetA)

            // The relation holds for this organisation's records and no other's.
            Policy.register(PolicyRules(byRelation: [Self.memberAction: [.organizationMember]]))
            let account = try #require(try await Account.query(on: app.db).filter(\.$username == "res.a").first())
            let actor = try await AccountService.actor(for: account, on: app.db)
            #expect(actor.organizationIDs == [organizationID])
            #expect(Policy.may(actor, Self.memberAction, on: Resource(organizationID: organizationID)))
            #expect(!Policy.may(actor, Self.memberAction, on: Resource(organizationID: UUID())))
            #expect(!Policy.may(actor, Self.memberAction, on: Resource(divisionCode: streetA)), "no reach by the grant's scope")
            // Nor is the organisation's staff an office: no staff-only screen opens for it.
            #expect(!actor.isStaff)

            // Its workbench links to the organisation's page, which shows it.
            let browser = Browser(app)
            try await browser.signIn("res.a")
            let workbench = try await browser.get("/workbench")
            #expect(workbench.body.contains("socialOrganizations-staff") && workbench.body.contains("/social-organizations/\(organizationID)"))
            let page = try await browser.get("/social-organizations/\(organizationID)")
            #expect(page.status == .ok && page.body.contains("员工测试长者服务社"))
        }
    }

    @Test func refusedOrReturnedFilingsMakeNoStaffAndAnAdministratorCannotGrantIt() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            let refused = try await f.file(app, "被拒测试服务社")
            #expect(try await f.decide(app, refused, "refuse", reason: "材料不全").status == .ok)
            let returned = try await f.file(app, "退回测试服务社")
            #expect(try await f.decide(app, returned, "return", reason: "请补充章程").status == .ok)
            #expect(try await Grant.query(on: app.db).filter(\.$role == .organizationStaff).count() == 0)

            // An administrator's grant would name no organisation: refused with the reason, nothing written.
            try await makeAccount(app, "admin.org", .cityAdministrator, "4404")
            let target = try await makeAccount(app, "plain.res", .resident, communityA)
            let res = try await app.api(.POST, "/api/v1/accounts/\(try target.requireID())/grants", token: try await app.token("admin.org"),
                                        json: ["role": "organizationStaff", "scope": streetA])
            #expect(res.status == .unprocessableEntity && res.body.contains("organization_staff_by_organization"), "\(res.status) \(res.body)")
            #expect(try await Grant.query(on: app.db).filter(\.$role == .organizationStaff).count() == 0)
        }
    }
}
