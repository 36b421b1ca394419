import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import Funds

/// Two instances of the platform on one PostgreSQL database (SQLite serves one instance only):
/// their disbursements at the same moment still cannot overspend an account.
@Suite(.enabled(if: !(ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "").isEmpty))
struct FundsTwoInstancesTests {
    @Test func twoInstancesDisbursingAtOnceCannotOverspend() async throws {
        try await withShequ { first in
            let f = try await FundsFixture.make(first)
            _ = try await f.contribute(first, fen: 1_000_00)
            let schema = first.shequSettings.postgresSchema
            try await withShequ(adjust: { $0.postgresSchema = schema }) { second in
                let district = LedgerAccountKey.districtAllocation(f.fundID, district: "440402")
                let landed = await withTaskGroup(of: Bool.self) { group in
                    for i in 0..<20 {
                        let app = i % 2 == 0 ? first : second
                        group.addTask {
                            (try? await move(app, 100, from: .fund(f.fundID), to: district,
                                             cites: .init(kind: .allocationDecision, document: "珠社领办〔2011〕1号"))) != nil
                        }
                    }
                    var n = 0
                    for await ok in group where ok { n += 1 }
                    return n
                }
                #expect(landed == 10)
                #expect(try await FundsLedger.balance(of: .fund(f.fundID), on: second.db) == .zero)
                #expect(try await FundsLedger.balance(of: district, on: first.db) == yuan(1_000))
                #expect(try await FundsVerification.verify(on: second.db).findings.isEmpty)
                // Each instance's report agrees with the other's.
                let a = try await FundsReport.districts(from: first.fundsFlowCache.snapshot(fund: f.fundID, on: first.db), on: first.db)
                let b = try await FundsReport.districts(from: second.fundsFlowCache.snapshot(fund: f.fundID, on: second.db), on: second.db)
                #expect(a == b)
            }
        }
    }
}
