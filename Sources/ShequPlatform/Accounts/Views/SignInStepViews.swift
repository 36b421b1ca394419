import Vapor

/// The sign-in steps after the password, and the second-factor screens.
enum SignInStepViews {
    static func verify(_ ctx: RequestContext, error: Phrase?) -> WebPage {
        let f = ctx.forms
        var content: [BodyNode] = []
        if let error { content.append(H.tag("p", [("class", "error"), ("role", "alert")], [.text(ctx.t(error))])) }
        content.append(H.tag("p", [], [.text(ctx.t(.acctVerifyIntro))]))
        content.append(f.form(action: "/sign-in/verify", [
            f.field(.acctCode, name: "code", required: true, hint: .acctCodeHint, autocomplete: "one-time-code", maxLength: 20),
            f.submit(.signIn),
        ]))
        return WebPage(title: ctx.t(.acctVerifyTitle), content)
    }

    static func password(_ ctx: RequestContext, reset: Bool, error: String?) -> WebPage {
        let f = ctx.forms
        var content: [BodyNode] = []
        if let error { content.append(H.tag("p", [("class", "error"), ("role", "alert")], [.text(error)])) }
        content.append(H.tag("p", [], [.text(ctx.t(reset ? .acctChangeAfterReset : .acctChangeExpired))]))
        content.append(f.form(action: "/sign-in/password", [
            f.field(.acctNewPassword, name: "newPassword", type: "password", required: true, hint: .passwordHint,
                    autocomplete: "new-password", maxLength: 72),
            f.field(.acctConfirmPassword, name: "confirmPassword", type: "password", required: true, autocomplete: "new-password", maxLength: 72),
            f.submit(.save),
        ]))
        return WebPage(title: ctx.t(.acctChangePassword), content)
    }
}

enum SecondFactorViews {
    static func enrol(_ ctx: RequestContext, _ enrolment: SecondFactorService.Enrolment, action: String, intro: Phrase, error: Phrase?) -> WebPage {
        let f = ctx.forms
        var content: [BodyNode] = []
        if let error { content.append(H.tag("p", [("class", "error"), ("role", "alert")], [.text(ctx.t(error))])) }
        content += [
            H.tag("p", [], [.text(ctx.t(intro))]),
            H.tag("ol", [], [
                H.tag("li", [], [.text(ctx.t(.acctEnrolStep1))]),
                H.tag("li", [], [.text(ctx.t(.acctEnrolStep2))]),
                H.tag("li", [], [.text(ctx.t(.acctEnrolStep3))]),
            ]),
            H.tag("dl", [("class", "record")], [
                H.tag("dt", [], [.text(ctx.t(.acctSecret))]),
                H.tag("dd", [], [H.tag("code", [("id", "totp-secret")], [.text(grouped(enrolment.secret))])]),
                H.tag("dt", [], [.text(ctx.t(.acctEnrolLink))]),
                H.tag("dd", [], [H.tag("a", [("href", enrolment.uri)], [H.tag("code", [("id", "totp-uri")], [.text(enrolment.uri)])])]),
            ]),
            f.form(action: action, [
                f.field(.acctCode, name: "code", required: true, hint: .acctFirstCodeHint, autocomplete: "one-time-code",
                        inputmode: "numeric", maxLength: 20),
                f.submit(.acctConfirm),
            ]),
        ]
        return WebPage(title: ctx.t(.acctEnrolTitle), content)
    }

    /// Before enrolment starts: what it is, and the button (a POST) that makes the secret.
    static func start(_ ctx: RequestContext, action: String, intro: Phrase, error: Phrase?) -> WebPage {
        let f = ctx.forms
        var content: [BodyNode] = []
        if let error { content.append(H.tag("p", [("class", "error"), ("role", "alert")], [.text(ctx.t(error))])) }
        content += [
            H.tag("p", [], [.text(ctx.t(intro))]),
            H.tag("p", [], [.text(ctx.t(.acctEnrolStartIntro))]),
            f.form(action: action, [f.submit(.acctEnrolStart)]),
        ]
        return WebPage(title: ctx.t(.acctEnrolTitle), content)
    }

    /// Groups of four, as authenticator apps let people type them.
    static func grouped(_ secret: String) -> String {
        var out = ""
        for (i, ch) in secret.enumerated() {
            if i > 0 && i % 4 == 0 { out += " " }
            out.append(ch)
        }
        return out
    }

    static func recoveryCodes(_ ctx: RequestContext, _ codes: [String], next: String) -> WebPage {
        WebPage(title: ctx.t(.acctRecoveryTitle), [
            H.tag("p", [("class", "notice"), ("role", "status")], [.text(ctx.t(.acctRecoveryIntro))]),
            H.tag("ol", [("id", "recovery-codes")], codes.map { H.tag("li", [], [H.tag("code", [], [.text($0)])]) }),
            H.tag("p", [], [H.link(next, ctx.t(.acctContinue))]),
        ])
    }
}
