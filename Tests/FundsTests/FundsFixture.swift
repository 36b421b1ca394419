import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import Funds

/// A city leading-group office with a token, and a fund it set up through the API.
struct FundsFixture {
    let office: String
    let fundID: UUID

    static func make(_ app: Application, name: String = "测试专项资金") async throws -> FundsFixture {
        try await makeAccount(app, "lgo.city", .leadingGroupOffice, "4404")
        let office = try await app.token("lgo.city")
        let res = try await app.api(.POST, "/api/v1/funds", token: office, json: [
            "name": name, "kind": "special", "firstYear": 2011, "lastYear": 2012, "document": "珠字〔2010〕7号"])
        guard res.status == .created, let id = (res.object["id"] as? String).flatMap(UUID.init(uuidString:)) else {
            throw TestFailure("fund not created: \(res.status) \(res.body)")
        }
        return FundsFixture(office: office, fundID: id)
    }

    func contribute(_ app: Application, fen: Int64, by government: String = "4404") async throws -> APIResult {
        try await app.api(.POST, "/api/v1/funds/\(fundID)/contributions", token: office,
                          json: ["amountFen": fen, "divisionCode": government, "document": "珠字〔2010〕7号"])
    }

    func allocate(_ app: Application, fen: Int64, to district: String) async throws -> APIResult {
        try await app.api(.POST, "/api/v1/funds/\(fundID)/allocations", token: office,
                          json: ["amountFen": fen, "district": district, "document": "珠社领办〔2011〕1号"])
    }
}

/// Moves money the way the TaskAccess module does: FundsLedger.transfer inside one write.
@discardableResult
func move(_ app: Application, _ yuan: Int64, from: LedgerAccountKey, to: LedgerAccountKey, cites: LedgerCitation) async throws -> UUID {
    let amount = try #require(Money.yuan(yuan))
    return try await app.writeGate.transaction(on: app.db) { db in
        try await FundsLedger.transfer(amount, from: from, to: to, cites: cites, memo: "test", actor: "test", on: db)
    }
}

func yuan(_ y: Int64) -> Money { Money.yuan(y) ?? .zero }
