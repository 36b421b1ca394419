import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import TaskAccess

/// Rule A5: an assessment of communities exists only with a national or
/// provincial basis; every refusal says so in both languages and is kept.
@Suite struct AssessmentRefusalTests {
    @Test func withoutABasisOrWithOnlyALocalOneTheRegistrationIsRefusedCitingA5() async throws {
        try await withAssessments { app, f in
            var missing = assessmentJSON("社区台账检查", departmentID: f.civil)
            missing["basisLevel"] = nil
            missing["basisDocument"] = nil
            missing["basisArticle"] = nil
            var cityLevel = assessmentJSON("文明社区评比", departmentID: f.civil)
            cityLevel["basisLevel"] = "city"
            cityLevel["basisDocument"] = "《珠海市文明社区评比办法》"
            var disguised = assessmentJSON("社区工作考核", departmentID: f.civil)
            disguised["basisLevel"] = "provincial"
            disguised["basisDocument"] = "珠字〔2010〕7号"
            var noArticle = assessmentJSON("创卫检查", departmentID: f.civil)
            noArticle["basisArticle"] = "  "
            let cases: [([String: Any], String)] = [(missing, "a5_no_legal_basis"), (cityLevel, "a5_local_basis"),
                                                    (disguised, "a5_local_basis"), (noArticle, "a5_no_legal_basis")]
            for (i, (json, code)) in cases.enumerated() {
                let zh = try await app.api(.POST, "/api/v1/assessments", token: f.civilStaff, json: json)
                #expect(zh.status == .unprocessableEntity)
                #expect(zh.object["code"] as? String == code)
                #expect((zh.object["reason"] as? String ?? "").contains("规则 A5"))
                let en = try await app.api(.POST, "/api/v1/assessments", token: f.office, json: json, headers: ["Accept-Language": "en"])
                #expect(en.status == .unprocessableEntity)
                #expect((en.object["reason"] as? String ?? "").contains("rule A5"))
                #expect(try await app.assessmentCount() == 0)
                #expect(try await app.denials().count == 2 * (i + 1))
            }
            let kept = try await app.denials()
            #expect(kept.allSatisfy { $0.detail.hasPrefix("A5 ") })
            #expect(kept.contains { $0.actor == "civil" && $0.detail.contains("珠字〔2010〕7号") })
        }
    }

    @Test func thoseWhoMayNotRegisterAreRefusedAndLogged() async throws {
        try await withAssessments { app, f in
            let json = assessmentJSON("社区换届评估", departmentID: f.civil)
            // A community worker has no registering role at all.
            #expect(try await app.api(.POST, "/api/v1/assessments", token: f.community, json: json).status == .forbidden)
            #expect(try await app.denials().count == 1)
            // A department's officer registers for their own department only.
            let other = try await app.api(.POST, "/api/v1/assessments", token: f.justiceStaff, json: json)
            #expect(other.status == .forbidden)
            #expect(try await app.denials().count == 2)
            // ...and only inside their own scope: the district's justice bureau cannot reach the other district.
            let outside = try await app.api(.POST, "/api/v1/assessments", token: f.justiceStaff,
                                            json: assessmentJSON("调解工作考核", coverage: ["440403"], departmentID: f.justice))
            #expect(outside.status == .forbidden || outside.status == .unprocessableEntity)
            // A government level's own assessment is the leading-group office's to register.
            var government = assessmentJSON("街道对社区的考核")
            government["governmentCode"] = "440402"
            #expect(try await app.api(.POST, "/api/v1/assessments", token: f.civilStaff, json: government).status == .forbidden)
            #expect(try await app.assessmentCount() == 0)
            #expect(try await app.denials().count >= 3)
            #expect(try await app.api(.POST, "/api/v1/assessments", json: json).status == .unauthorized)
            // Without a token the pages send the visitor to sign in; no form is shown.
            #expect(try await app.api(.GET, "/assessments/new").status == .unauthorized)
        }
    }

    @Test func registrarsRegisterForTheirOwnBody() async throws {
        try await withAssessments { app, f in
            // The officer need not name the department: it is the one on their grant.
            let own = try await app.api(.POST, "/api/v1/assessments", token: f.civilStaff, json: assessmentJSON("社区换届评估"))
            #expect(own.status == .created)
            #expect(own.object["body"] as? String == "珠海市民政局")
            #expect(own.object["status"] as? String == "registered")
            var government = assessmentJSON("区政府对社区的安全生产检查", coverage: ["440402"])
            government["governmentCode"] = "440402"
            government["basisLevel"] = "provincial"
            government["basisDocument"] = "《广东省安全生产条例》"
            government["basisArticle"] = "第十条"
            let byOffice = try await app.api(.POST, "/api/v1/assessments", token: f.districtOffice, json: government)
            #expect(byOffice.status == .created)
            #expect(byOffice.object["body"] as? String == "香洲区人民政府")
            let again = try await app.api(.POST, "/api/v1/assessments", token: f.civilStaff, json: assessmentJSON("社区换届评估"))
            #expect(again.status == .conflict)
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == "assessment.register").filter(\.$outcome == "ok").all()
            #expect(audit.count == 2)
            #expect(audit.contains { $0.actor == "civil" && $0.scope == streetA && $0.detail.contains("组织法") })
        }
    }

    @Test func twoIdenticalRegistrationsAtOnceRegisterOnce() async throws {
        try await withAssessments { app, f in
            // A form sent twice from two tabs: on PostgreSQL both count none before either writes; one must land.
            async let first = app.api(.POST, "/api/v1/assessments", token: f.civilStaff, json: assessmentJSON("社区换届评估"))
            async let second = app.api(.POST, "/api/v1/assessments", token: f.civilStaff, json: assessmentJSON("社区换届评估"))
            let responses = [try await first, try await second]
            #expect(responses.filter { $0.status == .created }.count == 1)
            #expect(responses.filter { $0.status == .conflict }.count == 1)
            let refused = try #require(responses.first { $0.status == .conflict })
            #expect(refused.object["code"] as? String == "already_registered")
            #expect(try await Assessment.query(on: app.db).filter(\.$title == "社区换届评估").count() == 1)
            #expect(try await AssessmentCoverage.query(on: app.db).count() == 1)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "assessment.register").filter(\.$outcome == "ok").count() == 1)
        }
    }

    @Test func aWithdrawnAssessmentMayBeRegisteredAgain() async throws {
        try await withAssessments { app, f in
            let first = try await app.api(.POST, "/api/v1/assessments", token: f.civilStaff, json: assessmentJSON("社区换届评估"))
            let id = try #require(first.object["id"] as? String)
            let withdrawn = try await app.api(.POST, "/api/v1/assessments/\(id)/withdraw", token: f.office, json: ["reason": "依据有误"])
            #expect(withdrawn.status == .ok)
            let again = try await app.api(.POST, "/api/v1/assessments", token: f.civilStaff, json: assessmentJSON("社区换届评估"))
            #expect(again.status == .created)
            #expect(try await Assessment.query(on: app.db).filter(\.$status == .registered).count() == 1)
            #expect(try await Assessment.query(on: app.db).filter(\.$status == .withdrawn).count() == 1)
        }
    }
}

@Suite struct AssessmentPublicListTests {
    @Test func eachCommunitySeesTheAssessmentsThatCoverItAndNoOthers() async throws {
        try await withAssessments { app, f in
            let street = try await app.api(.POST, "/api/v1/assessments", token: f.civilStaff,
                                           json: assessmentJSON("翠香街道社区评估", coverage: [streetA]))
            let single = try await app.api(.POST, "/api/v1/assessments", token: f.civilStaff,
                                           json: assessmentJSON("梅华单个社区评估", coverage: [communityB]))
            let city = try await app.api(.POST, "/api/v1/assessments", token: f.office,
                                         json: assessmentJSON("全市社区评估", coverage: ["4404"], departmentID: f.civil))
            #expect([street.status, single.status, city.status] == [.created, .created, .created])

            let a = try await app.api(.GET, "/api/v1/communities/\(communityA)/assessments")
            #expect(a.status == .ok)
            #expect(Set(a.items.compactMap { $0["title"] as? String }) == ["翠香街道社区评估", "全市社区评估"])
            let b = try await app.api(.GET, "/api/v1/communities/\(communityB)/assessments")
            #expect(Set(b.items.compactMap { $0["title"] as? String }) == ["梅华单个社区评估", "全市社区评估"])
            // The public reads the basis but not who typed it in.
            #expect(a.items.first?["basisDocument"] as? String == "《中华人民共和国城市居民委员会组织法》")
            #expect(a.items.first?["registeredBy"] == nil)

            let page = try await app.api(.GET, "/communities/\(communityA)/assessments")
            #expect(page.status == .ok)
            #expect(page.body.contains("翠香街道社区评估") && page.body.contains("全市社区评估") && !page.body.contains("梅华单个社区评估"))
            let en = try await app.api(.GET, "/communities/\(communityA)/assessments?lang=en")
            #expect(en.body.contains("Assessments of this community") && en.body.contains("National"))

            let counts = try await app.api(.GET, "/api/v1/assessments/by-body")
            #expect(counts.array.first { $0["body"] as? String == "珠海市民政局" }?["count"] as? Int == 3)
            let index = try await app.api(.GET, "/assessments")
            #expect(index.status == .ok && index.body.contains("珠海市民政局") && index.body.contains("/assessments.csv"))
            #expect(try await app.api(.GET, "/api/v1/communities/999999999999/assessments").status == .notFound)
        }
    }

    @Test func theCSVHoldsTheRegistryAsAnOfficialWouldFileIt() async throws {
        try await withAssessments { app, f in
            var json = assessmentJSON("换届评估, \"试点\"", coverage: [streetA, communityB], departmentID: f.civil)
            json["indicators"] = "=按期换届"
            #expect(try await app.api(.POST, "/api/v1/assessments", token: f.office, json: json).status == .created)
            _ = try await app.api(.POST, "/api/v1/assessments", token: f.office, json: assessmentJSON("仅梅华", coverage: [communityB], departmentID: f.civil))
            let csv = try await app.api(.GET, "/assessments.csv")
            #expect(csv.status == .ok)
            #expect(csv.headers.contentType?.subType == "csv")
            let lines = csv.body.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 3)
            #expect(lines[0] == "\u{FEFF}" + AssessmentCSV.header)
            let row = try #require(lines.first { $0.contains("试点") })
            #expect(row.contains("\"换届评估, \"\"试点\"\"\""))
            #expect(row.contains("evaluation,珠海市民政局,national,《中华人民共和国城市居民委员会组织法》,第八条,2026,上半年,440402001 440402002001,'=按期换届,registered,"))
            let mine = try await app.api(.GET, "/assessments.csv?community=\(communityA)")
            #expect(mine.body.contains("试点") && !mine.body.contains("仅梅华"))
            #expect(try await app.api(.GET, "/api/v1/assessments/export?status=withdrawn").body.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1)
            #expect(try await app.api(.GET, "/assessments.csv?community=abc").status == .unprocessableEntity)
        }
    }
}

@Suite struct AssessmentWithdrawalTests {
    @Test func theLeadingGroupOfficeWithdrawsWithReasonsAndTheCommunityListForgetsIt() async throws {
        try await withAssessments { app, f in
            let district = try await app.api(.POST, "/api/v1/assessments", token: f.civilStaff, json: assessmentJSON("翠香评估", coverage: [streetA]))
            let city = try await app.api(.POST, "/api/v1/assessments", token: f.civilStaff, json: assessmentJSON("全市评估", coverage: ["4404"]))
            let districtID = try #require(district.object["id"] as? String), cityID = try #require(city.object["id"] as? String)

            // The department may not withdraw, and the district office reaches only its district.
            #expect(try await app.api(.POST, "/api/v1/assessments/\(districtID)/withdraw", token: f.civilStaff, json: ["reason": "x"]).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/assessments/\(cityID)/withdraw", token: f.districtOffice, json: ["reason": "x"]).status == .forbidden)
            #expect(try await app.denials("assessment.withdraw").count == 2)
            #expect(try await app.api(.POST, "/api/v1/assessments/\(districtID)/withdraw", token: f.districtOffice, json: ["reason": ""]).status.code / 100 == 4)

            let done = try await app.api(.POST, "/api/v1/assessments/\(districtID)/withdraw", token: f.districtOffice,
                                         json: ["reason": "国家和省均无此要求"])
            #expect(done.status == .ok)
            #expect(done.object["status"] as? String == "withdrawn")
            #expect(done.object["withdrawalReason"] as? String == "国家和省均无此要求")
            let twice = try await app.api(.POST, "/api/v1/assessments/\(districtID)/withdraw", token: f.office, json: ["reason": "再次"])
            #expect(twice.status == .conflict)

            let list = try await app.api(.GET, "/api/v1/communities/\(communityA)/assessments")
            #expect(list.items.compactMap { $0["title"] as? String } == ["全市评估"])
            let withdrawn = try await app.api(.GET, "/api/v1/assessments?status=withdrawn")
            #expect(withdrawn.items.compactMap { $0["title"] as? String } == ["翠香评估"])
            let shown = try await app.api(.GET, "/assessments/\(districtID)")
            #expect(shown.body.contains("国家和省均无此要求"))
            let entry = try await AuditEntry.query(on: app.db).filter(\.$action == "assessment.withdraw").filter(\.$outcome == "ok").all()
            #expect(entry.count == 1 && entry[0].actor == "office.xz" && entry[0].entityID?.lowercased() == districtID.lowercased())
        }
    }
}

@Suite struct AssessmentPageTests {
    @Test func theFormAndTheAPIRunTheSameCommand() async throws {
        try await withAssessments { app, f in
            let browser = Browser(app)
            try await browser.signIn("civil")
            let home = try await browser.get("/")
            #expect(home.body.contains("href=\"/assessments\""))
            let form = try await browser.get("/assessments/new")
            #expect(form.status == .ok && form.body.contains("coverage[]") && form.body.contains("珠海市民政局"))
            #expect(!form.body.contains("香洲区司法局"))

            let fields: [(String, String)] = [
                ("title", "页面登记的评估"), ("kind", "evaluation"), ("departmentID", ""), ("basisLevel", "national"),
                ("basisDocument", "《中华人民共和国城市居民委员会组织法》"), ("basisArticle", "第八条"), ("year", "2026"), ("period", "上半年"),
                ("coverage[]", streetA), ("coverage[]", communityB), ("indicators", "按期换届，程序公开。"),
            ]
            let posted = try await browser.post("/assessments", pairs: fields)
            #expect(posted.status == .seeOther)
            let byAPI = try await app.api(.POST, "/api/v1/assessments", token: f.civilStaff,
                                          json: assessmentJSON("接口登记的评估", coverage: [streetA, communityB]))
            #expect(byAPI.status == .created)
            let rows = try await Assessment.query(on: app.db).sort(\.$title).all()
            #expect(rows.count == 2)
            #expect(Set(rows.map(\.coverage)) == ["440402001 440402002001"])
            #expect(Set(rows.map(\.bodyName)) == ["珠海市民政局"])
            #expect(Set(rows.map(\.registeredBy)) == ["civil"])
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == "assessment.register").filter(\.$outcome == "ok").all()
            #expect(audit.count == 2 && Set(audit.map(\.actor)) == ["civil"] && Set(audit.map(\.scope)) == ["440402"])

            // The same refusal through the form: A5, nothing written, kept in the log.
            _ = try await browser.get("/assessments/new")
            let refused = try await browser.post("/assessments", pairs: fields.filter { !$0.0.hasPrefix("basis") && $0.0 != "title" } + [("title", "无依据")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("规则 A5"))
            #expect(try await Assessment.query(on: app.db).count() == 2)
            #expect(try await app.denials().count == 1)

            // A community worker is refused the form itself, and the refusal is logged.
            let worker = Browser(app)
            try await worker.signIn("community")
            #expect(try await worker.get("/assessments/new").status == .forbidden)
            #expect(try await app.denials().count == 2)
        }
    }

    @Test func theOfficeWithdrawsOnThePage() async throws {
        try await withAssessments { app, f in
            let created = try await app.api(.POST, "/api/v1/assessments", token: f.civilStaff, json: assessmentJSON("页面撤销的评估"))
            let id = try #require(created.object["id"] as? String)
            let browser = Browser(app)
            try await browser.signIn("office")
            let page = try await browser.get("/assessments/\(id)")
            #expect(page.body.contains("/assessments/\(id)/withdraw"))
            let posted = try await browser.post("/assessments/\(id)/withdraw", form: ["reason": "无国家或省的要求"])
            #expect(posted.status == .seeOther)
            #expect(try await Assessment.find(UUID(uuidString: id), on: app.db)?.status == .withdrawn)
            // Those who may not withdraw see no form.
            let reader = Browser(app)
            try await reader.signIn("civil")
            #expect(!(try await reader.get("/assessments/\(id)").body.contains("/withdraw")))
        }
    }

    @Test func theDemoRegistersOneWithARealBasisAndOneWithdrawnOnce() async throws {
        try await withShequ { app in
            try await Department(name: "珠海市民政局", divisionCode: "4404").create(on: app.db)
            #expect(try await Assessments.demo(app) != nil)
            #expect(try await Assessments.demo(app) == nil)
            let all = try await Assessment.query(on: app.db).all()
            #expect(all.count == 2)
            #expect(all.filter { $0.status == .registered }.count == 1 && all.filter { $0.status == .withdrawn }.count == 1)
            let list = try await app.api(.GET, "/api/v1/communities/\(communityA)/assessments")
            #expect(list.items.count == 1)
            #expect((list.items.first?["basisDocument"] as? String)?.contains("城市居民委员会组织法") == true)
        }
    }
}
