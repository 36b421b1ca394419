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
    public func writeAudited<Value: Sendable>(_ action: String, entity: String,
                                              _ body: @Sendable @escaping (any Database) async throws -> Audited<Value>) async throws -> Value {
        let base = auditDraft(action, entity: entity)
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
