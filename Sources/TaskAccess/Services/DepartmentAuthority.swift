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
}
