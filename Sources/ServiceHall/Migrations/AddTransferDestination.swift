import Fluent
import SQLKit

/// Where a transferred application went: a department, one of its outposts,
/// or a centre. The department is stored for outposts too, so "transferred to
/// my department" is one indexed comparison for department staff.
struct AddTransferDestination: AsyncMigration {
    func prepare(on database: Database) async throws {
        // One column per ALTER: SQLite adds only one at a time.
        try await database.schema(Application.schema).field("transfer_department_id", .uuid).update()
        try await database.schema(Application.schema).field("transfer_outpost_id", .uuid).update()
        try await database.schema(Application.schema).field("transfer_center_id", .uuid).update()
        try await (database as! any SQLDatabase).create(index: "applications_transfer_department")
            .on(Application.schema).column("transfer_department_id").column("division_code").run()
    }

    func revert(on database: Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "applications_transfer_department").run()
        try await database.schema(Application.schema).deleteField("transfer_center_id").update()
        try await database.schema(Application.schema).deleteField("transfer_outpost_id").update()
        try await database.schema(Application.schema).deleteField("transfer_department_id").update()
    }
}
