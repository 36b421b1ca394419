import Fluent
import Foundation
import ShequPlatform
import Vapor

extension Request {
    /// A department's act: department staff only for the department their grant names
    /// (`departmentID`), the leading-group office for any department whose level its
    /// grant covers. The policy decides the roles; this adds the department. A refusal
    /// is written to the audit log like every other.
    @discardableResult
    func authorizeForDepartment(_ action: Action, _ department: Department, entity: String, entityID: UUID? = nil) async throws -> Actor {
        let actor = try requireActor()
        if TaskAccessAuthority.may(actor, action, for: department) { return actor }
        let draft = auditDraft(action.name, entity: entity, entityID: entityID?.uuidString, scope: department.divisionCode, outcome: .denied,
                               detail: "department \(department.id?.uuidString ?? "-")")
        try await write { db in try await AuditLog.append(draft, on: db) }
        throw ShequError.forbidden
    }

    /// An edit of a department's record (a task, a plan): the owning department, the caller authorised for it, and
    /// a body naming another department refused, since records do not move between departments.
    func authorizeEdit(_ action: Action, ownedBy owner: UUID, named: UUID?, entity: String, entityID: UUID?) async throws -> Department {
        let department = try await department(owner)
        try await authorizeForDepartment(action, department, entity: entity, entityID: entityID)
        if let named, named != owner { throw ShequError.invalid(.errorInvalidValue, "departmentID") }
        return department
    }

    func department(_ id: UUID, field: String = "departmentID") async throws -> Department {
        guard let d = try await Department.find(id, on: db) else { throw ShequError.invalid(.errorInvalidValue, field, code: "unknown_department") }
        return d
    }
}

enum TaskAccessAuthority {
    static func may(_ actor: Actor, _ action: Action, for department: Department) -> Bool {
        let roles = Policy.roles(for: action)
        return actor.grants.contains { g in
            guard roles.contains(g.role), g.covers(department.divisionCode) else { return false }
            switch g.role {
            case .departmentStaff: return g.departmentID != nil && g.departmentID == department.id
            default: return true
            }
        }
    }

    /// The departments an actor's department grants name (what "my department" means on a page).
    static func ownDepartments(_ actor: Actor) -> [UUID] {
        actor.grants.filter { $0.role == .departmentStaff }.compactMap(\.departmentID)
    }

    static func isOffice(_ actor: Actor) -> Bool { actor.roles.contains(.leadingGroupOffice) }

    /// A leading-group office whose grant covers the place (a plan's reach, an agreement's party, a committee):
    /// it reviews and answers there for every department.
    static func officeCovers(_ actor: Actor, _ code: String) -> Bool {
        actor.grants.contains { $0.role == .leadingGroupOffice && $0.covers(code) }
    }

    /// A department's record (a plan, an agreement) is read by that department and by the office over its place.
    static func mayRead(_ actor: Actor, department: UUID, place: String) -> Bool {
        ownDepartments(actor).contains(department) || officeCovers(actor, place)
    }

    /// Who answers a committee's shortfall report: the office over the committee or the department the report
    /// names; a report naming no department, whoever the policy lets answer there. The page's answer form and
    /// the answer route both ask this.
    static func mayAnswer(_ actor: Actor, _ report: ShortfallReport, department: Department?) -> Bool {
        guard let department else { return Policy.may(actor, .shortfallAnswer, at: report.divisionCode) }
        return officeCovers(actor, report.divisionCode) || may(actor, .shortfallAnswer, for: department)
    }
}
