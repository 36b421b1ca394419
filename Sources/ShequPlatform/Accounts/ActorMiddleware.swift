import Fluent
import PostgresNIO
import SQLKit
import Vapor

/// Works out who is asking. Pages use the session cookie; the API accepts
/// bearer tokens only, so a browser's cookie can never act on the API.
struct ActorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // `hasSession` first: merely reading `request.session` creates one, and
        // an anonymous visitor (or a health probe) must not leave a row behind.
        if request.url.path.hasPrefix("/api/") {
            if let bearer = request.headers.bearerAuthorization {
                guard let actor = try await Self.actor(forToken: bearer.token, on: request.db) else {
                    throw ShequError.unauthorized
                }
                request.storage[ActorKey.self] = actor
            }
        } else if request.hasSession, let raw = request.session.data["account"], let id = UUID(uuidString: raw),
                  let account = try await Account.find(id, on: request.db), !account.disabled {
            request.storage[ActorKey.self] = try await AccountService.actor(for: account, on: request.db)
        }
        return try await next.respond(to: request)
    }

    /// One statement (token, account and grants joined): every API call pays for
    /// this, and building Fluent models for three tables cost more than the call itself.
    static func actor(forToken token: String, on db: any Database) async throws -> Actor? {
        if let pg = db as? any PostgresDatabase { return try await ActorStatement.run(tokenHash: AccountService.hash(token), on: pg) }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT t.expires_at, t.revoked_at, a.id AS account_id, a.username, a.resident_id, a.disabled,
                   g.role, g.scope, g.department_id, g.organization_id
            FROM api_tokens t JOIN accounts a ON a.id = t.account_id LEFT JOIN grants g ON g.account_id = a.id
            WHERE t.token_hash = \(bind: AccountService.hash(token))
            """).all()
        guard let first = rows.first,
              try first.decodeNil(column: "revoked_at"),
              try first.decode(column: "expires_at", as: Date.self) > Date(),
              try !first.decode(column: "disabled", as: Bool.self) else { return nil }
        let grants: [GrantValue] = try rows.compactMap { row in
            guard let role = try row.decode(column: "role", as: String?.self).flatMap(Role.init(rawValue:)) else { return nil }
            return GrantValue(role: role, scope: try row.decode(column: "scope", as: String.self),
                              departmentID: try row.decode(column: "department_id", as: UUID?.self),
                              organizationID: try row.decode(column: "organization_id", as: UUID?.self))
        }
        return Actor(accountID: try first.decode(column: "account_id", as: UUID.self),
                     username: try first.decode(column: "username", as: String.self),
                     residentID: try first.decode(column: "resident_id", as: UUID?.self), grants: grants)
    }

    struct ActorKey: StorageKey { typealias Value = Actor }
}

extension Request {
    public var actor: Actor? { storage[ActorMiddleware.ActorKey.self] }

    /// For interfaces that carry the API token elsewhere than the Authorization header (Open311's `api_key`).
    @discardableResult
    public func authenticate(apiToken token: String) async throws -> Actor? {
        guard let actor = try await ActorMiddleware.actor(forToken: token, on: db) else { return nil }
        storage[ActorMiddleware.ActorKey.self] = actor
        return actor
    }

    public func requireActor() throws -> Actor {
        guard let actor else { throw ShequError.unauthorized }
        return actor
    }

    /// Draft an audit entry on behalf of the current actor, from this request's address.
    public func auditDraft(_ action: String, entity: String, entityID: String? = nil, scope: String? = nil,
                           outcome: AuditDraft.Outcome = .ok, detail: String = "") -> AuditDraft {
        AuditDraft(actor: actor?.username ?? "-", action: action, entity: entity, entityID: entityID, scope: scope,
                   outcome: outcome, ip: clientAddress, detail: detail)
    }

    /// Asks the policy; a refusal is written to the audit log before it is answered.
    /// `hide` answers 404 instead of 403 so out-of-scope records cannot be probed for.
    @discardableResult
    public func authorize(_ action: Action, at code: String? = nil, entity: String, entityID: String? = nil,
                          hide: Bool = false) async throws -> Actor {
        let actor = try requireActor()
        let allowed = code.map { Policy.may(actor, action, at: $0) } ?? Policy.may(actor, action)
        if allowed { return actor }
        let draft = auditDraft(action.name, entity: entity, entityID: entityID, scope: code, outcome: .denied)
        try await write { db in try await AuditLog.append(draft, on: db) }
        throw hide ? ShequError.notFound : ShequError.forbidden
    }
}
