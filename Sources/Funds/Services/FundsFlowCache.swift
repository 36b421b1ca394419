import Fluent
import Foundation
import NIOConcurrencyHelpers
import ShequKernel
import ShequPlatform
import SQLKit
import Vapor

/// The net flows between accounts, kept per instance and brought up to date from the entries
/// at every read. It is not a stored balance: nothing is written, and what it holds is exactly
/// the sum of the entries up to each fund's last transaction number (`seq`). Entries are only
/// ever appended, and a fund's numbers are handed out under the fund's lock and commit in
/// order, so "everything up to seq N" is a state every instance can name and catch up from:
/// a report reads the funds' last numbers, then only the entries after the ones it has summed
/// (by the (fund_id, seq) index), instead of summing 100,000 entries again.
public final class FundsFlowCache: Sendable {
    struct Pair: Hashable, Sendable { let account: UUID; let counter: UUID }

    struct State: Sendable {
        var heads: [UUID: Int64] = [:]
        var flows: [Pair: Money] = [:]
        var accounts: [UUID: LedgerAccountKey] = [:]
        /// Snapshots handed out since the sums last changed, per fund asked for (nil: all), each with the
        /// reports it has worked out: the next request while no entry was added gets the same one.
        var views: [UUID?: FundsSnapshot] = [:]
    }

    private let state = NIOLockedValueBox(State())

    public init() {}

    /// Each fund's last transaction number the sums include.
    var summedUpTo: [UUID: Int64] { state.withLockedValue { $0.heads } }

    /// How many snapshots are kept for the next request (per fund asked for, and all funds).
    var keptViews: Int { state.withLockedValue { $0.views.count } }

    func snapshot(fund: UUID?, on db: any Database) async throws -> FundsSnapshot {
        let sql = try FundsLedger.sqlDatabase(db)
        let heads = try await FundsLedger.transactionHeads(on: db)
        var current = state.withLockedValue { $0 }
        // A ledger that went back (a restored database) is summed again from nothing.
        let wentBack = current.heads.contains(where: { fund, seen in (heads[fund] ?? 0) < seen })
        if wentBack { current = State() }
        var unknown = Set<UUID>()
        for (fundID, head) in heads {
            let from = current.heads[fundID] ?? 0
            guard head > from else { continue }
            let rows = try await sql.raw("""
                SELECT account_id, counter_account_id, CAST(SUM(amount_fen) AS BIGINT) AS net FROM ledger_entries
                WHERE fund_id = \(bind: fundID) AND seq > \(bind: from) AND seq <= \(bind: head)
                GROUP BY account_id, counter_account_id
                """).all()
            for row in rows {
                let pair = Pair(account: try row.decode(column: "account_id", as: UUID.self),
                                counter: try row.decode(column: "counter_account_id", as: UUID.self))
                let net = Money(fen: try row.decode(column: "net", as: Int64.self))
                guard let sum = (current.flows[pair] ?? .zero).adding(net) else {
                    throw ShequError.invalid(.errorInvalidValue, "overflow", code: "overflow")
                }
                current.flows[pair] = sum
                for id in [pair.account, pair.counter] where current.accounts[id] == nil { unknown.insert(id) }
            }
            current.heads[fundID] = head
            current.views = [:]
        }
        if !unknown.isEmpty {
            for a in try await LedgerAccount.query(on: db).filter(\.$id ~~ Array(unknown)).all() { current.accounts[try a.requireID()] = a.key }
        }
        if let view = current.views[fund] { return view }
        let accounts = fund.map { id in current.accounts.filter { $0.value.fundID == id } } ?? current.accounts
        let flows = current.flows.compactMap { pair, net in
            accounts[pair.account] == nil ? nil : LedgerFlow(account: pair.account, counter: pair.counter, net: net)
        }
        let view = FundsSnapshot(accounts: accounts, flows: flows)
        // Only funds that exist are kept: `?fund=` is anyone's to choose, and a view per id asked for would grow
        // without bound until the ledger next changed.
        if fund.map({ heads[$0] != nil }) ?? true { current.views[fund] = view }
        let caughtUp = current
        state.withLockedValue { stored in
            // Another request may have caught up further meanwhile; keep whichever has summed more. After the
            // ledger went back, the new sums replace the old ones, or every read would sum from nothing again.
            // With the same sums, keep the views both have made.
            if wentBack || caughtUp.heads.values.reduce(0, +) > stored.heads.values.reduce(0, +) {
                stored = caughtUp
            } else if caughtUp.heads == stored.heads {
                stored.views.merge(caughtUp.views) { kept, _ in kept }
            }
        }
        return view
    }
}

extension Application {
    private struct FundsFlowCacheKey: StorageKey { typealias Value = FundsFlowCache }

    /// Set when the module boots, before any request, so requests only read it.
    public var fundsFlowCache: FundsFlowCache {
        get { storage[FundsFlowCacheKey.self] ?? FundsFlowCache() }
        set { storage[FundsFlowCacheKey.self] = newValue }
    }
}
