import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import Funds
@testable import Procurement

/// The cycle on pages, without JavaScript: the buyer's forms at each stage, the organisation staff's calls and
/// application, the panel member's declare-and-score form; the same commands the API runs, in both languages.
@Suite struct ProcurementPagesTests {
    @Test func theCycleOnPages() async throws {
        try await withShequ { app in
            let f = try await ProcurementFixture.make(app)
            let buyer = Browser(app)
            try await buyer.signIn("street.a")
            #expect(try await buyer.get("/procurement/new").status == .ok)
            #expect(buyer.lastBody.contains("name=\"isService\"") && buyer.lastBody.contains("翠香街道"))
            // Art. 10's statement left unticked: refused on the page, in the reader's language, nothing written.
            let form = ["title": "社区法律顾问服务", "area": "legal", "scopeCode": streetA, "description": "每周一次法律咨询。",
                        "fundID": f.fundID.uuidString, "budget": "80,000.00", "termMonths": "12", "longTermReason": ""]
            let unticked = try await buyer.post("/procurement", form: form)
            #expect(unticked.status == .unprocessableEntity && unticked.body.contains("第十条"), "\(unticked.status) \(unticked.body.suffix(800))")
            #expect(try await app.count(PurchaseProject.self) == 0)
            try await buyer.get("/procurement/new")
            var ticked = form
            ticked["isService"] = "true"
            #expect(try await buyer.post("/procurement", form: ticked).status == .seeOther)
            let project = try #require(try await PurchaseProject.query(on: app.db).first())
            let id = try project.requireID().uuidString
            #expect(project.budgetFen == 8_000_000)

            try await buyer.get("/procurement/\(id)")
            #expect(buyer.lastBody.contains("action=\"/procurement/\(id)/call\""))
            let call: [(String, String)] = [("method", "open"), ("reason", ""), ("closesOn", ProcurementFixture.today.adding(days: 5).description),
                                            ("weightQuality", "50"), ("weightExperience", "30"), ("weightPrice", "20"),
                                            ("panel[]", "panel.one"), ("panel[]", "panel.two"), ("panel[]", "panel.three"), ("panel[]", "")]
            let called = try await buyer.post("/procurement/\(id)/call", pairs: call)
            #expect(called.status == .seeOther, "\(called.status) \(called.body.suffix(800))")

            let staff = Browser(app)
            try await staff.signIn("res.one")
            let workbenchOpen = try await staff.get("/procurement/open-calls")
            #expect(workbenchOpen.status == .ok && workbenchOpen.body.contains("社区法律顾问服务"))
            try await staff.get("/procurement/\(id)")
            #expect(staff.lastBody.contains("action=\"/procurement/\(id)/applications\""))
            #expect(try await staff.post("/procurement/\(id)/applications", form: [
                "organizationID": f.orgOne.uuidString, "proposal": "律师每周坐班半天。", "price": "75,000"]).status == .seeOther)

            try await buyer.get("/procurement/\(id)")
            try await ProcurementFixture.pastClosingDay(app, id)
            #expect(try await buyer.post("/procurement/\(id)/close", form: [:]).status == .seeOther)

            let panel = Browser(app)
            try await panel.signIn("panel.one")
            #expect(try await panel.get("/procurement/panel").body.contains("/procurement/\(id)/score"))
            try await panel.get("/procurement/\(id)/score")
            let application = try #require(try await ProcurementApplication.query(on: app.db).first()?.id)
            #expect(panel.lastBody.contains("/applications/\(application)/score"))
            #expect(try await panel.post("/procurement/\(id)/applications/\(application)/score", form: [
                "noConflict": "true", "scoreQuality": "80", "scoreExperience": "90", "scorePrice": "70"]).status == .seeOther)
            // The award waits for every seat's sheet.
            try await buyer.get("/procurement/\(id)")
            #expect(try await buyer.post("/procurement/\(id)/award", form: [
                "applicationID": application.uuidString, "reason": "唯一申报，评分合格。", "preferenceReason": ""]).status != .seeOther)
            for member in [f.panelTwo, f.panelThree] {
                #expect(try await f.score(app, id, application.uuidString, token: member, [80, 90, 70]).status == .created)
            }

            try await buyer.get("/procurement/\(id)")
            #expect(buyer.lastBody.contains("action=\"/procurement/\(id)/award\""))
            #expect(try await buyer.post("/procurement/\(id)/award", form: [
                "applicationID": application.uuidString, "reason": "唯一申报，评分合格。", "preferenceReason": ""]).status == .seeOther)
            try await buyer.get("/procurement/\(id)")
            #expect(try await buyer.post("/procurement/\(id)/contract", form: [
                "content": "法律咨询", "quantity": "每周半天", "quality": "咨询记录完整", "price": "75,000.00", "settlement": "按月支付",
                "liability": "缺席按次扣减", "termStart": ProcurementFixture.today.description]).status == .seeOther)
            try await buyer.get("/procurement/\(id)")
            #expect(try await buyer.post("/procurement/\(id)/payments", form: ["milestone": "第一个月", "amount": "6,250"]).status == .seeOther)

            let page = try await app.api(.GET, "/procurement/\(id)")
            for text in ["社区法律顾问服务", "公开征集", "唯一申报，评分合格。", "法律咨询", "第一个月", "6,250.00", "81.00"] {
                let shown = page.body.contains(text)
                #expect(shown, "\(text) missing")
            }
            // The public page names the office that planned the project, never an official's sign-in name.
            let namesOffice = page.body.contains("翠香街道"), namesAccount = page.body.contains("street.a")
            #expect(namesOffice, "no planning office")
            #expect(!namesAccount, "an official's username is public")
            let english = Browser(app)
            #expect(try await english.post("/preferences", form: ["lang": "en", "back": "/procurement"], withToken: false).status.code < 500)
            english.cookies["shequ-lang"] = "en"
            let en = try await english.get("/procurement/\(id)").body
            let enContract = en.contains("Purchase-of-service contract"), enStage = en.contains("Under contract")
            #expect(enContract, "no English contract heading")
            #expect(enStage, "no English stage")
            let list = try await english.get("/procurement?stage=contracted").body
            let listed = list.contains("社区法律顾问服务"), counted = list.contains("1 in all")
            #expect(listed, "not listed")
            #expect(counted, "not counted")
        }
    }

    /// A page form that breaks a rule gets the rule back, and another street's official sees no forms.
    @Test func refusalsOnPages() async throws {
        try await withShequ { app in
            let f = try await ProcurementFixture.make(app)
            let id = try await f.plan(app)
            let buyer = Browser(app)
            try await buyer.signIn("street.a")
            try await buyer.get("/procurement/\(id)")
            let direct = try await buyer.post("/procurement/\(id)/call", pairs: [
                ("method", "direct"), ("reason", ""), ("invitees[]", f.orgOne.uuidString), ("closesOn", ProcurementFixture.today.description),
                ("weightQuality", "60"), ("weightExperience", "20"), ("weightPrice", "20"), ("panel[]", "panel.one")])
            #expect(direct.status == .unprocessableEntity && direct.body.contains("直接委托必须记录理由"))
            let other = Browser(app)
            try await other.signIn("street.b")
            let seen = try await other.get("/procurement/\(id)")
            #expect(seen.status == .ok && !seen.body.contains("action=\"/procurement/\(id)/call\""))
            #expect(try await other.get("/procurement/new").body.contains("翠香街道") == false)
        }
    }
}
