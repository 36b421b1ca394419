import Fluent
import Vapor

/// The pages between a right password and a signed-in session (see `SignInFlow`).
enum SignInStepsController {
    struct CodeForm: Content { var code: String }

    struct NewPasswordForm: Content {
        var newPassword: String
        var confirmPassword: String
    }

    static func showVerify(_ req: Request) async throws -> WebPage {
        _ = try await SignInFlow.pendingAccount(req, at: .verify)
        return SignInStepViews.verify(req.context, error: nil)
    }

    static func submitVerify(_ req: Request) async throws -> Response {
        let account = try await SignInFlow.pendingAccount(req, at: .verify)
        let form = try req.validatedContent(CodeForm.self)
        switch try await SecondFactorGate.checkAgain(account, code: form.code, on: req) {
        case .accepted:
            req.session.data[SignInFlow.verifiedKey] = "1"
            return try await SignInFlow.proceed(account, on: req)
        case .wrong:
            return try await SignInStepViews.verify(req.context, error: .errorCodeWrong).withStatus(.unauthorized).encodeResponse(for: req)
        case .locked:
            try await SignInFlow.freshSession(req)
            return try await SignInView.page(req.context, next: nil, error: .errorLocked).withStatus(.tooManyRequests).encodeResponse(for: req)
        }
    }

    static func showPassword(_ req: Request) async throws -> WebPage {
        let account = try await SignInFlow.pendingAccount(req, at: .password)
        return SignInStepViews.password(req.context, reset: account.mustChangePassword, error: nil)
    }

    static func submitPassword(_ req: Request) async throws -> Response {
        let account = try await SignInFlow.pendingAccount(req, at: .password)
        let form = try req.validatedContent(NewPasswordForm.self)
        do {
            try await OwnPassword.replace(account, with: form.newPassword, confirmation: form.confirmPassword, on: req)
        } catch let e as ShequError where e.status == .unprocessableEntity {
            return try await SignInStepViews.password(req.context, reset: account.mustChangePassword, error: e.message(req.language))
                .withStatus(e.status).encodeResponse(for: req)
        }
        guard let fresh = try await Account.find(account.id, on: req.db) else { throw ShequError.notFound }
        return try await SignInFlow.proceed(fresh, on: req)
    }

    static func showEnrol(_ req: Request) async throws -> WebPage {
        let account = try await SignInFlow.pendingAccount(req, at: .enrol)
        return try enrolPage(req, account, error: nil)
    }

    static func enrolPage(_ req: Request, _ account: Account, error: Phrase?) throws -> WebPage {
        guard let enrolment = try SecondFactorService.pendingEnrolment(for: account, on: req) else {
            return SecondFactorViews.start(req.context, action: "/sign-in/enrol/start", intro: .acctEnrolRequiredIntro, error: error)
        }
        return SecondFactorViews.enrol(req.context, enrolment, action: "/sign-in/enrol", intro: .acctEnrolRequiredIntro, error: error)
    }

    static func startEnrol(_ req: Request) async throws -> WebPage {
        let account = try await SignInFlow.pendingAccount(req, at: .enrol)
        let enrolment = try await SecondFactorService.startEnrolment(for: account, on: req)
        return SecondFactorViews.enrol(req.context, enrolment, action: "/sign-in/enrol", intro: .acctEnrolRequiredIntro, error: nil)
    }

    static func submitEnrol(_ req: Request) async throws -> Response {
        let account = try await SignInFlow.pendingAccount(req, at: .enrol)
        let form = try req.validatedContent(CodeForm.self)
        let codes: [String]
        do {
            codes = try await SecondFactorService.confirm(account, code: form.code, on: req)
        } catch let e as ShequError where e.status == .unprocessableEntity {
            return try await enrolPage(req, account, error: e.phrase).withStatus(e.status).encodeResponse(for: req)
        }
        // The codes are shown on the very response that completes the sign-in: they exist nowhere else in clear.
        let next = req.session.data[SignInFlow.nextKey]
        try await SignInFlow.freshSession(req)
        req.session.data["account"] = try account.requireID().uuidString
        // This response is the first of the new session: its header shows who is signed in, not a sign-in link.
        req.storage[ActorMiddleware.ActorKey.self] = try await AccountService.actor(for: account, on: req.db)
        return try await SecondFactorViews.recoveryCodes(req.context, codes, next: WorkbenchPage.landing(after: next)).encodeResponse(for: req)
    }
}

/// The code check after the password, counted against the same allowance as wrong passwords.
enum SecondFactorGate {
    enum Outcome { case accepted, wrong, locked }

    /// On the page's code step: each code is a new attempt.
    static func checkAgain(_ account: Account, code: String, on req: Request) async throws -> Outcome {
        let id = try account.requireID()
        let throttle = req.application.signInThrottle
        guard let attempt = try await req.write({ db in
            try await SignInLedger.reserveAttempt(account: id, limit: throttle.failuresBeforeLock, now: Date(), on: db)
        }) else {
            try await audit(account, .denied, "locked", on: req)
            return .locked
        }
        return try await check(account, code: code, attempt: attempt, on: req)
    }

    /// With the attempt the password already reserved (the token endpoint takes both at once).
    static func check(_ account: Account, code: String, attempt: Int, on req: Request) async throws -> Outcome {
        let id = try account.requireID()
        let throttle = req.application.signInThrottle
        let accepted = try await req.write { db in
            guard try await SecondFactorService.accepts(code, for: account, on: db, req: req) else { return false }
            _ = try await SignInLedger.clear(account: id, now: Date(), on: db)
            try await AuditLog.append(AuditDraft(actor: account.username, action: "account.signIn", entity: "account",
                                                 entityID: id.uuidString, ip: req.clientAddress, detail: "second factor accepted"), on: db)
            return true
        }
        if accepted { return .accepted }
        let locks = attempt >= throttle.failuresBeforeLock
        try await req.write { db in
            if locks { try await SignInLedger.lock(account: id, until: Date().addingTimeInterval(throttle.lockDuration), on: db) }
            try await AuditLog.append(AuditDraft(actor: account.username, action: "account.signIn", entity: "account",
                                                 entityID: id.uuidString, outcome: .failed, ip: req.clientAddress,
                                                 detail: locks ? "wrong code; locked" : "wrong code"), on: db)
        }
        return locks ? .locked : .wrong
    }

    static func audit(_ account: Account, _ outcome: AuditDraft.Outcome, _ detail: String, on req: Request) async throws {
        try await req.write { db in
            try await AuditLog.append(AuditDraft(actor: account.username, action: "account.signIn", entity: "account",
                                                 entityID: account.id?.uuidString, outcome: outcome, ip: req.clientAddress, detail: detail), on: db)
        }
    }
}
