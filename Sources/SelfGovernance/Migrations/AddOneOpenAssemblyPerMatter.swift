import Fluent
import SQLKit

/// At most one assembly per matter that has not closed, enforced by the
/// database so two committee members convening at the same moment cannot both
/// succeed (a partial unique index, which SQLite and PostgreSQL both have).
struct AddOneOpenAssemblyPerMatter: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        // Before the rule, a matter could hold several pending assemblies; all but the
        // earliest are ended the way an adjournment ends them (closed, nothing passed),
        // because the index cannot be built over them and the earliest was convened first.
        try await sql.raw("""
            UPDATE assemblies SET state = 'closed', passed = \(bind: false)
            WHERE state <> 'closed' AND EXISTS (
                SELECT 1 FROM assemblies earlier WHERE earlier.matter_id = assemblies.matter_id AND earlier.state <> 'closed'
                AND (earlier.created_at < assemblies.created_at OR (earlier.created_at = assemblies.created_at AND earlier.id < assemblies.id)))
            """).run()
        try await sql.raw("CREATE UNIQUE INDEX assemblies_one_open_per_matter ON assemblies (matter_id) WHERE state <> 'closed'").run()
    }

    func revert(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX assemblies_one_open_per_matter").run()
    }
}
