import Fluent
import SQLKit

/// Organisation staff (C1): a grant may name the directory organisation its holder acts for. No foreign key:
/// the directory's tables are another module's, migrated after this one on a new database.
struct AddGrantOrganization: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.transaction { db in
            try await db.schema(Grant.schema).field("organization_id", .uuid).update()
            try await (db as! any SQLDatabase).raw("CREATE INDEX grants_organization ON grants (organization_id)").run()
        }
    }

    func revert(on database: Database) async throws {
        try await database.transaction { db in
            try await (db as! any SQLDatabase).raw("DROP INDEX grants_organization").run()
            try await db.schema(Grant.schema).deleteField("organization_id").update()
        }
    }
}
