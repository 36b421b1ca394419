import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// The budget lines on a fund's page: the public table with its CSV, and for the office that allocates the fund the
/// forms to add a line and to appropriate to one, posting to the API's routes through PageDoor.
extension FundsPages {
    static let budgetLineHead: [Phrase] = [.budgetLineCode, .budgetLineName, .fundPeriod, .budgetDocument, .appropriated, .allocatedToDistricts, .remaining]

    static func budgetLineSection(_ ctx: RequestContext, fund: FundsReport.FundRow, lines: [BudgetLineReport.Row]) -> [BodyNode] {
        let rows = lines.map { l in
            [l.code, l.name, l.firstYear == l.lastYear ? String(l.firstYear) : "\(l.firstYear)–\(l.lastYear)", l.document,
             l.appropriated.yuanText, l.allocated.yuanText, l.remaining.yuanText]
        }
        let total = BudgetLineReport.totals(lines).flatMap { t in
            lines.isEmpty ? nil : [ctx.t(.total), "", "", "", t.appropriated.yuanText, t.allocated.yuanText, t.remaining.yuanText]
        }
        var content: [BodyNode] = [
            H.tag("h2", [("id", "budget-lines")], [.text(ctx.t(.budgetLines))]),
            H.tag("p", [("class", "hint")], [.text(ctx.t(.budgetLineColumns))]),
            table(ctx, head: budgetLineHead, rows: rows, total: total),
            H.tag("p", [], [H.link("/funds/\(fund.id.uuidString)/budget-lines.csv", ctx.t(.downloadCSV))]),
        ]
        guard may(ctx, .fundBudget) else { return content }
        let forms = ctx.forms
        content.append(H.tag("h3", [], [.text(ctx.t(.addBudgetLine))]))
        content.append(forms.form(action: "/funds/\(fund.id.uuidString)/budget-lines", [
            forms.field(.budgetLineCode, name: "code", required: true, maxLength: FundsInputs.budgetLineCodeMax),
            forms.field(.budgetLineName, name: "name", required: true, maxLength: FundsInputs.budgetLineNameMax),
            forms.field(.firstYear, name: "firstYear", value: String(fund.firstYear), type: "number", required: true, inputmode: "numeric", maxLength: 4),
            forms.field(.lastYear, name: "lastYear", value: String(fund.lastYear), type: "number", inputmode: "numeric", maxLength: 4),
            forms.field(.budgetDocument, name: "document", required: true, maxLength: FundsInputs.documentMax),
            forms.submit(.addBudgetLine),
        ]))
        guard !lines.isEmpty else { return content }
        content.append(H.tag("h3", [], [.text(ctx.t(.appropriateToLine))]))
        content.append(forms.form(action: "/funds/\(fund.id.uuidString)/appropriations", [
            forms.select(.budgetLineName, name: "budgetLineID", options: lineOptions(lines), selected: nil),
            forms.field(.amountYuan, name: "amount", required: true, hint: .amountHint, inputmode: "decimal", maxLength: 24),
            forms.field(.budgetDocument, name: "document", hint: .appropriationDocumentHint, maxLength: FundsInputs.documentMax),
            forms.field(.memo, name: "memo", maxLength: FundsInputs.memoMax),
            forms.submit(.appropriateToLine),
        ]))
        return content
    }

    static func lineOptions(_ lines: [BudgetLineReport.Row]) -> [(value: String, label: String)] {
        lines.map { ($0.id.uuidString, "\($0.code) \($0.name) (¥\($0.remaining.yuanText))") }
    }

    /// On the allocation form: from the pot (as before budget lines) or from one line.
    static func allocationSource(_ ctx: RequestContext, lines: [BudgetLineReport.Row]) -> BodyNode {
        guard !lines.isEmpty else { return .empty }
        return ctx.forms.select(.allocateFrom, name: "budgetLineID", options: [("", ctx.t(.fromFundPot))] + lineOptions(lines), selected: "")
    }
}
