import Fluent
import Foundation
import Funds
import ShequKernel
import ShequPlatform

/// What a plan says, as the form and the API both give it.
struct PlanFields: Sendable {
    var year: Int
    var title: String
    var fundID: UUID
    var amountPerCommittee: Money
    var workingConditions: String
    var policyGuidance: String
    var agreementKind: AgreementKind
    var grouping: AgreementGrouping
    var taskIDs: [UUID]
    var communities: [String]
}

/// A2, O3: a department's annual plan, its review and the funding approval reserves.
enum Plans {
    /// The office that reviews a plan: the district's when every community lies in one district, else the city's.
    static func reach(of communities: [String]) -> String {
        let districts = Set(communities.map { String($0.prefix(DivisionLevel.district.codeLength)) })
        if districts.count == 1, let only = districts.first { return only }
        return String(communities.first?.prefix(DivisionLevel.city.codeLength) ?? "")
    }

    /// Tasks of the department, may-undertake and in force in the plan's year; communities that exist, within the department's reach.
    static func check(_ input: PlanFields, department: Department, on db: any Database) async throws -> PlanFields {
        var f = input
        f.year = try TaskRules.year(input.year)
        f.title = try TaskRules.clean(input.title, field: "title", max: 200)
        f.workingConditions = try TaskRules.clean(input.workingConditions, field: "workingConditions", max: 2000)
        f.policyGuidance = try TaskRules.clean(input.policyGuidance, field: "policyGuidance", max: 2000)
        guard input.amountPerCommittee > .zero else { throw ShequError.invalid(.errorInvalidValue, "amountPerCommittee") }
        if input.agreementKind == .responsibilityLetter { throw ShequError.invalid(.ruleA4NoResponsibilityLetters, code: "rule_a4_responsibility_letter") }
        guard try await Fund.find(input.fundID, on: db) != nil else { throw ShequError.invalid(.errorInvalidValue, "fundID", code: "unknown_fund") }
        f.taskIDs = Array(Set(input.taskIDs))
        f.communities = Array(Set(input.communities.map { $0.trimmingCharacters(in: .whitespaces) })).sorted()
        guard !f.taskIDs.isEmpty else { throw ShequError.invalid(.errorMissingField, "taskIDs", code: "missing_field") }
        guard !f.communities.isEmpty else { throw ShequError.invalid(.errorMissingField, "communities", code: "missing_field") }
        let tasks = try await AdministrativeTask.query(on: db).filter(\.$id ~~ f.taskIDs).all()
        guard tasks.count == f.taskIDs.count,
              tasks.allSatisfy({ $0.departmentID == department.id && $0.classification == .mayUndertake && $0.isInForce(in: f.year) }) else {
            throw ShequError.invalid(.planTasksNotMayUndertake, code: "plan_tasks")
        }
        let found = try await Division.query(on: db).filter(\.$id ~~ f.communities).filter(\.$level == .community).count()
        guard found == f.communities.count, f.communities.allSatisfy({ $0.hasPrefix(department.divisionCode) }) else {
            throw ShequError.invalid(.planCommunitiesOutOfReach, code: "plan_communities")
        }
        guard f.amountPerCommittee.multiplied(by: Int64(f.communities.count)) != nil else {
            throw ShequError.invalid(.errorInvalidValue, "amountPerCommittee")
        }
        return f
    }

    static func create(_ input: PlanFields, department: Department, by actor: String, on db: any Database) async throws -> TaskPlan {
        let f = try await check(input, department: department, on: db)
        let plan = TaskPlan()
        plan.departmentID = try department.requireID()
        plan.state = .draft
        plan.createdBy = actor
        apply(f, to: plan)
        try await plan.create(on: db)
        try await replaceLists(of: plan, with: f, on: db)
        return plan
    }

    static func update(_ plan: TaskPlan, with input: PlanFields, department: Department, on db: any Database) async throws -> TaskPlan {
        guard plan.state.isEditable else { throw ShequError(.conflict, .planNotEditable, detail: plan.state.rawValue, code: "plan_not_editable") }
        let f = try await check(input, department: department, on: db)
        apply(f, to: plan)
        try await plan.update(on: db)
        try await replaceLists(of: plan, with: f, on: db)
        return plan
    }

    private static func apply(_ f: PlanFields, to plan: TaskPlan) {
        plan.year = f.year
        plan.title = f.title
        plan.fundID = f.fundID
        plan.amountPerCommitteeFen = f.amountPerCommittee.fen
        plan.workingConditions = f.workingConditions
        plan.policyGuidance = f.policyGuidance
        plan.agreementKind = f.agreementKind
        plan.grouping = f.grouping
        plan.reach = reach(of: f.communities)
    }

    private static func replaceLists(of plan: TaskPlan, with f: PlanFields, on db: any Database) async throws {
        let id = try plan.requireID()
        try await TaskPlanTask.query(on: db).filter(\.$planID == id).delete()
        try await TaskPlanCommunity.query(on: db).filter(\.$planID == id).delete()
        for t in f.taskIDs { try await TaskPlanTask(planID: id, taskID: t).create(on: db) }
        for c in f.communities { try await TaskPlanCommunity(planID: id, divisionCode: c).create(on: db) }
    }

    static func communities(of planID: UUID, on db: any Database) async throws -> [String] {
        try await TaskPlanCommunity.query(on: db).filter(\.$planID == planID).sort(\.$divisionCode).all().map(\.divisionCode)
    }

    static func taskIDs(of planID: UUID, on db: any Database) async throws -> [UUID] {
        try await TaskPlanTask.query(on: db).filter(\.$planID == planID).all().map(\.taskID)
    }

    /// A step taken, and whether it was a decision taken after the review deadline (then that deadline).
    struct Move: Sendable {
        let plan: TaskPlan
        let decidedLateAfter: LocalDate?
    }

    /// Moves a plan one step, against the year's deadlines: a first submission by the submission deadline, a
    /// resubmission and a request for changes by the review deadline (each refused after with the date); an approval
    /// or rejection after the review deadline is still taken, so no plan is stuck, and is recorded as late.
    /// Approving reserves the plan's whole funding from the fund's district allocations into the plan's account,
    /// or is refused.
    @discardableResult
    static func take(_ step: PlanStep, on plan: TaskPlan, reason: String, by actor: String, today: LocalDate,
                     on db: any Database) async throws -> Move {
        guard let next = step.next(from: plan.state) else {
            throw ShequError(.conflict, .planStepOutOfOrder, detail: "\(plan.state.rawValue) → \(step.rawValue)", code: "plan_out_of_order")
        }
        let reason = try TaskRules.clean(reason, field: "reason", max: 2000, required: step.isReview)
        let deadline = try await PlanDeadlines.dates(for: plan.year, on: db)
        var late: LocalDate?
        switch step {
        case .submit where plan.state == .changesRequested:
            // The office asked for the changes: they may come back while the office can still decide.
            guard today <= deadline.reviewBy else {
                throw ShequError.invalid(.planResubmissionLate, deadline.reviewBy.description, code: "plan_resubmission_late")
            }
            plan.submittedOn = today.description
        case .submit:
            guard today <= deadline.submitBy else {
                throw ShequError.invalid(.planSubmissionLate, deadline.submitBy.description, code: "plan_submission_late")
            }
            plan.submittedOn = today.description
        case .requestChanges:
            // Sent back after the review deadline, the plan could never return: the office must decide it.
            guard today <= deadline.reviewBy else {
                throw ShequError.invalid(.planChangesTooLate, deadline.reviewBy.description, code: "plan_changes_too_late")
            }
            plan.decidedOn = today.description
        case .approve, .reject:
            if today > deadline.reviewBy { late = deadline.reviewBy }
            plan.decidedOn = today.description
        }
        if next == .approved { try await reserveFunding(for: plan, by: actor, on: db) }
        let event = TaskPlanEvent()
        event.planID = try plan.requireID()
        event.fromState = plan.state
        event.toState = next
        event.reason = late.map { reason + " — " + PlanDeadlines.lateNote($0) } ?? reason
        event.actor = actor
        plan.state = next
        try await plan.update(on: db)
        try await event.create(on: db)
        return Move(plan: plan, decidedLateAfter: late)
    }

    /// The step was authorised on the plan as read before the write. If its department or reach changed before the
    /// row was held (sent back, edited to other communities and resubmitted meanwhile), that authority was for another
    /// plan: an office could otherwise approve, and reserve money for, a plan beyond its reach.
    static func requireSamePlace(_ held: TaskPlan, as authorised: TaskPlan) throws {
        guard held.reach == authorised.reach, held.departmentID == authorised.departmentID else {
            throw ShequError(.conflict, .planChangedMeanwhile, detail: "\(authorised.reach) → \(held.reach)", code: "plan_changed")
        }
    }

    /// Plans in the office's scope still awaiting its decision after their year's review deadline.
    static func overdueReviews(for actor: Actor, today: LocalDate, on db: any Database) async throws -> Int {
        let scopes = actor.grants.filter { $0.role == .leadingGroupOffice }.map(\.scope)
        guard !scopes.isEmpty else { return 0 }
        let years = try await PlanDeadlines.overdueYears(today: today, on: db)
        guard !years.isEmpty else { return 0 }
        return try await TaskPlan.query(on: db).filter(\.$state == .submitted).filter(\.$year ~~ years).group(.or) { or in
            for scope in scopes { or.group(.and) { $0.filter(\.$reach >= scope).filter(\.$reach < scope + "~") } }
        }.count()
    }

    /// A3: funds follow tasks. Each district's share (per-committee amount × its communities) moves from the
    /// fund's allocation to that district into the plan's account; an overdraft refuses the whole approval.
    static func reserveFunding(for plan: TaskPlan, by actor: String, on db: any Database) async throws {
        let planID = try plan.requireID()
        let communities = try await communities(of: planID, on: db)
        let byDistrict = Dictionary(grouping: communities) { String($0.prefix(DivisionLevel.district.codeLength)) }
        let target = LedgerAccountKey.plan(plan.fundID, plan: planID, department: plan.departmentID, reach: plan.reach)
        for (district, list) in byDistrict.sorted(by: { $0.key < $1.key }) {
            guard let share = plan.amountPerCommittee.multiplied(by: Int64(list.count)) else {
                throw ShequError.invalid(.errorInvalidValue, "amountPerCommittee")
            }
            try await FundsLedger.transfer(share, from: .districtAllocation(plan.fundID, district: district), to: target,
                                           cites: LedgerCitation(kind: .plan, referenceID: planID, document: plan.title),
                                           memo: "plan approved: \(plan.title) (\(list.count) × \(plan.amountPerCommittee.yuanText))",
                                           actor: actor, on: db)
        }
    }

    static func total(of plan: TaskPlan, communities: Int) -> Money? {
        plan.amountPerCommittee.multiplied(by: Int64(communities))
    }
}
