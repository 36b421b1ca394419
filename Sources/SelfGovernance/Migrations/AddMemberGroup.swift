import Fluent

/// A representative sits for a residents' group, so the charter's
/// representatives-per-group rule can be checked when seating one.
struct AddMemberGroup: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(BodyMember.schema).field("group_id", .uuid).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema(BodyMember.schema).deleteField("group_id").update()
    }
}
