import Vapor

/// Where every role lands after signing in: what waits for it, gathered from each
/// module (`ShequModule.workbench`), with counts and links to the lists they count.
enum WorkbenchPage {
    static let path = "/workbench"

    static func show(_ req: Request) async throws -> WebPage {
        let actor = try req.requireActor()
        let ctx = req.context
        let sections = try await sections(for: actor, on: req)
        let routes = req.application.routes.all
        var content: [BodyNode] = [H.tag("p", [], [.text(ctx.t(.workbenchSignedInAs) + " "
            + actor.grants.map { ctx.t($0.role.phrase) + " · " + $0.scope }.joined(separator: "; "))])]
        if sections.allSatisfy({ $0.items.isEmpty }) {
            content.append(H.tag("p", [], [.text(ctx.t(.workbenchNothing))]))
        }
        for section in sections where !section.items.isEmpty {
            content.append(H.tag("section", [("id", section.key), ("class", "workbench")], [
                H.tag("h2", [], [.text(ctx.t(section.title))]),
                H.tag("ul", [], ordered(section.items).map { item(ctx, $0, routes: routes) }),
            ]))
        }
        return WebPage(title: ctx.t(.workbench), content)
    }

    /// Every module's sections for this actor, then the platform's own (administration).
    static func sections(for actor: Actor, on req: Request) async throws -> [WorkbenchSection] {
        var out: [WorkbenchSection] = []
        for module in req.application.shequModules {
            out += await WorkbenchPanels.sections(of: module, for: actor, on: req)
        }
        var admin: [WorkbenchItem] = []
        if Policy.may(actor, .accountManage) { admin.append(WorkbenchItem(.accounts, link: "/accounts")) }
        if Policy.may(actor, .auditRead) { admin.append(WorkbenchItem(.auditLog, link: "/audit")) }
        if !admin.isEmpty { out.append(WorkbenchSection(key: "platform-administration", title: .workbenchAdministration, items: admin)) }
        return out
    }

    /// Late first, then due soon, otherwise in the order the module gave.
    static func ordered(_ items: [WorkbenchItem]) -> [WorkbenchItem] {
        items.enumerated().sorted { a, b in
            a.element.urgency == b.element.urgency ? a.offset < b.offset : a.element.urgency < b.element.urgency
        }.map(\.element)
    }

    static func item(_ ctx: RequestContext, _ item: WorkbenchItem, routes: [Route]) -> BodyNode {
        let label = ctx.t(item.label) + (item.place.map { " · " + $0 } ?? "")
        // A link only to a page the router answers: a module may name a list that is not on pages yet.
        var nodes: [BodyNode] = []
        if let link = item.link, pageExists(link, in: routes) {
            nodes.append(H.link(link, label))
        } else {
            nodes.append(.text(label))
        }
        if let count = item.count {
            nodes.append(.text(" "))
            nodes.append(H.tag("strong", [("class", "count")], [.text(String(count))]))
        }
        switch item.urgency {
        case .overdue: nodes.append(H.tag("span", [("class", "error")], [.text(ctx.t(.workbenchOverdueMark))]))
        case .dueSoon: nodes.append(H.tag("span", [("class", "notice")], [.text(ctx.t(.workbenchDueSoonMark))]))
        case .normal: break
        }
        return H.tag("li", [("class", item.urgency == .normal ? nil : item.urgency.rawValue)], nodes)
    }

    /// Whether a GET route answers this path (query and fragment aside).
    static func pageExists(_ link: String, in routes: [Route]) -> Bool {
        let path = link.split(separator: "#", maxSplits: 1).first.map(String.init) ?? ""
        let bare = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        guard bare.hasPrefix("/") else { return false }
        let parts = bare.split(separator: "/").map(String.init)
        return routes.contains { $0.method == .GET && matches($0.path, parts) }
    }

    static func matches(_ pattern: [PathComponent], _ parts: [String]) -> Bool {
        var i = 0
        for component in pattern {
            switch component {
            case .catchall: return i < parts.count
            case .constant(let s): guard i < parts.count, parts[i] == s else { return false }
            case .parameter, .anything: guard i < parts.count else { return false }
            }
            i += 1
        }
        return i == parts.count
    }

    /// After signing in: the page asked for, or the workbench when none was (the form sends `/`).
    static func landing(after next: String?) -> String {
        guard let next, !next.isEmpty, next != "/" else { return path }
        return Preferences.safeBack(next)
    }
}
