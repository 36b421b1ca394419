import Fluent
import Foundation
import Funds
import ShequKernel
import ShequPlatform
import Vapor

/// A department's plans and the office's review queue.
enum PlanPages {
    static func back(_ req: Request) async throws -> String {
        guard let plan = try await TaskPlan.find(try req.idParameter(), on: req.db) else { throw ShequError.notFound }
        return "/task-access/plans/\(try plan.requireID().uuidString)"
    }

    static func list(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let actor = try req.requireActor()
        let page = try await PlansAPIController.list(req)
        let names = try await TaskAccessPages.departmentNames(page.items.map(\.plan.departmentID), on: req.db)
        var content: [BodyNode] = []
        if TaskAccessAuthority.isOffice(actor) {
            // The queue first: what waits for this office's decision, overdue first.
            let queue = try await PlansAPIController.reviewQueue(req)
            content.append(H.tag("h2", [("id", "review-queue")], [.text(ctx.t(.reviewQueue))]))
            content.append(TaskAccessPages.table(ctx, [.planTitle, .taDepartment, .reviewer, .stateSubmitted, .reviewBy], queue.map { item in
                let p = item.plan
                return [H.link("/task-access/plans/\(p.id?.uuidString ?? "")", p.title), .text(names[p.departmentID] ?? ""),
                        .text(p.reach), .text(p.submittedOn ?? ""), reviewByCell(ctx, item.reviewBy, overdue: item.overdue)]
            }))
        }
        content.append(H.tag("h2", [], [.text(ctx.t(.taPlans))]))
        content.append(TaskAccessPages.table(ctx, [.planTitle, .taYear, .taDepartment, .taState], page.items.map { item in
            let p = item.plan
            return [H.link("/task-access/plans/\(p.id?.uuidString ?? "")", p.title), .text(String(p.year)), .text(names[p.departmentID] ?? ""),
                    stateCell(ctx, p.state, overdue: item.overdue)]
        }))
        content.append(Pager.nav(ctx, page, path: "/task-access/plans"))
        let departments = try await TaskAccessPages.writableDepartments(actor, .planWrite, on: req.db)
        if let department = departments.first {
            content.append(H.tag("h2", [], [.text(ctx.t(.newPlan))]))
            content.append(try await form(ctx, action: "/task-access/plans", plan: nil, department: department, on: req.db))
        }
        let city = try await PlanDeadlines.city(on: req.db)
        if Policy.may(actor, .planDeadlineWrite, at: city) {
            let f = ctx.forms
            let year = LocalDate(instant: Date()).components.year + 1
            let d = try await PlanDeadlines.dates(for: year, on: req.db)
            content.append(H.tag("h2", [], [.text(ctx.t(.setDeadlines))]))
            content.append(f.form(action: "/task-access/deadlines", [
                f.field(.taYear, name: "year", value: String(year), type: "number", required: true, maxLength: 4),
                f.field(.submitBy, name: "submitBy", value: d.submitBy.description, type: "date", required: true, maxLength: 10),
                f.field(.reviewBy, name: "reviewBy", value: d.reviewBy.description, type: "date", required: true, maxLength: 10),
                f.submit(.setDeadlines),
            ]))
        }
        return WebPage(title: ctx.t(.taPlans), content)
    }

    /// The review deadline, marked in words (not colour alone) when it has passed with no decision.
    static func reviewByCell(_ ctx: RequestContext, _ reviewBy: LocalDate, overdue: Bool) -> BodyNode {
        guard overdue else { return .text(reviewBy.description) }
        return H.tag("span", [], [.text(reviewBy.description + " "), overdueMark(ctx)])
    }

    static func stateCell(_ ctx: RequestContext, _ state: PlanState, overdue: Bool) -> BodyNode {
        guard overdue else { return .text(ctx.t(state.phrase)) }
        return H.tag("span", [], [.text(ctx.t(state.phrase) + " "), overdueMark(ctx)])
    }

    static func overdueMark(_ ctx: RequestContext) -> BodyNode {
        H.tag("strong", [("class", "overdue")], [.text(ctx.t(.reviewOverdue))])
    }

    /// The plan form: the department's may-undertake tasks and the communities within its reach, ticked.
    static func form(_ ctx: RequestContext, action: String, plan: TaskPlan?, department: Department, on db: any Database) async throws -> BodyNode {
        let f = ctx.forms
        let year = plan?.year ?? (LocalDate(instant: Date()).components.year + 1)
        let departmentID = try department.requireID()
        let tasks = try await AdministrativeTask.query(on: db).filter(\.$departmentID == departmentID).filter(\.$classification == .mayUndertake)
            .filter(\.$inForce == true).sort(\.$title).limit(200).all()
        let communities = try await Division.query(on: db).filter(\.$level == .community)
            .filter(\.$id >= department.divisionCode).filter(\.$id < department.divisionCode + "~").sort(\.$id).limit(400).all()
        let funds = try await Fund.query(on: db).sort(\.$name).all()
        var chosenTasks = Set<UUID>(), chosenCommunities = Set<String>()
        if let id = plan?.id {
            chosenTasks = Set(try await Plans.taskIDs(of: id, on: db))
            chosenCommunities = Set(try await Plans.communities(of: id, on: db))
        }
        return f.form(action: action, [
            H.void("input", [("type", "hidden"), ("name", "departmentID"), ("value", departmentID.uuidString)]),
            f.field(.taYear, name: "year", value: String(year), type: "number", required: true, maxLength: 4),
            f.field(.planTitle, name: "title", value: plan?.title, required: true, maxLength: 200),
            f.select(.taFund, name: "fundID", options: funds.map { (value: $0.id?.uuidString ?? "", label: $0.name) }, selected: plan?.fundID.uuidString),
            f.field(.amountPerCommittee, name: "amountPerCommittee", value: plan?.amountPerCommittee.yuanText.replacingOccurrences(of: ",", with: ""),
                    required: true, inputmode: "decimal", maxLength: 20),
            TaskAccessPages.textarea(ctx, .workingConditions, name: "workingConditions", value: plan?.workingConditions ?? "", max: 2000),
            TaskAccessPages.textarea(ctx, .policyGuidance, name: "policyGuidance", value: plan?.policyGuidance ?? "", max: 2000),
            f.select(.agreementKindLabel, name: "agreementKind",
                     options: [AgreementKind.entrustment, .purchaseOfService].map { (value: $0.rawValue, label: ctx.t($0.phrase)) },
                     selected: plan?.agreementKind.rawValue),
            f.select(.taGrouping, name: "grouping", options: TaskAccessPages.options(AgreementGrouping.self, ctx) { $0.phrase },
                     selected: plan?.grouping.rawValue),
            TaskAccessPages.checkboxes(.taTasks, name: "taskIDs", tasks.compactMap { t in
                t.id.map { (value: $0.uuidString, label: "\(t.title) (\(t.hoursPerYear)h)", checked: chosenTasks.contains($0)) }
            }, ctx),
            TaskAccessPages.checkboxes(.taCommunities, name: "communities", communities.map { d in
                (value: d.code, label: "\(d.name) \(d.code)", checked: chosenCommunities.contains(d.code))
            }, ctx),
            f.submit(plan == nil ? .newPlan : .editPlan),
        ])
    }

    /// Whether the office's review is overdue, while the plan waits for it. A decision taken late says so in the
    /// history (its event carries the note), not here: the deadline may be moved after the decision.
    static func reviewProgress(_ ctx: RequestContext, _ detail: PlansAPIController.PlanDetail) -> [BodyNode] {
        guard detail.plan.state == .submitted else { return [] }
        let text: BodyNode = detail.overdue ? overdueMark(ctx) : .text(ctx.t(.reviewNotOverdue))
        return [H.tag("dt", [], [.text(ctx.t(.reviewProgress))]), H.tag("dd", [], [text])]
    }

    static func show(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let actor = try req.requireActor()
        let detail = try await PlansAPIController.show(req)
        let plan = detail.plan
        let id = try plan.requireID().uuidString
        let department = try await req.department(plan.departmentID)
        let tasks = try await AdministrativeTask.query(on: req.db).filter(\.$id ~~ detail.taskIDs).sort(\.$title).all()
        let names = Dictionary(try await Division.query(on: req.db).filter(\.$id ~~ detail.communities).all().map { ($0.code, $0.name) },
                               uniquingKeysWith: { a, _ in a })
        let fund = try await Fund.find(plan.fundID, on: req.db)?.name ?? ""
        let f = ctx.forms
        var content: [BodyNode] = [H.tag("dl", [("class", "record")], [
            H.tag("dt", [], [.text(ctx.t(.taState))]), H.tag("dd", [], [.text(ctx.t(plan.state.phrase))]),
            H.tag("dt", [], [.text(ctx.t(.taDepartment))]), H.tag("dd", [], [.text(detail.department)]),
            H.tag("dt", [], [.text(ctx.t(.taYear))]), H.tag("dd", [], [.text(String(plan.year))]),
            H.tag("dt", [], [.text(ctx.t(.reviewer))]), H.tag("dd", [], [.text(plan.reach)]),
            H.tag("dt", [], [.text(ctx.t(.taFund))]), H.tag("dd", [], [.text(fund)]),
            H.tag("dt", [], [.text(ctx.t(.amountPerCommittee))]), H.tag("dd", [], [.text(plan.amountPerCommittee.description)]),
            H.tag("dt", [], [.text(ctx.t(.totalFunding))]), H.tag("dd", [], [.text(detail.total.description)]),
            H.tag("dt", [], [.text(ctx.t(.workingConditions))]), H.tag("dd", [], [.text(plan.workingConditions)]),
            H.tag("dt", [], [.text(ctx.t(.policyGuidance))]), H.tag("dd", [], [.text(plan.policyGuidance)]),
            H.tag("dt", [], [.text(ctx.t(.agreementKindLabel))]),
            H.tag("dd", [], [.text(ctx.t(plan.agreementKind.phrase) + " · " + ctx.t(plan.grouping.phrase))]),
            H.tag("dt", [], [.text(ctx.t(.taDeadlines))]),
            H.tag("dd", [], [.text("\(ctx.t(.submitBy)) \(detail.deadlines.submitBy) · \(ctx.t(.reviewBy)) \(detail.deadlines.reviewBy)")]),
        ] + reviewProgress(ctx, detail))]
        content.append(H.tag("h2", [], [.text(ctx.t(.taTasks))]))
        content.append(TaskAccessPages.table(ctx, [.taskTitle, .hoursPerYear], tasks.map { [.text($0.title), .text(String($0.hoursPerYear))] }))
        content.append(H.tag("h2", [], [.text(ctx.t(.taCommunities))]))
        content.append(H.tag("ul", [], detail.communities.map { H.tag("li", [], [.text("\(names[$0] ?? "") \($0)")]) }))
        content.append(H.tag("h2", [], [.text(ctx.t(.taHistory))]))
        content.append(TaskAccessPages.table(ctx, [.taState, .taReason], detail.events.map { e in
            [.text("\(ctx.t(e.fromState.phrase)) → \(ctx.t(e.toState.phrase)) · \(e.actor)"), .text(e.reason)]
        }))
        let ownDepartment = TaskAccessAuthority.may(actor, .planWrite, for: department)
        let reviewClosed = req.today > detail.deadlines.reviewBy
        if ownDepartment && plan.state == .changesRequested && reviewClosed {
            content.append(H.tag("p", [], [.text(ctx.t(.resubmissionClosed))]))
        } else if ownDepartment && plan.state.isEditable {
            content.append(H.tag("h2", [], [.text(ctx.t(.submitPlan))]))
            content.append(f.form(action: "/task-access/plans/\(id)/steps", [
                H.void("input", [("type", "hidden"), ("name", "step"), ("value", PlanStep.submit.rawValue)]),
                TaskAccessPages.textarea(ctx, .taNote, name: "reason", max: 2000, required: false),
                f.submit(.submitPlan),
            ]))
            content.append(H.tag("h2", [], [.text(ctx.t(.editPlan))]))
            content.append(try await form(ctx, action: "/task-access/plans/\(id)", plan: plan, department: department, on: req.db))
        }
        if plan.state == .submitted && Policy.may(actor, .planReview, at: plan.reach) {
            content.append(H.tag("h2", [], [.text(ctx.t(.taDecision))]))
            // After the review deadline a plan sent back could not come back: only approve or reject are offered.
            if reviewClosed { content.append(H.tag("p", [], [.text(ctx.t(.changesClosed))])) }
            let steps: [PlanStep] = reviewClosed ? [.approve, .reject] : [.approve, .requestChanges, .reject]
            content.append(f.form(action: "/task-access/plans/\(id)/steps", [
                f.select(.taDecision, name: "step", options: steps.map { s in
                    (value: s.rawValue, label: ctx.t(s == .approve ? .taApprove : s == .reject ? .taReject : .requestChanges))
                }, selected: nil),
                TaskAccessPages.textarea(ctx, .taReason, name: "reason", max: 2000),
                f.submit(.taDecision),
            ]))
        }
        if plan.state == .approved && TaskAccessAuthority.may(actor, .agreementWrite, for: department),
           try await TaskAgreement.query(on: req.db).filter(\.$planID == plan.requireID()).count() == 0 {
            content.append(H.tag("h2", [], [.text(ctx.t(.makeAgreements))]))
            content.append(f.form(action: "/task-access/plans/\(id)/agreements", [
                f.field(.termStart, name: "termStart", value: "\(plan.year)-01-01", type: "date", required: true, maxLength: 10),
                f.field(.termEnd, name: "termEnd", value: "\(plan.year)-12-31", type: "date", required: true, maxLength: 10),
                TaskAccessPages.textarea(ctx, .deliverables, name: "deliverables", max: 4000),
                f.field(.inspectionSchedule, name: "inspectionSchedule", required: true, maxLength: 500),
                f.submit(.makeAgreements),
            ]))
        }
        content.append(H.tag("p", [], [H.link("/task-access/agreements", ctx.t(.taAgreements))]))
        return WebPage(title: plan.title, content)
    }
}
