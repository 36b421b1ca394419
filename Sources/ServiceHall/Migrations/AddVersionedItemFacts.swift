import Fluent
import SQLKit

/// Issue 11: an item's type, service area and required delegated power change like its other facts, so each
/// version records them. Until now they were never changed, so every version already written had the item's
/// current ones: they are filled in from the item.
struct AddVersionedItemFacts: AsyncMigration {
    func prepare(on database: Database) async throws {
        // One column per statement: SQLite adds columns one ALTER at a time.
        try await database.schema(ServiceItemVersion.schema).field("item_type", .string).update()
        try await database.schema(ServiceItemVersion.schema).field("service_area", .string).update()
        try await database.schema(ServiceItemVersion.schema).field("required_power", .string).update()
        try await (database as! any SQLDatabase).raw("""
            UPDATE service_item_versions SET
              item_type = (SELECT i.item_type FROM service_items i WHERE i.id = service_item_versions.item_id),
              service_area = (SELECT i.service_area FROM service_items i WHERE i.id = service_item_versions.item_id),
              required_power = (SELECT i.required_power FROM service_items i WHERE i.id = service_item_versions.item_id)
            """).run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(ServiceItemVersion.schema).deleteField("required_power").update()
        try await database.schema(ServiceItemVersion.schema).deleteField("service_area").update()
        try await database.schema(ServiceItemVersion.schema).deleteField("item_type").update()
    }
}
