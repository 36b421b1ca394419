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

/// The rules refuse, clearly, and nothing is written: a direct call without its reason, applications from the
/// ineligible or after the call, a conflicted member scoring, payments past the contract or the fund, a buyer of
/// another street (logged).
@Suite struct ProcurementRefusalTests {
    @Test func planningRefusesWhatTheRulesForbid() async throws {
        try await withShequ { app in
            let f = try await ProcurementFixture.make(app)
            var goods = f.planJSON()
            goods["isService"] = false
            let art10 = try await app.api(.POST, "/api/v1/procurement", token: f.buyer, json: goods)
            #expect(art10.status == .unprocessableEntity && art10.object["code"] as? String == "art10_not_a_service")
            let long = try await app.api(.POST, "/api/v1/procurement", token: f.buyer, json: f.planJSON(termMonths: 24))
            #expect(long.status == .unprocessableEntity && long.object["code"] as? String == "art24_reason_required")
            var explained = f.planJSON(termMonths: 24)
            explained["longTermReason"] = "长期稳定的居家养老服务，资金连续三年安排。"
            #expect(try await app.api(.POST, "/api/v1/procurement", token: f.buyer, json: explained).status == .created)
            let overFund = try await app.api(.POST, "/api/v1/procurement", token: f.buyer, json: f.planJSON(budgetFen: ProcurementFixture.allocatedFen + 1))
            #expect(overFund.status == .unprocessableEntity && overFund.object["code"] as? String == "budget_over_fund")
            // Another street's official plans nothing for 翠香街道: refused and logged.
            let before = try await denied(app, "procurement.manage")
            #expect(try await app.api(.POST, "/api/v1/procurement", token: f.otherStreet, json: f.planJSON()).status == .forbidden)
            #expect(try await denied(app, "procurement.manage") == before + 1)
            #expect(try await app.count(PurchaseProject.self) == 1)
        }
    }

    @Test func callsAndApplicationsFollowTheirRules() async throws {
        try await withShequ { app in
            let f = try await ProcurementFixture.make(app)
            let id = try await f.plan(app)
            let direct = try await app.api(.POST, "/api/v1/procurement/\(id)/call", token: f.buyer, json: f.callJSON(method: "direct", invitees: [f.orgOne]))
            #expect(direct.status == .unprocessableEntity && direct.object["code"] as? String == "direct_reason_required", "\(direct.body)")
            let stranger = try await app.api(.POST, "/api/v1/procurement/\(id)/call", token: f.buyer,
                                             json: f.callJSON(method: "selective", invitees: [UUID()]))
            #expect(stranger.status == .unprocessableEntity && stranger.object["code"] as? String == "not_eligible")
            let before = try await denied(app, "procurement.manage")
            #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/call", token: f.otherStreet, json: f.callJSON()).status == .forbidden)
            #expect(try await denied(app, "procurement.manage") == before + 1)
            #expect(try await app.count(ProcurementPanelMember.self) == 0)

            let selective = try await app.api(.POST, "/api/v1/procurement/\(id)/call", token: f.buyer,
                                              json: f.callJSON(method: "selective", invitees: [f.orgOne]))
            #expect(selective.status == .ok, "\(selective.body)")
            // Not invited: refused; staff of one organisation cannot apply for another.
            #expect(try await f.apply(app, id, token: f.staffTwo, org: f.orgTwo, priceFen: 100).status == .forbidden)
            #expect(try await f.apply(app, id, token: f.staffTwo, org: f.orgOne, priceFen: 100).status == .forbidden)
            // Both logged: the policy's refusal and the rule's (not invited).
            #expect(try await denied(app, "procurement.apply") == 2)
            let overBudget = try await f.apply(app, id, token: f.staffOne, org: f.orgOne, priceFen: 20_000_001)
            #expect(overBudget.status == .unprocessableEntity && overBudget.object["code"] as? String == "price_over_budget")
            #expect(try await f.apply(app, id, token: f.staffOne, org: f.orgOne, priceFen: 10_000_000).status == .created)
            // The call runs through its announced closing day: closing it early is refused.
            let early = try await app.api(.POST, "/api/v1/procurement/\(id)/close", token: f.buyer, json: [:])
            #expect(early.status == .unprocessableEntity && early.object["code"] as? String == "call_not_yet_closed", "\(early.body)")
            try await ProcurementFixture.pastClosingDay(app, id)
            #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/close", token: f.buyer, json: [:]).status == .ok)
            let late = try await f.apply(app, id, token: f.staffOne, org: f.orgOne, priceFen: 9_000_000)
            #expect(late.status == .conflict && late.object["code"] as? String == "call_closed")
            #expect(try await app.count(ProcurementApplication.self) == 1)
        }
    }

    /// C3: an organisation on the serious-dishonesty list is not eligible to apply.
    @Test func anOrganisationOnTheDishonestyListMayNotApply() async throws {
        try await withShequ { app in
            let f = try await ProcurementFixture.make(app)
            let id = try await f.plan(app)
            #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/call", token: f.buyer, json: f.callJSON()).status == .ok)
            _ = try await app.writeGate.transaction(on: app.db) { db in
                try await IntegrityRecord.add(IntegrityRecord.NewEntry(
                    organizationID: f.orgTwo, kind: .bad, source: .inspection, summary: "停业整顿", evidence: "民政局处罚决定书",
                    recordedBy: "street.a", occurredOn: ProcurementFixture.today, severity: .suspension), on: db)
            }
            let refused = try await f.apply(app, id, token: f.staffTwo, org: f.orgTwo, priceFen: 10_000_000)
            #expect(refused.status == .unprocessableEntity && refused.object["code"] as? String == "dishonesty_list", "\(refused.body)")
            #expect(try await f.apply(app, id, token: f.staffOne, org: f.orgOne, priceFen: 10_000_000).status == .created)
        }
    }

    @Test func aConflictedMemberDoesNotScoreAndNoOneElseOnThePanel() async throws {
        try await withShequ { app in
            let f = try await ProcurementFixture.make(app)
            let (id, one, _) = try await f.scoring(app)
            let both = try await app.api(.POST, "/api/v1/procurement/\(id)/applications/\(one)/score", token: f.panelTwo,
                                         json: ["conflictStatement": "亲属任职", "scoreQuality": 90, "scoreExperience": 90, "scorePrice": 90])
            #expect(both.status == .unprocessableEntity && both.object["code"] as? String == "conflicted_scoring")
            #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/applications/\(one)/score", token: f.panelTwo,
                                      json: ["conflictStatement": "亲属任职"]).status == .created)
            let after = try await f.score(app, id, one, token: f.panelTwo, [90, 90, 90])
            #expect(after.status == .conflict && after.object["code"] as? String == "conflict_declared")
            // Staff of the applicant is conflicted whatever they declare; not on the panel at all: refused and logged.
            #expect(try await f.score(app, id, one, token: f.staffOne, [100, 100, 100]).status == .forbidden)
            // Logged: the two rule refusals above (conflicted_scoring, conflict_declared) and the policy's.
            #expect(try await denied(app, "procurement.score") == 3)
            #expect(try await ProcurementSheet.query(on: app.db).filter(\.$conflict == false).count() == 0)
            // Every application needs a member without a conflict before the award.
            let early = try await app.api(.POST, "/api/v1/procurement/\(id)/award", token: f.buyer, json: ["applicationID": one, "reason": "最好"])
            #expect(early.status == .conflict && early.object["code"] as? String == "not_all_scored")
        }
    }

    @Test func paymentsNeverExceedTheContractNorTheFund() async throws {
        try await withShequ { app in
            let f = try await ProcurementFixture.make(app)
            let (id, one, two) = try await f.scoring(app)
            #expect(try await f.score(app, id, one, token: f.panelOne, [90, 80, 70]).status == .created)
            #expect(try await f.score(app, id, two, token: f.panelOne, [60, 60, 60]).status == .created)
            #expect(try await f.score(app, id, one, token: f.panelTwo, [90, 80, 70]).status == .created)
            #expect(try await f.score(app, id, two, token: f.panelTwo, [60, 60, 60]).status == .created)
            // The district's allocation spent elsewhere meanwhile: the award cannot reserve the value, nothing changes.
            let rest = try await f.districtBalance(app)
            _ = try await app.writeGate.transaction(on: app.db) { db in
                try await FundsLedger.transfer(Money(fen: rest.fen - 10_000_000), from: .districtAllocation(f.fundID, district: ProcurementFixture.district),
                                               to: .committee(f.fundID, community: communityA),
                                               cites: LedgerCitation(kind: .agreement, referenceID: UUID(), document: "其他协议"),
                                               memo: "test", actor: "test", on: db)
            }
            let short = try await app.api(.POST, "/api/v1/procurement/\(id)/award", token: f.buyer, json: ["applicationID": one, "reason": "得分最高"])
            #expect(short.status == .unprocessableEntity && short.object["code"] as? String == "overdraft", "\(short.body)")
            #expect(try await PurchaseProject.find(UUID(uuidString: id), on: app.db)?.stage == .scoring)
            // Money added to the allocation; the award reserves 150,000 yuan, the contract is 140,000.
            let topUp = try await app.api(.POST, "/api/v1/funds/\(f.fundID)/contributions", token: try await app.token("lgo.city"),
                                          json: ["amountFen": 10_000_000, "divisionCode": "4404", "document": "追加"])
            #expect(topUp.status == .created)
            let alloc = try await app.api(.POST, "/api/v1/funds/\(f.fundID)/allocations", token: try await app.token("lgo.city"),
                                          json: ["amountFen": 10_000_000, "district": ProcurementFixture.district, "document": "追加"])
            #expect(alloc.status == .created)
            #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/award", token: f.buyer, json: ["applicationID": one, "reason": "得分最高"]).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/contract", token: f.buyer, json: [
                "content": "上门探访", "quantity": "120名", "quality": "满意度90%", "settlement": "按季度", "liability": "扣减",
                "priceFen": 15_000_001, "termStart": ProcurementFixture.today.description]).object["code"] as? String == "price_over_award")
            #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/contract", token: f.buyer, json: [
                "content": "上门探访", "quantity": "120名", "quality": "满意度90%", "settlement": "按季度", "liability": "扣减",
                "priceFen": 14_000_000, "termStart": ProcurementFixture.today.description]).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/payments", token: f.buyer, json: ["milestone": "首期", "amountFen": 10_000_000]).status == .created)
            let entries = try await app.count(LedgerEntry.self)
            let over = try await app.api(.POST, "/api/v1/procurement/\(id)/payments", token: f.buyer, json: ["milestone": "二期", "amountFen": 4_000_001])
            #expect(over.status == .unprocessableEntity && over.object["code"] as? String == "over_contract_value", "\(over.body)")
            let elsewhere = try await app.api(.POST, "/api/v1/procurement/\(id)/payments", token: f.otherStreet, json: ["milestone": "二期", "amountFen": 100])
            #expect(elsewhere.status == .forbidden)
            #expect(try await app.count(LedgerEntry.self) == entries)
            #expect(try await app.count(ProcurementPayment.self) == 1)
            #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/payments", token: f.buyer, json: ["milestone": "二期", "amountFen": 4_000_000]).status == .created)
        }
    }
}
