import Fluent
import Foundation
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import SocialOrganizations

/// A resident who files, the two streets' officials, and a filing's JSON.
struct FilingFixture {
    let resident: String
    let streetA: String
    let streetB: String

    static func make(_ app: Application) async throws -> FilingFixture {
        try await makeAccount(app, "res.a", .resident, communityA)
        try await makeAccount(app, "street.a", .streetOfficial, ShequTestSupport.streetA)
        try await makeAccount(app, "street.b", .streetOfficial, ShequTestSupport.streetB)
        return FilingFixture(resident: try await app.token("res.a"), streetA: try await app.token("street.a"), streetB: try await app.token("street.b"))
    }

    static let phone = "13926900999"

    static func json(_ name: String, category: String = "welfareServices", street: String = ShequTestSupport.streetA,
                     communities: [String] = [communityA], partner: String? = nil) -> [String: Any] {
        var json: [String: Any] = ["name": name, "category": category, "streetCode": street, "communities": communities,
                                   "purpose": "为社区老人提供助餐和探访。", "contactName": "黄丽华", "contactPhone": phone, "members": 20]
        if let partner { json["partner"] = partner }
        return json
    }

    /// Files through the API and gives the new filing's id.
    func file(_ app: Application, _ name: String, category: String = "welfareServices") async throws -> String {
        let res = try await app.api(.POST, "/api/v1/organization-filings", token: resident, json: Self.json(name, category: category))
        guard res.status == .created, let id = res.object["id"] as? String else { throw TestFailure("not filed: \(res.status) \(res.body)") }
        return id
    }

    func decide(_ app: Application, _ id: String, _ decision: String, token: String? = nil, reason: String? = nil) async throws -> APIResult {
        try await app.api(.POST, "/api/v1/organization-filings/\(id)/\(decision)", token: token ?? streetA,
                          json: reason.map { ["reason": $0] } ?? [:])
    }
}

func denied(_ app: Application, _ action: String) async throws -> Int {
    try await AuditEntry.query(on: app.db).filter(\.$action == action).filter(\.$outcome == "denied").count()
}

func audited(_ app: Application, _ action: String) async throws -> Int {
    try await AuditEntry.query(on: app.db).filter(\.$action == action).filter(\.$outcome == "ok").count()
}
