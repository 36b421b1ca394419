import Fluent
import SQLKit

/// Every burden and registered-task report without `?year=` opens on the latest year with assignments
/// (`reportYear`): without an index on the year that question read and sorted every assignment, about
/// 17 ms a request at city scale (138,000 assignments over 5 years) on SQLite, a third of the 50 ms budget.
struct AddTaskAccessReportIndexes: AsyncMigration {
    func prepare(on database: Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "ta_assignments_by_year").on(TaskAssignment.schema).column("year").run()
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "ta_assignments_by_year").run()
    }
}
