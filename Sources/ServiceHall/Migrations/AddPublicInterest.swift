import Fluent
import SQLKit

/// Marks the catalogue items whose requests are about public matters (the
/// environment, public facilities, venue bookings): only these may be listed
/// or followed anonymously through Open311. Every other item is personal.
struct AddPublicInterest: AsyncMigration {
    /// The items already shipped that are public-interest; later ones carry the mark in catalogue.json.
    static let shipped = ["TY-001"]

    func prepare(on database: Database) async throws {
        try await database.schema(ServiceItem.schema).field("public_interest", .bool, .required, .sql(.default(false))).update()
        try await (database as! any SQLDatabase).raw("""
            UPDATE service_items SET public_interest = \(bind: true) WHERE code IN (\(binds: Self.shipped))
            """).run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(ServiceItem.schema).deleteField("public_interest").update()
    }
}
