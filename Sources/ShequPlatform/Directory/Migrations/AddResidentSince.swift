import Fluent
import Foundation
import ShequKernel
import SQLKit

/// Records the day a resident's residence in the community began. Rows already
/// on file take the day they were entered (Beijing time), the best evidence the
/// database holds; staff correct it where they know better.
struct AddResidentSince: AsyncMigration {
    // One transaction: all rows are dated or none, on one connection (SQLite's
    // in-memory databases otherwise let a pooled connection miss the new column).
    func prepare(on database: Database) async throws {
        try await database.transaction { try await fill($0) }
    }

    func fill(_ database: Database) async throws {
        // Nullable in the schema only because SQLite cannot add a NOT NULL column
        // without a default; every writer sets it, and a default would silently
        // date a forgotten value to some arbitrary day.
        try await database.schema(Resident.schema).field("resident_since", .string).update()
        let sql = database as! any SQLDatabase
        let entered: SQLQueryString = database.isPostgres
            ? "to_char((created_at AT TIME ZONE 'UTC') + INTERVAL '8 hours', 'YYYY-MM-DD')"
            // Fluent writes dates to SQLite as seconds since 1970; text is Vapor's older ISO form.
            : """
              CASE WHEN typeof(created_at) = 'text' THEN strftime('%Y-%m-%d', created_at, '+8 hours')
              ELSE strftime('%Y-%m-%d', created_at + 28800, 'unixepoch') END
              """
        try await sql.raw("UPDATE residents SET resident_since = \(entered) WHERE created_at IS NOT NULL").run()
        let today = LocalDate(instant: Date()).description
        try await sql.raw("UPDATE residents SET resident_since = \(bind: today) WHERE resident_since IS NULL").run()
    }

    func revert(on database: Database) async throws {
        try await database.transaction { try await $0.schema(Resident.schema).deleteField("resident_since").update() }
    }
}
