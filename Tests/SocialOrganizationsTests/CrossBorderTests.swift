import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import SocialOrganizations

/// C4: a Hong Kong or Macao partner records its social workers by their Mainland permits and its joint projects;
/// the linkage of 横琴, 拱北 and 湾仔 with Macao is read off both, in public.
@Suite struct CrossBorderTests {
    static let residenceBody = "82000019850615002"
    static var residencePermit: String { residenceBody + String(ResidentID.checkCharacter(for: residenceBody)) }

    /// A Macao partner based in street A, approved; its filer (res.a) is its staff.
    static func macaoPartner(_ app: Application, _ f: FilingFixture, name: String = "澳门街坊测试服务站", partner: String = "macao") async throws -> String {
        let res = try await app.api(.POST, "/api/v1/organization-filings", token: f.resident, json: FilingFixture.json(name, partner: partner))
        let id = try #require(res.object["id"] as? String)
        #expect(try await f.decide(app, id, "approve").status == .ok)
        return try #require(try await Filing.find(UUID(uuidString: id), on: app.db)?.organizationID?.uuidString)
    }

    static func worker(_ kind: String = "travelPermit", _ number: String = "M12345678", name: String = "区嘉敏") -> [String: Any] {
        ["name": name, "credentialKind": kind, "credentialNumber": number, "qualification": "澳门社会工作者专业资格 SW-0001"]
    }

    @Test func thePartnersStaffRecordWorkersWhosePermitsAreMaskedEverywhere() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            let org = try await Self.macaoPartner(app, f)
            let travel = try await app.api(.POST, "/api/v1/social-organizations/\(org)/partner-workers", token: f.resident, json: Self.worker())
            #expect(travel.status == .created && travel.object["credentialNumber"] as? String == "M********", "\(travel.status) \(travel.body)")
            let residence = try await app.api(.POST, "/api/v1/social-organizations/\(org)/partner-workers", token: f.streetA,
                                              json: Self.worker("residencePermit", Self.residencePermit, name: "冯伟杰"))
            #expect(residence.status == .created, "the street's official records too: \(residence.body)")
            #expect(try await audited(app, "socialOrganization.partnerWorker") == 2)

            // The list, for the organisation and its street: masked; the full number is nowhere in the answer.
            let list = try await app.api(.GET, "/api/v1/social-organizations/\(org)/partner-workers", token: f.resident)
            #expect(list.object["total"] as? Int == 2)
            #expect(!list.body.contains("12345678") && !list.body.contains(Self.residencePermit), "\(list.body)")
            let browser = Browser(app)
            try await browser.signIn("res.a")
            let page = try await browser.get("/social-organizations/\(org)/cross-border")
            #expect(page.status == .ok && page.body.contains("区嘉敏") && page.body.contains("820000************"))
            #expect(!page.body.contains(Self.residencePermit))
            // Stored sealed: the column holds neither number.
            for w in try await PartnerWorker.query(on: app.db).all() {
                #expect(!w.credentialSealed.contains("12345678") && w.credentialSealed != Self.residencePermit)
            }
        }
    }

    @Test func permitsAgainstTheirRulesOrOfAnotherRegionOrTwiceAreRefusedAndNothingIsWritten() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            let org = try await Self.macaoPartner(app, f)
            let path = "/api/v1/social-organizations/\(org)/partner-workers"
            let resident = validID("44040219800101123")
            let cases: [([String: Any], String)] = [
                (Self.worker("travelPermit", "H12345678"), "credential_region"),
                (Self.worker("travelPermit", "M1234567X"), "invalid_credential"),
                (Self.worker("residencePermit", resident), "invalid_credential"),
                (Self.worker("residencePermit", String(Self.residencePermit.dropLast()) + (Self.residencePermit.last == "1" ? "2" : "1")), "invalid_credential"),
            ]
            for (json, code) in cases {
                let res = try await app.api(.POST, path, token: f.resident, json: json)
                #expect(res.status == .unprocessableEntity && res.object["code"] as? String == code, "\(json): \(res.status) \(res.body)")
            }
            #expect(try await PartnerWorker.query(on: app.db).count() == 0)
            #expect(try await app.api(.POST, path, token: f.resident, json: Self.worker()).status == .created)
            let twice = try await app.api(.POST, path, token: f.resident, json: Self.worker(name: "另一人"))
            #expect(twice.status == .conflict && twice.object["code"] as? String == "credential_recorded")
            // A field over its declared bound is named.
            let long = try await app.api(.POST, path, token: f.resident, json: Self.worker().merging(["name": String(repeating: "名", count: 31)]) { $1 })
            #expect(long.status == .unprocessableEntity && long.body.contains("name"))
            #expect(try await PartnerWorker.query(on: app.db).count() == 1)
        }
    }

    @Test func onlyThePartnersStaffAndItsStreetRecordAndAnOrdinaryOrganisationHasNoPartners() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            let org = try await Self.macaoPartner(app, f)
            let path = "/api/v1/social-organizations/\(org)/partner-workers"
            try await makeAccount(app, "res.other", .resident, communityA)
            let before = try await denied(app, "socialOrganization.crossBorderRecord")
            let other = try await app.token("res.other")
            for token in [f.streetB, other] {
                let res = try await app.api(.POST, path, token: token, json: Self.worker())
                #expect(res.status == .forbidden, "\(res.status) \(res.body)")
                #expect(try await app.api(.GET, path, token: token).status == .notFound, "nor may they read the list")
            }
            #expect(try await denied(app, "socialOrganization.crossBorderRecord") == before + 2)
            #expect(try await PartnerWorker.query(on: app.db).count() == 0)

            // A registry organisation that is no Hong Kong or Macao partner records no workers, with the reason.
            let local = try await Self.macaoPartner(app, f, name: "本地测试服务队", partner: "none")
            let res = try await app.api(.POST, "/api/v1/social-organizations/\(local)/partner-workers", token: f.resident, json: Self.worker())
            #expect(res.status == .unprocessableEntity && res.object["code"] as? String == "not_cross_border_partner", "\(res.body)")
        }
    }

    @Test func jointProjectsCountTowardsTheLinkageOfTheThreePlacesOnPagesAndInPublic() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            let org = try await Self.macaoPartner(app, f)
            let browser = Browser(app)
            try await browser.signIn("res.a")
            _ = try await browser.get("/social-organizations/\(org)/cross-border")
            // The page's forms run the same commands: a project in 拱北, then a Macao worker.
            // A form sends the blank last day as an empty field: no last day.
            let today = LocalDate(instant: Date())
            let project = try await browser.post("/social-organizations/\(org)/joint-projects", form: [
                "title": "珠澳长者同行", "summary": "澳门社工结对探访独居长者。", "streetCode": "440402005",
                "startsOn": today.adding(days: -30).description, "endsOn": "",
            ])
            #expect(project.status == .seeOther || project.status == .found, "\(project.status) \(project.body)")
            var linkage = try await app.api(.GET, "/api/v1/cross-border/linkage")
            var places = linkage.array
            #expect(places.map { $0["streetCode"] as? String } == ["440402104", "440402005", "440402008"])
            #expect(places.allSatisfy { $0["linked"] as? Bool == false }, "no Macao social worker yet: \(linkage.body)")

            _ = try await browser.get("/social-organizations/\(org)/cross-border")
            let recorded = try await browser.post("/social-organizations/\(org)/partner-workers", form: [
                "name": "区嘉敏", "credentialKind": "travelPermit", "credentialNumber": "M12345678", "qualification": "澳门注册社工",
            ])
            #expect(recorded.status == .seeOther || recorded.status == .found, "\(recorded.status) \(recorded.body)")
            linkage = try await app.api(.GET, "/api/v1/cross-border/linkage")
            places = linkage.array
            #expect(places.map { $0["linked"] as? Bool } == [false, true, false], "\(linkage.body)")
            #expect(places[1]["macaoWorkers"] as? Int == 1 && places[1]["jointProjects"] as? Int == 1)

            // Refused: dates out of order, a place that is not a street.
            let backwards = try await app.api(.POST, "/api/v1/social-organizations/\(org)/joint-projects", token: f.resident, json: [
                "title": "倒序", "summary": "x", "streetCode": "440402008", "startsOn": "2026-05-01", "endsOn": "2026-04-01",
            ])
            #expect(backwards.status == .unprocessableEntity && backwards.object["code"] as? String == "ends_before_start")
            let community = try await app.api(.POST, "/api/v1/social-organizations/\(org)/joint-projects", token: f.resident, json: [
                "title": "社区", "summary": "x", "streetCode": "440402005001", "startsOn": "2026-05-01",
            ])
            #expect(community.status == .unprocessableEntity)
            // Public text carries no one's phone or permit; a date typed at random is refused.
            for (title, summary) in [("社工区嘉敏 M60218435", "x"), ("探访", "联系 13926900109")] {
                let leak = try await app.api(.POST, "/api/v1/social-organizations/\(org)/joint-projects", token: f.resident, json: [
                    "title": title, "summary": summary, "streetCode": "440402008", "startsOn": today.description,
                ])
                #expect(leak.status == .unprocessableEntity && leak.object["code"] as? String == "personal_data", "\(leak.body)")
            }
            let ancient = try await app.api(.POST, "/api/v1/social-organizations/\(org)/joint-projects", token: f.resident, json: [
                "title": "古老", "summary": "x", "streetCode": "440402104", "startsOn": "1901-01-01", "endsOn": "1901-01-02",
            ])
            #expect(ancient.status == .unprocessableEntity && ancient.object["code"] as? String == "implausible_period")
            #expect(try await JointProject.query(on: app.db).count() == 1)
            // A project that has ended links nothing: 湾仔's ran last year.
            let ended = try await app.api(.POST, "/api/v1/social-organizations/\(org)/joint-projects", token: f.resident, json: [
                "title": "去年的项目", "summary": "x", "streetCode": "440402008",
                "startsOn": today.adding(days: -400).description, "endsOn": today.adding(days: -40).description,
            ])
            #expect(ended.status == .created, "\(ended.body)")
            #expect(try await app.api(.GET, "/api/v1/cross-border/linkage").array.map { $0["linked"] as? Bool } == [false, true, false])

            // Public, signed out: the linkage page, the projects and their CSV; no permit number anywhere.
            let anonymous = Browser(app)
            let page = try await anonymous.get("/cross-border")
            #expect(page.status == .ok && page.body.contains("珠澳长者同行") && page.body.contains("已对接") && !page.body.contains("M1234"))
            let csv = try await anonymous.get("/cross-border/joint-projects.csv")
            #expect(csv.status == .ok && csv.body.contains("珠澳长者同行") && csv.body.contains("440402005"))
            let projects = try await app.api(.GET, "/api/v1/joint-projects")
            #expect(projects.object["total"] as? Int == 2)
            // The partner's worker page is not public: signed out, it asks for a sign-in and shows no worker.
            let workers = try await anonymous.get("/social-organizations/\(org)/cross-border")
            #expect(workers.status == .unauthorized && !workers.body.contains("M1234"), "\(workers.status)")
        }
    }
}
