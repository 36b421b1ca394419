import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit
import Vapor

/// Replays every fund's entries, in the order the fund's lock gave them, through the kernel's
/// rules: each transaction must balance to the fen, and no account but a contribution may be
/// below zero after any of them. The balances the replay ends with are then compared with the
/// sums the reports read, so the two ways of knowing a balance are shown to agree.
public enum FundsVerification {
    public struct Finding: Sendable, Equatable {
        public let fund: UUID
        public let seq: Int64?
        public let problem: String
    }

    public struct Outcome: Sendable {
        public var funds = 0
        public var transactions = 0
        public var entries = 0
        public var findings: [Finding] = []
        /// What the replay ends with, per account id.
        public var balances: [UUID: Money] = [:]
    }

    public static func verify(on db: any Database) async throws -> Outcome {
        let sql = try FundsLedger.sqlDatabase(db)
        var outcome = Outcome()
        var kinds: [UUID: LedgerAccountKind] = [:]
        for a in try await LedgerAccount.query(on: db).all() { kinds[try a.requireID()] = a.kind }
        for fund in try await Fund.query(on: db).sort(\.$name).all() {
            let fundID = try fund.requireID()
            outcome.funds += 1
            let rows = try await sql.raw("""
                SELECT transaction_id, seq, account_id, amount_fen FROM ledger_entries WHERE fund_id = \(bind: fundID) ORDER BY seq, transaction_id
                """).all()
            var balances = LedgerBalances<UUID>()
            var pending: [LedgerPosting<UUID>] = []
            var current: (id: UUID, seq: Int64)? = nil
            var lastSeq: Int64 = 0
            func flush() {
                guard let current else { return }
                outcome.transactions += 1
                do {
                    try balances.apply(LedgerTransaction(pending), mayGoNegative: { kinds[$0]?.mayGoNegative ?? false })
                } catch {
                    outcome.findings.append(Finding(fund: fundID, seq: current.seq, problem: "\(error)"))
                }
                if current.seq <= lastSeq {
                    outcome.findings.append(Finding(fund: fundID, seq: current.seq, problem: "sequence not increasing after \(lastSeq)"))
                }
                lastSeq = current.seq
                pending = []
            }
            for row in rows {
                let tx = try row.decode(column: "transaction_id", as: UUID.self)
                let seq = try row.decode(column: "seq", as: Int64.self)
                if current?.id != tx { flush(); current = (tx, seq) }
                pending.append(LedgerPosting(try row.decode(column: "account_id", as: UUID.self), Money(fen: try row.decode(column: "amount_fen", as: Int64.self))))
                outcome.entries += 1
            }
            flush()
            outcome.balances.merge(balances.byAccount) { a, _ in a }
        }
        // The sums the reports and the overdraft check read, against the replay.
        let sums = try await sql.raw("SELECT account_id, CAST(SUM(amount_fen) AS BIGINT) AS total FROM ledger_entries GROUP BY account_id").all()
        for row in sums {
            let account = try row.decode(column: "account_id", as: UUID.self)
            let total = Money(fen: try row.decode(column: "total", as: Int64.self))
            if outcome.balances[account] ?? .zero != total {
                outcome.findings.append(Finding(fund: UUID(), seq: nil, problem: "account \(account): sum \(total) differs from replay \(outcome.balances[account] ?? .zero)"))
            }
        }
        return outcome
    }
}

/// `shequ funds verify`: exit 0 when every fund's ledger replays cleanly, 1 naming what does not, 2 on a usage error.
struct FundsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "subcommand", help: "verify")
        var subcommand: String
    }

    var help: String { "Replays the special funds' ledger through the kernel's rules (shequ funds verify)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.subcommand == "verify" else {
            context.console.error("unknown subcommand \(signature.subcommand); use: shequ funds verify")
            throw CommandExit(2)
        }
        let outcome = try await FundsVerification.verify(on: context.application.db)
        for finding in outcome.findings {
            context.console.error("fund \(finding.fund) transaction #\(finding.seq.map(String.init) ?? "-"): \(finding.problem)")
        }
        guard outcome.findings.isEmpty else { throw CommandExit(1) }
        context.console.print("funds ledger: \(outcome.funds) funds, \(outcome.transactions) transactions, \(outcome.entries) entries replayed; every transaction balances and no account went below zero")
    }
}
