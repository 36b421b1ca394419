import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// What every door of the module needs from a request.
extension Request {
    var partyVault: PersonalDataVault { PersonalDataVault(secrets: application.secrets) }
    var partyToday: LocalDate { LocalDate(instant: Date()) }

    func partyOrganization(_ name: String = "id") async throws -> PartyOrganization {
        guard let id = parameters.get(name, as: UUID.self), let org = try await PartyOrganization.find(id, on: db) else { throw ShequError.notFound }
        return org
    }

    /// A read of members' records is itself recorded (P1: every reading of a member list is audited), in the
    /// chain of the organisation's place.
    func auditPartyRead(_ action: String, entity: String, id: UUID?, scope: String, detail: String) async throws {
        let draft = auditDraft(action, entity: entity, entityID: id?.uuidString, scope: scope, detail: detail)
        try await write { db in try await AuditLog.append(draft, on: db) }
    }

    /// Refuses and records a member's own act that the rules forbid (not a member, not registered here).
    func refusePartySelf(_ action: Action, _ error: ShequError, entity: String, id: UUID?, scope: String?) async throws -> Never {
        let draft = auditDraft(action.name, entity: entity, entityID: id?.uuidString, scope: scope, outcome: .denied, detail: error.code)
        try await write { db in try await AuditLog.append(draft, on: db) }
        throw error
    }

    /// The signed-in resident's own membership, or a logged 403.
    func ownPartyMembership(_ action: Action, entity: String) async throws -> (Actor, PartyMembership) {
        let actor = try requireActor()
        guard actor.roles.contains(.resident), let m = try await PartyMemberships.own(actor.residentID, partyVault, on: db) else {
            try await refusePartySelf(action, ShequError(.forbidden, .pbErrorNotAMember, code: "not_a_member"), entity: entity, id: nil, scope: nil)
        }
        return (actor, m)
    }
}
