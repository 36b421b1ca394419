import Fluent
import SQLKit

/// The organisations' own applications to come off a list (C3), waiting for the street.
struct AddRemovalApplications: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(RemovalApplication.schema)
            .id()
            .field("organization_id", .uuid, .required)
            .field("street_code", .string, .required)
            .field("list", .string, .required)
            .field("rectification", .string, .required)
            .field("applied_by_account_id", .uuid, .required)
            .field("applied_by", .string, .required)
            .field("applied_on", .string, .required)
            .field("removal_id", .uuid)
            .field("created_at", .datetime)
            .create()
        // A street's waiting applications, and one organisation's.
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "social_organization_removal_applications_street").on(RemovalApplication.schema)
                .column("street_code").column("applied_on").run()
            try await sql.create(index: "social_organization_removal_applications_org").on(RemovalApplication.schema).column("organization_id").run()
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema(RemovalApplication.schema).delete()
    }
}
