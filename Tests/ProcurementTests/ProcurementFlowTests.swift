import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import Funds
@testable import Procurement
@testable import SocialOrganizations

/// B3's whole cycle on the API: plan, call, applications, panel with a declared conflict, award with reasons and the
/// money reserved, contract, a paid milestone through the ledger, supervision, evaluation returning the rest.
@Suite struct ProcurementFlowTests {
    @Test func theWholeCycleOnTheAPI() async throws {
        try await withShequ { app in
            let f = try await ProcurementFixture.make(app)
            let (id, one, two) = try await f.scoring(app)

            // Panel: one scores both; two declares a conflict with the first applicant and scores the second.
            #expect(try await f.score(app, id, one, token: f.panelOne, [90, 80, 70]).status == .created)
            #expect(try await f.score(app, id, two, token: f.panelOne, [80, 80, 90]).status == .created)
            let conflict = try await app.api(.POST, "/api/v1/procurement/\(id)/applications/\(one)/score", token: f.panelTwo,
                                             json: ["conflictStatement": "本人配偶在该组织任职。"])
            #expect(conflict.status == .created && conflict.object["conflict"] as? Bool == true, "\(conflict.body)")
            #expect(try await f.score(app, id, two, token: f.panelTwo, [70, 80, 80]).status == .created)

            let detail = try await app.api(.GET, "/api/v1/procurement/\(id)")
            let standings = detail.object["standings"] as? [[String: Any]] ?? []
            // One: 90·60 + 80·20 + 70·20 = 8400 (only member one counts). Two: ((80+70)·60 + (80+80)·20 + (90+80)·20) / 2 = 7800.
            #expect(standings.map { $0["total"] as? Int } == [8400, 7800], "\(detail.body)")

            let districtBefore = try await f.districtBalance(app)
            let award = try await app.api(.POST, "/api/v1/procurement/\(id)/award", token: f.buyer,
                                          json: ["applicationID": one, "reason": "综合得分最高，服务方案最完整。"])
            #expect(award.status == .ok, "\(award.body)")
            #expect(try await f.reserved(app, id) == Money(fen: 15_000_000))
            #expect(try await f.districtBalance(app) == Money(fen: districtBefore.fen - 15_000_000))

            let contract = try await app.api(.POST, "/api/v1/procurement/\(id)/contract", token: f.buyer, json: [
                "content": "居家养老上门探访", "quantity": "120名老人，每周两次", "quality": "探访记录完整，满意度90%以上",
                "settlement": "按季度验收后支付", "liability": "未达标按比例扣减", "priceFen": 14_000_000,
                "termStart": ProcurementFixture.today.description])
            #expect(contract.status == .ok, "\(contract.body)")
            // Art. 24: a twelve-month term ends the day before the same date a year on, never before it starts.
            let contracted = try await PurchaseProject.find(UUID(uuidString: id), on: app.db)
            #expect(contracted?.termStart == ProcurementFixture.today.description)
            #expect(contracted?.termEnd == ProcurementFixture.today.monthsAfter(12).adding(days: -1).description)

            let paid = try await app.api(.POST, "/api/v1/procurement/\(id)/payments", token: f.buyer,
                                         json: ["milestone": "第一季度", "amountFen": 3_500_000])
            #expect(paid.status == .created, "\(paid.body)")
            #expect(try await FundsLedger.balance(of: .organization(f.fundID, organization: f.orgOne), on: app.db) == Money(fen: 3_500_000))
            #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/supervision", token: f.buyer, json: [
                "visitedOn": ProcurementFixture.today.description, "finding": "satisfactory", "text": "抽查10户，记录属实。"]).status == .created)

            let evaluation = try await app.api(.POST, "/api/v1/procurement/\(id)/evaluation", token: f.buyer,
                                               json: ["score": 88, "summary": "按合同完成服务，满意度92%。"])
            #expect(evaluation.status == .ok, "\(evaluation.body)")
            // The contract's unused value (150,000 reserved − 35,000 paid) returned to the district.
            #expect(try await f.reserved(app, id) == .zero)
            #expect(try await f.districtBalance(app) == Money(fen: districtBefore.fen - 3_500_000))

            // C3: the evaluation is in the organisation's integrity record, citing the project.
            let entries = try await IntegrityEntry.query(on: app.db).filter(\.$organizationID == f.orgOne).all()
            #expect(entries.count == 1 && entries.first?.kind == .good && entries.first?.source == .serviceEvaluation)
            #expect(entries.first?.sourceReference == "procurement-project:\(id.lowercased())" || entries.first?.sourceReference == "procurement-project:\(id.uppercased())")

            let done = try await app.api(.GET, "/api/v1/procurement/\(id)")
            let project = done.object["project"] as? [String: Any] ?? [:]
            #expect(project["stage"] as? String == "evaluated")
            #expect((done.object["payments"] as? [[String: Any]])?.count == 1)
            #expect((done.object["supervision"] as? [[String: Any]])?.count == 1)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["procurement.plan", "procurement.publishCall", "procurement.apply",
                "procurement.closeCall", "procurement.score", "procurement.award", "procurement.contract", "procurement.pay",
                "procurement.supervise", "procurement.evaluate"]).filter(\.$outcome == "ok").count() == 16)

            let list = try await app.api(.GET, "/api/v1/procurement?stage=evaluated")
            #expect(list.object["total"] as? Int == 1)
            let csv = try await app.api(.GET, "/procurement.csv")
            #expect(csv.status == .ok && csv.body.contains("居家养老上门服务"))
        }
    }

    /// B2: an award that passes over a better-scoring social organisation of at least the winner's quality needs its
    /// reason, and the public page says the award went against the preference, and why.
    @Test func passingOverThePreferredOrganisationNeedsAReasonShownInPublic() async throws {
        try await withShequ { app in
            let f = try await ProcurementFixture.make(app)
            let (id, one, two) = try await f.scoring(app)
            #expect(try await f.score(app, id, one, token: f.panelOne, [90, 80, 70]).status == .created)
            #expect(try await f.score(app, id, two, token: f.panelOne, [80, 60, 90]).status == .created)
            // Panel two agrees to the point, so the totals are panel one's.
            #expect(try await f.score(app, id, one, token: f.panelTwo, [90, 80, 70]).status == .created)
            #expect(try await f.score(app, id, two, token: f.panelTwo, [80, 60, 90]).status == .created)
            let bare = try await app.api(.POST, "/api/v1/procurement/\(id)/award", token: f.buyer,
                                         json: ["applicationID": two, "reason": "报价更低。"])
            #expect(bare.status == .unprocessableEntity && bare.object["code"] as? String == "b2_reason_required", "\(bare.body)")
            #expect(try await f.reserved(app, id) == .zero)
            let explained = try await app.api(.POST, "/api/v1/procurement/\(id)/award", token: f.buyer, json: [
                "applicationID": two, "reason": "报价更低。", "preferenceReason": "翠香长者关爱服务社同期承接三个项目，人手不足。"])
            #expect(explained.status == .ok, "\(explained.body)")
            let page = try await app.api(.GET, "/procurement/\(id)")
            #expect(page.body.contains("未遵循社会组织优先原则") && page.body.contains("人手不足") && page.body.contains("翠香长者关爱服务社"))
            let en = try await app.api(.GET, "/procurement/\(id)", headers: ["Cookie": "shequ-lang=en"])
            #expect(en.body.contains("Went against the social-organisation preference"), "\(en.body.prefix(300))")
        }
    }
}
