import Fluent

/// O2: a service item may need a district-level power delegated to a street. Nullable: most items need none.
struct AddRequiredPower: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(ServiceItem.schema).field("required_power", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema(ServiceItem.schema).deleteField("required_power").update()
    }
}
