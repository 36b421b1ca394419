import Fluent
import Foundation
import SelfGovernance
import ShequPlatform
import SQLKit

/// Rows held on PostgreSQL for the rest of a write transaction, so two instances take turns where a rule reads
/// before it writes: a referral and the officer's detachment from that community (else a message was referred to
/// an officer no longer attached there, whom the update had just checked had nothing waiting), and an answer and
/// the message it answers. SQLite's writes already take turns.
enum PolicingLock {
    static func officer(_ id: UUID, on db: any Database) async throws {
        try await row(PoliceOfficer.schema, id, on: db)
    }

    static func message(_ id: UUID, on db: any Database) async throws {
        try await row(ChannelMessage.schema, id, on: db)
    }

    private static func row(_ table: String, _ id: UUID, on db: any Database) async throws {
        guard db.isPostgres, let sql = db as? any SQLDatabase else { return }
        _ = try await sql.raw("SELECT id FROM \(ident: table) WHERE id = \(bind: id) FOR UPDATE").all()
    }
}
