import Fluent
import Foundation
import Funds
import ShequKernel
import ShequPlatform
import Vapor

/// A2, O3: annual plans from draft to decision.
enum PlansAPIController {
    struct PlanInput: Content {
        var year: Int
        var title: String
        var departmentID: UUID?
        var fundID: UUID
        var amountPerCommittee: String
        var workingConditions: String
        var policyGuidance: String
        var agreementKind: AgreementKind
        var grouping: AgreementGrouping
        var taskIDs: [UUID]
        var communities: [String]

        func fields() throws -> PlanFields {
            PlanFields(year: year, title: title, fundID: fundID, amountPerCommittee: try yuan(amountPerCommittee, field: "amountPerCommittee"),
                       workingConditions: workingConditions, policyGuidance: policyGuidance, agreementKind: agreementKind,
                       grouping: grouping, taskIDs: taskIDs, communities: communities)
        }
    }

    struct StepInput: Content {
        var step: PlanStep
        var reason: String?
    }

    struct DeadlineInput: Content {
        var year: Int
        var submitBy: String
        var reviewBy: String
    }

    struct PlanDetail: Content {
        var plan: TaskPlan
        var department: String
        var total: Money
        var taskIDs: [UUID]
        var communities: [String]
        var events: [TaskPlanEvent]
        var deadlines: PlanDeadlineDates
        /// Still awaiting the office's decision after the review deadline.
        var overdue: Bool
    }

    /// A plan in a list, with its review deadline and whether its review is overdue. It reads as the plan's own
    /// fields plus those two, so a client of the plain list needs nothing new.
    struct PlanListItem: Content {
        var plan: TaskPlan
        var reviewBy: LocalDate
        var overdue: Bool

        private enum Keys: String, CodingKey { case reviewBy, overdue }

        init(_ plan: TaskPlan, deadlines: [Int: PlanDeadlineDates], today: LocalDate) {
            let d = deadlines[plan.year] ?? PlanDeadlines.defaults(for: plan.year)
            self.plan = plan
            reviewBy = d.reviewBy
            overdue = d.isOverdue(plan.state, today: today)
        }

        init(from decoder: any Decoder) throws {
            plan = try TaskPlan(from: decoder)
            let c = try decoder.container(keyedBy: Keys.self)
            reviewBy = try c.decode(LocalDate.self, forKey: .reviewBy)
            overdue = try c.decode(Bool.self, forKey: .overdue)
        }

        func encode(to encoder: any Encoder) throws {
            try plan.encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(reviewBy, forKey: .reviewBy)
            try c.encode(overdue, forKey: .overdue)
        }
    }

    /// Plans the caller may read: their departments' own, and those an office reviews (its reach and below).
    static func readable(_ req: Request) async throws -> QueryBuilder<TaskPlan> {
        let actor = try req.requireActor()
        let own = TaskAccessAuthority.ownDepartments(actor)
        let offices = actor.grants.filter { $0.role == .leadingGroupOffice }.map(\.scope)
        if own.isEmpty && offices.isEmpty { try await req.refuse(.planRead, entity: "plan", entityID: nil, scope: nil) }
        return TaskPlan.query(on: req.db).group(.or) { or in
            if !own.isEmpty { or.filter(\.$departmentID ~~ own) }
            for scope in offices { or.group(.and) { $0.filter(\.$reach >= scope).filter(\.$reach < scope + "~") } }
        }
    }

    /// Overdue reviews first (`?state=submitted` is the office's queue), then by year, newest first.
    static func list(_ req: Request) async throws -> ListPage<PlanListItem> {
        let q = try await readable(req)
        if let raw = req.query[String.self, at: "state"], !raw.isEmpty {
            guard let state = PlanState(rawValue: raw) else { throw ShequError.invalid(.errorInvalidValue, "state") }
            q.filter(\.$state == state)
        }
        if req.query[String.self, at: "year"] != nil { q.filter(\.$year == (try await req.reportYear())) }
        let today = req.today
        let overdueYears = try await PlanDeadlines.overdueYears(today: today, on: req.db)
        return try await q.overdueFirst(overdueYears).sort(\.$year, .descending).sort(\.$title).sort(\.$id)
            .paged(ListPageRequest(req), rows: { rows in try await items(rows, today: today, on: req.db) })
    }

    /// What waits for this office's decision, overdue first, then the longest waiting; at most `limit`.
    static func reviewQueue(_ req: Request, limit: Int = 100) async throws -> [PlanListItem] {
        let actor = try req.requireActor()
        let today = req.today
        let overdueYears = try await PlanDeadlines.overdueYears(today: today, on: req.db)
        let rows = try await readable(req).filter(\.$state == .submitted).overdueFirst(overdueYears)
            .sort(\.$submittedOn).sort(\.$id).limit(limit).all()
            .filter { TaskAccessAuthority.officeCovers(actor, $0.reach) }
        return try await items(rows, today: today, on: req.db)
    }

    static func items(_ rows: [TaskPlan], today: LocalDate, on db: any Database) async throws -> [PlanListItem] {
        let deadlines = try await PlanDeadlines.dates(for: Set(rows.map(\.year)), on: db)
        return rows.map { PlanListItem($0, deadlines: deadlines, today: today) }
    }

    /// A plan, for its department or an office whose reach covers it; others are refused and logged.
    static func load(_ req: Request) async throws -> TaskPlan {
        guard let plan = try await TaskPlan.find(try req.idParameter(), on: req.db) else { throw ShequError.notFound }
        let actor = try req.requireActor()
        guard TaskAccessAuthority.mayRead(actor, department: plan.departmentID, place: plan.reach) else { try await req.refuse(.planRead, entity: "plan", entityID: plan.id, scope: plan.reach) }
        return plan
    }

    static func detail(_ plan: TaskPlan, today: LocalDate, on db: any Database) async throws -> PlanDetail {
        let id = try plan.requireID()
        let communities = try await Plans.communities(of: id, on: db)
        let deadlines = try await PlanDeadlines.dates(for: plan.year, on: db)
        return PlanDetail(plan: plan, department: try await Department.find(plan.departmentID, on: db)?.name ?? "",
                          total: Plans.total(of: plan, communities: communities.count) ?? .zero,
                          taskIDs: try await Plans.taskIDs(of: id, on: db), communities: communities,
                          events: try await TaskPlanEvent.query(on: db).filter(\.$planID == id).sort(\.$createdAt).all(),
                          deadlines: deadlines, overdue: deadlines.isOverdue(plan.state, today: today))
    }

    static func show(_ req: Request) async throws -> PlanDetail {
        try await detail(try await load(req), today: req.today, on: req.db)
    }

    static func create(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(PlanInput.self)
        let department = try await TasksAPIController.chosenDepartment(input.departmentID, req)
        let actor = try await req.authorizeForDepartment(.planWrite, department, entity: "plan")
        let fields = try input.fields()
        let plan = try await req.writeAudited("plan.create", entity: "plan") { db in
            let p = try await Plans.create(fields, department: department, by: actor.username, on: db)
            return Audited(p, id: p.id, scope: p.reach, detail: "\(p.year): \(p.title)")
        }
        return try await plan.encodeResponse(status: .created, for: req)
    }

    static func update(_ req: Request) async throws -> TaskPlan {
        let plan = try await load(req)
        let input = try req.validatedContent(PlanInput.self)
        let department = try await req.authorizeEdit(.planWrite, ownedBy: plan.departmentID, named: input.departmentID,
                                                     entity: "plan", entityID: plan.id)
        let fields = try input.fields()
        return try await req.writeAudited("plan.update", entity: "plan") { db in
            let p = try await Plans.update(try await PlanLock.plan(plan.id, on: db), with: fields, department: department, on: db)
            return Audited(p, id: p.id, scope: p.reach, detail: p.title)
        }
    }

    /// Submit (the department: first by the submission deadline, again after changes by the review deadline), or
    /// approve / send back / reject (the office of the plan's reach: a district's office only for a plan within its
    /// district), each with its reason, audited; a decision after the review deadline says so in the audit.
    static func step(_ req: Request) async throws -> PlanDetail {
        guard let plan = try await TaskPlan.find(try req.idParameter(), on: req.db) else { throw ShequError.notFound }
        let input = try req.validatedContent(StepInput.self)
        let actor: Actor
        if input.step.isReview {
            actor = try await req.authorize(.planReview, at: plan.reach, entity: "plan", entityID: plan.id?.uuidString)
        } else {
            actor = try await req.authorizeForDepartment(.planWrite, try await req.department(plan.departmentID), entity: "plan", entityID: plan.id)
        }
        let today = req.today
        let moved = try await req.writeAudited("plan." + input.step.rawValue, entity: "plan") { db in
            // Read again, held, inside the write: two reviewers cannot both move the same plan.
            let fresh = try await PlanLock.plan(plan.id, on: db)
            try Plans.requireSamePlace(fresh, as: plan)
            let move = try await Plans.take(input.step, on: fresh, reason: input.reason ?? "", by: actor.username, today: today, on: db)
            let p = move.plan
            let late = move.decidedLateAfter.map { " (late: decided after the review deadline \($0))" } ?? ""
            return Audited(p, id: p.id, scope: p.reach, detail: "\(p.state.rawValue): \(input.reason ?? "")" + late)
        }
        return try await detail(moved, today: today, on: req.db)
    }

    static func deadlines(_ req: Request) async throws -> PlanDeadlineDates {
        try await PlanDeadlines.dates(for: try await req.reportYear(), on: req.db)
    }

    /// The city's leading-group office sets a year's deadlines.
    static func setDeadlines(_ req: Request) async throws -> PlanDeadlineDates {
        let input = try req.validatedContent(DeadlineInput.self)
        let city = try await PlanDeadlines.city(on: req.db)
        let actor = try await req.authorize(.planDeadlineWrite, at: city, entity: "planDeadline")
        let submit = try day(input.submitBy, field: "submitBy"), review = try day(input.reviewBy, field: "reviewBy")
        return try await req.writeAudited("plan.deadlines", entity: "planDeadline") { db in
            let row = try await PlanDeadlines.set(year: input.year, submitBy: submit, reviewBy: review, by: actor.username, on: db)
            return Audited(PlanDeadlineDates(year: row.year, submitBy: submit, reviewBy: review), id: row.id, scope: city,
                           detail: "\(row.year): submit by \(submit), review by \(review)")
        }
    }
}
