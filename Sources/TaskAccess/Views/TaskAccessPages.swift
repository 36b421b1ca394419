import Fluent
import Foundation
import Funds
import ShequKernel
import ShequPlatform
import Vapor

/// The pages: each reads through the API's own handlers (so the policy filters what
/// it shows) and each form posts to a route that runs the API's command.
enum TaskAccessPages {
    static func routes(_ web: any RoutesBuilder) {
        web.get("task-access", use: start)
        web.get("task-access", "communities", use: PublicTaskPages.communities)
        web.get("communities", ":code", "registered-tasks", use: PublicTaskPages.community)

        web.get("task-access", "tasks", use: TaskPages.list)
        web.post("task-access", "tasks", use: PageDoor.submit(TasksAPIController.create, back: { _ in "/task-access/tasks" }))
        web.get("task-access", "tasks", ":id", use: TaskPages.show)
        web.post("task-access", "tasks", ":id", use: PageDoor.submit(TasksAPIController.update, back: TaskPages.back))
        web.post("task-access", "tasks", ":id", "assignments", use: PageDoor.submit(TasksAPIController.assign, back: TaskPages.back))

        web.get("task-access", "plans", use: PlanPages.list)
        web.post("task-access", "plans", use: PageDoor.submit(PlansAPIController.create, back: { _ in "/task-access/plans" }))
        web.post("task-access", "deadlines", use: PageDoor.submit(PlansAPIController.setDeadlines, back: { _ in "/task-access/plans" }))
        web.get("task-access", "plans", ":id", use: PlanPages.show)
        web.post("task-access", "plans", ":id", use: PageDoor.submit(PlansAPIController.update, back: PlanPages.back))
        web.post("task-access", "plans", ":id", "steps", use: PageDoor.submit(PlansAPIController.step, back: PlanPages.back))
        web.post("task-access", "plans", ":id", "agreements", use: PageDoor.submit(AgreementsAPIController.makeFromPlan, back: PlanPages.back))

        web.get("task-access", "agreements", use: AgreementPages.list)
        web.get("task-access", "agreements", ":id", use: AgreementPages.show)
        web.post("task-access", "agreements", ":id", "convert", use: PageDoor.submit(AgreementsAPIController.convert, back: AgreementPages.back))
        web.post("task-access", "agreements", ":id", "terminate", use: PageDoor.submit(AgreementsAPIController.terminate, back: AgreementPages.back))
        web.post("task-access", "agreements", ":id", "inspections", use: PageDoor.submit(AgreementsAPIController.inspect, back: AgreementPages.back))
        web.post("task-access", "agreements", ":id", "disbursements", use: PageDoor.submit(AgreementsAPIController.disburse, back: AgreementPages.back))

        web.get("task-access", "burden", use: BurdenPages.list)
        web.get("task-access", "burden.csv", use: BurdenAPIController.csv)
        web.get("task-access", "shortfalls", use: BurdenPages.shortfalls)
        web.post("task-access", "shortfalls", ":id", "answer", use: PageDoor.submit(BurdenAPIController.answer, back: { _ in "/task-access/shortfalls" }))
        web.get("communities", ":code", "task-burden", use: BurdenPages.community)
        web.post("communities", ":code", "shortfalls", use: PageDoor.submit(BurdenAPIController.report, back: BurdenPages.communityBack))
    }

    /// Each role's way in: links to what it works on, and the public registry for everyone.
    static func start(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        var links: [BodyNode] = []
        if let actor = ctx.actor {
            let roles = actor.roles
            if roles.contains(.departmentStaff) || roles.contains(.leadingGroupOffice) {
                links.append(H.tag("li", [], [H.link("/task-access/tasks", ctx.t(.taskRegistry))]))
                links.append(H.tag("li", [], [H.link("/task-access/plans", ctx.t(roles.contains(.leadingGroupOffice) ? .reviewQueue : .taPlans))]))
                if roles.contains(.leadingGroupOffice) {
                    let overdue = try await Plans.overdueReviews(for: actor, today: req.today, on: req.db)
                    links.append(H.tag("li", [], [H.link("/task-access/plans#review-queue", "\(ctx.t(.overdueReviews)): \(overdue)")]))
                }
                links.append(H.tag("li", [], [H.link("/task-access/agreements", ctx.t(.taAgreements))]))
                links.append(H.tag("li", [], [H.link("/task-access/shortfalls", ctx.t(.shortfalls))]))
            }
            if Policy.may(actor, .taskFundsRead) {
                links.append(H.tag("li", [], [H.link(TaskReportPages.path, ctx.t(.taskFunds))]))
            }
            if Policy.may(actor, .burdenRead) && !roles.isSubset(of: [.communityStaff, .resident]) {
                links.append(H.tag("li", [], [H.link("/task-access/burden", ctx.t(.burdenOfCommittees))]))
            }
            for g in actor.grants where g.role == .communityStaff && g.scope.count == 12 {
                links.append(H.tag("li", [], [H.link("/communities/\(g.scope)/task-burden", ctx.t(.tasksCarried) + " · " + g.scope)]))
            }
        }
        links.append(H.tag("li", [], [H.link("/task-access/communities", ctx.t(.allCommunities))]))
        return WebPage(title: ctx.t(.taTaskAccess), [H.tag("ul", [], links)])
    }

    // MARK: - Small shared pieces

    static func table(_ ctx: RequestContext, _ headers: [Phrase], _ rows: [[BodyNode]]) -> BodyNode {
        guard !rows.isEmpty else { return H.tag("p", [], [.text(ctx.t(.taNothingYet))]) }
        // On a phone each row becomes a card whose cells carry their column's name, as on the other modules' lists.
        let labels = headers.map { ctx.t($0) }
        return H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
            H.tag("thead", [], [H.tag("tr", [], labels.map { H.tag("th", [("scope", "col")], [.text($0)]) })]),
            H.tag("tbody", [], rows.map { H.tag("tr", [], $0.enumerated().map { i, cell in
                H.tag("td", [("data-label", i < labels.count ? labels[i] : nil)], [cell])
            }) }),
        ])])
    }

    static func options<E: CaseIterable & RawRepresentable>(_ type: E.Type, _ ctx: RequestContext, _ phrase: (E) -> Phrase) -> [(value: String, label: String)]
        where E.RawValue == String {
        type.allCases.map { (value: $0.rawValue, label: ctx.t(phrase($0))) }
    }

    static func textarea(_ ctx: RequestContext, _ label: Phrase, name: String, value: String = "", max: Int, required: Bool = true) -> BodyNode {
        H.tag("div", [("class", "field")], [
            H.tag("label", [("for", "f-" + name)], [.text(ctx.t(label) + (required ? "" : " " + ctx.t(.optional)))]),
            H.tag("textarea", [("name", name), ("id", "f-" + name), ("maxlength", String(max)), ("required", required ? "required" : nil)], [.text(value)]),
        ])
    }

    static func checkboxes(_ legend: Phrase, name: String, _ items: [(value: String, label: String, checked: Bool)], _ ctx: RequestContext) -> BodyNode {
        H.tag("fieldset", [], [H.tag("legend", [], [.text(ctx.t(legend))])] + items.map { item in
            H.tag("div", [("class", "field check")], [
                H.void("input", [("type", "checkbox"), ("name", name + "[]"), ("id", "c-\(name)-\(item.value)"), ("value", item.value),
                                 ("checked", item.checked ? "checked" : nil)]),
                H.tag("label", [("for", "c-\(name)-\(item.value)")], [.text(item.label)]),
            ])
        })
    }

    static func departmentNames(_ ids: some Sequence<UUID>, on db: any Database) async throws -> [UUID: String] {
        let list = try await Department.query(on: db).filter(\.$id ~~ Set(ids)).all()
        return Dictionary(list.compactMap { d in d.id.map { ($0, d.name) } }, uniquingKeysWith: { a, _ in a })
    }

    /// The departments a form may name: the caller's own, or every one an office's grant covers.
    static func writableDepartments(_ actor: Actor, _ action: Action, on db: any Database) async throws -> [Department] {
        try await Department.query(on: db).sort(\.$name).all().filter { TaskAccessAuthority.may(actor, action, for: $0) }
    }
}
