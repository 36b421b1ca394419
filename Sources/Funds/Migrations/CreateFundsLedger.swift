import Fluent
import SQLKit

struct CreateFundsLedger: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(Fund.schema)
            .id()
            .field("name", .string, .required)
            .field("division_code", .string, .required)
            .field("kind", .string, .required)
            .field("first_year", .int, .required)
            .field("last_year", .int, .required)
            .field("document", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "name")
            .create()
        try await database.schema(LedgerAccount.schema)
            .id()
            .field("fund_id", .uuid, .required, .references(Fund.schema, "id"))
            .field("kind", .string, .required)
            .field("division_code", .string)
            .field("reference_id", .uuid)
            .field("department_id", .uuid)
            .field("natural_key", .string, .required)
            .unique(on: "natural_key")
            .create()
        try await database.schema(LedgerTransactionRecord.schema)
            .id()
            .field("fund_id", .uuid, .required, .references(Fund.schema, "id"))
            .field("seq", .int64, .required)
            .field("citation_kind", .string, .required)
            .field("citation_reference_id", .uuid)
            .field("citation_document", .string, .required)
            .field("memo", .string, .required)
            .field("actor", .string, .required)
            .field("recorded_at", .datetime, .required)
            .unique(on: "fund_id", "seq")
            .create()
        try await database.schema(LedgerEntry.schema)
            .id()
            .field("transaction_id", .uuid, .required, .references(LedgerTransactionRecord.schema, "id"))
            .field("fund_id", .uuid, .required, .references(Fund.schema, "id"))
            .field("seq", .int64, .required)
            .field("account_id", .uuid, .required, .references(LedgerAccount.schema, "id"))
            .field("counter_account_id", .uuid, .required, .references(LedgerAccount.schema, "id"))
            .field("amount_fen", .int64, .required)
            .field("citation_kind", .string, .required)
            .field("citation_reference_id", .uuid)
            .field("citation_document", .string, .required)
            .field("memo", .string, .required)
            .field("actor", .string, .required)
            .field("recorded_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        // Reports and balances sum an account's entries: with the amount in the index they never read the table.
        try await sql.create(index: "ledger_entries_account_amount").on(LedgerEntry.schema)
            .column("account_id").column("counter_account_id").column("amount_fen").run()
        try await sql.create(index: "ledger_entries_transaction").on(LedgerEntry.schema).column("transaction_id").run()
        try await sql.create(index: "ledger_entries_fund_seq").on(LedgerEntry.schema).column("fund_id").column("seq").run()
        try await sql.create(index: "ledger_entries_citation").on(LedgerEntry.schema)
            .column("citation_reference_id").column("account_id").run()
        try await sql.create(index: "ledger_accounts_fund_kind").on(LedgerAccount.schema).column("fund_id").column("kind").run()
        try await sql.create(index: "ledger_accounts_kind_division").on(LedgerAccount.schema).column("kind").column("division_code").run()
        try await sql.create(index: "ledger_accounts_department").on(LedgerAccount.schema).column("department_id").run()
    }

    func revert(on database: Database) async throws {
        for schema in [LedgerEntry.schema, LedgerTransactionRecord.schema, LedgerAccount.schema, Fund.schema] {
            try await database.schema(schema).delete()
        }
    }
}
