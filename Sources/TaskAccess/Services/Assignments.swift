import Fluent
import Foundation
import ShequPlatform

/// A2: what may be put on a committee. The refusal is the system's, not a warning.
enum Assignments {
    /// The approved plan that allows this assignment (nil for a must-undertake task), or the A2 refusal.
    static func entitlement(task: AdministrativeTask, community: String, year: Int, on db: any Database) async throws -> UUID?? {
        guard task.isInForce(in: year) else { return .none }
        if task.classification == .mustUndertake { return .some(nil) }
        let taskID = try task.requireID()
        let plans = try await TaskPlanTask.query(on: db).filter(\.$taskID == taskID).all().map(\.planID)
        guard !plans.isEmpty else { return .none }
        let approved = try await TaskPlan.query(on: db).filter(\.$id ~~ plans).filter(\.$year == year).filter(\.$state == .approved).all()
            .compactMap(\.id)
        guard !approved.isEmpty else { return .none }
        // One read for all the approved plans, not one per plan.
        guard let covering = try await TaskPlanCommunity.query(on: db).filter(\.$planID ~~ approved).filter(\.$divisionCode == community)
            .sort(\.$planID).first() else { return .none }
        return .some(covering.planID)
    }

    static func assign(task: AdministrativeTask, community: String, year: Int, plan: UUID?, by actor: String,
                       on db: any Database) async throws -> TaskAssignment {
        let a = TaskAssignment()
        a.taskID = try task.requireID()
        a.divisionCode = community
        a.year = year
        a.planID = plan
        a.assignedBy = actor
        do {
            try await a.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // The unique index (task, community, year) is the one check: a second assignment, or two at once,
            // hears why, and the failed insert rolls back with the transaction, audit entry and all.
            throw ShequError(.conflict, .assignmentExists, code: "assignment_exists")
        }
        return a
    }
}
