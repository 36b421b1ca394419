import Fluent
import Foundation
import NIOConcurrencyHelpers
import ShequKernel
import ShequPlatform
import SQLKit
import Vapor

/// The net of everything one account received from (positive) or paid to (negative) one other account.
public struct LedgerFlow: Sendable, Hashable {
    public let account: UUID
    public let counter: UUID
    public let net: Money

    public init(account: UUID, counter: UUID, net: Money) {
        self.account = account
        self.counter = counter
        self.net = net
    }
}

/// Every report is worked out from one read: the net flow between each pair of accounts
/// (one GROUP BY over the index that holds account, counter account and amount, so the
/// table itself is never read), with the accounts, which are few. The arithmetic is here,
/// pure, so it is tested against hand-computed figures without a database.
public struct FundsSnapshot: Sendable {
    public let accounts: [UUID: LedgerAccountKey]
    public let flows: [LedgerFlow]
    /// Reports already worked out from exactly these flows. The flow cache hands out the same snapshot until an entry
    /// is added, so at city scale (31,658 account pairs) a report is summed once per ledger change, not per request.
    let memo = FundsSnapshotMemo()

    public init(accounts: [UUID: LedgerAccountKey], flows: [LedgerFlow]) {
        self.accounts = accounts
        self.flows = flows
    }

    public static func load(fund: UUID? = nil, on db: any Database) async throws -> FundsSnapshot {
        let sql = try FundsLedger.sqlDatabase(db)
        let query = LedgerAccount.query(on: db)
        if let fund { query.filter(\.$fundID == fund) }
        var accounts: [UUID: LedgerAccountKey] = [:]
        for a in try await query.all() { accounts[try a.requireID()] = a.key }
        let rows = try await sql.raw("""
            SELECT account_id, counter_account_id, CAST(SUM(amount_fen) AS BIGINT) AS net FROM ledger_entries
            GROUP BY account_id, counter_account_id
            """).all()
        var flows: [LedgerFlow] = []
        flows.reserveCapacity(rows.count)
        for row in rows {
            let account = try row.decode(column: "account_id", as: UUID.self)
            // Accounts of other funds are not in `accounts`: their flows never cross into this fund's.
            guard accounts[account] != nil else { continue }
            flows.append(LedgerFlow(account: account, counter: try row.decode(column: "counter_account_id", as: UUID.self),
                                    net: Money(fen: try row.decode(column: "net", as: Int64.self))))
        }
        return FundsSnapshot(accounts: accounts, flows: flows)
    }

    /// Sums that cannot overflow silently: a report that would is refused, not wrapped.
    struct Tally {
        var total = Money.zero
        mutating func add(_ m: Money) throws {
            guard let next = total.adding(m) else { throw ShequError.invalid(.errorInvalidValue, "overflow", code: "overflow") }
            total = next
        }
        mutating func subtract(_ m: Money) throws {
            guard let next = total.subtracting(m) else { throw ShequError.invalid(.errorInvalidValue, "overflow", code: "overflow") }
            total = next
        }
    }

    public struct Figures: Sendable, Equatable, Codable {
        public var allocated: Money
        public var disbursed: Money
        public var remaining: Money
        public init(allocated: Money = .zero, disbursed: Money = .zero, remaining: Money = .zero) {
            self.allocated = allocated
            self.disbursed = disbursed
            self.remaining = remaining
        }
    }

    private struct Acc {
        var allocated = Tally(), disbursed = Tally(), remaining = Tally()
        var figures: Figures { Figures(allocated: allocated.total, disbursed: disbursed.total, remaining: remaining.total) }
    }

    /// Holding accounts keep money not yet paid to anyone doing the work.
    static func isHolding(_ k: LedgerAccountKind) -> Bool { [.fund, .budgetLine, .districtAllocation, .plan, .agreement].contains(k) }

    public struct FundFigures: Sendable, Equatable, Codable {
        /// Paid in by the governments.
        public var contributed: Money
        /// Net moved from the fund's pot or its budget lines to districts' allocations.
        public var allocatedToDistricts: Money
        /// Allocated to no district yet: still in the fund's pot or in its budget lines.
        public var unallocated: Money
        /// Received by committees and organisations.
        public var disbursed: Money
        /// Not yet paid to a committee or organisation: contributed − disbursed.
        public var remaining: Money
    }

    public func perFund() throws -> [UUID: FundFigures] { try memo.value("perFund") { try perFundSummed() } }

    private func perFundSummed() throws -> [UUID: FundFigures] {
        struct F { var contributed = Tally(), allocated = Tally(), unallocated = Tally(), disbursed = Tally(), remaining = Tally() }
        var out: [UUID: F] = [:]
        for flow in flows {
            guard let key = accounts[flow.account] else { continue }
            var f = out[key.fundID] ?? F()
            switch key.kind {
            case .contribution: try f.contributed.subtract(flow.net)
            case .fund, .budgetLine: try f.unallocated.add(flow.net)
            case .districtAllocation where accounts[flow.counter]?.kind.isUnallocated == true: try f.allocated.add(flow.net)
            default: break
            }
            if key.kind.isRecipient { try f.disbursed.add(flow.net) }
            if Self.isHolding(key.kind) { try f.remaining.add(flow.net) }
            out[key.fundID] = f
        }
        return out.mapValues { FundFigures(contributed: $0.contributed.total, allocatedToDistricts: $0.allocated.total,
                                           unallocated: $0.unallocated.total, disbursed: $0.disbursed.total, remaining: $0.remaining.total) }
    }

    /// Per district (six-digit code). Allocated: net from the fund into the district's allocation. Disbursed: received by
    /// committees in the district, and by organisations from plans or agreements in it. Remaining: what the district's
    /// allocation and the plans and agreements reaching inside the district still hold.
    public func perDistrict() throws -> [String: Figures] { try memo.value("perDistrict") { try perDistrictSummed() } }

    private func perDistrictSummed() throws -> [String: Figures] {
        var out: [String: Acc] = [:]
        func district(_ code: String?) -> String? { code.flatMap { $0.count >= 6 ? String($0.prefix(6)) : nil } }
        for flow in flows {
            guard let key = accounts[flow.account] else { continue }
            let counter = accounts[flow.counter]
            switch key.kind {
            case .districtAllocation:
                guard let d = district(key.divisionCode) else { continue }
                if counter?.kind.isUnallocated == true { try out[d, default: Acc()].allocated.add(flow.net) }
                try out[d, default: Acc()].remaining.add(flow.net)
            case .plan, .agreement:
                guard let d = district(key.divisionCode) else { continue }
                try out[d, default: Acc()].remaining.add(flow.net)
            case .committee:
                guard let d = district(key.divisionCode) else { continue }
                try out[d, default: Acc()].disbursed.add(flow.net)
            case .organization:
                guard let d = district(counter?.divisionCode) else { continue }
                try out[d, default: Acc()].disbursed.add(flow.net)
            case .contribution, .fund, .budgetLine:
                continue
            }
        }
        return out.mapValues(\.figures)
    }

    /// Per department, over its plans' and agreements' accounts. Allocated: net received from outside the department's
    /// own plans and agreements and other than from committees or organisations (the fund, a district's allocation).
    /// Disbursed: paid to committees and organisations. Remaining: what they still hold (= allocated − disbursed).
    public func perDepartment() throws -> [UUID: Figures] { try memo.value("perDepartment") { try perDepartmentSummed() } }

    private func perDepartmentSummed() throws -> [UUID: Figures] {
        var out: [UUID: Acc] = [:]
        for flow in flows {
            guard let key = accounts[flow.account], key.kind == .plan || key.kind == .agreement, let dept = key.departmentID else { continue }
            let counter = accounts[flow.counter]
            var acc = out[dept] ?? Acc()
            if let counter, counter.kind.isRecipient {
                try acc.disbursed.subtract(flow.net)
            } else if !(counter.map { ($0.kind == .plan || $0.kind == .agreement) && $0.departmentID == dept } ?? false) {
                try acc.allocated.add(flow.net)
            }
            try acc.remaining.add(flow.net)
            out[dept] = acc
        }
        return out.mapValues(\.figures)
    }

    /// Per community. Allocated: net committed to agreements made for this community (their division code is the
    /// community's). Disbursed: received by its residents' committee, from any plan or agreement. Remaining: what
    /// the community's agreements still hold. A district-wide agreement pays committees without counting here as allocated.
    public func perCommittee() throws -> [String: Figures] { try memo.value("perCommittee") { try perCommitteeSummed() } }

    private func perCommitteeSummed() throws -> [String: Figures] {
        var out: [String: Acc] = [:]
        for flow in flows {
            guard let key = accounts[flow.account], let code = key.divisionCode, code.count == 12 else { continue }
            let counter = accounts[flow.counter]
            switch key.kind {
            case .committee:
                try out[code, default: Acc()].disbursed.add(flow.net)
            case .agreement:
                if !(counter?.kind.isRecipient ?? false) { try out[code, default: Acc()].allocated.add(flow.net) }
                try out[code, default: Acc()].remaining.add(flow.net)
            default:
                continue
            }
        }
        return out.mapValues(\.figures)
    }
}

/// What a snapshot has already summed, by report. The flows never change under it, so a value, once there, stays right.
final class FundsSnapshotMemo: Sendable {
    private let values = NIOLockedValueBox<[String: any Sendable]>([:])

    /// Two requests may sum the same report at once; both get the same figures, and one is kept.
    func value<T: Sendable>(_ key: String, _ compute: () throws -> T) rethrows -> T {
        if let known = values.withLockedValue({ $0[key] }) as? T { return known }
        let fresh = try compute()
        values.withLockedValue { $0[key] = fresh }
        return fresh
    }
}
