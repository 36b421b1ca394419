import Fluent
import SQLKit

/// The due-soon and overdue lists walk running applications in due order and
/// stop after a page. A partial index holds only running applications (a
/// fraction of all), ordered the way the lists sort, with the division code
/// inside so the scope is checked without reading the table. The states are
/// literals because both databases use a partial index only when the query
/// repeats its condition word for word (`ApplicationState.runningSQL`).
struct AddRunningDueIndex: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("""
            CREATE INDEX applications_running_due ON applications (due_on, tracking_number, division_code)
            WHERE \(unsafeRaw: ApplicationState.runningSQL)
            """).run()
    }

    func revert(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX applications_running_due").run()
    }
}
