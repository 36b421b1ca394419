import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// Department staff and the office: the registry, a task, its assignment to committees.
enum TaskPages {
    static func back(_ req: Request) async throws -> String {
        "/task-access/tasks/\(try await TasksAPIController.load(req).requireID().uuidString)"
    }

    static func list(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let actor = try req.requireActor()
        let departments = try await TaskAccessPages.writableDepartments(actor, .taskRegister, on: req.db)
        let own = TaskAccessAuthority.ownDepartments(actor)
        if own.isEmpty && !TaskAccessAuthority.isOffice(actor) { try await req.refuse(.taskRegister, entity: "task", entityID: nil, scope: nil) }
        // Department staff see their own department's list; the office the whole registry.
        let q = AdministrativeTask.query(on: req.db)
        if !TaskAccessAuthority.isOffice(actor) { q.filter(\.$departmentID ~~ own) }
        let page = try await q.sort(\.$title).sort(\.$id).paged(ListPageRequest(req))
        let names = try await TaskAccessPages.departmentNames(page.items.map(\.departmentID), on: req.db)
        var content: [BodyNode] = [
            TaskAccessPages.table(ctx, [.taskTitle, .taDepartment, .taClassification, .hoursPerYear, .taInForce], page.items.map { t in
                [H.link("/task-access/tasks/\(t.id?.uuidString ?? "")", t.title), .text(names[t.departmentID] ?? ""),
                 .text(ctx.t(t.classification.phrase)), .text(String(t.hoursPerYear)),
                 .text(t.inForce ? "\(t.fromYear)–\(t.toYear.map(String.init) ?? "")" : "—")]
            }),
            Pager.nav(ctx, page, path: "/task-access/tasks"),
        ]
        if !departments.isEmpty {
            content.append(H.tag("h2", [], [.text(ctx.t(.registerTask))]))
            content.append(form(ctx, action: "/task-access/tasks", task: nil, departments: departments))
        }
        return WebPage(title: ctx.t(TaskAccessAuthority.isOffice(actor) ? .taskRegistry : .myTasks), content)
    }

    static func form(_ ctx: RequestContext, action: String, task: AdministrativeTask?, departments: [Department]) -> BodyNode {
        let f = ctx.forms
        let year = LocalDate(instant: Date()).components.year
        var fields: [BodyNode] = []
        if task == nil {
            fields.append(f.select(.taDepartment, name: "departmentID", options: departments.map { (value: $0.id?.uuidString ?? "", label: $0.name) },
                                   selected: nil))
        }
        fields += [
            f.field(.taskTitle, name: "title", value: task?.title, required: true, maxLength: 200),
            f.field(.taLegalBasis, name: "legalBasis", value: task?.legalBasis, required: true, maxLength: 500),
            f.select(.taClassification, name: "classification", options: TaskAccessPages.options(TaskClassification.self, ctx) { $0.phrase },
                     selected: task?.classification.rawValue),
            f.field(.taClassifiedBy, name: "classifiedBy", value: task?.classifiedBy, required: true, maxLength: 200),
            f.select(.taNature, name: "nature", options: TaskAccessPages.options(TaskNature.self, ctx) { $0.phrase }, selected: task?.nature.rawValue),
            f.field(.hoursPerYear, name: "hoursPerYear", value: String(task?.hoursPerYear ?? 40), type: "number", required: true, maxLength: 5),
            f.select(.taInForce, name: "inForce", options: [(value: "true", label: ctx.t(.taInForce)), (value: "false", label: "—")],
                     selected: (task?.inForce ?? true) ? "true" : "false"),
            f.field(.taFromYear, name: "fromYear", value: String(task?.fromYear ?? year), type: "number", required: true, maxLength: 4),
            f.field(.taToYear, name: "toYear", value: task?.toYear.map(String.init), type: "number", maxLength: 4),
            f.submit(task == nil ? .registerTask : .editTask),
        ]
        return f.form(action: action, fields)
    }

    static func show(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let actor = try req.requireActor()
        let task = try await TasksAPIController.load(req)
        let id = try task.requireID().uuidString
        let department = try await req.department(task.departmentID)
        let year = LocalDate(instant: Date()).components.year
        var content: [BodyNode] = [H.tag("dl", [("class", "record")], [
            H.tag("dt", [], [.text(ctx.t(.taDepartment))]), H.tag("dd", [], [.text(department.name)]),
            H.tag("dt", [], [.text(ctx.t(.taLegalBasis))]), H.tag("dd", [], [.text(task.legalBasis)]),
            H.tag("dt", [], [.text(ctx.t(.taClassification))]), H.tag("dd", [], [.text(ctx.t(task.classification.phrase) + " · " + task.classifiedBy)]),
            H.tag("dt", [], [.text(ctx.t(.taNature))]), H.tag("dd", [], [.text(ctx.t(task.nature.phrase))]),
            H.tag("dt", [], [.text(ctx.t(.hoursPerYear))]), H.tag("dd", [], [.text(String(task.hoursPerYear))]),
            H.tag("dt", [], [.text(ctx.t(.taInForce))]),
            H.tag("dd", [], [.text(task.inForce ? "\(task.fromYear)–\(task.toYear.map(String.init) ?? "")" : "—")]),
        ])]
        let assigned = try await TaskAssignment.query(on: req.db).filter(\.$taskID == task.requireID()).sort(\.$year, .descending)
            .sort(\.$divisionCode).paged(ListPageRequest(req))
        content.append(H.tag("h2", [], [.text(ctx.t(.assignTask))]))
        content.append(TaskAccessPages.table(ctx, [.taCommunity, .taYear], assigned.items.map { a in
            [H.link("/communities/\(a.divisionCode)/registered-tasks?year=\(a.year)", a.divisionCode), .text(String(a.year))]
        }))
        content.append(Pager.nav(ctx, assigned, path: "/task-access/tasks/\(id)"))
        if TaskAccessAuthority.may(actor, .taskAssign, for: department) {
            let f = ctx.forms
            content.append(f.form(action: "/task-access/tasks/\(id)/assignments", [
                f.field(.taCommunityCode, name: "community", required: true, inputmode: "numeric", maxLength: 12),
                f.field(.taYear, name: "year", value: String(year), type: "number", required: true, maxLength: 4),
                f.submit(.assignTask),
            ]))
        }
        if TaskAccessAuthority.may(actor, .taskRegister, for: department) {
            content.append(H.tag("h2", [], [.text(ctx.t(.editTask))]))
            content.append(form(ctx, action: "/task-access/tasks/\(id)", task: task, departments: []))
        }
        return WebPage(title: task.title, content)
    }
}
