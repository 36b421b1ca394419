import Fluent

/// Budget lines came after the ledger: a table of their own, so CreateFundsLedger stays as it landed. The ledger's
/// `kind` and `citation_kind` columns are plain strings (not database enums), so the new account kind and citation
/// kind need no step of their own on PostgreSQL or SQLite.
struct CreateFundBudgetLines: AsyncMigration {
    func prepare(on database: Database) async throws {
        // No foreign key to funds: CreateFundsLedger's revert drops `funds` on its own, and PostgreSQL would refuse
        // while a later table referred to it. Every write checks the fund itself (BudgetLines.create).
        try await database.schema(BudgetLine.schema)
            .id()
            .field("fund_id", .uuid, .required)
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("first_year", .int, .required)
            .field("last_year", .int, .required)
            .field("document", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "fund_id", "code")
            .create()
    }

    /// Money that moved through a line stays in the ledger (entries are never deleted), so once a line's account
    /// exists, dropping the lines would leave accounts naming nothing: the revert refuses rather than lose that.
    func revert(on database: Database) async throws {
        let used = try await LedgerAccount.query(on: database).filter(\.$kind == .budgetLine).count()
        guard used == 0 else { throw RevertRefused(accounts: used) }
        try await database.schema(BudgetLine.schema).delete()
    }

    struct RevertRefused: Error, CustomStringConvertible {
        let accounts: Int
        var description: String { "\(accounts) ledger accounts hold budget-line money; revert refused so the ledger keeps naming its lines" }
    }
}
