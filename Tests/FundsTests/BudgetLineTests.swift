import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import Funds

extension FundsFixture {
    func addLine(_ app: Application, code: String, name: String = "社区工作经费", firstYear: Int = 2011, lastYear: Int? = 2012,
                 document: String = "珠社领办〔2011〕1号", token: String? = nil) async throws -> APIResult {
        var body: [String: Any] = ["code": code, "name": name, "firstYear": firstYear, "document": document]
        if let lastYear { body["lastYear"] = lastYear }
        return try await app.api(.POST, "/api/v1/funds/\(fundID)/budget-lines", token: token ?? office, json: body)
    }

    /// Another fund of the same office (FundsFixture.make would make the office's account again).
    func another(_ app: Application, name: String = "另一项资金") async throws -> FundsFixture {
        let res = try await app.api(.POST, "/api/v1/funds", token: office, json: [
            "name": name, "kind": "pilot", "firstYear": 2011, "lastYear": 2012, "document": "珠字〔2010〕7号"])
        guard res.status == .created, let id = (res.object["id"] as? String).flatMap(UUID.init(uuidString:)) else {
            throw TestFailure("fund not created: \(res.status) \(res.body)")
        }
        return FundsFixture(office: office, fundID: id)
    }

    func line(_ app: Application, code: String) async throws -> UUID {
        let res = try await addLine(app, code: code)
        guard res.status == .created, let id = (res.object["id"] as? String).flatMap(UUID.init(uuidString:)) else {
            throw TestFailure("line not created: \(res.status) \(res.body)")
        }
        return id
    }

    func appropriate(_ app: Application, fen: Int64, to line: UUID, document: String? = nil, token: String? = nil) async throws -> APIResult {
        var body: [String: Any] = ["amountFen": fen, "budgetLineID": line.uuidString]
        if let document { body["document"] = document }
        return try await app.api(.POST, "/api/v1/funds/\(fundID)/appropriations", token: token ?? office, json: body)
    }

    func allocate(_ app: Application, fen: Int64, to district: String, from line: UUID) async throws -> APIResult {
        try await app.api(.POST, "/api/v1/funds/\(fundID)/allocations", token: office,
                          json: ["amountFen": fen, "district": district, "document": "珠社领办〔2011〕1号", "budgetLineID": line.uuidString])
    }
}

/// Budget lines (F1: budgets tracked per fund): money goes pot → line → district, every balance a sum of entries.
@Suite struct BudgetLineTests {
    func fen(_ any: Any?) -> Int64? { (any as? NSNumber)?.int64Value }
    func redirected(_ res: APIResult) -> Bool { res.status == .seeOther || res.status == .found }

    @Test func appropriatingAndAllocatingFromALineMoveTheRightBalances() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            #expect(try await f.contribute(app, fen: 1_000_00).status == .created)
            let line = try await f.line(app, code: "2011-01")
            #expect(try await f.appropriate(app, fen: 600_00, to: line).status == .created)
            #expect(try await f.allocate(app, fen: 250_00, to: "440402", from: line).status == .created)
            // Without a line the allocation is what it always was: from the pot.
            #expect(try await f.allocate(app, fen: 100_00, to: "440403").status == .created)

            #expect(try await FundsLedger.balance(of: .fund(f.fundID), on: app.db) == yuan(300))
            #expect(try await FundsLedger.balance(of: .budgetLine(f.fundID, line: line), on: app.db) == yuan(350))
            #expect(try await FundsLedger.balance(of: .districtAllocation(f.fundID, district: "440402"), on: app.db) == yuan(250))
            #expect(try await FundsLedger.balance(of: .districtAllocation(f.fundID, district: "440403"), on: app.db) == yuan(100))

            // The appropriation cites the line and, when no other document is named, the line's budget document.
            let cited = try await LedgerEntry.query(on: app.db).filter(\.$citationKind == .budgetDecision).all()
            #expect(cited.count == 2 && cited.allSatisfy { $0.citationReferenceID == line && $0.citationDocument == "珠社领办〔2011〕1号" })
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "fund.appropriate").count() == 1)

            // Money in a line is the fund's unallocated money; the fund's totals still add up.
            let figures = try #require(try await app.api(.GET, "/api/v1/funds").array.first?["figures"] as? [String: Any])
            #expect(fen(figures["contributed"]) == 1_000_00)
            #expect(fen(figures["allocatedToDistricts"]) == 350_00)
            #expect(fen(figures["unallocated"]) == 650_00)
            #expect(fen(figures["remaining"]) == 1_000_00)
            let districts = try await app.api(.GET, "/api/v1/fund-reports/districts?fund=\(f.fundID)").array
            #expect(fen(districts.first { $0["key"] as? String == "440402" }?["allocated"]) == 250_00)
            #expect(fen(districts.first { $0["key"] as? String == "440403" }?["allocated"]) == 100_00)
            // A snapshot summed from nothing agrees with the running one, and the replay finds nothing.
            let fresh = try await FundsSnapshot.load(fund: f.fundID, on: app.db)
            #expect(try fresh.perFund()[f.fundID]?.unallocated == yuan(650))
            #expect(try fresh.perBudgetLine()[line] == .init(appropriated: yuan(600), allocated: yuan(250), remaining: yuan(350)))
            #expect(try await FundsVerification.verify(on: app.db).findings.isEmpty)
        }
    }

    @Test func theReportAddsUpPerLine() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            _ = try await f.contribute(app, fen: 1_000_00)
            let work = try await f.line(app, code: "A-01"), training = try await f.line(app, code: "B-02")
            _ = try await f.line(app, code: "C-03")
            #expect(try await f.appropriate(app, fen: 600_00, to: work, document: "珠社领办〔2011〕5号").status == .created)
            #expect(try await f.appropriate(app, fen: 200_00, to: training).status == .created)
            #expect(try await f.allocate(app, fen: 250_00, to: "440402", from: work).status == .created)
            #expect(try await f.allocate(app, fen: 100_00, to: "440403", from: work).status == .created)

            // Public, like every fund summary: no token.
            let rows = try await app.api(.GET, "/api/v1/funds/\(f.fundID)/budget-lines").array
            #expect(rows.map { $0["code"] as? String } == ["A-01", "B-02", "C-03"])
            #expect(fen(rows[0]["appropriated"]) == 600_00 && fen(rows[0]["allocated"]) == 350_00 && fen(rows[0]["remaining"]) == 250_00)
            #expect(fen(rows[1]["appropriated"]) == 200_00 && fen(rows[1]["allocated"]) == 0 && fen(rows[1]["remaining"]) == 200_00)
            #expect(fen(rows[2]["appropriated"]) == 0 && fen(rows[2]["allocated"]) == 0 && fen(rows[2]["remaining"]) == 0)
            for row in rows { #expect((fen(row["appropriated"]) ?? 0) - (fen(row["allocated"]) ?? 0) == fen(row["remaining"])) }
            // The fund's own JSON carries the same lines.
            let detail = try await app.api(.GET, "/api/v1/funds/\(f.fundID)").object
            #expect((detail["budgetLines"] as? [[String: Any]])?.count == 3)

            let csv = try await app.api(.GET, "/funds/\(f.fundID)/budget-lines.csv")
            #expect(csv.status == .ok)
            #expect(csv.body.contains("code,name,first_year,last_year,document,appropriated_yuan,appropriated_fen"))
            #expect(csv.body.contains("A-01,社区工作经费,2011,2012,珠社领办〔2011〕1号,600.00,60000,350.00,35000,250.00,25000"))
        }
    }

    @Test func aLineIsNotOverdrawnAndNothingIsWritten() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            _ = try await f.contribute(app, fen: 1_000_00)
            let line = try await f.line(app, code: "2011-01")
            let entries = try await app.count(LedgerEntry.self)
            // More than the pot holds.
            let tooMuch = try await f.appropriate(app, fen: 1_000_01, to: line)
            #expect(tooMuch.status == .unprocessableEntity && tooMuch.object["code"] as? String == "overdraft")
            #expect(try await app.count(LedgerEntry.self) == entries)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "fund.appropriate").count() == 0)
            #expect(try await f.appropriate(app, fen: 300_00, to: line).status == .created)
            // More than the line holds, though the pot has plenty.
            let entriesBefore = try await app.count(LedgerEntry.self)
            let overdrawn = try await f.allocate(app, fen: 300_01, to: "440402", from: line)
            #expect(overdrawn.status == .unprocessableEntity && overdrawn.object["code"] as? String == "overdraft")
            #expect((overdrawn.object["reason"] as? String ?? overdrawn.body).contains("F1/A3"))
            #expect(try await app.count(LedgerEntry.self) == entriesBefore)
            #expect(try await FundsLedger.balance(of: .budgetLine(f.fundID, line: line), on: app.db) == yuan(300))
            #expect(try await FundsLedger.balance(of: .districtAllocation(f.fundID, district: "440402"), on: app.db) == .zero)
            #expect(try await FundsLedger.balance(of: .fund(f.fundID), on: app.db) == yuan(700))
            // Exactly the line's balance is allowed and leaves it at zero.
            #expect(try await f.allocate(app, fen: 300_00, to: "440402", from: line).status == .created)
            #expect(try await FundsLedger.balance(of: .budgetLine(f.fundID, line: line), on: app.db) == .zero)
        }
    }

    @Test func aCodeIsTakenOncePerFund() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            #expect(try await f.addLine(app, code: "2011-01").status == .created)
            let again = try await f.addLine(app, code: "2011-01", name: "培训")
            #expect(again.status == .conflict && again.object["code"] as? String == "budget_line_exists")
            // Surrounding spaces do not make another code.
            #expect(try await f.addLine(app, code: " 2011-01 ").status == .conflict)
            // Another fund may use the same code.
            let other = try await f.another(app)
            #expect(try await other.addLine(app, code: "2011-01").status == .created)
            #expect(try await app.count(BudgetLine.self) == 2)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "fund.budgetline").count() == 2)
        }
    }

    @Test func othersThanTheOfficeHoldingTheFundAreRefusedAndAudited() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            _ = try await f.contribute(app, fen: 1_000_00)
            let line = try await f.line(app, code: "2011-01")
            try await makeAccount(app, "lgo.xz", .leadingGroupOffice, "440402")
            try await makeAccount(app, "cs", .communityStaff, communityA)
            let xz = try await app.token("lgo.xz"), cs = try await app.token("cs")
            let entries = try await app.count(LedgerEntry.self)
            for token in [xz, cs] {
                #expect(try await f.addLine(app, code: "2011-09", token: token).status == .forbidden)
                #expect(try await f.appropriate(app, fen: 100, to: line, token: token).status == .forbidden)
            }
            #expect(try await app.api(.POST, "/api/v1/funds/\(f.fundID)/appropriations",
                                      json: ["amountFen": 100, "budgetLineID": line.uuidString]).status == .unauthorized)
            let denied = try await AuditEntry.query(on: app.db).filter(\.$outcome == "denied").filter(\.$action == "fund.budget").all()
            #expect(denied.count == 4)
            #expect(Set(denied.map(\.actor)) == ["lgo.xz", "cs"])
            #expect(try await app.count(BudgetLine.self) == 1)
            #expect(try await app.count(LedgerEntry.self) == entries)
        }
    }

    @Test func badInputIsRefusedAndNothingIsWritten() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            _ = try await f.contribute(app, fen: 1_000_00)
            let entries = try await app.count(LedgerEntry.self)
            for res in [
                try await f.addLine(app, code: "2011-01", name: ""),
                try await f.addLine(app, code: "2011-01", name: "   "),
                try await f.addLine(app, code: "2010-01", firstYear: 2010, lastYear: 2010),
                try await f.addLine(app, code: "2011-01", firstYear: 2011, lastYear: 2013),
                try await f.addLine(app, code: "2011-01", firstYear: 2012, lastYear: 2011),
                try await f.addLine(app, code: String(repeating: "X", count: FundsInputs.budgetLineCodeMax + 1)),
                try await f.addLine(app, code: "2011-01", document: ""),
            ] {
                #expect(res.status == .unprocessableEntity, "\(res.status) \(res.body)")
            }
            #expect(try await app.count(BudgetLine.self) == 0)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "fund.budgetline").count() == 0)

            // A line of another fund, or none at all, is no line of this one.
            let other = try await f.another(app)
            let foreign = try await other.line(app, code: "2011-01")
            let appropriated = try await f.appropriate(app, fen: 100, to: foreign)
            #expect(appropriated.status == .unprocessableEntity && appropriated.object["code"] as? String == "unknown_budget_line")
            #expect(try await f.appropriate(app, fen: 100, to: UUID()).status == .unprocessableEntity)
            #expect(try await f.allocate(app, fen: 100, to: "440402", from: foreign).status == .unprocessableEntity)
            let own = try await f.line(app, code: "2011-01")
            #expect(try await f.appropriate(app, fen: 0, to: own).status == .unprocessableEntity)
            #expect(try await app.count(LedgerEntry.self) == entries)
        }
    }

    @Test func theFundsPageShowsItsLinesAndItsFormsRunTheCommands() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            _ = try await f.contribute(app, fen: 1_000_00)
            let browser = Browser(app)
            try await browser.signIn("lgo.city")
            let page = try await browser.get("/funds/\(f.fundID)")
            #expect(page.body.contains("action=\"/funds/\(f.fundID)/budget-lines\""))
            let added = try await browser.post("/funds/\(f.fundID)/budget-lines", form: [
                "code": "2011-02", "name": "购买服务", "firstYear": "2011", "lastYear": "2012", "document": "珠社领办〔2011〕1号"])
            #expect(redirected(added))
            let line = try #require(try await BudgetLine.query(on: app.db).first()?.requireID())
            let withLine = try await browser.get("/funds/\(f.fundID)")
            #expect(withLine.body.contains("action=\"/funds/\(f.fundID)/appropriations\"") && withLine.body.contains("value=\"\(line.uuidString)\""))
            #expect(redirected(try await browser.post("/funds/\(f.fundID)/appropriations", form: [
                "budgetLineID": line.uuidString, "amount": "600.00", "document": "", "memo": "页面"])))
            _ = try await browser.get("/funds/\(f.fundID)")
            #expect(redirected(try await browser.post("/funds/\(f.fundID)/allocations", form: [
                "budgetLineID": line.uuidString, "district": "440402", "amount": "250", "document": "珠社领办〔2011〕1号"])))
            _ = try await browser.get("/funds/\(f.fundID)")
            // The form's "from the pot" choice sends the field empty.
            #expect(redirected(try await browser.post("/funds/\(f.fundID)/allocations", form: [
                "budgetLineID": "", "district": "440403", "amount": "100", "document": "珠社领办〔2011〕1号"])))
            #expect(try await FundsLedger.balance(of: .budgetLine(f.fundID, line: line), on: app.db) == yuan(350))
            #expect(try await FundsLedger.balance(of: .fund(f.fundID), on: app.db) == yuan(300))
            // A refused form says why and writes nothing.
            _ = try await browser.get("/funds/\(f.fundID)")
            let refused = try await browser.post("/funds/\(f.fundID)/appropriations", form: ["budgetLineID": line.uuidString, "amount": "5000"])
            #expect(refused.status == .unprocessableEntity && refused.body.contains("F1/A3"))
            #expect(try await FundsLedger.balance(of: .budgetLine(f.fundID, line: line), on: app.db) == yuan(350))
            // The office's ledger view names the line's account by its code.
            #expect(try await browser.get("/funds/\(f.fundID)/entries").body.contains("预算科目 2011-02"))

            // The public sees the line and its figures, not the forms.
            let visitor = Browser(app)
            let open = try await visitor.get("/funds/\(f.fundID)")
            #expect(open.status == .ok && open.body.contains("预算科目") && open.body.contains("2011-02") && open.body.contains("购买服务"))
            #expect(open.body.contains("600.00") && open.body.contains("350.00"))
            #expect(open.body.contains("/funds/\(f.fundID)/budget-lines.csv"))
            #expect(!open.body.contains("action=\"/funds/\(f.fundID)/appropriations\""))
            _ = try await visitor.post("/preferences", form: ["lang": "en", "back": "/funds/\(f.fundID)"])
            #expect(try await visitor.get("/funds/\(f.fundID)").body.contains("Budget lines"))
        }
    }

    @Test func theDemosSpecialFundAllocatesFromItsLines() async throws {
        try await withShequ { app in
            #expect(try await FundsDemo.fill(app) != nil)
            #expect(try await FundsDemo.fill(app) == nil)
            let special = try #require(try await Fund.query(on: app.db).filter(\.$kind == .special).first())
            let fundID = try special.requireID()
            let snapshot = try await FundsSnapshot.load(fund: fundID, on: app.db)
            let rows = try await BudgetLineReport.rows(of: fundID, from: snapshot, on: app.db)
            #expect(rows.count == 3)
            #expect(Money.sum(rows.map(\.appropriated)) == yuan(30_000_000))
            #expect(Money.sum(rows.map(\.allocated)) == yuan(28_000_000))
            let figures = try #require(try snapshot.perFund()[fundID])
            #expect(figures.contributed == yuan(30_000_000) && figures.allocatedToDistricts == yuan(28_000_000) && figures.unallocated == yuan(2_000_000))
            #expect(try await FundsLedger.balance(of: .fund(fundID), on: app.db) == .zero)
            let districts = try snapshot.perDistrict()
            #expect(districts["440402"]?.allocated == yuan(18_000_000) && districts["440403"]?.allocated == yuan(6_000_000)
                    && districts["440404"]?.allocated == yuan(4_000_000))
            #expect(try await FundsVerification.verify(on: app.db).findings.isEmpty)
        }
    }

    /// A database the demo filled before budget lines existed allocated from the pot: filling it again adds the lines
    /// and leaves the allocations as they were, without an overdraft.
    @Test func theDemoFillsADatabaseFilledBeforeBudgetLines() async throws {
        try await withShequ { app in
            try await app.writeGate.transaction(on: app.db) { db in
                let fund = try await Funds.create(name: FundsDemo.specialFund, kind: .special, firstYear: 2011, lastYear: 2012,
                                                  document: FundsDemo.policy, divisionCode: FundsDemo.city, by: "demo", on: db)
                for m in FundsDemo.plans[0].movements where m.kind != .budgetDecision {
                    let amount = try #require(Money.yuan(m.yuan))
                    if let from = m.from {
                        _ = try await Funds.contribute(amount, to: fund, by: from, document: m.document, memo: m.memo, actor: "demo", on: db)
                    } else if let to = m.to {
                        _ = try await Funds.allocate(amount, of: fund, to: to, document: m.document, memo: m.memo, actor: "demo", on: db)
                    }
                }
            }
            #expect(try await FundsDemo.fill(app) != nil)
            let fundID = try #require(try await Fund.query(on: app.db).filter(\.$kind == .special).first()?.requireID())
            #expect(try await app.count(BudgetLine.self) == 3)
            // What the pot still held fits the training line; the lines the old allocations would have come from stay empty.
            let figures = try #require(try await FundsSnapshot.load(fund: fundID, on: app.db).perFund()[fundID])
            #expect(figures.allocatedToDistricts == yuan(28_000_000) && figures.unallocated == yuan(2_000_000))
            #expect(try await FundsLedger.balance(of: .fund(fundID), on: app.db) == .zero)
            #expect(try await FundsVerification.verify(on: app.db).findings.isEmpty)
        }
    }

    @Test func theMigrationRevertsUntilMoneyHasMovedThroughALine() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            _ = try await f.line(app, code: "2011-01")
            try await CreateFundBudgetLines().revert(on: app.db)
            try await CreateFundBudgetLines().prepare(on: app.db)
            #expect(try await app.count(BudgetLine.self) == 0)
            _ = try await f.contribute(app, fen: 100)
            let line = try await f.line(app, code: "2011-01")
            #expect(try await f.appropriate(app, fen: 100, to: line).status == .created)
            await #expect(throws: (any Error).self) { try await CreateFundBudgetLines().revert(on: app.db) }
            #expect(try await app.count(BudgetLine.self) == 1)
        }
    }
}
