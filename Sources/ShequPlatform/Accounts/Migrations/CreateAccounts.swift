import Fluent

struct CreateAccounts: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(Account.schema)
            .id()
            .field("username", .string, .required)
            .field("password_hash", .string, .required)
            .field("display_name", .string, .required)
            .field("resident_id", .uuid)
            .field("failed_sign_ins", .int, .required)
            .field("locked_until", .datetime)
            .field("disabled", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "username")
            .create()
        try await database.schema(Grant.schema)
            .id()
            .field("account_id", .uuid, .required, .references(Account.schema, "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("scope", .string, .required)
            .field("department_id", .uuid)
            .create()
        try await database.schema(APIToken.schema)
            .id()
            .field("account_id", .uuid, .required, .references(Account.schema, "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(APIToken.schema).delete()
        try await database.schema(Grant.schema).delete()
        try await database.schema(Account.schema).delete()
    }
}
