import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// F1's commands, callable without HTTP: each validates, applies the ledger's rules and writes in the
/// caller's transaction. Authorisation and the audit entry belong to the request (FundsAPIController).
public enum Funds {
    /// The amount from JSON fen or a form's yuan text; either way a positive number of fen no larger than `Money.largest`.
    static func amount(fen: Int64?, yuan: String?) throws -> Money {
        let money: Money
        if let fen {
            money = Money(fen: fen)
        } else if let yuan = yuan?.trimmingCharacters(in: .whitespaces), !yuan.isEmpty {
            guard let parsed = Money(yuan: yuan) else { throw ShequError.invalid(.errorAmountText, yuan, code: "invalid_amount") }
            money = parsed
        } else {
            throw ShequError.invalid(.errorMissingField, "amountFen / amount", code: "invalid_amount")
        }
        guard money > .zero else { throw FundsError.amountNotPositive(money) }
        guard money <= Money.largest else { throw FundsError.amountTooLarge(money) }
        return money
    }

    static func clean(_ text: String, field: String, max: Int) throws -> String {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { throw ShequError.invalid(.errorMissingField, field) }
        guard t.count <= max else { throw ShequError.invalid(.errorTooLong, field) }
        return t
    }

    public static func create(name: String, kind: FundKind, firstYear: Int, lastYear: Int, document: String, divisionCode: String,
                              by actor: String, on db: any Database) async throws -> Fund {
        let name = try clean(name, field: "name", max: 100)
        let document = try clean(document, field: "document", max: FundsInputs.documentMax)
        guard firstYear <= lastYear else { throw ShequError.invalid(.errorFundYears, "\(firstYear)–\(lastYear)", code: "invalid_period") }
        guard try await Fund.query(on: db).filter(\.$name == name).count() == 0 else {
            throw ShequError(.conflict, .errorFundExists, detail: name, code: "fund_exists")
        }
        let fund = Fund()
        fund.name = name
        fund.divisionCode = divisionCode
        fund.kind = kind
        fund.firstYear = firstYear
        fund.lastYear = lastYear
        fund.document = document
        fund.createdBy = actor
        do {
            try await fund.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two offices naming the same fund at the same moment: the unique index decided, and the second hears why.
            throw ShequError(.conflict, .errorFundExists, detail: name, code: "fund_exists")
        }
        return fund
    }

    /// A government's share paid in: from its contribution account (which goes below zero by what it has put in) to the fund.
    public static func contribute(_ amount: Money, to fund: Fund, by government: String, document: String, memo: String,
                                  actor: String, on db: any Database) async throws -> UUID {
        let fundID = try fund.requireID()
        return try await FundsLedger.transfer(amount, from: .contribution(fundID, by: government), to: .fund(fundID),
                                              cites: LedgerCitation(kind: .fundingDecision, document: document),
                                              memo: memo, actor: actor, on: db)
    }

    /// From the fund's unallocated pot, or from one of its budget lines, to a district; refused like any transfer if
    /// the source is short.
    public static func allocate(_ amount: Money, of fund: Fund, to district: String, from line: BudgetLine? = nil, document: String,
                                memo: String, actor: String, on db: any Database) async throws -> UUID {
        let fundID = try fund.requireID()
        let source: LedgerAccountKey = try line.map { .budgetLine(fundID, line: try $0.requireID()) } ?? .fund(fundID)
        return try await FundsLedger.transfer(amount, from: source, to: .districtAllocation(fundID, district: district),
                                              cites: LedgerCitation(kind: .allocationDecision, document: document),
                                              memo: memo, actor: actor, on: db)
    }

    /// A contributing government is the fund's own or one of the districts under it, and exists.
    static func requireGovernment(_ code: String, of fund: Fund, on db: any Database) async throws {
        guard code == fund.divisionCode || (code.count == 6 && code.hasPrefix(fund.divisionCode)),
              try await Division.find(code, on: db) != nil else {
            throw ShequError.invalid(.errorNotAGovernment, code, code: "invalid_government")
        }
    }

    static func requireDistrict(_ code: String, of fund: Fund, on db: any Database) async throws {
        guard code.count == 6, code.hasPrefix(fund.divisionCode), try await Division.find(code, on: db) != nil else {
            throw ShequError.invalid(.errorNotADistrict, code, code: "invalid_district")
        }
    }
}

extension Phrase {
    static let errorAmountText = Phrase(zh: "金额格式不正确（以元为单位，最多两位小数，例如 1,200.50）：",
                                        en: "The amount is not a yuan figure (at most two decimals, e.g. 1,200.50): ")
    static let errorFundYears = Phrase(zh: "资金期限的起始年份不能晚于结束年份：", en: "The fund's first year cannot be after its last: ")
    static let errorFundExists = Phrase(zh: "已有同名资金：", en: "A fund with this name already exists: ")
    static let errorNotAGovernment = Phrase(zh: "出资方必须是持有该资金的市或其下辖区（F1：市区两级共同出资）：",
                                            en: "The contributor must be the government holding the fund or a district under it (F1: city and districts share): ")
    static let errorNotADistrict = Phrase(zh: "只能分配给该资金所属市下辖的区（六位区划代码）：",
                                          en: "Money is allocated to a district under the fund's city (a six-digit division code): ")
}
