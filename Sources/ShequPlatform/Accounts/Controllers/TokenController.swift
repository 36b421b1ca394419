import Fluent
import Vapor

enum TokenController {
    struct Credentials: Content {
        var username: String
        var password: String
        /// The authenticator's code or a recovery code, for accounts with a second factor.
        var code: String?
    }

    struct TokenResponse: Content {
        var token: String
        var expiresAt: Date
    }

    static func issue(_ req: Request) async throws -> TokenResponse {
        let credentials = try req.validatedContent(Credentials.self)
        let account: Account
        switch try await AccountService.signIn(username: credentials.username, password: credentials.password, ip: req.clientAddress, on: req) {
        case .success(let signedIn):
            account = signedIn
        case .secondFactorDue(let signedIn, let attempt):
            guard let code = credentials.code, !code.isEmpty else {
                // The password's attempt stays counted: leaving the code out does not make guessing passwords free.
                throw ShequError(.unauthorized, .errorCodeNeeded, code: "second_factor_required")
            }
            switch try await SecondFactorGate.check(signedIn, code: code, attempt: attempt, on: req) {
            case .accepted: account = signedIn
            case .wrong: throw ShequError(.unauthorized, .errorCodeWrong, code: "second_factor_failed")
            case .locked: throw ShequError(.tooManyRequests, .errorLocked, code: "locked")
            }
        case .failure:
            throw ShequError(.unauthorized, .errorSignInFailed, code: "bad_credentials")
        case .locked:
            throw ShequError(.tooManyRequests, .errorLocked, code: "locked")
        case .addressLimited:
            throw ShequError(.tooManyRequests, .errorAddressLimited, code: "address_limited")
        }
        // What the sign-in pages make a person do first, the API does not let them skip.
        let settings = req.application.accountSecurity
        if settings.passwordMustChange(account) {
            try await refuse(account, "password change required", on: req)
            throw ShequError(.forbidden, .errorPasswordChangeFirst, code: "password_change_required")
        }
        let grants = try await Grant.query(on: req.db).filter(\.$account.$id == account.requireID()).all().map(\.value)
        if settings.mustEnrol(account, grants: grants) {
            try await refuse(account, "second factor not enrolled", on: req)
            throw ShequError(.forbidden, .errorEnrolFirst, code: "second_factor_enrolment_required")
        }
        let issued = try await req.write { db in
            let issued = try await AccountService.issueToken(for: account, on: db)
            try await AuditLog.append(AuditDraft(actor: account.username, action: "token.issue", entity: "account",
                                                 entityID: account.id?.uuidString, ip: req.clientAddress), on: db)
            return issued
        }
        return TokenResponse(token: issued.token, expiresAt: issued.expiresAt)
    }

    static func refuse(_ account: Account, _ detail: String, on req: Request) async throws {
        try await req.write { db in
            try await AuditLog.append(AuditDraft(actor: account.username, action: "token.issue", entity: "account",
                                                 entityID: account.id?.uuidString, outcome: .denied, ip: req.clientAddress, detail: detail), on: db)
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
