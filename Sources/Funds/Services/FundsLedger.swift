import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit

/// The special funds' ledger (F1, A3). Every movement of money is one call to
/// `transfer`, inside the caller's write transaction, so the caller's audit entry
/// and its own records land with the entries or not at all.
///
/// Balances: an account's balance is the SUM of its entries, read through an index
/// that holds (account, counter account, amount), so neither the balance check nor
/// a report touches the table itself. Nothing stores a balance: there is no column
/// that could drift from the entries. The order of a fund's transactions is `seq`,
/// handed out under the fund's row lock, and `FundsVerification` replays every fund
/// in that order through the kernel's rules to show the sums hold.
public enum FundsLedger {
    /// Moves `amount` from one account to another in ONE balanced transaction on `db` (the caller's transaction:
    /// call it inside `req.write`/`req.writeAudited` so the caller's audit entry lands with it). Creates accounts on
    /// first use. Refuses (ShequError 422, code "overdraft", message citing F1/A3 in zh and en, naming the account and
    /// its balance) if the source would go below zero; refuses a non-positive or oversized amount (422), a transfer
    /// between funds or to the same account, and, per A3, money moving into a plan, agreement, committee or
    /// organisation that does not cite a plan or agreement by its id.
    ///
    /// Concurrency: the fund's row is locked first (`FOR UPDATE` on PostgreSQL), then the two accounts in the
    /// order of their keys, so two parallel transfers on any number of instances take turns and the second sees
    /// the first's entries before it checks the balance. On SQLite the WriteGate already makes writes take turns.
    @discardableResult
    public static func transfer(_ amount: Money, from: LedgerAccountKey, to: LedgerAccountKey, cites: LedgerCitation,
                                memo: String, actor: String, on db: any Database) async throws -> UUID {
        guard amount > .zero else { throw FundsError.amountNotPositive(amount) }
        guard amount <= Money.largest else { throw FundsError.amountTooLarge(amount) }
        guard from.fundID == to.fundID else { throw FundsError.acrossFunds }
        guard from != to else { throw FundsError.sameAccount }
        let document = cites.document.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !document.isEmpty else { throw FundsError.citationMissing }
        guard document.count <= FundsInputs.documentMax else { throw ShequError.invalid(.errorTooLong, "document", code: "too_long") }
        try requireCitation(cites, into: to)
        let memo = String(memo.trimmingCharacters(in: .whitespacesAndNewlines).prefix(FundsInputs.memoMax))
        let sql = try sqlDatabase(db)

        try await lockFund(from.fundID, sql: sql, db: db)
        let source = try await account(for: from, on: db)
        let target = try await account(for: to, on: db)
        let sourceID = try source.requireID(), targetID = try target.requireID()
        if db.isPostgres {
            let ordered = [source, target].sorted { $0.naturalKey < $1.naturalKey }.compactMap(\.id)
            _ = try await sql.raw("SELECT id FROM ledger_accounts WHERE id = \(bind: ordered[0]) OR id = \(bind: ordered[1]) ORDER BY natural_key FOR UPDATE").all()
        }

        // The kernel decides: both accounts' current balances, the proposed transaction, its rules.
        var balances = LedgerBalances<LedgerAccountKey>([from: try await sum(account: sourceID, sql: sql),
                                                         to: try await sum(account: targetID, sql: sql)])
        guard let transaction = LedgerTransaction.transfer(amount, from: from, to: to) else { throw FundsError.amountTooLarge(amount) }
        do {
            try balances.apply(transaction, mayGoNegative: { $0.kind.mayGoNegative })
        } catch {
            switch error {
            case .overdraft(_, let balance, _): throw FundsError.overdraft(account: from, balance: balance, amount: amount)
            case .amountTooLarge, .overflow: throw FundsError.amountTooLarge(amount)
            default: throw FundsError.amountNotPositive(amount)
            }
        }

        let seq = try await nextSeq(fund: from.fundID, sql: sql)
        let now = Date()
        let record = LedgerTransactionRecord()
        record.id = TimeOrderedID.make(at: now)
        record.fundID = from.fundID
        record.seq = seq
        record.citationKind = cites.kind
        record.citationReferenceID = cites.referenceID
        record.citationDocument = document
        record.memo = memo
        record.actor = actor
        record.recordedAt = now
        try await record.create(on: db)
        let transactionID = try record.requireID()
        for (account, counter, fen) in [(sourceID, targetID, -amount.fen), (targetID, sourceID, amount.fen)] {
            let entry = LedgerEntry()
            entry.id = TimeOrderedID.make(at: now)
            entry.transactionID = transactionID
            entry.fundID = from.fundID
            entry.seq = seq
            entry.accountID = account
            entry.counterAccountID = counter
            entry.amountFen = fen
            entry.citationKind = cites.kind
            entry.citationReferenceID = cites.referenceID
            entry.citationDocument = document
            entry.memo = memo
            entry.actor = actor
            entry.recordedAt = now
            try await entry.create(on: db)
        }
        return transactionID
    }

    public static func balance(of key: LedgerAccountKey, on db: any Database) async throws -> Money {
        let sql = try sqlDatabase(db)
        // An account is made at its first movement: until then it holds nothing.
        guard let account = try await LedgerAccount.query(on: db).filter(\.$naturalKey == key.naturalKey).first() else { return .zero }
        return try await sum(account: account.requireID(), sql: sql)
    }

    /// Total received by a community's committee across all funds (optionally only entries citing one agreement).
    public static func receivedByCommittee(_ community: String, agreement: UUID? = nil, on db: any Database) async throws -> Money {
        let sql = try sqlDatabase(db)
        let citing: SQLQueryString = agreement.map { " AND e.citation_reference_id = \(bind: $0)" } ?? ""
        let row = try await sql.raw("""
            SELECT CAST(COALESCE(SUM(e.amount_fen), 0) AS BIGINT) AS total FROM ledger_entries e
            JOIN ledger_accounts a ON a.id = e.account_id
            WHERE a.kind = \(bind: LedgerAccountKind.committee.rawValue) AND a.division_code = \(bind: community)\(citing)
            """).first()
        return Money(fen: try row?.decode(column: "total", as: Int64.self) ?? 0)
    }

    /// The ledger's sums are SQL, which every database the platform runs on speaks (SQLite, PostgreSQL). A sum of
    /// money must never read as zero because it could not be asked: anything else is an error, never a figure.
    /// Each fund's last transaction number: numbers are handed out under the fund's lock and commit in order, so this
    /// names the ledger's state, and any instance can tell from it whether an entry was added since.
    public static func transactionHeads(on db: any Database) async throws -> [UUID: Int64] {
        var heads: [UUID: Int64] = [:]
        for row in try await sqlDatabase(db).raw("""
            SELECT f.id AS fund_id, (SELECT MAX(t.seq) FROM ledger_transactions t WHERE t.fund_id = f.id) AS head FROM funds f
            """).all() {
            heads[try row.decode(column: "fund_id", as: UUID.self)] = try row.decode(column: "head", as: Int64?.self) ?? 0
        }
        return heads
    }

    static func sqlDatabase(_ db: any Database) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { throw ShequError(.internalServerError, .errorServer, code: "ledger_needs_sql") }
        return sql
    }

    // MARK: - Inside a transfer

    /// A3: money follows tasks. Into a plan only by citing the plan; into an agreement, a committee or an
    /// organisation only by citing the plan or agreement it serves; into a budget line by its budget document;
    /// into the fund or a district by a decision.
    static func requireCitation(_ cites: LedgerCitation, into target: LedgerAccountKey) throws {
        switch target.kind {
        case .plan:
            guard cites.kind == .plan, cites.referenceID != nil else { throw FundsError.citationMissing }
        case .agreement, .committee, .organization:
            guard cites.kind == .plan || cites.kind == .agreement, cites.referenceID != nil else { throw FundsError.citationMissing }
        case .budgetLine:
            // F1: a line's budget is what its budget document appropriated to it.
            guard cites.kind == .budgetDecision, cites.referenceID == target.referenceID else { throw FundsError.citationMissing }
        case .fund, .districtAllocation, .contribution:
            if cites.kind == .plan || cites.kind == .agreement, cites.referenceID == nil { throw FundsError.citationMissing }
        }
    }

    static func lockFund(_ fund: UUID, sql: any SQLDatabase, db: any Database) async throws {
        let lock: SQLQueryString = db.isPostgres ? " FOR UPDATE" : ""
        guard try await sql.raw("SELECT id FROM funds WHERE id = \(bind: fund)\(lock)").first() != nil else { throw FundsError.unknownFund }
    }

    /// Found or made under the fund's lock, so two first uses of an account cannot both insert it.
    static func account(for key: LedgerAccountKey, on db: any Database) async throws -> LedgerAccount {
        if let existing = try await LedgerAccount.query(on: db).filter(\.$naturalKey == key.naturalKey).first() { return existing }
        let account = LedgerAccount(key)
        account.id = UUID()
        try await account.create(on: db)
        return account
    }

    static func sum(account: UUID, sql: any SQLDatabase) async throws -> Money {
        let row = try await sql.raw("SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) AS total FROM ledger_entries WHERE account_id = \(bind: account)").first()
        return Money(fen: try row?.decode(column: "total", as: Int64.self) ?? 0)
    }

    static func nextSeq(fund: UUID, sql: any SQLDatabase) async throws -> Int64 {
        let row = try await sql.raw("SELECT CAST(COALESCE(MAX(seq), 0) AS BIGINT) AS last FROM ledger_transactions WHERE fund_id = \(bind: fund)").first()
        let last = try row?.decode(column: "last", as: Int64.self) ?? 0
        // Unreachable by any real ledger, but the number is read, not counted: a stored maximum must not trap.
        let (next, overflow) = last.addingReportingOverflow(1)
        guard !overflow else { throw ShequError(.internalServerError, .errorServer, code: "ledger_seq_exhausted") }
        return next
    }
}
