import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import Funds

/// The pages: reachable from the start page, in both languages, and their forms run the API's command.
@Suite struct FundsPagesTests {
    @Test func thePageFormAndTheAPIWriteTheSameEntries() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            let browser = Browser(app)
            try await browser.signIn("lgo.city")
            let start = try await browser.get("/")
            #expect(start.body.contains("href=\"/funds\""))
            let page = try await browser.get("/funds/\(f.fundID)")
            #expect(page.status == .ok && page.body.contains("/funds/\(f.fundID)/contributions"))
            let posted = try await browser.post("/funds/\(f.fundID)/contributions", form: [
                "divisionCode": "4404", "amount": "1,200.50", "document": "珠字〔2010〕7号", "memo": "页面"])
            #expect(posted.status == .seeOther || posted.status == .found)
            #expect(try await app.api(.POST, "/api/v1/funds/\(f.fundID)/contributions", token: f.office, json: [
                "divisionCode": "4404", "amountFen": 120_050, "document": "珠字〔2010〕7号", "memo": "接口"]).status == .created)
            let entries = try await LedgerEntry.query(on: app.db).sort(\.$seq).sort(\.$amountFen).all()
            #expect(entries.count == 4)
            let byDoor = Dictionary(grouping: entries, by: \.memo)
            let form = try #require(byDoor["页面"]), api = try #require(byDoor["接口"])
            #expect(form.map(\.amountFen) == api.map(\.amountFen))
            #expect(form.map(\.accountID) == api.map(\.accountID))
            #expect(form.map(\.citationDocument) == api.map(\.citationDocument))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "fund.contribute").count() == 2)
            // A refused form says why, and writes nothing.
            _ = try await browser.get("/funds/\(f.fundID)")
            let refused = try await browser.post("/funds/\(f.fundID)/allocations", form: ["district": "440402", "amount": "5000", "document": "x"])
            #expect(refused.status == .unprocessableEntity && refused.body.contains("F1/A3"))
            #expect(try await app.count(LedgerEntry.self) == 4)
        }
    }

    @Test func thePublicSeesTheSummariesButNotTheLedgerOrTheDepartments() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            _ = try await f.contribute(app, fen: 300_000_000)
            _ = try await f.allocate(app, fen: 100_000_000, to: "440402")
            let browser = Browser(app)
            let funds = try await browser.get("/funds")
            #expect(funds.status == .ok && funds.body.contains("3,000,000.00") && funds.body.contains("测试专项资金"))
            #expect(!funds.body.contains("/fund-reports/departments"))
            #expect(try await browser.get("/fund-reports/districts").body.contains("1,000,000.00"))
            #expect(try await browser.get("/fund-reports/committees").status == .ok)
            // A report page shows a page of rows and the total over all of them, saying so; the API keeps every row.
            _ = try await f.allocate(app, fen: 50_000_000, to: "440403")
            let districts = try await app.api(.GET, "/api/v1/fund-reports/districts").array.count
            #expect(districts >= 2)
            let first = try await browser.get("/fund-reports/districts?per=1")
            #expect(first.body.contains("合计（全部 \(districts) 行）") && first.body.contains("1,500,000.00"))
            #expect(first.body.contains("page=2"))
            #expect(try await browser.get("/fund-reports/districts?per=1&page=2").status == .ok)
            #expect(try await browser.get("/fund-reports/districts?page=0").status == .unprocessableEntity)
            #expect(try await browser.get("/funds/\(f.fundID)").body.contains("香洲区"))
            #expect(try await browser.get("/funds/\(f.fundID)/entries").status == .unauthorized)
            // A committee's staff find their own received total from the start page's menu.
            let dept = UUID(), plan = UUID()
            try await move(app, 25, from: .districtAllocation(f.fundID, district: "440402"), to: .committee(f.fundID, community: communityA),
                           cites: .init(kind: .plan, referenceID: plan, document: "P-\(dept.uuidString.prefix(4))"))
            try await makeAccount(app, "cs.a", .communityStaff, communityA)
            let committee = Browser(app)
            try await committee.signIn("cs.a")
            #expect(try await committee.get("/").body.contains("href=\"/funds\""))
            #expect(try await committee.get("/funds").body.contains("¥25.00"))
            _ = try await browser.post("/preferences", form: ["lang": "en", "back": "/funds"])
            #expect(try await browser.get("/funds").body.contains("Remaining"))
        }
    }

    @Test func theDemoIsIdempotentAndMatchesF1() async throws {
        try await withShequ { app in
            #expect(try await FundsDemo.fill(app) != nil)
            let entries = try await app.count(LedgerEntry.self)
            #expect(try await FundsDemo.fill(app) == nil)
            #expect(try await app.count(LedgerEntry.self) == entries)
            let rows = try await FundsReport.funds(from: FundsFlowCache().snapshot(fund: nil, on: app.db), on: app.db)
            #expect(rows.count == 2)
            #expect(rows.first { $0.kind == .special }?.figures.contributed == yuan(30_000_000))
            #expect(rows.first { $0.kind == .pilot }?.figures.contributed == yuan(8_000_000))
            #expect(try await FundsVerification.verify(on: app.db).findings.isEmpty)
        }
    }
}
