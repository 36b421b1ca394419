import Fluent
import ShequKernel
import Vapor

/// Changing one's own password: at the sign-in step after a reset or expiry, and any time after.
enum OwnPassword {
    /// Sets a new password the person chose. Every other page session and API token of the account ends with
    /// the old password (whoever else held one may have held the password too); the one making the change stays.
    static func replace(_ account: Account, with new: String, confirmation: String, keepingToken kept: String? = nil, on req: Request) async throws {
        guard new == confirmation else { throw ShequError.invalid(.errorPasswordsDiffer, code: "password_mismatch") }
        if PasswordRule.check(new) != nil { throw ShequError.invalid(.errorPassword, code: "weak_password") }
        if (try? await req.password.async.verify(new, created: account.passwordHash)) == true {
            throw ShequError.invalid(.errorPasswordUnchanged, code: "password_unchanged")
        }
        let hash = try await req.password.async.hash(new)
        let id = try account.requireID()
        let keptHash = kept.map(AccountService.hash)
        // `hasSession` first: the API has no session, and reading one there would make one.
        let keptSession = req.hasSession ? req.session.id.map { AccountService.hash($0.string) } : nil
        try await req.write { db in
            try await Account.query(on: db).filter(\.$id == id).set(\.$passwordHash, to: hash)
                .set(\.$mustChangePassword, to: false).set(\.$passwordChangedAt, to: Date()).update()
            let ended = try await AccountAdmin.endAccess(of: id, exceptToken: keptHash, exceptSession: keptSession, on: db)
            try await AuditLog.append(AuditDraft(actor: account.username, action: "account.changePassword", entity: "account",
                                                 entityID: id.uuidString, ip: req.clientAddress,
                                                 detail: "other sessions ended: \(ended.sessions); other API tokens revoked: \(ended.tokens)"), on: db)
        }
    }

    /// A signed-in person's change: the current password first, counted like a sign-in, so a
    /// session left open on a shared computer is not a way to guess it.
    static func change(current: String, new: String, confirmation: String, on req: Request) async throws {
        let actor = try req.requireActor()
        guard let account = try await Account.find(actor.accountID, on: req.db) else { throw ShequError.unauthorized }
        let throttle = req.application.signInThrottle
        guard let attempt = try await req.write({ db in
            try await SignInLedger.reserveAttempt(account: actor.accountID, limit: throttle.failuresBeforeLock, now: Date(), on: db)
        }) else { throw ShequError(.tooManyRequests, .errorLocked, code: "locked") }
        guard (try? await req.password.async.verify(current, created: account.passwordHash)) == true else {
            let locks = attempt >= throttle.failuresBeforeLock
            try await req.write { db in
                if locks { try await SignInLedger.lock(account: actor.accountID, until: Date().addingTimeInterval(throttle.lockDuration), on: db) }
                try await AuditLog.append(req.auditDraft("account.changePassword", entity: "account", entityID: actor.accountID.uuidString,
                                                         outcome: .failed, detail: "wrong current password"), on: db)
            }
            throw ShequError.invalid(.errorCurrentPasswordWrong, code: "wrong_current_password")
        }
        _ = try await req.write { db in try await SignInLedger.clear(account: actor.accountID, now: Date(), on: db) }
        try await replace(account, with: new, confirmation: confirmation, keepingToken: req.headers.bearerAuthorization?.token, on: req)
    }
}
