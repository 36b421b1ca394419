import Fluent
import SQLKit

/// The city-wide burden list sums, per page of committees, their assignments with the tasks' hours and their
/// agreements' promises. Profiled at city scale (`scripts/bench-access.sh`, 200 committees): most of the time
/// was SQLite fetching each assignment, task, promise and agreement row after finding it in an index
/// (`sqlite3BtreeTableMoveto` on top). With every column those reads need in the index itself, the tasks-and-hours
/// read went from 23 to 5 ms and the promises from 8 to 3 ms. The (division_code, year, task_id) index replaces
/// `ta_assignments_by_community`, whose columns it begins with.
struct AddBurdenCoveringIndexes: AsyncMigration {
    func prepare(on database: Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "ta_assignments_carried").on(TaskAssignment.schema)
            .column("division_code").column("year").column("task_id").run()
        try await sql.drop(index: "ta_assignments_by_community").run()
        try await sql.create(index: "ta_tasks_in_force_hours").on(AdministrativeTask.schema)
            .column("id").column("in_force").column("from_year").column("to_year").column("hours_per_year").run()
        try await sql.create(index: "ta_agreement_communities_promised").on(AgreementCommunity.schema)
            .column("division_code").column("agreement_id").column("promised").run()
        try await sql.create(index: "ta_agreements_term").on(TaskAgreement.schema)
            .column("id").column("state").column("term_start").column("term_end").column("fund_id").run()
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "ta_assignments_by_community").on(TaskAssignment.schema).column("division_code").column("year").run()
        for name in ["ta_assignments_carried", "ta_tasks_in_force_hours", "ta_agreement_communities_promised", "ta_agreements_term"] {
            try await sql.drop(index: name).run()
        }
    }
}
