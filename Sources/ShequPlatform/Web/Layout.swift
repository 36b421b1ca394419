import Plot
import Vapor

/// The frame every page shares: language and text-size switches that work
/// without JavaScript, a skip link, and navigation filtered by the policy.
public enum Layout {
    public static func render(_ ctx: RequestContext, title: String, _ content: [BodyNode]) -> String {
        let html = HTML(
            .attribute(named: "lang", value: ctx.language.rawValue),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title(title + " · " + ctx.t(.appShortName)),
                .link(.rel(.stylesheet), .href("/assets/shequ.css"))
            ),
            .body(
                .attribute(named: "class", value: ctx.largeText ? "large" : "standard"),
                H.link("#main", ctx.t(.skipToContent), class: "skip"),
                header(ctx),
                menu(ctx),
                H.tag("main", [("id", "main")], [H.tag("h1", [], [.text(title)])] + content),
                .footer(.p(.text(ctx.t(.appName))))
            )
        )
        return html.render()
    }

    static func header(_ ctx: RequestContext) -> BodyNode {
        let forms = ctx.forms
        let switches = H.tag("div", [("class", "prefs")], [
            forms.form(action: "/preferences", [
                H.void("input", [("type", "hidden"), ("name", "back"), ("value", ctx.path)]),
                H.void("input", [("type", "hidden"), ("name", "lang"),
                                 ("value", ctx.language == .zhHans ? Language.en.rawValue : Language.zhHans.rawValue)]),
                H.tag("button", [("type", "submit"), ("class", "link"),
                                 ("lang", ctx.language == .zhHans ? "en" : "zh-Hans")], [.text(ctx.t(.switchLanguage))]),
            ]),
            forms.form(action: "/preferences", [
                H.void("input", [("type", "hidden"), ("name", "back"), ("value", ctx.path)]),
                H.void("input", [("type", "hidden"), ("name", "size"), ("value", ctx.largeText ? "standard" : "large")]),
                H.tag("button", [("type", "submit"), ("class", "link")],
                      [.text(ctx.t(ctx.largeText ? .largeTextOff : .largeTextOn))]),
            ]),
        ])
        let account: BodyNode
        if let actor = ctx.actor {
            account = H.tag("div", [("class", "account")], [
                H.tag("span", [], [.text(ctx.t(.signedInAs) + ": " + actor.username)]),
                forms.form(action: "/sign-out", [H.tag("button", [("type", "submit"), ("class", "link")], [.text(ctx.t(.signOut))])]),
            ])
        } else {
            account = H.tag("div", [("class", "account")], [H.link("/sign-in", ctx.t(.signIn))])
        }
        return H.tag("header", [], [
            H.tag("div", [("class", "bar")], [
                H.link("/", ctx.t(.appShortName), class: "brand"),
                // Shown on phones only, where the menu sits below the page (see `menu`).
                H.link("#menu", ctx.t(.menu), class: "menu-jump"),
                switches, account,
            ]),
        ])
    }

    /// The menu follows the header in the document, so readers and keyboards meet it first; on a phone the
    /// stylesheet moves it below the page, as an administrator's 15 links took the whole first screen.
    static func menu(_ ctx: RequestContext) -> BodyNode {
        var nav: [BodyNode] = [H.tag("li", [], [H.link("/", ctx.t(.home))])]
        // From any page back to what waits for the signed-in person, in one tap (the first-day walk had to go home first).
        if ctx.actor != nil { nav.append(H.tag("li", [], [H.link("/workbench", ctx.t(.workbench))])) }
        nav += ctx.menu.map { H.tag("li", [], [H.link($0.path, ctx.t($0.phrase))]) }
        return H.tag("nav", [("id", "menu"), ("class", "menu"), ("aria-label", ctx.t(.menu))], [H.tag("ul", [], nav)])
    }
}

extension Response {
    public static func html(_ body: String, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(string: body))
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'self'; form-action 'self'; frame-ancestors 'none'")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        return response
    }
}

/// A page a controller can return: a title and content, rendered into the layout.
public struct WebPage: AsyncResponseEncodable, Sendable {
    public let title: String
    public let content: [BodyNode]
    public let status: HTTPResponseStatus

    public init(title: String, status: HTTPResponseStatus = .ok, _ content: [BodyNode]) {
        self.title = title
        self.content = content
        self.status = status
    }

    public func encodeResponse(for request: Request) async throws -> Response {
        .html(Layout.render(request.context, title: title, content), status: status)
    }
}

extension BodyNode: @retroactive @unchecked Sendable {}

struct ErrorPage {
    let problem: ShequError

    func response(for request: Request) -> Response {
        let ctx = request.context
        var content: [BodyNode] = [H.tag("p", [("class", "error"), ("role", "alert")], [.text(problem.message(ctx.language))])]
        if problem.status == .unauthorized {
            content.append(H.tag("p", [], [H.link("/sign-in?next=" + (request.url.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"), ctx.t(.signIn))]))
        }
        content.append(H.tag("p", [], [H.link("/", ctx.t(.home))]))
        return .html(Layout.render(ctx, title: ctx.t(.errorTitle), content), status: problem.status)
    }
}
