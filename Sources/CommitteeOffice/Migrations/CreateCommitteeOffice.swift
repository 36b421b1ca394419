import Fluent
import SQLKit

/// H8: the committee's office records, one append-only table.
struct CreateCommitteeOffice: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.transaction { db in
            try await db.schema(OfficeEntry.schema)
                .id()
                .field("division_code", .string, .required)
                .field("kind", .string, .required)
                .field("on_date", .string, .required)
                .field("title", .string)
                .field("body", .string)
                .field("people", .string)
                .field("starts_at", .string)
                .field("ends_at", .string)
                .field("reference", .string)
                .field("deadline", .string)
                .field("approved_by", .string)
                .field("corrects_id", .uuid, .references(OfficeEntry.schema, "id"))
                .field("handles_id", .uuid, .references(OfficeEntry.schema, "id"))
                .field("recorded_by", .string, .required)
                .field("created_at", .datetime)
                // An entry is corrected once and a document handled once: two at the same moment meet here.
                .unique(on: "corrects_id", name: "committee_office_entries_corrects")
                .unique(on: "handles_id", name: "committee_office_entries_handles")
                .create()
            let sql = db as! any SQLDatabase
            try await sql.raw("CREATE INDEX committee_office_entries_list ON committee_office_entries (division_code, kind, on_date)").run()
            try await sql.raw("CREATE INDEX committee_office_entries_deadline ON committee_office_entries (division_code, deadline)").run()
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema(OfficeEntry.schema).delete()
    }
}
