import Fluent
import Vapor

/// City administrators create staff accounts and grant them a role at a scope.
enum AccountsController {
    struct Input: Content {
        var username: String
        var password: String
        var displayName: String
        var role: String
        var scope: String
        var departmentID: UUID?
        var residentID: UUID?
    }

    struct Summary: Content {
        var id: UUID
        var username: String
        var displayName: String
        var grants: [GrantValue]
    }

    static func query(_ paging: ListPageRequest, on db: any Database) async throws -> ListPage<Summary> {
        try await Account.query(on: db).with(\.$grants).sort(\.$username).sort(\.$id).paged(paging) {
            try Summary(id: $0.requireID(), username: $0.username, displayName: $0.displayName, grants: $0.grants.map(\.value))
        }
    }

    static func list(_ req: Request) async throws -> ListPage<Summary> {
        try await req.authorize(.accountManage, entity: "account")
        return try await query(ListPageRequest(req), on: req.db)
    }

    static func create(_ req: Request) async throws -> Response {
        try await req.authorize(.accountManage, entity: "account")
        let input = try req.validatedContent(Input.self)
        do {
            return try await createChecked(input, req: req)
        } catch let e as ShequError where !req.wantsJSON && e.status != .forbidden && e.status != .unauthorized {
            // A page user sees the form again with the reason, not a dead end.
            return try await page(req, error: e.message(req.language)).withStatus(e.status).encodeResponse(for: req)
        }
    }

    static func createChecked(_ input: Input, req: Request) async throws -> Response {
        guard let role = Role(rawValue: input.role) else { throw ShequError.invalid(.errorInvalidValue, "role") }
        let grant = GrantValue(role: role, scope: input.scope.trimmingCharacters(in: .whitespaces), departmentID: input.departmentID)
        let account = try await req.writeAudited("account.create", entity: "account") { db in
            let account = try await AccountService.create(username: input.username, password: input.password,
                                                          displayName: input.displayName, grants: [grant],
                                                          residentID: input.residentID, on: req, db: db)
            return Audited(account, id: account.id, scope: grant.scope, detail: "\(role.rawValue)@\(grant.scope)")
        }
        if req.wantsJSON {
            let summary = Summary(id: try account.requireID(), username: account.username, displayName: account.displayName, grants: [grant])
            return try await summary.encodeResponse(status: .created, for: req)
        }
        return req.redirect(to: "/accounts?created=1")
    }

    static func page(_ req: Request) async throws -> WebPage {
        try await page(req, error: nil)
    }

    static func page(_ req: Request, error: String?) async throws -> WebPage {
        try await req.authorize(.accountManage, entity: "account")
        let ctx = req.context
        let page = try await query(ListPageRequest(req), on: req.db)
        let f = ctx.forms
        let rows: [BodyNode] = page.items.map { a in
            H.tag("tr", [], [
                H.tag("td", [("data-label", ctx.t(.username))], [.text(a.username)]),
                H.tag("td", [("data-label", ctx.t(.displayName))], [.text(a.displayName)]),
                H.tag("td", [("data-label", ctx.t(.grants))], [.text(a.grants.map { ctx.t($0.role.phrase) + " @ " + $0.scope }.joined(separator: "; "))]),
            ])
        }
        var content: [BodyNode] = []
        if let error { content.append(H.tag("p", [("class", "error"), ("role", "alert")], [.text(error)])) }
        if (try? req.query.get(String.self, at: "created")) != nil {
            content.append(H.tag("p", [("class", "notice"), ("role", "status")], [.text(ctx.t(.accountCreated))]))
        }
        content += [
            H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
                H.tag("thead", [], [H.tag("tr", [], [
                    H.tag("th", [], [.text(ctx.t(.username))]), H.tag("th", [], [.text(ctx.t(.displayName))]),
                    H.tag("th", [], [.text(ctx.t(.grants))])])]),
                H.tag("tbody", [], rows),
            ])]),
            Pager.nav(ctx, page, path: "/accounts"),
            H.tag("h2", [], [.text(ctx.t(.newAccount))]),
            f.form(action: "/accounts", [
                f.field(.username, name: "username", required: true, maxLength: 32),
                f.field(.password, name: "password", type: "password", required: true, hint: .passwordHint,
                        autocomplete: "new-password", maxLength: 72),
                f.field(.displayName, name: "displayName", required: true, maxLength: 64),
                f.select(.role, name: "role", options: Role.allCases.map { ($0.rawValue, ctx.t($0.phrase)) }, selected: nil),
                f.field(.scope, name: "scope", required: true, inputmode: "numeric", maxLength: 12),
                f.submit(.create),
            ]),
        ]
        return WebPage(title: ctx.t(.accounts), content)
    }
}
