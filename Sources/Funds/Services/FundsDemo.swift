import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// `shequ demo`: F1's two funds with the governments' shares, the special fund's budget lines and allocations to
/// districts (the special fund's from its lines), so the TaskAccess demo (after this one) can move money on to plans,
/// agreements and committees. Idempotent by natural keys: a fund by its name, a budget line by its fund and code,
/// each movement by its fund and memo.
enum FundsDemo {
    static let city = "4404"
    static let specialFund = "2011—2012年社区建设专项资金"
    static let pilotFund = "社区综合管理体制改革试点资金"
    static let policy = "珠字〔2010〕7号"

    struct Movement {
        let memo: String
        let kind: LedgerCitation.Kind
        let from: String?   // a contributing government, or nil: the fund's pot (or `line`)
        let to: String?     // a district, or nil: the fund's pot (or `line`)
        let yuan: Int64
        let document: String
        /// A budget line's code: the line appropriated to (no `to`), or the line a district's allocation comes from.
        var line: String? = nil
    }

    static let budget = "珠社领办〔2011〕1号"
    /// The special fund's budget: 22 M for the committees' work, 6 M to buy services, 2 M for training kept back.
    static let lines: [String: [(code: String, name: String)]] = [
        specialFund: [("2011-01", "社区工作经费"), ("2011-02", "购买服务"), ("2011-03", "培训")],
    ]

    static let plans: [(name: String, kind: FundKind, years: (Int, Int), movements: [Movement])] = [
        (specialFund, .special, (2011, 2012), [
            Movement(memo: "市级专项资金", kind: .fundingDecision, from: city, to: nil, yuan: 15_000_000, document: policy),
            Movement(memo: "香洲区配套资金", kind: .fundingDecision, from: "440402", to: nil, yuan: 15_000_000, document: "香府〔2011〕3号"),
            Movement(memo: "预算：社区工作经费", kind: .budgetDecision, from: nil, to: nil, yuan: 22_000_000, document: budget, line: "2011-01"),
            Movement(memo: "预算：购买服务", kind: .budgetDecision, from: nil, to: nil, yuan: 6_000_000, document: budget, line: "2011-02"),
            Movement(memo: "预算：培训", kind: .budgetDecision, from: nil, to: nil, yuan: 2_000_000, document: budget, line: "2011-03"),
            Movement(memo: "分配香洲区", kind: .allocationDecision, from: nil, to: "440402", yuan: 18_000_000, document: budget, line: "2011-01"),
            Movement(memo: "分配斗门区", kind: .allocationDecision, from: nil, to: "440403", yuan: 6_000_000, document: budget, line: "2011-02"),
            Movement(memo: "分配金湾区", kind: .allocationDecision, from: nil, to: "440404", yuan: 4_000_000, document: budget, line: "2011-01"),
        ]),
        (pilotFund, .pilot, (2011, 2012), [
            Movement(memo: "香洲区试点资金", kind: .fundingDecision, from: "440402", to: nil, yuan: 6_000_000, document: "香府〔2011〕3号"),
            Movement(memo: "市级试点补助", kind: .fundingDecision, from: city, to: nil, yuan: 2_000_000, document: policy),
            Movement(memo: "分配香洲区试点", kind: .allocationDecision, from: nil, to: "440402", yuan: 8_000_000, document: "珠社领办〔2011〕2号"),
        ]),
    ]

    static func fill(_ app: Application) async throws -> String? {
        guard try await Division.find(city, on: app.db) != nil else { return nil }
        var added = 0
        for plan in plans {
            added += try await app.writeGate.transaction(on: app.db) { db in
                var count = 0
                let fund: Fund
                if let existing = try await Fund.query(on: db).filter(\.$name == plan.name).first() {
                    fund = existing
                } else {
                    fund = try await Funds.create(name: plan.name, kind: plan.kind, firstYear: plan.years.0, lastYear: plan.years.1,
                                                  document: policy, divisionCode: city, by: "demo", on: db)
                    count += 1
                }
                let fundID = try fund.requireID()
                var budgetLines: [String: BudgetLine] = [:]
                for line in try await BudgetLines.lines(of: fundID, on: db) { budgetLines[line.code] = line }
                for (code, name) in lines[plan.name] ?? [] where budgetLines[code] == nil {
                    budgetLines[code] = try await BudgetLines.create(in: fund, code: code, name: name, firstYear: plan.years.0, lastYear: plan.years.1,
                                                                     document: budget, by: "demo", on: db)
                    count += 1
                }
                for m in plan.movements {
                    guard try await LedgerEntry.query(on: db).filter(\.$fundID == fundID).filter(\.$memo == m.memo).count() == 0,
                          let amount = Money.yuan(m.yuan) else { continue }
                    let line = m.line.flatMap { budgetLines[$0] }
                    if let from = m.from {
                        _ = try await Funds.contribute(amount, to: fund, by: from, document: m.document, memo: m.memo, actor: "demo", on: db)
                    } else if let to = m.to {
                        _ = try await Funds.allocate(amount, of: fund, to: to, from: line, document: m.document, memo: m.memo, actor: "demo", on: db)
                    } else if let line {
                        // A database filled before budget lines existed allocated from the pot: what is left there is
                        // too little to appropriate, and those allocations stay as they were.
                        guard try await FundsLedger.balance(of: .fund(fundID), on: db) >= amount else { continue }
                        _ = try await BudgetLines.appropriate(amount, of: fund, to: line, document: m.document, memo: m.memo, actor: "demo", on: db)
                    }
                    count += 1
                }
                return count
            }
        }
        return added == 0 ? nil : "funds: the 30 million yuan special fund (with three budget lines) and the 8 million yuan pilot fund, with contributions and allocations to districts (\(added) records)"
    }
}
