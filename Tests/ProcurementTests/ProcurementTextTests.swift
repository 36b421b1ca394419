import Fluent
import Foundation
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import Procurement

/// A public title reads as what it is: no bidirectional override or invisible character; and the project's page
/// leads to its publication in the Open Contracting Data Standard.
@Suite struct ProcurementTextTests {
    @Test func invisibleOrReversingCharactersAreRefusedAndThePageLinksItsOCDS() async throws {
        try await withShequ { app in
            let f = try await ProcurementFixture.make(app)
            for title in ["\u{202E}\u{200B}", "长者助餐\u{202E}服务", "\u{FEFF}\u{2028}x", "长者\u{200D}助餐", "助餐\u{200F}服务", "助\u{00AD}餐"] {
                var json = f.planJSON()
                json["title"] = title
                let res = try await app.api(.POST, "/api/v1/procurement", token: f.buyer, json: json)
                #expect(res.status == .unprocessableEntity, "\(title.unicodeScalars.map { String($0.value, radix: 16) }): \(res.status)")
            }
            #expect(try await PurchaseProject.query(on: app.db).count() == 0)
            let id = try await f.plan(app)
            let page = try await Browser(app).get("/procurement/\(id)")
            #expect(page.status == .ok && page.body.contains("href=\"/ocds/projects/\(id)\""))
        }
    }
}

/// Dates a contract and its supervision can carry: a term from 2010 to a year ahead, a visit within the term and
/// not in the future (review finding: 1900-01-01 terms and 2030 visits were accepted and published).
@Suite struct ProcurementDateTests {
    @Test func implausibleTermsAndVisitsAreRefused() async throws {
        try await withShequ { app in
            let f = try await ProcurementFixture.make(app)
            let (id, one, two) = try await f.scoring(app)
            for (application, scores) in [(one, [90, 80, 70]), (two, [80, 80, 90])] {
                for token in [f.panelOne, f.panelTwo] {
                    #expect(try await f.score(app, id, application, token: token, scores).status == .created)
                }
            }
            #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/award", token: f.buyer,
                                      json: ["applicationID": one, "reason": "综合得分最高。"]).status == .ok)
            let today = ProcurementFixture.today
            func contract(_ start: String) async throws -> APIResult {
                try await app.api(.POST, "/api/v1/procurement/\(id)/contract", token: f.buyer, json: [
                    "content": "居家养老上门探访", "quantity": "120名老人", "quality": "满意度90%以上", "settlement": "按季度验收后支付",
                    "liability": "未达标按比例扣减", "priceFen": 14_000_000, "termStart": start])
            }
            for start in ["1900-01-01", today.adding(days: 400).description] {
                let res = try await contract(start)
                #expect(res.status == .unprocessableEntity && res.object["code"] as? String == "implausible_date", "\(start): \(res.body)")
            }
            #expect(try await contract(today.adding(days: -3).description).status == .ok)
            for day in ["1901-01-01", today.adding(days: -4).description, today.adding(days: 1).description] {
                let res = try await app.api(.POST, "/api/v1/procurement/\(id)/supervision", token: f.buyer, json: [
                    "visitedOn": day, "finding": "satisfactory", "text": "抽查。"])
                #expect(res.status == .unprocessableEntity && res.object["code"] as? String == "implausible_date", "\(day): \(res.body)")
            }
            #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/supervision", token: f.buyer, json: [
                "visitedOn": today.description, "finding": "satisfactory", "text": "抽查。"]).status == .created)
            #expect(try await ProcurementSupervision.query(on: app.db).count() == 1)
        }
    }
}
