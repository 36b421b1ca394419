import Fluent
import SQLKit

/// Forced password changes, password age, the TOTP second factor and its recovery codes.
struct AddAccountSecurity: AsyncMigration {
    // One transaction, so an in-memory SQLite database sees every column on one connection;
    // one column per statement, as SQLite adds columns one at a time.
    func prepare(on database: Database) async throws {
        try await database.transaction { db in
            try await db.schema(Account.schema).field("password_changed_at", .datetime).update()
            try await db.schema(Account.schema).field("must_change_password", .bool, .required, .sql(.default(false))).update()
            try await db.schema(Account.schema).field("totp_secret", .string).update()
            try await db.schema(Account.schema).field("totp_enrolled_at", .datetime).update()
            try await db.schema(Account.schema).field("totp_last_step", .int64).update()
            try await db.schema(RecoveryCode.schema)
                .id()
                .field("account_id", .uuid, .required, .references(Account.schema, "id", onDelete: .cascade))
                .field("code_hash", .string, .required)
                .field("used_at", .datetime)
                .create()
            try await (db as! any SQLDatabase).raw("CREATE INDEX account_recovery_codes_account ON account_recovery_codes (account_id)").run()
        }
    }

    func revert(on database: Database) async throws {
        try await database.transaction { db in
            try await db.schema(RecoveryCode.schema).delete()
            for field in ["totp_last_step", "totp_enrolled_at", "totp_secret", "must_change_password", "password_changed_at"] {
                try await db.schema(Account.schema).deleteField(.key(.string(field))).update()
            }
        }
    }
}
