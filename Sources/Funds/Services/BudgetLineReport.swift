import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

extension FundsSnapshot {
    public struct BudgetLineFigures: Sendable, Equatable, Codable {
        /// Net moved into the line from the fund's pot: its budget.
        public var appropriated: Money
        /// Net moved from the line to districts' allocations.
        public var allocated: Money
        /// What the line still holds: its balance.
        public var remaining: Money

        public init(appropriated: Money = .zero, allocated: Money = .zero, remaining: Money = .zero) {
            self.appropriated = appropriated
            self.allocated = allocated
            self.remaining = remaining
        }
    }

    /// Per budget line (the line's id), from the same flows as every other report; remaining is the sum of all the
    /// line's flows, so it is the account's balance even if money ever came or went by another way.
    public func perBudgetLine() throws -> [UUID: BudgetLineFigures] {
        struct Acc { var appropriated = Tally(), allocated = Tally(), remaining = Tally() }
        var out: [UUID: Acc] = [:]
        for flow in flows {
            guard let key = accounts[flow.account], key.kind == .budgetLine, let line = key.referenceID else { continue }
            var acc = out[line] ?? Acc()
            switch accounts[flow.counter]?.kind {
            case .fund?: try acc.appropriated.add(flow.net)
            case .districtAllocation?: try acc.allocated.subtract(flow.net)
            default: break
            }
            try acc.remaining.add(flow.net)
            out[line] = acc
        }
        return out.mapValues { BudgetLineFigures(appropriated: $0.appropriated.total, allocated: $0.allocated.total, remaining: $0.remaining.total) }
    }
}

/// A fund's budget lines with their figures (fen): for the JSON route, the fund's page and the CSV alike.
enum BudgetLineReport {
    struct Row: Content, Equatable {
        var id: UUID
        var code: String
        var name: String
        var firstYear: Int
        var lastYear: Int
        var document: String
        var appropriated: Money
        var allocated: Money
        var remaining: Money
    }

    /// Every line of the fund, by code, those no money reached yet included (with zeros).
    static func rows(of fundID: UUID, from snapshot: FundsSnapshot, on db: any Database) async throws -> [Row] {
        let figures = try snapshot.perBudgetLine()
        return try await BudgetLines.lines(of: fundID, on: db).map { line in
            let id = try line.requireID()
            let f = figures[id] ?? FundsSnapshot.BudgetLineFigures()
            return Row(id: id, code: line.code, name: line.name, firstYear: line.firstYear, lastYear: line.lastYear, document: line.document,
                       appropriated: f.appropriated, allocated: f.allocated, remaining: f.remaining)
        }
    }

    /// The three columns summed; nil when a sum would overflow (then no total row is shown rather than a wrong one).
    static func totals(_ rows: [Row]) -> FundsSnapshot.BudgetLineFigures? {
        guard let a = Money.sum(rows.map(\.appropriated)), let l = Money.sum(rows.map(\.allocated)),
              let r = Money.sum(rows.map(\.remaining)) else { return nil }
        return FundsSnapshot.BudgetLineFigures(appropriated: a, allocated: l, remaining: r)
    }
}
