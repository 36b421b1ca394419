import Fluent
import Foundation
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import SocialOrganizations

/// C1: a resident files on a short form, the street decides with reasons, and both doors run one command.
@Suite struct FilingTests {
    @Test func aFilingIsFiledAndApprovedOnPagesAndThroughTheAPI() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            // The API door.
            let byAPI = try await app.api(.POST, "/api/v1/organization-filings", token: f.resident, json: FilingFixture.json("接口长者服务社"))
            #expect(byAPI.status == .created, "\(byAPI.body)")
            #expect(byAPI.object["state"] as? String == "submitted")
            #expect(byAPI.object["contactPhone"] as? String == "139****0999" && !byAPI.body.contains(FilingFixture.phone))
            let apiID = try #require(byAPI.object["id"] as? String)

            // The page door: the form is reached from the menu, and sends the filer to their own filings.
            let resident = Browser(app)
            try await resident.signIn("res.a")
            #expect(try await resident.get("/").body.contains("href=\"/organization-filings/new\""))
            let form = try await resident.get("/organization-filings/new")
            #expect(form.status == .ok && form.body.contains("action=\"/organization-filings\"") && form.body.contains("name=\"communities[]\""))
            // The filer is told before sending that the contact's name is public (the phone is masked).
            #expect(form.body.contains("联系人姓名将在公开名录中完整显示"))
            let posted = try await resident.post("/organization-filings", pairs: [
                ("name", "页面亲子阅读会"), ("category", "cultureSports"), ("streetCode", streetA),
                ("communities[]", communityA), ("communities[]", "440402001002"), ("purpose", "亲子共读"),
                ("contactName", "郑小芳"), ("contactPhone", "139 2690 0998"), ("members", "15"), ("partner", "none")])
            #expect(posted.status == .seeOther && posted.headers.first(name: .location) == "/organization-filings/mine", "\(posted.status) \(posted.body)")
            let mine = try await resident.get("/organization-filings/mine")
            #expect(mine.body.contains("页面亲子阅读会") && mine.body.contains("接口长者服务社"))
            let pageFiling = try #require(try await Filing.query(on: app.db).filter(\.$name == "页面亲子阅读会").first())
            #expect(try await FilingCommunity.query(on: app.db).filter(\.$filingID == pageFiling.requireID()).count() == 2)
            #expect(try await audited(app, "socialOrganization.file") == 2)
            #expect(try await app.api(.GET, "/api/v1/me/organization-filings", token: f.resident).object["total"] as? Int == 2)

            // The street reviews: the queue, the filing's page with its forms, one decision on each door.
            let street = Browser(app)
            try await street.signIn("street.a")
            let queue = try await street.get("/organization-filings")
            #expect(queue.status == .ok && queue.body.contains("页面亲子阅读会") && queue.body.contains("接口长者服务社"))
            let page = try await street.get("/organization-filings/\(try pageFiling.requireID())")
            #expect(page.body.contains("/approve\"") && page.body.contains("/refuse\"") && page.body.contains("/return\""))
            let approved = try await street.post("/organization-filings/\(try pageFiling.requireID())/approve", form: ["reason": ""])
            #expect(approved.status == .seeOther, "\(approved.body)")
            let byAPIApproval = try await f.decide(app, apiID, "approve")
            #expect(byAPIApproval.status == .ok && byAPIApproval.object["state"] as? String == "approved")
            #expect(byAPIApproval.object["decidedBy"] as? String == "street.a")
            #expect(try await audited(app, "socialOrganization.approve") == 2)

            // Both are in the directory's organisations, with their communities, and in the public registry.
            let orgs = try await Organization.query(on: app.db).filter(\.$kind == .socialOrganization).all()
            let pageOrg = try #require(orgs.first { $0.name == "页面亲子阅读会" })
            #expect(pageOrg.divisionCode == streetA && pageOrg.category == "文体活动类" && !pageOrg.contact.contains("13926900998"))
            #expect(try await OrganizationCommunity.query(on: app.db).filter(\.$organizationID == pageOrg.requireID()).count() == 2)
            let registry = try await app.api(.GET, "/api/v1/social-organizations")
            #expect(registry.object["total"] as? Int == 2)
            let shown = try await Browser(app).get("/social-organizations/\(try pageOrg.requireID())")
            #expect(shown.status == .ok && shown.body.contains("页面亲子阅读会") && shown.body.contains("139****0998"))
            // The directory's list, for staff, has it too.
            let admin = try await app.token("admin", adminPassword)
            let directory = try await app.api(.GET, "/api/v1/organizations?kind=socialOrganization", token: admin)
            #expect(directory.object["total"] as? Int == 2)
        }
    }

    @Test func aRefusalNeedsAReasonAndADecisionIsTakenOnce() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            let id = try await f.file(app, "理由测试服务队")
            for reason in [nil, "", "   "] as [String?] {
                let res = try await f.decide(app, id, "refuse", reason: reason)
                #expect(res.status == .unprocessableEntity && res.body.contains("reason"), "\(res.status) \(res.body)")
            }
            #expect(try await f.decide(app, id, "return").status == .unprocessableEntity)
            #expect(try await Filing.find(UUID(uuidString: id), on: app.db)?.state == .submitted)
            #expect(try await audited(app, "socialOrganization.refuse") == 0)
            // On the page, the same refusal says why and changes nothing.
            let street = Browser(app)
            try await street.signIn("street.a")
            _ = try await street.get("/organization-filings/\(id)")
            let refused = try await street.post("/organization-filings/\(id)/refuse", form: ["reason": ""])
            #expect(refused.status == .unprocessableEntity && refused.body.contains("理由"))

            let returned = try await f.decide(app, id, "return", reason: "请补充成员名册")
            #expect(returned.status == .ok && returned.object["state"] as? String == "returned" && returned.object["reason"] as? String == "请补充成员名册")
            let again = try await f.decide(app, id, "approve")
            #expect(again.status == .conflict && again.body.contains("退回补充材料"), "\(again.body)")
            #expect(try await Organization.query(on: app.db).filter(\.$kind == .socialOrganization).count() == 0)
            // The filer sees the reason on their own filing.
            let filer = Browser(app)
            try await filer.signIn("res.a")
            let returnedPage = try await filer.get("/organization-filings/\(id)")
            #expect(returnedPage.body.contains("请补充成员名册") && returnedPage.body.contains("href=\"/organization-filings/new\""))
            // Filed again under the same name, it waits for review once more.
            #expect(try await app.api(.POST, "/api/v1/organization-filings", token: f.resident, json: FilingFixture.json("理由测试服务队")).status == .created)

            let other = try await f.file(app, "拒绝测试服务队")
            let refusal = try await f.decide(app, other, "refuse", reason: "宗旨不属于社区服务")
            #expect(refusal.status == .ok && refusal.object["state"] as? String == "refused")
            #expect(try await audited(app, "socialOrganization.refuse") == 1)
        }
    }

    /// Two reviewers pressing at once: one conditional write decides, the other is told it was decided.
    @Test func parallelDecisionsDecideOnce() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            try await makeAccount(app, "district.x", .districtOfficial, "440402")
            let district = try await app.token("district.x")
            let id = try await f.file(app, "并发测试服务队")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for i in 0..<6 {
                    group.addTask {
                        i % 2 == 0 ? try await f.decide(app, id, "approve", token: district).status
                                   : try await f.decide(app, id, "refuse", reason: "重复").status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 5, "\(statuses)")
            let decisions = try await audited(app, "socialOrganization.approve") + audited(app, "socialOrganization.refuse")
            #expect(decisions == 1)
            #expect(try await Organization.query(on: app.db).filter(\.$kind == .socialOrganization).count() <= 1)
        }
    }

    @Test func anotherStreetsOfficialIsAnswered404AndLogged() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            let id = try await f.file(app, "翠香测试服务队")
            let before = try await denied(app, "socialOrganization.review")
            let res = try await f.decide(app, id, "approve", token: f.streetB)
            #expect(res.status == .notFound)
            #expect(try await denied(app, "socialOrganization.review") == before + 1)
            #expect(try await app.api(.GET, "/api/v1/organization-filings/\(id)", token: f.streetB).status == .notFound)
            #expect(try await denied(app, "socialOrganization.filingRead") == 1)
            #expect(try await app.api(.GET, "/api/v1/organization-filings", token: f.streetB).object["total"] as? Int == 0)
            let street = Browser(app)
            try await street.signIn("street.b")
            #expect(try await street.get("/organization-filings/\(id)").status == .notFound)
            #expect(try await Filing.find(UUID(uuidString: id), on: app.db)?.state == .submitted)
            // The district above the street may decide.
            try await makeAccount(app, "district.x", .districtOfficial, "440402")
            let district = try await app.token("district.x")
            #expect(try await app.api(.GET, "/api/v1/organization-filings", token: district).object["total"] as? Int == 1)
            #expect(try await f.decide(app, id, "approve", token: district).status == .ok)
        }
    }

    @Test func aResidentCannotDecideNorSeeTheQueue() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            let id = try await f.file(app, "自批测试服务队")
            // The filer sees their filing, so is told no (403); another resident is not told it exists (404).
            #expect(try await f.decide(app, id, "approve", token: f.resident).status == .forbidden)
            try await makeAccount(app, "res.b", .resident, communityB)
            let other = try await app.token("res.b")
            #expect(try await f.decide(app, id, "approve", token: other).status == .notFound)
            #expect(try await app.api(.GET, "/api/v1/organization-filings/\(id)", token: other).status == .notFound)
            #expect(try await denied(app, "socialOrganization.review") == 2)
            #expect(try await app.api(.GET, "/api/v1/organization-filings", token: f.resident).status == .forbidden)
            #expect(try await Filing.find(UUID(uuidString: id), on: app.db)?.state == .submitted)
            // Staff do not file (a resident's act); signed out, nothing but the registry.
            #expect(try await app.api(.POST, "/api/v1/organization-filings", token: f.streetA, json: FilingFixture.json("街道代填")).status == .forbidden)
            #expect(try await denied(app, "socialOrganization.file") == 1)
            #expect(try await app.api(.POST, "/api/v1/organization-filings", json: FilingFixture.json("匿名")).status == .unauthorized)
            let resident = Browser(app)
            try await resident.signIn("res.a")
            #expect(try await resident.get("/organization-filings").status == .forbidden)
            #expect(try await Browser(app).get("/organization-filings/new").status == .unauthorized)
        }
    }

    @Test func boundsAreCheckedAndTheFieldNamed() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            let tooLong = try await app.api(.POST, "/api/v1/organization-filings", token: f.resident,
                                            json: FilingFixture.json(String(repeating: "长", count: FilingInputs.nameMax + 1)))
            #expect(tooLong.status == .unprocessableEntity && tooLong.body.contains("name"), "\(tooLong.body)")
            var json = FilingFixture.json("区划测试")
            json["streetCode"] = communityA
            #expect(try await app.api(.POST, "/api/v1/organization-filings", token: f.resident, json: json).status == .unprocessableEntity)
            json = FilingFixture.json("区划测试", street: "440402001", communities: [ShequTestSupport.streetA + "999"])
            let unknown = try await app.api(.POST, "/api/v1/organization-filings", token: f.resident, json: json)
            #expect(unknown.status == .unprocessableEntity && unknown.body.contains("not_community"), "\(unknown.body)")
            json = FilingFixture.json("电话测试")
            json["contactPhone"] = "12345"
            let phone = try await app.api(.POST, "/api/v1/organization-filings", token: f.resident, json: json)
            #expect(phone.status == .unprocessableEntity && phone.body.contains("contactPhone"))
            json = FilingFixture.json("人数测试")
            json["members"] = 0
            #expect(try await app.api(.POST, "/api/v1/organization-filings", token: f.resident, json: json).status == .unprocessableEntity)
            json = FilingFixture.json("社区测试", communities: [])
            #expect(try await app.api(.POST, "/api/v1/organization-filings", token: f.resident, json: json).status == .unprocessableEntity)
            let reason = try await f.decide(app, try await f.file(app, "理由过长测试"), "refuse", reason: String(repeating: "x", count: FilingInputs.reasonMax + 1))
            #expect(reason.status == .unprocessableEntity && reason.body.contains("reason"))
            // The same bound on the page's form.
            let resident = Browser(app)
            try await resident.signIn("res.a")
            _ = try await resident.get("/organization-filings/new")
            let page = try await resident.post("/organization-filings", pairs: [
                ("name", String(repeating: "长", count: FilingInputs.nameMax + 1)), ("category", "other"), ("streetCode", streetA),
                ("communities[]", communityA), ("purpose", "x"), ("contactName", "x"), ("contactPhone", FilingFixture.phone), ("members", "3")])
            #expect(page.status == .unprocessableEntity && page.body.contains("name"))
            // A name already registered or waiting is taken.
            #expect(try await app.api(.POST, "/api/v1/organization-filings", token: f.resident, json: FilingFixture.json("理由过长测试")).status == .conflict)
            #expect(try await Filing.query(on: app.db).count() == 1)
        }
    }
}
