import Fluent
import Foundation
import Vapor

/// What stands between a right password and a signed-in session: the second-factor
/// code, a password change (after a reset, or when the password is too old), and an
/// administrator's enrolment. Until the last step is done the session holds only a
/// pending sign-in, which `ActorMiddleware` ignores, so the person can do nothing else.
enum SignInFlow {
    enum Step: String {
        case verify, password, enrol
        var path: String { "/sign-in/" + rawValue }
    }

    static let pendingKey = "pending"
    static let pendingAtKey = "pendingAt"
    static let verifiedKey = "verified"
    static let nextKey = "next"

    static func nextStep(for account: Account, verified: Bool, on db: any Database, settings: AccountSecuritySettings) async throws -> Step? {
        if account.hasSecondFactor && !verified { return .verify }
        if settings.passwordMustChange(account) { return .password }
        let grants = try await Grant.query(on: db).filter(\.$account.$id == account.requireID()).all().map(\.value)
        if settings.mustEnrol(account, grants: grants) { return .enrol }
        return nil
    }

    /// After the password: straight in, or to the first step still owed.
    static func begin(_ account: Account, next: String?, on req: Request) async throws -> Response {
        try await freshSession(req)
        guard let step = try await nextStep(for: account, verified: false, on: req.db, settings: req.application.accountSecurity) else {
            return try await complete(account, next: next, on: req)
        }
        req.session.data[pendingKey] = try account.requireID().uuidString
        req.session.data[pendingAtKey] = String(Int(Date().timeIntervalSince1970))
        if let next { req.session.data[nextKey] = next }
        return req.redirect(to: step.path)
    }

    /// After a step: the next one, or the signed-in session.
    static func proceed(_ account: Account, on req: Request) async throws -> Response {
        let verified = req.session.data[verifiedKey] == "1"
        if let step = try await nextStep(for: account, verified: verified, on: req.db, settings: req.application.accountSecurity) {
            return req.redirect(to: step.path)
        }
        return try await complete(account, next: req.session.data[nextKey], on: req)
    }

    static func complete(_ account: Account, next: String?, on req: Request) async throws -> Response {
        try await freshSession(req)
        req.session.data["account"] = try account.requireID().uuidString
        return req.redirect(to: WorkbenchPage.landing(after: next))
    }

    /// A fresh session id whenever who the session stands for changes, so an id planted before is worthless after.
    static func freshSession(_ req: Request) async throws {
        if let old = req.session.id {
            try await req.application.sessions.driver.deleteSession(old, for: req).get()
            req.session.id = nil
        }
        for key in [pendingKey, pendingAtKey, verifiedKey, nextKey, "account"] { req.session.data[key] = nil }
        req.rotateCSRFToken()
    }

    /// The account whose sign-in is under way at `step`; a pending sign-in that is too old,
    /// or an account disabled meanwhile, starts again at the password.
    static func pendingAccount(_ req: Request, at step: Step) async throws -> Account {
        guard req.hasSession, let raw = req.session.data[pendingKey], let id = UUID(uuidString: raw),
              let started = req.session.data[pendingAtKey].flatMap(Double.init),
              Date().timeIntervalSince1970 - started <= req.application.accountSecurity.pendingSignInLifetime,
              let account = try await Account.find(id, on: req.db), !account.disabled else {
            throw ShequError(.unauthorized, .errorSignInAgain, code: "sign_in_again")
        }
        // A step's page is only for the step now owed: the code cannot be skipped by going to the enrolment page.
        let verified = req.session.data[verifiedKey] == "1"
        guard try await nextStep(for: account, verified: verified, on: req.db, settings: req.application.accountSecurity) == step else {
            throw ShequError(.unauthorized, .errorSignInAgain, code: "sign_in_again")
        }
        return account
    }
}
