import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

extension BudgetLine: Content {}

/// A fund's budget lines (F1): set up and appropriated to by the office that allocates the fund; their report is public.
/// Thin: the rules are in `BudgetLines` and `FundsLedger`, the arithmetic in `FundsSnapshot.perBudgetLine`.
enum BudgetLinesAPIController {
    struct BudgetLineInput: Content, ValidatedInput {
        var code: String
        var name: String
        var firstYear: Int
        var lastYear: Int?
        var document: String
        static var inputSchema: InputSchema { FundsInputs.budgetLine }

        /// The page's form sends an emptied last year as "": absent (a one-year line), as the schema already read it;
        /// the form decoder alone would refuse it as the wrong type.
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            code = try c.decode(String.self, forKey: .code)
            name = try c.decode(String.self, forKey: .name)
            firstYear = try c.decode(Int.self, forKey: .firstYear)
            lastYear = try c.decodeEmptyAsAbsent(Int.self, forKey: .lastYear)
            document = try c.decode(String.self, forKey: .document)
        }
    }

    struct AppropriationInput: Content, ValidatedInput {
        var amountFen: Int64?
        var amount: String?
        var budgetLineID: String
        var document: String?
        var memo: String?
        static var inputSchema: InputSchema { FundsInputs.appropriation }
    }

    static func create(_ req: Request) async throws -> Response {
        let fund = try await FundsAPIController.load(req)
        let input = try req.validatedContent(BudgetLineInput.self)
        let actor = try await req.authorize(.fundBudget, at: fund.divisionCode, entity: "fund", entityID: fund.id?.uuidString)
        let line = try await req.writeAudited("fund.budgetline", entity: "fund_budget_line") { db in
            let line = try await BudgetLines.create(in: fund, code: input.code, name: input.name, firstYear: input.firstYear,
                                                    lastYear: input.lastYear, document: input.document, by: actor.username, on: db)
            return Audited(line, id: line.id, scope: fund.divisionCode, detail: "\(fund.name) \(line.code) \(line.name) \(line.document)")
        }
        return try await line.encodeResponse(status: .created, for: req)
    }

    static func appropriate(_ req: Request) async throws -> Response {
        let fund = try await FundsAPIController.load(req)
        let input = try req.validatedContent(AppropriationInput.self)
        let actor = try await req.authorize(.fundBudget, at: fund.divisionCode, entity: "fund", entityID: fund.id?.uuidString)
        let amount = try Funds.amount(fen: input.amountFen, yuan: input.amount)
        guard let lineID = try BudgetLines.id(input.budgetLineID) else {
            throw ShequError.invalid(.errorMissingField, "budgetLineID", code: "missing_field")
        }
        let line = try await BudgetLines.find(lineID, of: fund, on: req.db)
        let fundID = try fund.requireID()
        let movement = try await req.writeAudited("fund.appropriate", entity: "fund") { db in
            let tx = try await BudgetLines.appropriate(amount, of: fund, to: line, document: input.document, memo: input.memo ?? "",
                                                       actor: actor.username, on: db)
            return Audited(FundsAPIController.Movement(transactionID: tx, fundID: fundID, amount: amount, from: .fund(fundID),
                                                       to: .budgetLine(fundID, line: lineID)),
                           id: fundID, scope: fund.divisionCode, detail: "\(amount.fen) fen → \(line.code) tx \(tx.uuidString)")
        }
        return try await movement.encodeResponse(status: .created, for: req)
    }

    static func report(_ req: Request) async throws -> [BudgetLineReport.Row] {
        let fundID = try await FundsAPIController.load(req).requireID()
        return try await BudgetLineReport.rows(of: fundID, from: FundsAPIController.snapshot(req, fund: fundID), on: req.db)
    }
}

extension KeyedDecodingContainer {
    /// An optional number as JSON sends it (a number, null or nothing) or as a form sends it (text, "" when left empty).
    fileprivate func decodeEmptyAsAbsent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        if let text = try? decodeIfPresent(String.self, forKey: key), text.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
        return try decodeIfPresent(type, forKey: key)
    }
}
