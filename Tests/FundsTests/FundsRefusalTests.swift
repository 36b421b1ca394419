import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import Funds

/// Each refusal names its rule and writes nothing; a forbidden attempt is in the audit log.
@Suite struct FundsRefusalTests {
    @Test func anOverdraftIsRefusedWithTheRuleAndNothingIsWritten() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            #expect(try await f.contribute(app, fen: 100_000).status == .created)
            let entries = try await app.count(LedgerEntry.self)
            let audited = try await AuditEntry.query(on: app.db).filter(\.$action == "fund.allocate").count()
            let res = try await f.allocate(app, fen: 100_001, to: "440402")
            #expect(res.status == .unprocessableEntity)
            #expect(res.object["code"] as? String == "overdraft")
            #expect((res.object["reason"] as? String ?? res.body).contains("F1/A3"))
            #expect(try await app.count(LedgerEntry.self) == entries)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "fund.allocate").count() == audited)
            #expect(try await FundsLedger.balance(of: .fund(f.fundID), on: app.db) == Money(fen: 100_000))
            #expect(try await FundsLedger.balance(of: .districtAllocation(f.fundID, district: "440402"), on: app.db) == .zero)
            // Exactly the balance is allowed, and leaves zero.
            #expect(try await f.allocate(app, fen: 100_000, to: "440402").status == .created)
            #expect(try await FundsLedger.balance(of: .fund(f.fundID), on: app.db) == .zero)
        }
    }

    @Test func zeroNegativeOversizedAndUnreadableAmountsAreRefused() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            let path = "/api/v1/funds/\(f.fundID)/contributions"
            for body: [String: Any] in [
                ["amountFen": 0], ["amountFen": -100], ["amountFen": Money.largest.fen + 1],
                ["amount": "0"], ["amount": "-5"], ["amount": "100000000000.01"], ["amount": "12.345"], ["amount": "一百"], [:],
            ] {
                let res = try await app.api(.POST, path, token: f.office, json: body.merging(["divisionCode": "4404", "document": "珠字〔2010〕7号"]) { a, _ in a })
                #expect(res.status == .unprocessableEntity, "\(body): \(res.status) \(res.body)")
            }
            #expect(try await app.count(LedgerEntry.self) == 0)
            // In the kernel's own terms, too, for callers of FundsLedger.
            await #expect(throws: ShequError.self) {
                try await app.writeGate.transaction(on: app.db) { db in
                    try await FundsLedger.transfer(Money(fen: -1), from: .contribution(f.fundID, by: "4404"), to: .fund(f.fundID),
                                                   cites: .init(kind: .fundingDecision, document: "x"), memo: "", actor: "t", on: db)
                }
            }
            #expect(try await app.count(LedgerEntry.self) == 0)
        }
    }

    @Test func moneyIntoAPlanAgreementOrCommitteeMustCiteOne() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            _ = try await f.contribute(app, fen: 1_000_00)
            let dept = UUID(), plan = UUID()
            await #expect(throws: ShequError.self) {
                try await move(app, 10, from: .fund(f.fundID), to: .plan(f.fundID, plan: plan, department: dept, reach: "440402"),
                               cites: .init(kind: .allocationDecision, document: "某文"))
            }
            await #expect(throws: ShequError.self) {
                try await move(app, 10, from: .fund(f.fundID), to: .committee(f.fundID, community: communityA),
                               cites: .init(kind: .agreement, referenceID: nil, document: "协议"))
            }
            try await move(app, 10, from: .fund(f.fundID), to: .plan(f.fundID, plan: plan, department: dept, reach: "440402"),
                           cites: .init(kind: .plan, referenceID: plan, document: "2011-民政-01"))
            let cited = try await LedgerEntry.query(on: app.db).filter(\.$citationKind == .plan).all()
            #expect(cited.count == 2 && cited.allSatisfy { $0.citationReferenceID == plan })
        }
    }

    @Test func othersThanTheLeadingGroupOfficeAreRefusedAndTheAttemptIsAudited() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            try await makeAccount(app, "cs", .communityStaff, communityA)
            try await makeAccount(app, "lgo.xz", .leadingGroupOffice, "440402")
            try await makeAccount(app, "district", .districtOfficial, "440402")
            let cs = try await app.token("cs"), xz = try await app.token("lgo.xz"), district = try await app.token("district")
            let contribution: [String: Any] = ["amountFen": 100, "divisionCode": "4404", "document": "x"]
            #expect(try await app.api(.POST, "/api/v1/funds/\(f.fundID)/contributions", token: cs, json: contribution).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/funds/\(f.fundID)/contributions", token: district,
                                      json: ["amountFen": 100, "divisionCode": "440402", "document": "x"]).status == .forbidden)
            // A district's office records its own district's share, not the city's, and allocates nothing of the city's fund.
            #expect(try await app.api(.POST, "/api/v1/funds/\(f.fundID)/contributions", token: xz, json: contribution).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/funds/\(f.fundID)/contributions", token: xz,
                                      json: ["amountFen": 100, "divisionCode": "440402", "document": "香府〔2011〕3号"]).status == .created)
            #expect(try await app.api(.POST, "/api/v1/funds/\(f.fundID)/allocations", token: xz,
                                      json: ["amountFen": 100, "district": "440402", "document": "x"]).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/funds", token: xz, json: [
                "name": "区设资金", "kind": "other", "firstYear": 2011, "lastYear": 2011, "document": "x"]).status == .forbidden)
            #expect(try await app.api(.GET, "/api/v1/fund-reports/departments", token: cs).status == .forbidden)
            #expect(try await app.api(.GET, "/api/v1/funds/\(f.fundID)/entries", token: cs).status == .forbidden)
            let denied = try await AuditEntry.query(on: app.db).filter(\.$outcome == "denied").all().map(\.action)
            #expect(denied.filter { $0 == "fund.contribute" }.count == 3)
            #expect(denied.contains("fund.allocate") && denied.contains("fund.create") && denied.contains("fund.read"))
            #expect(try await FundsLedger.balance(of: .fund(f.fundID), on: app.db) == Money(fen: 100))
        }
    }

    @Test func aFundsNameIsTakenOnceEvenWhenTwoAskAtOnce() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await app.api(.POST, "/api/v1/funds", token: f.office, json: [
                            "name": "同名资金", "kind": "pilot", "firstYear": 2011, "lastYear": 2012, "document": "x"]).status
                    }
                }
                var out: [HTTPResponseStatus] = []
                for try await s in group { out.append(s) }
                return out
            }
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 3)
            #expect(try await app.api(.POST, "/api/v1/funds", token: f.office, json: [
                "name": "倒序资金", "kind": "pilot", "firstYear": 2013, "lastYear": 2012, "document": "x"]).status == .unprocessableEntity)
        }
    }

    @Test func contributorsAndDistrictsMustBeTheFundsOwn() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            // Another city is outside the office's scope (403); a street is no government that contributes (422).
            #expect(try await f.contribute(app, fen: 100, by: "4405").status == .forbidden)
            #expect(try await f.contribute(app, fen: 100, by: streetA).status == .unprocessableEntity)
            _ = try await f.contribute(app, fen: 1_000)
            #expect(try await f.allocate(app, fen: 100, to: "4404").status == .unprocessableEntity)
            #expect(try await f.allocate(app, fen: 100, to: "440499").status == .unprocessableEntity)
            #expect(try await app.count(LedgerEntry.self) == 2)
        }
    }
}
