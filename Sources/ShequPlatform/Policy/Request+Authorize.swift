import Vapor

extension Request {
    /// Asks the policy about one record: an office's grant over its place, or a tie
    /// the module declared (the resident's own, the author's). A refusal is written
    /// to the audit log under the action that was refused, then answered;
    /// `hide` answers 404 so out-of-scope records cannot be probed for.
    @discardableResult
    public func authorize(_ action: Action, on resource: Resource, entity: String, entityID: String? = nil,
                          hide: Bool = false) async throws -> Actor {
        let actor = try requireActor()
        if Policy.may(actor, action, on: resource) { return actor }
        let draft = auditDraft(action.name, entity: entity, entityID: entityID, scope: resource.divisionCode, outcome: .denied)
        try await write { db in try await AuditLog.append(draft, on: db) }
        throw hide ? ShequError.notFound : ShequError.forbidden
    }
}
