import Fluent
import Vapor

/// What an audited write produced, and what its audit entry should say about it.
public struct Audited<Value: Sendable>: Sendable {
    public let value: Value
    public let entityID: String?
    public let scope: String?
    public let detail: String

    public init(_ value: Value, id: UUID?, scope: String?, detail: String = "") {
        self.value = value
        self.entityID = id?.uuidString
        self.scope = scope
        self.detail = detail
    }
}

extension Request {
    /// One write transaction holding the change and its audit entry, so
    /// neither can land without the other.
    ///
    /// `actorLabel` writes the entry under a label instead of the account's username, for an act whose author is itself
    /// sensitive (a party member registering with their community): the entry still says what was done to which
    /// record, and the module that owns the record (and only it) can tell whose record it is. The address goes too: the
    /// same address on the account's sign-in entry a moment earlier would name them again.
    public func writeAudited<Value: Sendable>(_ action: String, entity: String, actorLabel: String? = nil,
                                              _ body: @Sendable @escaping (any Database) async throws -> Audited<Value>) async throws -> Value {
        var draft = auditDraft(action, entity: entity)
        if let actorLabel {
            draft.actor = actorLabel
            draft.ip = nil
        }
        let base = draft
        return try await write { db in
            let result = try await body(db)
            var draft = base
            draft.entityID = result.entityID
            draft.scope = result.scope
            draft.detail = result.detail
            try await AuditLog.append(draft, on: db)
            return result.value
        }
    }
}
