import Foundation
import Vapor

/// The administrator's account screens: pure functions of their data and the request context.
enum AccountAdminPages {
    /// `grantable`: the roles an administrator may give; organisation staff are named by their organisation.
    static func roleOptions(_ ctx: RequestContext, grantable: Bool = true) -> [(value: String, label: String)] {
        Role.allCases.filter { !grantable || !Role.actingForABody.contains($0) }.map { ($0.rawValue, ctx.t($0.phrase)) }
    }

    static func departmentOptions(_ departments: [Department]) -> [(value: String, label: String)] {
        departments.compactMap { d in d.id.map { ($0.uuidString, d.name + " (" + d.divisionCode + ")") } }
    }

    static func grantText(_ ctx: RequestContext, _ g: GrantValue) -> String {
        ctx.t(g.role.phrase) + " @ " + g.scope
    }

    static func list(_ ctx: RequestContext, _ page: ListPage<AccountsController.Summary>, filter: AccountAdmin.Filter) -> WebPage {
        let f = ctx.forms
        var content: [BodyNode] = []
        // Creating is what an administrator comes for most: its link is above the list, not below every account.
        content.append(H.tag("p", [("class", "actions")], [H.link("/accounts/new", ctx.t(.newAccount))]))
        content.append(H.tag("form", [("method", "get"), ("action", "/accounts"), ("role", "search")], [
            f.field(.acctSearch, name: "q", value: filter.text, type: "search", hint: .acctSearchHint, maxLength: 64),
            f.select(.role, name: "role", options: roleOptions(ctx, grantable: false), selected: filter.role?.rawValue, includeEmpty: true),
            f.select(.acctStatus, name: "status", options: [("active", ctx.t(.acctActive)), ("disabled", ctx.t(.acctDisabled))],
                     selected: filter.status?.rawValue, includeEmpty: true),
            f.submit(.search),
        ]))
        if page.items.isEmpty {
            content.append(H.tag("p", [], [.text(ctx.t(.acctNoneFound))]))
        } else {
            let rows: [BodyNode] = page.items.map { a in
                H.tag("tr", [], [
                    H.tag("td", [("data-label", ctx.t(.username))], [H.link("/accounts/\(a.id.uuidString)", a.username)]),
                    H.tag("td", [("data-label", ctx.t(.displayName))], [.text(a.displayName)]),
                    H.tag("td", [("data-label", ctx.t(.grants))], [.text(a.grants.map { grantText(ctx, $0) }.joined(separator: "; "))]),
                    H.tag("td", [("data-label", ctx.t(.acctStatus))], [.text(ctx.t(a.disabled ? .acctDisabled : .acctActive))]),
                    H.tag("td", [("data-label", ctx.t(.acctSecondFactor))], [.text(ctx.t(a.secondFactor ? .acctEnrolled : .acctNotEnrolled))]),
                ])
            }
            let head = [Phrase.username, .displayName, .grants, .acctStatus, .acctSecondFactor].map { H.tag("th", [], [.text(ctx.t($0))]) }
            content.append(H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
                H.tag("thead", [], [H.tag("tr", [], head)]),
                H.tag("tbody", [], rows),
            ])]))
        }
        content.append(Pager.nav(ctx, page, path: "/accounts",
                                 keep: [("q", filter.text), ("role", filter.role?.rawValue), ("status", filter.status?.rawValue)]))
        return WebPage(title: ctx.t(.accounts), content)
    }

    /// `typed`: what a refused form sent, shown again (never the password) so only the wrong field needs retyping.
    static func newAccount(_ ctx: RequestContext, departments: [Department], error: String?,
                           typed: AccountsController.Input? = nil) -> WebPage {
        let f = ctx.forms
        var content: [BodyNode] = []
        if let error { content.append(H.tag("p", [("class", "error"), ("role", "alert")], [.text(error)])) }
        content.append(f.form(action: "/accounts", [
            f.field(.username, name: "username", value: typed?.username, required: true, hint: .acctUsernameHint, maxLength: 32),
            f.field(.password, name: "password", type: "password", required: true, hint: .passwordHint,
                    autocomplete: "new-password", maxLength: 72),
            f.field(.displayName, name: "displayName", value: typed?.displayName, required: true, maxLength: 64),
            f.select(.role, name: "role", options: roleOptions(ctx), selected: typed?.role),
            f.field(.scope, name: "scope", value: typed?.scope, required: true, inputmode: "numeric", maxLength: 12),
            f.select(.acctDepartment, name: "departmentID", options: departmentOptions(departments), selected: typed?.departmentID,
                     includeEmpty: true),
            f.submit(.create),
        ]))
        content.append(H.tag("p", [], [H.link("/accounts", ctx.t(.accounts))]))
        return WebPage(title: ctx.t(.newAccount), content)
    }

    static func detail(_ ctx: RequestContext, _ a: AccountAdmin.Detail, departments: [Department], organizations: [UUID: String] = [:],
                       isSelf: Bool, isPeer: Bool = false,
                       created: Bool) -> WebPage {
        let readOnly = isSelf || isPeer
        let f = ctx.forms
        let base = "/accounts/\(a.id.uuidString)"
        let names = Dictionary(departments.compactMap { d in d.id.map { ($0, d.name) } }, uniquingKeysWith: { first, _ in first })
        var content: [BodyNode] = []
        if created { content.append(H.tag("p", [("class", "notice"), ("role", "status")], [.text(ctx.t(.accountCreated))])) }
        content.append(H.tag("dl", [("class", "record")], [
            H.tag("dt", [], [.text(ctx.t(.username))]), H.tag("dd", [], [.text(a.username)]),
            H.tag("dt", [], [.text(ctx.t(.displayName))]), H.tag("dd", [], [.text(a.displayName)]),
            H.tag("dt", [], [.text(ctx.t(.acctStatus))]), H.tag("dd", [], [.text(ctx.t(a.disabled ? .acctDisabled : .acctActive))]),
            H.tag("dt", [], [.text(ctx.t(.acctSecondFactor))]), H.tag("dd", [], [.text(ctx.t(a.secondFactor ? .acctEnrolled : .acctNotEnrolled))]),
            H.tag("dt", [], [.text(ctx.t(.password))]),
            H.tag("dd", [], [.text(a.mustChangePassword ? ctx.t(.acctMustChange) : (a.passwordChangedAt.map { ctx.t(.acctChangedOn) + day($0) } ?? "—"))]),
        ]))
        content.append(H.tag("h2", [], [.text(ctx.t(.grants))]))
        let rows: [BodyNode] = a.grants.map { g in
            var cells: [BodyNode] = [
                H.tag("td", [("data-label", ctx.t(.role))], [.text(ctx.t(g.role.phrase))]),
                H.tag("td", [("data-label", ctx.t(.scope))], [.text(g.scope)]),
                H.tag("td", [("data-label", ctx.t(.acctDepartment))], [
                    .text(g.departmentID.flatMap { names[$0] } ?? g.organizationID.flatMap { organizations[$0] } ?? "—"),
                ]),
            ]
            if !readOnly && a.grants.count > 1 {
                // The organisation removes its own staff; the administrator's form would only be refused.
                cells.append(H.tag("td", [("data-label", ctx.t(.acctRemove))], [
                    Role.actingForABody.contains(g.role) ? .text("—") : f.form(action: base + "/grants/\(g.id.uuidString)/remove", [f.submit(.acctRemove)]),
                ]))
            }
            return H.tag("tr", [], cells)
        }
        var head = [Phrase.role, .scope, .acctDepartment]
        if !readOnly && a.grants.count > 1 { head.append(.acctRemove) }
        content.append(H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
            H.tag("thead", [], [H.tag("tr", [], head.map { H.tag("th", [], [.text(ctx.t($0))]) })]),
            H.tag("tbody", [], rows),
        ])]))
        if isSelf {
            content.append(H.tag("p", [("class", "hint")], [.text(ctx.t(.acctOwnHint) + " "), H.link("/account", ctx.t(.acctMyAccount))]))
        } else if isPeer {
            content.append(H.tag("p", [("class", "hint")], [.text(ctx.t(.errorPeerAdministrator))]))
        } else {
            content.append(H.tag("h2", [], [.text(ctx.t(.acctAddGrant))]))
            content.append(f.form(action: base + "/grants", [
                f.select(.role, name: "role", options: roleOptions(ctx), selected: nil),
                f.field(.scope, name: "scope", required: true, inputmode: "numeric", maxLength: 12),
                f.select(.acctDepartment, name: "departmentID", options: departmentOptions(departments), selected: nil, includeEmpty: true),
                f.submit(.acctAddGrant),
            ]))
            content.append(H.tag("h2", [], [.text(ctx.t(.acctActions))]))
            var actions: [BodyNode] = [
                a.disabled ? f.form(action: base + "/enable", [f.submit(.acctEnable)])
                           : f.form(action: base + "/disable", [f.submit(.acctDisable)]),
                f.form(action: base + "/password-reset", [f.submit(.acctResetPassword)]),
            ]
            if a.secondFactor { actions.append(f.form(action: base + "/second-factor-reset", [f.submit(.acctResetSecondFactor)])) }
            content.append(H.tag("div", [("class", "actions")], actions))
            content.append(H.tag("p", [("class", "hint")], [.text(ctx.t(.acctActionsHint))]))
        }
        content.append(H.tag("p", [], [H.link("/accounts", ctx.t(.accounts))]))
        return WebPage(title: ctx.t(.acctAccountTitle) + a.username, content)
    }

    static func temporaryPassword(_ ctx: RequestContext, _ reset: AccountAdmin.TemporaryPassword, accountPath: String) -> WebPage {
        WebPage(title: ctx.t(.acctResetPassword), [
            H.tag("p", [("class", "notice"), ("role", "status")], [.text(ctx.t(.acctTemporaryIntro))]),
            H.tag("dl", [("class", "record")], [
                H.tag("dt", [], [.text(ctx.t(.username))]), H.tag("dd", [], [.text(reset.username)]),
                H.tag("dt", [], [.text(ctx.t(.acctTemporaryPassword))]), H.tag("dd", [], [H.tag("code", [], [.text(reset.temporaryPassword)])]),
            ]),
            H.tag("p", [], [H.link(accountPath, ctx.t(.back))]),
        ])
    }

    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}
