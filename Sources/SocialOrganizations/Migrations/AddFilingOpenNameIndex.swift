import Fluent
import SQLKit

/// One organisation per name among the filings waiting and the registry: the service checks first and says so
/// kindly; this index decides when two filings of one name arrive at once (and on another instance).
struct AddFilingOpenNameIndex: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("""
            CREATE UNIQUE INDEX social_organization_filings_open_name ON social_organization_filings (name)
            WHERE state IN ('submitted', 'approved')
            """).run()
    }

    func revert(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX social_organization_filings_open_name").run()
    }
}
