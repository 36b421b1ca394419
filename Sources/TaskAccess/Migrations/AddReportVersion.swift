import Fluent
import ShequPlatform
import SQLKit

/// A counter that every change to what the task-access reports read moves forward, in the same transaction, by a
/// trigger: a report is then worked out once per state and kept per instance (`TaskAccessReports`), and every instance
/// over the same database sees the new number the moment a change commits, whichever code path (or `psql`) made it.
/// Profiled at city scale, the per-task report spent 11 of its 16 ms in its seven reads, every request.
/// On PostgreSQL the counter's row is locked from the first change to commit, so task-access writes take turns: they are
/// a few a day per department. They always change a task-access table before they move money, so the counter's lock
/// is taken before a fund's, never after (no deadlock with a ledger transfer).
struct AddReportVersion: AsyncMigration {
    static let table = "ta_report_version"
    static let watched = ["ta_tasks", "ta_plans", "ta_plan_tasks", "ta_plan_communities", "ta_assignments", "ta_agreements",
                          "ta_agreement_communities", "departments", "divisions"]

    func prepare(on database: Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(table: Self.table)
            .column("id", type: .int, .primaryKey(autoIncrement: false))
            .column("n", type: .bigint, .notNull)
            .run()
        try await sql.raw("INSERT INTO \(ident: Self.table) (id, n) VALUES (1, 0)").run()
        if database.isPostgres {
            try await sql.raw("""
                CREATE FUNCTION ta_report_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN UPDATE ta_report_version SET n = n + 1 WHERE id = 1; RETURN NULL; END $$
                """).run()
            for table in Self.watched {
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: "ta_rv_" + table) AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON \(ident: table)
                    FOR EACH STATEMENT EXECUTE FUNCTION ta_report_version_bump()
                    """).run()
            }
        } else {
            // SQLite has row triggers only, one event each.
            for table in Self.watched {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try await sql.raw("""
                        CREATE TRIGGER \(unsafeRaw: "ta_rv_\(table)_\(event.lowercased())") AFTER \(unsafeRaw: event) ON \(ident: table)
                        BEGIN UPDATE ta_report_version SET n = n + 1 WHERE id = 1; END
                        """).run()
                }
            }
        }
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if database.isPostgres {
            for table in Self.watched {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: "ta_rv_" + table) ON \(ident: table)").run()
            }
            try await sql.raw("DROP FUNCTION IF EXISTS ta_report_version_bump()").run()
        } else {
            for table in Self.watched {
                for event in ["insert", "update", "delete"] {
                    try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: "ta_rv_\(table)_\(event)")").run()
                }
            }
        }
        try await sql.drop(table: Self.table).run()
    }
}
