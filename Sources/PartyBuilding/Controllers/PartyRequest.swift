import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// The author the audit log names for a member's own acts (registering, signing up, asking for a certificate,
/// confirming an entry): their username there would tell every reader of the log who is a party member (review F12).
/// The module's own records still say whose membership it was, to those who may read it.
let partyMemberLabel = "(party member)"

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

    /// Refuses and records an officer's act the rules forbid (appointing themself, issuing their own certificate):
    /// the log names the officer, whose office is public.
    func refuseParty(_ action: Action, _ error: ShequError, entity: String, id: UUID?, scope: String?) async throws -> Never {
        let draft = auditDraft(action.name, entity: entity, entityID: id?.uuidString, scope: scope, outcome: .denied, detail: error.code)
        try await write { db in try await AuditLog.append(draft, on: db) }
        throw error
    }

    /// Refuses and records a member's own act that the rules forbid (not a member, not registered here). The entry is
    /// written under `partyMemberLabel`, without the address: "not registered here" beside a username would tell every
    /// reader of the log that the account's resident is a member (review F12).
    func refusePartySelf(_ action: Action, _ error: ShequError, entity: String, id: UUID?, scope: String?) async throws -> Never {
        var draft = auditDraft(action.name, entity: entity, entityID: id?.uuidString, scope: scope, outcome: .denied, detail: error.code)
        draft.actor = partyMemberLabel
        draft.ip = nil
        let anonymous = draft
        try await write { db in try await AuditLog.append(anonymous, on: db) }
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
