import Fluent
import Foundation
import SQLKit

/// Issue 11: the city edits its catalogue, and an application keeps the item as it
/// was when accepted. Items keep their row (applications, uploads and queue tickets
/// point at it); every change writes a new numbered version beside it, materials
/// carry the versions they belong to, and an application records its version.
/// Everything that exists before this migration is version 1.
struct AddCatalogueVersions: AsyncMigration {
    func prepare(on database: Database) async throws {
        // One column per statement: SQLite adds columns one ALTER at a time.
        try await database.schema(ServiceItem.schema).field("version", .int, .required, .sql(.default(1))).update()
        try await database.schema(ServiceItem.schema).field("retired", .bool, .required, .sql(.default(false))).update()
        try await database.schema(MaterialRequirement.schema).field("since_version", .int, .required, .sql(.default(1))).update()
        try await database.schema(MaterialRequirement.schema).field("until_version", .int).update()
        try await database.schema(Application.schema).field("item_version", .int, .required, .sql(.default(1))).update()
        try await database.schema(ServiceItemVersion.schema)
            .id()
            .field("item_id", .uuid, .required, .references(ServiceItem.schema, "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("name_zh", .string, .required)
            .field("name_en", .string, .required)
            .field("exercised_at", .string, .required)
            .field("legal_basis", .string, .required)
            .field("handled_by", .string, .required)
            .field("statutory_days", .int, .required)
            .field("promised_days", .int, .required)
            .field("fee_kind", .string, .required)
            .field("fee_fen", .int64, .required)
            .field("retired", .bool, .required)
            .field("changed_by", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "item_id", "version")
            .create()
        // Version 1 of every item already here, as it stands: applications made before keep pointing at it.
        for item in try await ServiceItem.query(on: database).all() {
            try await ServiceItemVersion(snapshot: item, changedBy: "-").create(on: database)
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema(ServiceItemVersion.schema).delete()
        // Without versions only the current materials may remain; a superseded one that a file was
        // uploaded for stays (the upload points at it) and is listed again, which is the older schema's view.
        try await (database as! any SQLDatabase).raw("""
            DELETE FROM material_requirements WHERE until_version IS NOT NULL
              AND id NOT IN (SELECT material_id FROM material_uploads)
            """).run()
        try await database.schema(Application.schema).deleteField("item_version").update()
        try await database.schema(MaterialRequirement.schema).deleteField("until_version").update()
        try await database.schema(MaterialRequirement.schema).deleteField("since_version").update()
        try await database.schema(ServiceItem.schema).deleteField("retired").update()
        try await database.schema(ServiceItem.schema).deleteField("version").update()
    }
}
