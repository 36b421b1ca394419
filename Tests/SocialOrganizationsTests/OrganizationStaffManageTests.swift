import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import SocialOrganizations

/// An organisation names who acts for it: its staff add the people who work with them and remove those who leave,
/// never the last; no one else may, and every refusal is logged.
@Suite struct OrganizationStaffManageTests {
    static func approved(_ app: Application, _ f: FilingFixture) async throws -> String {
        let id = try await f.file(app, "工作人员测试服务社")
        #expect(try await f.decide(app, id, "approve").status == .ok)
        return try #require(try await Filing.find(UUID(uuidString: id), on: app.db)?.organizationID?.uuidString)
    }

    @Test func staffAddAndRemoveOnPagesAndTheAPIButNeverTheLast() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            let org = try await Self.approved(app, f)
            let colleague = try await makeAccount(app, "colleague", .resident, communityB)
            let path = "/api/v1/social-organizations/\(org)/staff"

            // The filer adds a colleague on the page; the colleague now acts for the organisation.
            let browser = Browser(app)
            try await browser.signIn("res.a")
            let page = try await browser.get("/social-organizations/\(org)/staff")
            #expect(page.status == .ok && page.body.contains("res.a") && page.body.contains("name=\"username\""))
            let added = try await browser.post("/social-organizations/\(org)/staff", form: ["username": "colleague"])
            #expect(added.status == .seeOther || added.status == .found, "\(added.status) \(added.body)")
            let colleagueToken = try await app.token("colleague")
            let list = try await app.api(.GET, path, token: colleagueToken)
            #expect(list.status == .ok && Set(list.array.compactMap { $0["username"] as? String }) == ["res.a", "colleague"], "\(list.body)")
            #expect(try await audited(app, "socialOrganization.staffManage.add") == 1)

            // Twice, or an account that does not exist: refused with the reason, nothing added.
            #expect(try await app.api(.POST, path, token: f.resident, json: ["username": "colleague"]).status == .conflict)
            let nobody = try await app.api(.POST, path, token: f.resident, json: ["username": "nobody.here"])
            #expect(nobody.status == .unprocessableEntity && nobody.object["code"] as? String == "no_such_account")

            // The colleague removes the filer; then the colleague, the last, stays.
            let filerID = try #require(try await Account.query(on: app.db).filter(\.$username == "res.a").first()?.id)
            let removed = try await app.api(.POST, "\(path)/\(filerID)/remove", token: colleagueToken)
            #expect(removed.status == .ok && removed.array.count == 1, "\(removed.body)")
            let last = try await app.api(.POST, "\(path)/\(try colleague.requireID())/remove", token: colleagueToken)
            #expect(last.status == .conflict && last.object["code"] as? String == "last_staff")
            // The filer acts for it no more.
            #expect(try await app.api(.POST, path, token: f.resident, json: ["username": "res.a"]).status == .forbidden)
        }
    }

    @Test func noOneElseManagesTheStaffAndTheStreetOnlyReads() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            let org = try await Self.approved(app, f)
            let path = "/api/v1/social-organizations/\(org)/staff"
            try await makeAccount(app, "stranger", .resident, communityA)
            let stranger = try await app.token("stranger")
            let before = try await denied(app, "socialOrganization.staffManage")
            for token in [stranger, f.streetA, f.streetB] {
                let res = try await app.api(.POST, path, token: token, json: ["username": "stranger"])
                #expect(res.status == .forbidden, "\(res.status) \(res.body)")
            }
            #expect(try await denied(app, "socialOrganization.staffManage") == before + 3)
            #expect(try await app.api(.GET, path, token: f.streetA).status == .ok, "its street sees who acts for it")
            #expect(try await app.api(.GET, path, token: stranger).status == .notFound)
            #expect(try await app.api(.GET, path, token: f.streetB).status == .notFound)
            #expect(try await Grant.query(on: app.db).filter(\.$role == .organizationStaff).count() == 1)
        }
    }

    @Test func actingForAnOrganisationElsewhereLeavesAnAccountItsOwnStreetsToManage() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            let org = try await Self.approved(app, f)  // based in street A
            // A resident of street B who volunteers for street A's organisation.
            let volunteer = try await makeAccount(app, "volunteer.b", .resident, communityB)
            #expect(try await app.api(.POST, "/api/v1/social-organizations/\(org)/staff", token: f.resident, json: ["username": "volunteer.b"]).status == .created)
            let admin = try await makeAccount(app, "admin.b", .cityAdministrator, streetB)
            _ = admin
            let token = try await app.token("admin.b")
            let seen = try await app.api(.GET, "/api/v1/accounts/\(try volunteer.requireID())", token: token)
            #expect(seen.status == .ok, "street B's administrator still manages its resident: \(seen.status)")
            // Nor does an administrator take the organisation's staff grant away: the organisation does.
            let grant = try #require(try await Grant.query(on: app.db).filter(\.$account.$id == volunteer.requireID()).filter(\.$role == .organizationStaff).first())
            let removed = try await app.api(.DELETE, "/api/v1/accounts/\(try volunteer.requireID())/grants/\(try grant.requireID())", token: token)
            #expect(removed.status == .unprocessableEntity && removed.object["code"] as? String == "organization_staff_by_organization", "\(removed.body)")
            // The account's page names the organisation and offers no form that would be refused.
            let browser = Browser(app)
            try await browser.signIn("admin.b")
            let page = try await browser.get("/accounts/\(try volunteer.requireID())")
            #expect(page.status == .ok && page.body.contains("工作人员测试服务社"), "\(page.status)")
            #expect(!page.body.contains("/grants/\(try grant.requireID())/remove"))
        }
    }

    @Test func anOfficialWhoActsForAnOrganisationDoesNotJudgeIt() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            let org = try await Self.approved(app, f)
            // street.a also volunteers for the organisation its street registered.
            #expect(try await app.api(.POST, "/api/v1/social-organizations/\(org)/staff", token: f.resident, json: ["username": "street.a"]).status == .created)
            let streetA = try await app.token("street.a")
            let before = try await denied(app, "socialOrganization.integrityRecord")
            let entry = try await app.api(.POST, "/api/v1/social-organizations/\(org)/integrity-entries", token: streetA, json: [
                "kind": "good", "source": "inspection", "summary": "自评优秀", "evidence": "自查", "occurredOn": LocalDate(instant: Date()).description])
            #expect(entry.status == .forbidden && entry.object["code"] as? String == "own_organization", "\(entry.status) \(entry.body)")
            #expect(try await denied(app, "socialOrganization.integrityRecord") == before + 1)
            let removal = try await app.api(.POST, "/api/v1/social-organizations/\(org)/list-removals", token: streetA,
                                            json: ["list": "abnormal", "rectification": "已整改"])
            #expect(removal.status == .forbidden && removal.object["code"] as? String == "own_organization")
            #expect(try await IntegrityEntry.query(on: app.db).count() == 0)
        }
    }
}
