import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import SQLKit
import Vapor
@testable import Funds

/// Not a timed test: `SHEQU_BENCH=1 swift test --filter FundsReportBenchmark` fills a city-sized ledger
/// (339 committees, 200 plans, 600 agreements, 100,000 entries) and prints how long each report takes.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SHEQU_BENCH"] != nil))
struct FundsReportBenchmark {
    @Test func reportsAtCityScale() async throws {
        try await withShequ { app in
            let f = try await FundsFixture.make(app)
            let fund = f.fundID
            let communities = try await Division.query(on: app.db).all().compactMap(\.id).filter { $0.count == 12 }
            let districts = Array(Set(communities.map { String($0.prefix(6)) })).sorted()
            let departments = (0..<20).map { _ in UUID() }
            var keys: [LedgerAccountKey] = [.contribution(fund, by: "4404"), .fund(fund)] + districts.map { .districtAllocation(fund, district: $0) }
            let plans = (0..<200).map { i in LedgerAccountKey.plan(fund, plan: UUID(), department: departments[i % 20], reach: districts[i % districts.count]) }
            let agreements = (0..<600).map { i in
                LedgerAccountKey.agreement(fund, agreement: UUID(), department: plans[i % 200].departmentID!, divisionCode: communities[i % communities.count])
            }
            let committees = communities.map { LedgerAccountKey.committee(fund, community: $0) }
            keys += plans + agreements + committees
            var ids: [LedgerAccountKey: UUID] = [:]
            let accountRows = keys.map { k -> LedgerAccount in let a = LedgerAccount(k); a.id = UUID(); ids[k] = a.id; return a }
            for chunk in stride(from: 0, to: accountRows.count, by: 500) { try await Array(accountRows[chunk..<min(chunk + 500, accountRows.count)]).create(on: app.db) }
            // Money flows down the chain, so every balance stays positive: 50,000 transactions, 100,000 entries.
            var pairs: [(LedgerAccountKey, LedgerAccountKey, Int64)] = [(keys[0], keys[1], 1_000_000_000_00)]
            for d in districts { pairs.append((keys[1], .districtAllocation(fund, district: d), 100_000_000_00)) }
            for p in plans { pairs.append((.districtAllocation(fund, district: p.divisionCode!), p, 1_000_000_00)) }
            for (i, a) in agreements.enumerated() { pairs.append((plans[i % 200], a, 100_000_00)) }
            var i = 0
            while pairs.count < 50_000 {
                pairs.append((agreements[i % 600], committees[communities.firstIndex(of: agreements[i % 600].divisionCode!)!], 1_00))
                i += 1
            }
            var transactions: [LedgerTransactionRecord] = [], entries: [LedgerEntry] = []
            let now = Date()
            for (n, (from, to, fen)) in pairs.enumerated() {
                let t = LedgerTransactionRecord()
                t.id = UUID(); t.fundID = fund; t.seq = Int64(n + 1); t.citationKind = .agreement; t.citationReferenceID = UUID()
                t.citationDocument = "bench"; t.memo = ""; t.actor = "bench"; t.recordedAt = now
                transactions.append(t)
                for (account, counter, amount) in [(ids[from]!, ids[to]!, -fen), (ids[to]!, ids[from]!, fen)] {
                    let e = LedgerEntry()
                    e.id = UUID(); e.transactionID = t.id!; e.fundID = fund; e.seq = t.seq; e.accountID = account; e.counterAccountID = counter
                    e.amountFen = amount; e.citationKind = .agreement; e.citationReferenceID = t.citationReferenceID; e.citationDocument = "bench"
                    e.memo = ""; e.actor = "bench"; e.recordedAt = now
                    entries.append(e)
                }
            }
            let allTransactions = transactions, allEntries = entries
            try await app.db.transaction { db in
                for c in stride(from: 0, to: allTransactions.count, by: 1000) { try await Array(allTransactions[c..<min(c + 1000, allTransactions.count)]).create(on: db) }
                for c in stride(from: 0, to: allEntries.count, by: 1000) { try await Array(allEntries[c..<min(c + 1000, allEntries.count)]).create(on: db) }
            }
            if app.db.isPostgres { _ = try await (app.db as! any SQLDatabase).raw("ANALYZE").run() }
            #expect(try await app.count(LedgerEntry.self) == 100_000)
            for path in ["/api/v1/funds", "/api/v1/fund-reports/districts", "/api/v1/fund-reports/committees",
                         "/api/v1/fund-reports/departments", "/api/v1/funds/\(fund)"] {
                var times: [Double] = []
                for _ in 0..<20 {
                    let start = DispatchTime.now().uptimeNanoseconds
                    let res = try await app.api(.GET, path, token: f.office)
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                    #expect(res.status == .ok)
                }
                times.sort()
                print("BENCH \(app.db.isPostgres ? "postgresql" : "sqlite") \(path): median \(String(format: "%.1f", times[10])) ms, max \(String(format: "%.1f", times[19])) ms")
            }
            func clock(_ label: String, _ body: () async throws -> Void) async throws {
                var times: [Double] = []
                for _ in 0..<20 {
                    let start = DispatchTime.now().uptimeNanoseconds
                    try await body()
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                }
                times.sort()
                print("BENCH step \(label): median \(String(format: "%.1f", times[10])) ms")
            }
            let cache = app.fundsFlowCache
            try await clock("snapshot") { _ = try await cache.snapshot(fund: nil, on: app.db) }
            try await clock("perCommittee") { _ = try await cache.snapshot(fund: nil, on: app.db).perCommittee() }
            try await clock("names") { _ = try await FundsReport.names(communities, on: app.db) }
            try await clock("committees") { _ = try await FundsReport.committees(district: nil, from: cache.snapshot(fund: nil, on: app.db), on: app.db) }
            let start = DispatchTime.now().uptimeNanoseconds
            try await move(app, 1, from: agreements[0], to: committees[communities.firstIndex(of: agreements[0].divisionCode!)!],
                           cites: .init(kind: .agreement, referenceID: agreements[0].referenceID, document: "bench"))
            print("BENCH transfer: \(String(format: "%.1f", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)) ms")
            #expect(try await FundsVerification.verify(on: app.db).findings.isEmpty)
        }
    }
}
