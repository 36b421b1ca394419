import Fluent
import SQLKit

/// C4: Hong Kong and Macao partners' social workers and joint projects.
struct CreateCrossBorderPartners: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.transaction { db in
            try await db.schema(PartnerWorker.schema)
                .id()
                .field("organization_id", .uuid, .required)
                .field("name", .string, .required)
                .field("region", .string, .required)
                .field("credential_kind", .string, .required)
                .field("credential_sealed", .string, .required)
                .field("credential_masked", .string, .required)
                .field("credential_index", .string, .required)
                .field("qualification", .string, .required)
                .field("recorded_by", .string, .required)
                .field("created_at", .datetime)
                .unique(on: "credential_index", name: "partner_workers_credential")
                .create()
            try await db.schema(JointProject.schema)
                .id()
                .field("organization_id", .uuid, .required)
                .field("title", .string, .required)
                .field("summary", .string, .required)
                .field("street_code", .string, .required)
                .field("starts_on", .string, .required)
                .field("ends_on", .string)
                .field("recorded_by", .string, .required)
                .field("created_at", .datetime)
                .create()
            let sql = db as! any SQLDatabase
            try await sql.raw("CREATE INDEX partner_workers_organization ON social_organization_partner_workers (organization_id)").run()
            try await sql.raw("CREATE INDEX joint_projects_street ON social_organization_joint_projects (street_code, starts_on)").run()
            try await sql.raw("CREATE INDEX joint_projects_organization ON social_organization_joint_projects (organization_id)").run()
        }
    }

    func revert(on database: Database) async throws {
        try await database.transaction { db in
            try await db.schema(JointProject.schema).delete()
            try await db.schema(PartnerWorker.schema).delete()
        }
    }
}
