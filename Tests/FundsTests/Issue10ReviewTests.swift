import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import SQLKit
import Testing
import Vapor
@testable import Funds

/// A hostile review of issue 10's budget lines and the funds reports' memo: what a client can send, what a
/// second instance sees, and whether the new migrations go back and forth.
@Suite struct Issue10FundsReviewTests {
    func indexes(_ db: any Database) async throws -> Set<String> {
        let sql = try #require(db as? any SQLDatabase)
        let query: SQLQueryString = db.isPostgres
            ? "SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()"
            : "SELECT name FROM sqlite_master WHERE type = 'index'"
        return Set(try await sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) })
    }

    /// `?fund=` on the public reports is anyone's to choose. Every fund id asked for used to keep a snapshot until the
    /// ledger next changed, so a visitor asking for random ids grew the server's memory without bound.
    @Test func reportsForFundsThatDoNotExistKeepNothing() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            _ = try await f.contribute(app, fen: 1_000_00)
            #expect(try await app.api(.GET, "/api/v1/fund-reports/districts?fund=\(f.fundID)").status == .ok)
            #expect(try await app.api(.GET, "/api/v1/fund-reports/committees").status == .ok)
            let kept = app.fundsFlowCache.keptViews
            #expect(kept == 2)
            for _ in 0..<40 {
                let res = try await app.api(.GET, "/api/v1/fund-reports/districts?fund=\(UUID())")
                #expect(res.status == .ok && res.array.isEmpty)
            }
            #expect(try await app.api(.GET, "/fund-reports/committees.csv?fund=\(UUID())").status == .ok)
            #expect(app.fundsFlowCache.keptViews == kept)
            // The real fund's report is still the memo's.
            #expect(try await app.api(.GET, "/api/v1/fund-reports/districts?fund=\(f.fundID)").status == .ok)
            #expect(app.fundsFlowCache.keptViews == kept)
        }
    }

    /// Two instances, one database: the second's memo (its snapshot and the reports summed on it) must give way to
    /// money the first moved, at once, on every report that reads it. A second cache on the same database is what a
    /// second instance holds (on PostgreSQL a second app; SQLite serves one instance, so a second cache there).
    @Test func aSecondInstancesMemoNeverServesFiguresOlderThanTheEntries() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            _ = try await f.contribute(app, fen: 1_000_00)
            let line = try await f.line(app, code: "2011-01")
            #expect(try await f.appropriate(app, fen: 600_00, to: line).status == .created)
            let second = FundsFlowCache()
            func figures() async throws -> (FundsSnapshot.FundFigures?, FundsSnapshot.BudgetLineFigures?, Money?) {
                let all = try await second.snapshot(fund: nil, on: app.db)
                let one = try await second.snapshot(fund: f.fundID, on: app.db)
                return (try all.perFund()[f.fundID], try one.perBudgetLine()[line], try one.perDistrict()["440402"]?.allocated)
            }
            let before = try await figures()
            #expect(before.0?.unallocated == yuan(1_000) && before.1?.remaining == yuan(600) && before.2 == nil)
            // Asked again without a change: the same memo answers.
            _ = try await figures()
            #expect(try await f.allocate(app, fen: 250_00, to: "440402", from: line).status == .created)
            let after = try await figures()
            #expect(after.0?.unallocated == yuan(750) && after.0?.allocatedToDistricts == yuan(250))
            #expect(after.1?.remaining == yuan(350) && after.1?.allocated == yuan(250))
            #expect(after.2 == yuan(250))
            // And through the routes of the instance that moved the money.
            let lines = try await app.api(.GET, "/api/v1/funds/\(f.fundID)/budget-lines")
            #expect(lines.array.first?["remaining"] as? Int == 350_00)
        }
    }

    /// On one connection: the in-memory SQLite pool's other connections may keep the schema they parsed before a
    /// revert run mid-test (a test artefact; a real start migrates before any request).
    @Test func theCitationIndexMigrationGoesBackAndForth() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            _ = try await f.contribute(app, fen: 100_00)
            try await app.db.withConnection { db in
                let landed = try await indexes(db)
                #expect(landed.contains("ledger_entries_citation_amount") && !landed.contains("ledger_entries_citation"))
                try await AddCitationAmountIndex().revert(on: db)
                let reverted = try await indexes(db)
                #expect(reverted.contains("ledger_entries_citation") && !reverted.contains("ledger_entries_citation_amount"))
                try await AddCitationAmountIndex().prepare(on: db)
                let again = try await indexes(db)
                #expect(again.contains("ledger_entries_citation_amount") && !again.contains("ledger_entries_citation"))
            }
        }
    }

    /// Wrong types, missing fields and out-of-range numbers on the new routes: a 4xx, never a 5xx, and nothing written.
    @Test func hostileBodiesOnTheBudgetLineRoutesAreRefusedAndWriteNothing() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            _ = try await f.contribute(app, fen: 1_000_00)
            let line = try await f.line(app, code: "2011-01")
            let entries = try await app.count(LedgerEntry.self)
            let lines = "/api/v1/funds/\(f.fundID)/budget-lines"
            let appropriations = "/api/v1/funds/\(f.fundID)/appropriations"
            let allocations = "/api/v1/funds/\(f.fundID)/allocations"
            let bodies: [(String, [String: Any])] = [
                (lines, ["code": "X1", "name": "n", "firstYear": "2011", "document": "d"]),
                (lines, ["code": 12, "name": "n", "firstYear": 2011, "document": "d"]),
                (lines, ["code": "X2", "name": "n", "firstYear": 99_999_999_999, "document": "d"]),
                (lines, ["code": "X3", "name": "n", "firstYear": -2011, "document": "d"]),
                (lines, ["code": "X4", "name": "n", "firstYear": 2011.5, "document": "d"]),
                (lines, ["code": "X5", "name": "n", "document": "d"]),
                (lines, ["code": "X6", "name": "n", "firstYear": 2011, "lastYear": 2100, "document": "d"]),
                (lines, ["code": ["X7"], "name": "n", "firstYear": 2011, "document": "d"]),
                (appropriations, ["amountFen": Int64.max, "budgetLineID": line.uuidString]),
                (appropriations, ["amountFen": -1, "budgetLineID": line.uuidString]),
                (appropriations, ["amount": "99999999999999999999.99", "budgetLineID": line.uuidString]),
                (appropriations, ["amount": "-5", "budgetLineID": line.uuidString]),
                (appropriations, ["amount": "1e3", "budgetLineID": line.uuidString]),
                (appropriations, ["amountFen": 100]),
                (appropriations, ["amountFen": 100, "budgetLineID": "not-a-uuid"]),
                (appropriations, ["amountFen": 100, "budgetLineID": ""]),
                (appropriations, ["amountFen": "100", "budgetLineID": line.uuidString]),
                (appropriations, ["amountFen": 1_000_01, "budgetLineID": line.uuidString]),
                (allocations, ["amountFen": 100, "district": "440402", "document": "d", "budgetLineID": "zzz"]),
                (allocations, ["amountFen": 100, "district": "440402", "document": "d", "budgetLineID": line.uuidString]),
            ]
            for (path, body) in bodies {
                let res = try await app.api(.POST, path, token: f.office, json: body)
                #expect((400..<500).contains(res.status.code) && res.status != .created, "\(path) \(body) → \(res.status) \(res.body)")
            }
            let raw = try await app.api(.POST, appropriations, token: f.office, raw: "{\"amountFen\": 1", contentType: .json)
            #expect((400..<500).contains(raw.status.code))
            #expect(try await app.count(BudgetLine.self) == 1)
            #expect(try await app.count(LedgerEntry.self) == entries)
        }
    }

    /// The page's line form leaves the last year empty when a line is for one year: the same as leaving it out.
    @Test func theLineFormWithItsLastYearLeftEmptyMakesAOneYearLine() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            let browser = Browser(app)
            try await browser.signIn("lgo.city")
            _ = try await browser.get("/funds/\(f.fundID)")
            let res = try await browser.post("/funds/\(f.fundID)/budget-lines", form: [
                "code": "2012-01", "name": "培训", "firstYear": "2012", "lastYear": "", "document": "珠社领办〔2012〕1号"])
            #expect(res.status == .seeOther || res.status == .found, "\(res.status) \(res.body)")
            let line = try #require(try await BudgetLine.query(on: app.db).first())
            #expect(line.firstYear == 2012 && line.lastYear == 2012)
        }
    }
}
