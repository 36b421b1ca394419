import Fluent
import Foundation
import ShequPlatform
import SQLKit

extension OfficeRecords {
    /// Holds an entry's row on PostgreSQL for the rest of the transaction, so a correction and a handling of one
    /// document on two instances take turns: the unique indexes keep two corrections or two handlings apart, not
    /// one of each, and a document corrected and handled at once was left both. SQLite's writes already take turns.
    static func lock(_ id: UUID, on db: any Database) async throws {
        guard db.isPostgres, let sql = db as? any SQLDatabase else { return }
        _ = try await sql.raw("SELECT id FROM \(ident: OfficeEntry.schema) WHERE id = \(bind: id) FOR UPDATE").all()
    }
}
