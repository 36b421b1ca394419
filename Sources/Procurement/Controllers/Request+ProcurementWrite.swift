import Fluent
import ShequPlatform
import Vapor

extension Request {
    /// A procurement command's write with its audit entry; a refusal by the rules (422, 409, or 403 from inside
    /// the command) rolls it back and is logged as denied with its code, so attempts to bend the rules leave a
    /// trace, as the policy's own refusals do.
    func writeProcurement<Value: Sendable>(_ action: String, entity: String, id: UUID?, scope: String,
                                           _ body: @Sendable @escaping (any Database) async throws -> Audited<Value>) async throws -> Value {
        do {
            return try await writeAudited(action, entity: entity, body)
        } catch let refusal as ShequError where refusal.status.code < 500 {
            let draft = auditDraft(action, entity: entity, entityID: id?.uuidString, scope: scope, outcome: .denied, detail: refusal.code)
            try await write { db in try await AuditLog.append(draft, on: db) }
            throw refusal
        }
    }
}
