import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit

/// A person's answer to something waiting for them (a member entry, an officer offer), decided once.
enum PendingAnswer {
    /// Takes the row from `pending` to `state` in the write's own transaction, or throws `decided`: of two answers sent
    /// at once (a double click, two tabs, two instances) one finds it waiting, the other finds it decided.
    static func claim(_ table: String, id: UUID, as state: String, today: LocalDate, decided: ShequError, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw ShequError(.internalServerError, .errorServer, code: "needs_sql") }
        let claimed = try await sql.raw("""
            UPDATE \(ident: table) SET state = \(bind: state), decided_on = \(bind: today.description)
            WHERE id = \(bind: id) AND state = 'pending' RETURNING id
            """).all()
        guard !claimed.isEmpty else { throw decided }
    }
}
