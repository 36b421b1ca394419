import Fluent
import Vapor

enum SignInController {
    struct Form: Content {
        var username: String
        var password: String
        var next: String?
    }

    static func show(_ req: Request) throws -> WebPage {
        let next = try? req.query.get(String.self, at: "next")
        return SignInView.page(req.context, next: next, error: nil)
    }

    static func submit(_ req: Request) async throws -> Response {
        let form = try req.validatedContent(Form.self)
        let result = try await AccountService.signIn(username: form.username, password: form.password, ip: req.clientAddress, on: req)
        switch result {
        case .success(let account), .secondFactorDue(let account, _):
            // A code, a new password or an enrolment may be owed before the session is the account's (see SignInFlow).
            return try await SignInFlow.begin(account, next: form.next, on: req)
        case .failure(let delay):
            if delay > 0 { try await Task.sleep(for: .seconds(delay)) }
            return try await SignInView.page(req.context, next: form.next, error: .errorSignInFailed)
                .withStatus(.unauthorized).encodeResponse(for: req)
        case .locked:
            return try await SignInView.page(req.context, next: form.next, error: .errorLocked)
                .withStatus(.tooManyRequests).encodeResponse(for: req)
        case .addressLimited:
            return try await SignInView.page(req.context, next: form.next, error: .errorAddressLimited)
                .withStatus(.tooManyRequests).encodeResponse(for: req)
        }
    }

    static func signOut(_ req: Request) async throws -> Response {
        if let actor = req.actor {
            let draft = req.auditDraft("account.signOut", entity: "account", entityID: actor.accountID.uuidString)
            try await req.write { db in try await AuditLog.append(draft, on: db) }
        }
        req.session.destroy()
        req.rotateCSRFToken()
        return req.redirect(to: "/")
    }
}

extension WebPage {
    public func withStatus(_ status: HTTPResponseStatus) -> WebPage { WebPage(title: title, status: status, content) }
}

enum SignInView {
    static func page(_ ctx: RequestContext, next: String?, error: Phrase?) -> WebPage {
        let f = ctx.forms
        var content: [BodyNode] = []
        if let error { content.append(H.tag("p", [("class", "error"), ("role", "alert")], [.text(ctx.t(error))])) }
        content.append(H.tag("p", [], [.text(ctx.t(.signInIntro))]))
        content.append(f.form(action: "/sign-in", [
            H.void("input", [("type", "hidden"), ("name", "next"), ("value", next ?? "/")]),
            f.field(.username, name: "username", required: true, autocomplete: "username", maxLength: 64),
            f.field(.password, name: "password", type: "password", required: true, autocomplete: "current-password", maxLength: 128),
            f.submit(.signIn),
        ]))
        return WebPage(title: ctx.t(.signIn), content)
    }
}

extension Phrase {
    static let errorAddressLimited = Phrase(zh: "从您所在网络登录失败的次数过多，请15分钟后再试。",
                                            en: "Too many failed sign-ins from your network: please try again in 15 minutes.")
}
