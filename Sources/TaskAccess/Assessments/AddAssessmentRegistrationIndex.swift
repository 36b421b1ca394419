import Fluent
import SQLKit

/// One standing registration per body, title and year. The count inside the write stops a form
/// sent twice on SQLite (writes take turns) but not on PostgreSQL, where two registrations at the
/// same moment both count none; this index lets exactly one land. Partial, as the rule is: a
/// withdrawn assessment may be registered again.
struct AddAssessmentRegistrationIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("""
            CREATE UNIQUE INDEX assessments_standing ON assessments (year, title, body_name) WHERE status = 'registered'
            """).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX assessments_standing").run()
    }
}
