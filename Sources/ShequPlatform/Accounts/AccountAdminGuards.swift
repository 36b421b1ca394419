import Fluent
import Foundation
import SQLKit
import Vapor

/// Two rules on changing administrators' accounts, on top of reach (`AccountAdmin.reachable`), which
/// already keeps an administrator off any account with a grant beyond their own scopes.
extension AccountAdmin {
    /// An account that manages accounts is disabled, granted or reset only from above: by an administrator
    /// whose reach strictly contains each of its management scopes. Two administrators of one street are
    /// peers, and either could otherwise disable the other, reset the other's password and second factor
    /// and so take the street's accounts alone; the district or the city settles between them. At the top
    /// nobody is above, so city-wide administrators change each other, and the last of them is kept.
    static func requireAbove(_ account: Account, _ grants: [Grant], action: String, on req: Request) async throws {
        let actor = try req.requireActor()
        let target = Actor(accountID: try account.requireID(), username: account.username, residentID: account.residentID,
                           grants: grants.map(\.value))
        if isAbove(AccountReach(actor), managing: Policy.scopes(of: target, for: .accountManage)) { return }
        try await refusePeer(action, entityID: account.id?.uuidString, scope: grants.first?.scope, on: req)
    }

    /// The same rule for a grant being given: an administrator makes administrators only below their own reach.
    static func requireAbove(giving grant: GrantValue, entityID: String?, on req: Request) async throws {
        let holder = Actor(accountID: UUID(), username: "", residentID: nil, grants: [grant])
        if isAbove(AccountReach(try req.requireActor()), managing: Policy.scopes(of: holder, for: .accountManage)) { return }
        try await refusePeer("account.manage", entityID: entityID, scope: grant.scope, on: req)
    }

    static func isAbove(_ own: AccountReach, managing scopes: [String]) -> Bool {
        scopes.allSatisfy { scope in
            own.scopes.contains { scope.hasPrefix($0) && $0.count < scope.count } || (own.cityWide && AccountReach(scopes: [scope]).cityWide)
        }
    }

    static func refusePeer(_ action: String, entityID: String?, scope: String?, on req: Request) async throws -> Never {
        let draft = req.auditDraft(action, entity: "account", entityID: entityID, scope: scope,
                                   outcome: .denied, detail: "an administrator at the same level or above")
        try await req.write { db in try await AuditLog.append(draft, on: db) }
        throw ShequError(.forbidden, .errorPeerAdministrator, code: "peer_administrator")
    }

    /// Inside the change's write: refuses (409) a change that would leave no enabled account with a city-wide
    /// administrator grant. `disabling` leaves the account out of the count; `removing` leaves out that grant.
    /// On PostgreSQL the city-wide administrators' rows are locked first, in one order, so two administrators
    /// disabling each other at once are decided one after the other and the second sees the first's change.
    static func keepACityAdministrator(disabling: UUID? = nil, removing grantID: UUID? = nil, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let role = Role.cityAdministrator.rawValue
        let cityWide: SQLQueryString = "g.role = \(bind: role) AND LENGTH(g.scope) <= 4"
        if db.isPostgres {
            _ = try await sql.raw("""
                SELECT a.id FROM accounts a WHERE EXISTS (SELECT 1 FROM grants g WHERE g.account_id = a.id AND \(cityWide))
                ORDER BY a.id FOR UPDATE
                """).all()
        }
        let notAccount: SQLQueryString = disabling.map { " AND a.id <> \(bind: $0)" } ?? ""
        let notGrant: SQLQueryString = grantID.map { " AND g.id <> \(bind: $0)" } ?? ""
        let remaining = try await sql.raw("""
            SELECT COUNT(*) AS n FROM accounts a JOIN grants g ON g.account_id = a.id
            WHERE a.disabled = \(bind: false) AND \(cityWide)\(notAccount)\(notGrant)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        if remaining == 0 { throw ShequError(.conflict, .errorLastCityAdministrator, code: "last_city_administrator") }
    }

    /// Whether a grant is what `keepACityAdministrator` counts.
    static func isCityWideAdministrator(_ grant: Grant) -> Bool {
        grant.role == .cityAdministrator && AccountReach(scopes: [grant.scope]).cityWide
    }

    /// The refusal of `keepACityAdministrator`, audited after its transaction rolled back.
    static func auditingLastAdministrator<T>(_ action: String, _ account: Account, on req: Request,
                                             _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let e as ShequError where e.code == "last_city_administrator" {
            let draft = req.auditDraft(action, entity: "account", entityID: account.id?.uuidString, outcome: .denied,
                                       detail: "the last enabled city-wide administrator")
            try await req.write { db in try await AuditLog.append(draft, on: db) }
            throw e
        }
    }
}
