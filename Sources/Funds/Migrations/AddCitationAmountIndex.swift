import Fluent
import SQLKit

/// What a committee received under the agreements that cover it is a sum of entries found by (citation,
/// account) — the burden list asks it for a page of committees at once. With the amount in the index the
/// sum never reads the table: 33 → 10 ms for 200 committees at city scale on SQLite (100,000 entries).
/// It replaces `ledger_entries_citation`, whose columns it begins with.
struct AddCitationAmountIndex: AsyncMigration {
    func prepare(on database: Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "ledger_entries_citation_amount").on(LedgerEntry.schema)
            .column("citation_reference_id").column("account_id").column("amount_fen").run()
        try await sql.drop(index: "ledger_entries_citation").run()
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "ledger_entries_citation").on(LedgerEntry.schema)
            .column("citation_reference_id").column("account_id").run()
        try await sql.drop(index: "ledger_entries_citation_amount").run()
    }
}
