import Fluent
import Foundation
import ShequPlatform
import SQLKit
import Vapor

/// Which applications an actor reaches for an action: the service hall's own
/// rule on top of the policy's roles. Offices reach applications by place (a
/// grant's division-code prefix). Department staff are not an office of the
/// place: they reach only applications transferred to the department named
/// on their grant, still inside the grant's scope. Every service-hall query
/// and action on applications goes through this, so no list, detail, step or
/// download can reach more than the others.
struct ApplicationReach: Sendable {
    struct DepartmentGrant: Sendable, Hashable {
        let scope: String
        let departmentID: UUID
    }

    /// Division-code prefixes reached by place.
    let divisions: [String]
    /// Reached only through a transfer to that department.
    let departments: [DepartmentGrant]

    init(_ actor: Actor, for action: Action) {
        let roles = Policy.roles(for: action)
        var divisions: [String] = []
        var departments: [DepartmentGrant] = []
        for grant in actor.grants where roles.contains(grant.role) {
            if grant.role == .departmentStaff {
                // A department grant without a department reaches nothing.
                if let id = grant.departmentID { departments.append(.init(scope: grant.scope, departmentID: id)) }
            } else {
                divisions.append(grant.scope)
            }
        }
        self.divisions = divisions.filter { p in !divisions.contains { $0 != p && p.hasPrefix($0) } }.uniqued()
        self.departments = Array(Set(departments))
    }

    /// The offices only: work at a place (windows, follow-ups of its ratings) is not reached through a transfer.
    var byPlaceOnly: ApplicationReach { ApplicationReach(divisions: divisions, departments: []) }

    private init(divisions: [String], departments: [DepartmentGrant]) {
        self.divisions = divisions
        self.departments = departments
    }

    var isEmpty: Bool { divisions.isEmpty && departments.isEmpty }

    func covers(divisionCode: String, transferDepartmentID: UUID?) -> Bool {
        if divisions.contains(where: { divisionCode.hasPrefix($0) }) { return true }
        guard let transferDepartmentID else { return false }
        return departments.contains { $0.departmentID == transferDepartmentID && divisionCode.hasPrefix($0.scope) }
    }

    func covers(_ a: Application) -> Bool { covers(divisionCode: a.divisionCode, transferDepartmentID: a.transferDepartmentID) }

    func covers(place code: String) -> Bool { divisions.contains { code.hasPrefix($0) } }

    /// Narrows a query to what is reached; nothing when nothing is.
    func filter(_ q: QueryBuilder<Application>) -> QueryBuilder<Application> {
        // No division code is this; and no NUL, which PostgreSQL refuses in text.
        guard !isEmpty else { return q.filter(\.$divisionCode == "-no-scope") }
        return q.group(.or) { or in
            for prefix in divisions {
                or.group(.and) { $0.filter(\.$divisionCode >= prefix).filter(\.$divisionCode < prefix + "~") }
            }
            for d in departments {
                or.group(.and) {
                    $0.filter(\.$transferDepartmentID == d.departmentID)
                        .filter(\.$divisionCode >= d.scope).filter(\.$divisionCode < d.scope + "~")
                }
            }
        }
    }

    /// The same condition for hand-written SQL over `applications`; a prefix as a range stays inside the indexes.
    var sql: SQLQueryString {
        guard !isEmpty else { return "1 = 0" }
        var parts: [SQLQueryString] = divisions.map { p in "(division_code >= \(bind: p) AND division_code < \(bind: p + "~"))" }
        parts += departments.map { d in
            "(transfer_department_id = \(bind: d.departmentID) AND division_code >= \(bind: d.scope) AND division_code < \(bind: d.scope + "~"))"
        }
        return "(" + parts.joined(separator: " OR ") + ")"
    }
}

extension Request {
    /// Refuses as `req.authorize` does: the refusal is written to the audit log, then answered.
    /// `hide` answers 404 so applications out of reach cannot be probed for.
    func refuse(_ action: Action, entity: String, entityID: String?, scope: String?, hide: Bool) async throws -> Never {
        let draft = auditDraft(action.name, entity: entity, entityID: entityID, scope: scope, outcome: .denied)
        try await write { db in try await AuditLog.append(draft, on: db) }
        throw hide ? ShequError.notFound : ShequError.forbidden
    }
}

private extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
