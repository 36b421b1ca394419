import Fluent
import Vapor

enum TokenController {
    struct Credentials: Content {
        var username: String
        var password: String
    }

    struct TokenResponse: Content {
        var token: String
        var expiresAt: Date
    }

    static func issue(_ req: Request) async throws -> TokenResponse {
        let credentials = try req.validatedContent(Credentials.self)
        switch try await AccountService.signIn(username: credentials.username, password: credentials.password, ip: req.clientAddress, on: req) {
        case .success(let account):
            let issued = try await req.write { db in
                let issued = try await AccountService.issueToken(for: account, on: db)
                try await AuditLog.append(AuditDraft(actor: account.username, action: "token.issue", entity: "account",
                                                     entityID: account.id?.uuidString, ip: req.clientAddress), on: db)
                return issued
            }
            return TokenResponse(token: issued.token, expiresAt: issued.expiresAt)
        case .failure:
            throw ShequError(.unauthorized, .errorSignInFailed, code: "bad_credentials")
        case .locked:
            throw ShequError(.tooManyRequests, .errorLocked, code: "locked")
        case .addressLimited:
            throw ShequError(.tooManyRequests, .errorAddressLimited, code: "address_limited")
        }
    }

    /// Revokes the token the request was made with.
    static func revoke(_ req: Request) async throws -> HTTPStatus {
        let actor = try req.requireActor()
        guard let bearer = req.headers.bearerAuthorization else { throw ShequError.unauthorized }
        let hash = AccountService.hash(bearer.token)
        let draft = req.auditDraft("token.revoke", entity: "account", entityID: actor.accountID.uuidString)
        try await req.write { db in
            guard let token = try await APIToken.query(on: db).filter(\.$tokenHash == hash).first() else { return }
            token.revokedAt = Date()
            try await token.save(on: db)
            try await AuditLog.append(draft, on: db)
        }
        return .noContent
    }

    struct Me: Content {
        var username: String
        var grants: [GrantValue]
        var residentID: UUID?
    }

    static func me(_ req: Request) throws -> Me {
        let actor = try req.requireActor()
        return Me(username: actor.username, grants: actor.grants, residentID: actor.residentID)
    }
}
