import Fluent

/// Keyed digests of "tracking number + last four of the ID number / phone",
/// written at submission, so `/track` compares digests instead of decrypting
/// the applicant's record. Rows from before this migration have none and are
/// checked the old way (see `ApplicationsAPIController.lookup`).
struct AddApplicationLookupDigests: AsyncMigration {
    func prepare(on database: Database) async throws {
        // One column per ALTER: SQLite adds only one at a time.
        try await database.schema(Application.schema).field("lookup_id_digest", .string).update()
        try await database.schema(Application.schema).field("lookup_phone_digest", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema(Application.schema).deleteField("lookup_phone_digest").update()
        try await database.schema(Application.schema).deleteField("lookup_id_digest").update()
    }
}
