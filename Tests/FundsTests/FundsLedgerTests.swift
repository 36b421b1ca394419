import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import SQLKit
import Testing
import Vapor
@testable import Funds

/// The ledger's invariants, on whichever database the suite runs on.
@Suite struct FundsLedgerTests {
    @Test func everyTransactionBalancesNoAccountIsNegativeAndTheReplayReproducesTheBalances() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            _ = try await f.contribute(app, fen: 1_000_00)
            _ = try await f.contribute(app, fen: 500_00, by: "440402")
            _ = try await f.allocate(app, fen: 800_00, to: "440402")
            let plan = UUID(), agreement = UUID(), dept = UUID()
            try await move(app, 500, from: .districtAllocation(f.fundID, district: "440402"), to: .plan(f.fundID, plan: plan, department: dept, reach: "440402"),
                           cites: .init(kind: .plan, referenceID: plan, document: "P-1"))
            try await move(app, 400, from: .plan(f.fundID, plan: plan, department: dept, reach: "440402"),
                           to: .agreement(f.fundID, agreement: agreement, department: dept, divisionCode: communityA),
                           cites: .init(kind: .plan, referenceID: plan, document: "P-1"))
            try await move(app, 150, from: .agreement(f.fundID, agreement: agreement, department: dept, divisionCode: communityA),
                           to: .committee(f.fundID, community: communityA), cites: .init(kind: .agreement, referenceID: agreement, document: "A-1"))

            let sql = app.db as! any SQLDatabase
            let sums = try await sql.raw("SELECT transaction_id, CAST(SUM(amount_fen) AS BIGINT) AS s, COUNT(*) AS n FROM ledger_entries GROUP BY transaction_id").all()
            #expect(sums.count == 6)
            for row in sums {
                #expect(try row.decode(column: "s", as: Int64.self) == 0)
                #expect(try row.decode(column: "n", as: Int.self) == 2)
            }
            let outcome = try await FundsVerification.verify(on: app.db)
            #expect(outcome.findings.isEmpty)
            #expect(outcome.transactions == 6 && outcome.entries == 12)
            let console = TestConsole()
            var context = CommandContext(console: console, input: CommandInput(arguments: ["shequ", "verify"]))
            context.application = app
            try await FundsCommand().run(using: &context)
            #expect(console.output.contains("1 funds, 6 transactions, 12 entries replayed"))
            for a in try await LedgerAccount.query(on: app.db).all() {
                let balance = try await FundsLedger.balance(of: a.key, on: app.db)
                #expect(outcome.balances[try a.requireID()] == balance)
                if a.kind != .contribution { #expect(balance >= .zero) }
            }
            #expect(try await FundsLedger.balance(of: .contribution(f.fundID, by: "4404"), on: app.db) == Money(fen: -1_000_00))
            #expect(try await FundsLedger.receivedByCommittee(communityA, on: app.db) == yuan(150))
            #expect(try await FundsLedger.receivedByCommittee(communityA, agreement: agreement, on: app.db) == yuan(150))
            #expect(try await FundsLedger.receivedByCommittee(communityA, agreement: UUID(), on: app.db) == .zero)
            #expect(try await FundsLedger.receivedByCommittee(communityB, on: app.db) == .zero)
        }
    }

    @Test func theMigrationRevertsAndAppliesAgain() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            _ = try await f.contribute(app, fen: 100)
            try await CreateFundsLedger().revert(on: app.db)
            try await CreateFundsLedger().prepare(on: app.db)
            #expect(try await app.count(Fund.self) == 0)
            #expect(try await app.count(LedgerEntry.self) == 0)
            let res = try await app.api(.POST, "/api/v1/funds", token: f.office, json: [
                "name": "再设资金", "kind": "other", "firstYear": 2012, "lastYear": 2012, "document": "x"])
            let id = try #require((res.object["id"] as? String).flatMap(UUID.init(uuidString:)))
            #expect(try await FundsFixture(office: f.office, fundID: id).contribute(app, fen: 100).status == .created)
        }
    }

    @Test func theReplayFindsAnEntryWrittenBehindTheLedgersBack() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            _ = try await f.contribute(app, fen: 100_00)
            _ = try await f.allocate(app, fen: 100_00, to: "440402")
            // Someone edits an amount in the database: the transaction no longer balances, and the pot went below zero.
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE ledger_entries SET amount_fen = -20000 WHERE amount_fen = -10000 AND seq = 2").run()
            let outcome = try await FundsVerification.verify(on: app.db)
            #expect(!outcome.findings.isEmpty)
            #expect(outcome.findings.contains { $0.seq == 2 })
            let console = TestConsole()
            var context = CommandContext(console: console, input: CommandInput(arguments: ["shequ", "verify"]))
            context.application = app
            await #expect(throws: CommandExit.self) { try await FundsCommand().run(using: &context) }
            #expect(console.output.contains("transaction #2"))
        }
    }

    /// 20 transfers of 100 yuan at once from an account holding 1,000: exactly ten land, the account ends at zero.
    @Test func parallelTransfersCannotOverspend() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            _ = try await f.contribute(app, fen: 1_000_00)
            let district = LedgerAccountKey.districtAllocation(f.fundID, district: "440402")
            let results = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        do {
                            try await move(app, 100, from: .fund(f.fundID), to: district, cites: .init(kind: .allocationDecision, document: "珠社领办〔2011〕1号"))
                            return true
                        } catch {
                            return false
                        }
                    }
                }
                var out: [Bool] = []
                for await r in group { out.append(r) }
                return out
            }
            #expect(results.filter { $0 }.count == 10)
            #expect(try await FundsLedger.balance(of: .fund(f.fundID), on: app.db) == .zero)
            #expect(try await FundsLedger.balance(of: district, on: app.db) == yuan(1_000))
            #expect(try await FundsVerification.verify(on: app.db).findings.isEmpty)
        }
    }

    /// The same through the API, whose requests run side by side.
    @Test func parallelAllocationsThroughTheAPICannotOverspend() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            _ = try await f.contribute(app, fen: 1_000_00)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for i in 0..<20 {
                    group.addTask { try await f.allocate(app, fen: 100_00, to: i % 2 == 0 ? "440402" : "440403").status }
                }
                var out: [HTTPResponseStatus] = []
                for try await s in group { out.append(s) }
                return out
            }
            #expect(statuses.filter { $0 == .created }.count == 10)
            #expect(statuses.filter { $0 == .unprocessableEntity }.count == 10)
            #expect(try await FundsLedger.balance(of: .fund(f.fundID), on: app.db) == .zero)
            #expect(try await FundsVerification.verify(on: app.db).findings.isEmpty)
        }
    }
}
