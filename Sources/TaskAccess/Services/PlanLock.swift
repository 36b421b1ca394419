import Fluent
import Foundation
import ShequPlatform
import SQLKit

enum PlanLock {
    /// Reads a plan inside a write transaction, holding its row on PostgreSQL, so two reviewers (or two
    /// clicks on "make the agreements") on two instances cannot both act on the same state: the second
    /// waits and then sees what the first did. SQLite's writes already take turns (WriteGate).
    static func plan(_ id: UUID?, on db: any Database) async throws -> TaskPlan {
        guard let id else { throw ShequError.notFound }
        if db.isPostgres, let sql = db as? any SQLDatabase {
            _ = try await sql.raw("SELECT id FROM \(ident: TaskPlan.schema) WHERE id = \(bind: id) FOR UPDATE").all()
        }
        guard let plan = try await TaskPlan.find(id, on: db) else { throw ShequError.notFound }
        return plan
    }

    /// The same for an agreement: a letter converts once, a terminated agreement pays nothing more.
    static func agreement(_ id: UUID?, on db: any Database) async throws -> TaskAgreement {
        guard let id else { throw ShequError.notFound }
        if db.isPostgres, let sql = db as? any SQLDatabase {
            _ = try await sql.raw("SELECT id FROM \(ident: TaskAgreement.schema) WHERE id = \(bind: id) FOR UPDATE").all()
        }
        guard let agreement = try await TaskAgreement.find(id, on: db) else { throw ShequError.notFound }
        return agreement
    }
}
