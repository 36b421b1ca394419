import Fluent
import Foundation
import ShequKernel
import ShequPlatform

/// F1's budgets: a fund's budget lines and the money appropriated to them, callable without HTTP like `Funds`.
/// A line's budget is what was appropriated to it and what it has left is its account's balance: both are sums of
/// entries, so nothing here stores an amount.
public enum BudgetLines {
    public static func create(in fund: Fund, code: String, name: String, firstYear: Int, lastYear: Int?, document: String,
                              by actor: String, on db: any Database) async throws -> BudgetLine {
        let fundID = try fund.requireID()
        let code = try Funds.clean(code, field: "code", max: FundsInputs.budgetLineCodeMax)
        let name = try Funds.clean(name, field: "name", max: FundsInputs.budgetLineNameMax)
        let document = try Funds.clean(document, field: "document", max: FundsInputs.documentMax)
        let lastYear = lastYear ?? firstYear
        guard fund.firstYear <= firstYear, firstYear <= lastYear, lastYear <= fund.lastYear else {
            throw ShequError.invalid(.errorBudgetLineYears, "\(firstYear)–\(lastYear) ∉ \(fund.firstYear)–\(fund.lastYear)", code: "invalid_period")
        }
        guard try await BudgetLine.query(on: db).filter(\.$fundID == fundID).filter(\.$code == code).count() == 0 else {
            throw exists(code)
        }
        let line = BudgetLine()
        line.fundID = fundID
        line.code = code
        line.name = name
        line.firstYear = firstYear
        line.lastYear = lastYear
        line.document = document
        line.createdBy = actor
        do {
            try await line.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two offices adding the same code at once: the unique index decided.
            throw exists(code)
        }
        return line
    }

    /// From the fund's pot to the line, citing the budget decision (the line's own document unless another is named).
    public static func appropriate(_ amount: Money, of fund: Fund, to line: BudgetLine, document: String?, memo: String,
                                   actor: String, on db: any Database) async throws -> UUID {
        let fundID = try fund.requireID(), lineID = try line.requireID()
        let cited = document.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 } ?? line.document
        return try await FundsLedger.transfer(amount, from: .fund(fundID), to: .budgetLine(fundID, line: lineID),
                                              cites: LedgerCitation(kind: .budgetDecision, referenceID: lineID, document: cited),
                                              memo: memo, actor: actor, on: db)
    }

    /// The fund's line with this id; any other (another fund's, none) is a 422 naming the field.
    static func find(_ id: UUID, of fund: Fund, on db: any Database) async throws -> BudgetLine {
        guard let line = try await BudgetLine.find(id, on: db), line.fundID == fund.id else {
            throw ShequError.invalid(.errorUnknownBudgetLine, id.uuidString, code: "unknown_budget_line")
        }
        return line
    }

    /// The line a request names, if it names one (a form's empty choice names none).
    static func find(_ raw: String?, of fund: Fund, on db: any Database) async throws -> BudgetLine? {
        guard let id = try id(raw) else { return nil }
        return try await find(id, of: fund, on: db)
    }

    /// A line id as a form or JSON gives it: empty means none.
    static func id(_ raw: String?) throws -> UUID? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let id = UUID(uuidString: raw) else { throw ShequError.invalid(.errorUnknownBudgetLine, raw, code: "unknown_budget_line") }
        return id
    }

    static func lines(of fundID: UUID, on db: any Database) async throws -> [BudgetLine] {
        try await BudgetLine.query(on: db).filter(\.$fundID == fundID).sort(\.$code).all()
    }

    static func exists(_ code: String) -> ShequError {
        ShequError(.conflict, .errorBudgetLineExists, detail: code, code: "budget_line_exists")
    }
}
