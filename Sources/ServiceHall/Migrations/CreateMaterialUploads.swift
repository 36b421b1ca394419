import Fluent
import SQLKit

struct CreateMaterialUploads: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(MaterialFile.schema)
            .field("sha256", .string, .identifier(auto: false))
            .field("content", .data, .required)
            .create()
        try await database.schema(MaterialUpload.schema)
            .id()
            .field("application_id", .uuid, .required, .references(Application.schema, "id", onDelete: .cascade))
            .field("material_id", .uuid, .required, .references(MaterialRequirement.schema, "id"))
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required, .references(MaterialFile.schema, "sha256"))
            .field("uploaded_by", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await (database as! any SQLDatabase).create(index: "material_uploads_application")
            .on(MaterialUpload.schema).column("application_id").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(MaterialUpload.schema).delete()
        try await database.schema(MaterialFile.schema).delete()
    }
}
