import Fluent
import Vapor

/// Everyone's own account: the password and the second factor.
enum OwnAccountController {
    struct PasswordForm: Content {
        var currentPassword: String
        var newPassword: String
        var confirmPassword: String?
    }

    struct CodeForm: Content { var code: String }

    static func current(_ req: Request) async throws -> Account {
        let actor = try req.requireActor()
        guard let account = try await Account.find(actor.accountID, on: req.db) else { throw ShequError.unauthorized }
        return account
    }

    /// API: the same change as the page; the token in use stays valid, the account's others end.
    static func changePasswordAPI(_ req: Request) async throws -> HTTPStatus {
        _ = try req.requireActor()
        let form = try req.validatedContent(PasswordForm.self)
        try await OwnPassword.change(current: form.currentPassword, new: form.newPassword,
                                     confirmation: form.confirmPassword ?? form.newPassword, on: req)
        return .noContent
    }

    static func overview(_ req: Request) async throws -> WebPage {
        let account = try await current(req)
        var remaining = 0
        if account.hasSecondFactor { remaining = try await SecondFactorService.remainingRecoveryCodes(account.requireID(), on: req.db) }
        return OwnAccountPages.overview(req.context, account, remainingCodes: remaining, changed: req.queryValue("changed") != nil)
    }

    static func passwordPage(_ req: Request) async throws -> WebPage {
        _ = try req.requireActor()
        return OwnAccountPages.password(req.context, error: nil)
    }

    static func changePassword(_ req: Request) async throws -> Response {
        _ = try req.requireActor()
        let form = try req.validatedContent(PasswordForm.self)
        do {
            try await OwnPassword.change(current: form.currentPassword, new: form.newPassword,
                                         confirmation: form.confirmPassword ?? "", on: req)
        } catch let e as ShequError where e.status == .unprocessableEntity {
            return try await OwnAccountPages.password(req.context, error: e.message(req.language)).withStatus(e.status).encodeResponse(for: req)
        }
        return req.redirect(to: "/account?changed=1")
    }

    static func secondFactorPage(_ req: Request) async throws -> WebPage {
        let account = try await current(req)
        if account.hasSecondFactor {
            let remaining = try await SecondFactorService.remainingRecoveryCodes(account.requireID(), on: req.db)
            return OwnAccountPages.overview(req.context, account, remainingCodes: remaining, changed: false)
        }
        return try enrolPage(req, account, error: nil)
    }

    /// The secret and the code field once enrolment was started; before that only the button that starts it.
    static func enrolPage(_ req: Request, _ account: Account, error: Phrase?) throws -> WebPage {
        guard let enrolment = try SecondFactorService.pendingEnrolment(for: account, on: req) else {
            return SecondFactorViews.start(req.context, action: "/account/second-factor/start", intro: .acctEnrolIntro, error: error)
        }
        return SecondFactorViews.enrol(req.context, enrolment, action: "/account/second-factor", intro: .acctEnrolIntro, error: error)
    }

    static func startEnrol(_ req: Request) async throws -> WebPage {
        let account = try await current(req)
        let enrolment = try await SecondFactorService.startEnrolment(for: account, on: req)
        return SecondFactorViews.enrol(req.context, enrolment, action: "/account/second-factor", intro: .acctEnrolIntro, error: nil)
    }

    static func enrol(_ req: Request) async throws -> Response {
        let account = try await current(req)
        let form = try req.validatedContent(CodeForm.self)
        do {
            let codes = try await SecondFactorService.confirm(account, code: form.code, on: req)
            return try await SecondFactorViews.recoveryCodes(req.context, codes, next: "/account").encodeResponse(for: req)
        } catch let e as ShequError where e.status == .unprocessableEntity {
            return try await enrolPage(req, account, error: e.phrase).withStatus(e.status).encodeResponse(for: req)
        }
    }
}

enum OwnAccountPages {
    static func overview(_ ctx: RequestContext, _ account: Account, remainingCodes: Int, changed: Bool) -> WebPage {
        var content: [BodyNode] = []
        if changed { content.append(H.tag("p", [("class", "notice"), ("role", "status")], [.text(ctx.t(.acctPasswordChanged))])) }
        let grants = ctx.actor?.grants.map { AccountAdminPages.grantText(ctx, $0) }.joined(separator: "; ") ?? ""
        content.append(H.tag("dl", [("class", "record")], [
            H.tag("dt", [], [.text(ctx.t(.username))]), H.tag("dd", [], [.text(account.username)]),
            H.tag("dt", [], [.text(ctx.t(.displayName))]), H.tag("dd", [], [.text(account.displayName)]),
            H.tag("dt", [], [.text(ctx.t(.grants))]), H.tag("dd", [], [.text(grants.isEmpty ? "—" : grants)]),
            H.tag("dt", [], [.text(ctx.t(.acctSecondFactor))]),
            H.tag("dd", [], [.text(account.hasSecondFactor ? ctx.t(.acctEnrolled) + " · " + ctx.t(.acctCodesLeft) + String(remainingCodes)
                                                           : ctx.t(.acctNotEnrolled))]),
        ]))
        var links: [BodyNode] = [H.link("/account/password", ctx.t(.acctChangePassword))]
        if !account.hasSecondFactor { links.append(H.link("/account/second-factor", ctx.t(.acctEnrolTitle))) }
        content.append(H.tag("div", [("class", "actions")], links))
        return WebPage(title: ctx.t(.acctMyAccount), content)
    }

    static func password(_ ctx: RequestContext, error: String?) -> WebPage {
        let f = ctx.forms
        var content: [BodyNode] = []
        if let error { content.append(H.tag("p", [("class", "error"), ("role", "alert")], [.text(error)])) }
        content.append(f.form(action: "/account/password", [
            f.field(.acctCurrentPassword, name: "currentPassword", type: "password", required: true, autocomplete: "current-password", maxLength: 256),
            f.field(.acctNewPassword, name: "newPassword", type: "password", required: true, hint: .passwordHint,
                    autocomplete: "new-password", maxLength: 72),
            f.field(.acctConfirmPassword, name: "confirmPassword", type: "password", required: true, autocomplete: "new-password", maxLength: 72),
            f.submit(.save),
        ]))
        return WebPage(title: ctx.t(.acctChangePassword), content)
    }
}
