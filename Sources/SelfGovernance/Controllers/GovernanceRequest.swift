import Fluent
import ShequKernel
import ShequPlatform
import Vapor

/// Who is acting in self-governance, and as which body: the public record
/// names the body and the account that acted for it.
struct GovernanceActor {
    let actor: Actor
    let body: String
}

extension Request {
    /// A community from the path, refusing anything that is not a 12-digit community code on file.
    func community() async throws -> String {
        guard let code = parameters.get("code"), code.count == 12, code.allSatisfy(\.isNumber),
              try await Division.exists(code, on: db) else { throw ShequError.notFound }
        return code
    }

    /// Staff acting for a body: allowed by the policy at the community, or refused and logged.
    func actingFor(_ kind: BodyKind, _ action: Action, at community: String, entity: String, entityID: String? = nil) async throws -> GovernanceActor {
        let actor = try await authorize(action, at: community, entity: entity, entityID: entityID)
        return GovernanceActor(actor: actor, body: "\(kind.rawValue) · \(actor.username)")
    }

    /// A resident acting in their own community (raising a matter, joining a discussion, voting).
    /// The policy is asked about the actor's own record in that community, so an office's
    /// grant never stands in for a resident's voice, and a refusal is logged under `action`.
    func residentOf(_ community: String, action: Action, entity: String) async throws -> Resident {
        let actor = try requireActor()
        let own = try await actor.residentID.asyncMap { try await Resident.find($0, on: db) } ?? nil
        let here = own?.divisionCode == community ? own : nil
        try await authorize(action, on: Resource(residentID: here?.id), entity: entity)
        guard let here else { throw ShequError.forbidden }
        return here
    }

    /// The write with its audit entry; a refusal by a rule (notice period, quorum, a
    /// charter below the law) rolls the write back and is logged like a refusal by
    /// the policy, naming the rule, so attempts to bend the rules leave a trace.
    func writeRecorded<T: Sendable>(_ action: String, entity: String, scope: String, detail: String = "",
                                    _ body: @Sendable @escaping (any Database) async throws -> T) async throws -> T {
        do {
            return try await writeAudited(action, entity: entity) { db in
                let value = try await body(db)
                return Audited(value, id: nil, scope: scope, detail: detail)
            }
        } catch let refusal as ShequError where refusal.status.code < 500 {
            let draft = auditDraft(action, entity: entity, scope: scope, outcome: .denied, detail: refusal.code)
            try await write { db in try await AuditLog.append(draft, on: db) }
            throw refusal
        }
    }
}

extension Action {
    /// Residents' own acts in their community; staff never hold these.
    static let matterDiscuss = Action("matter.discuss")
    static let assemblyVote = Action("assembly.vote")
}
