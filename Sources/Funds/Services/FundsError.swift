import ShequKernel
import ShequPlatform

/// The ledger's refusals: 422, each naming the rule (F1, A3) in both languages.
enum FundsError {
    static func overdraft(account: LedgerAccountKey, balance: Money, amount: Money) -> ShequError {
        ShequError(.unprocessableEntity, .errorOverdraft,
                   detail: " \(account) — \(balance.description) < \(amount.description)", code: "overdraft")
    }

    static func amountNotPositive(_ amount: Money) -> ShequError {
        ShequError(.unprocessableEntity, .errorAmountNotPositive, detail: amount.description, code: "invalid_amount")
    }

    static func amountTooLarge(_ amount: Money) -> ShequError {
        ShequError(.unprocessableEntity, .errorAmountTooLarge, detail: Money.largest.description, code: "invalid_amount")
    }

    static let acrossFunds = ShequError(.unprocessableEntity, .errorAcrossFunds, code: "across_funds")
    static let sameAccount = ShequError(.unprocessableEntity, .errorSameAccount, code: "same_account")
    static let citationMissing = ShequError(.unprocessableEntity, .errorCitationMissing, code: "citation_missing")
    static let unknownFund = ShequError(.unprocessableEntity, .errorUnknownFund, code: "unknown_fund")
}

extension Phrase {
    static let errorOverdraft = Phrase(
        zh: "余额不足，不能透支（F1/A3：专项资金按计划和协议拨付，任何账户不得出现负数余额）。账户及余额：",
        en: "Not enough money: no account may go below zero (F1/A3: special funds are paid by plan and agreement, never overdrawn). Account and balance: ")
    static let errorAmountNotPositive = Phrase(zh: "金额必须大于零（F1：资金以分计，每笔拨付都是正数）：", en: "The amount must be more than zero (F1: every movement is a positive number of fen): ")
    static let errorAmountTooLarge = Phrase(zh: "金额过大，单笔不得超过 ", en: "The amount is too large: one movement may be at most ")
    static let errorAcrossFunds = Phrase(zh: "资金不能在不同专项资金之间划转（F1：按资金分别核算）。", en: "Money cannot move between funds (F1: each fund is accounted for on its own).")
    static let errorSameAccount = Phrase(zh: "转出与转入账户相同。", en: "The two accounts are the same.")
    static let errorCitationMissing = Phrase(
        zh: "每笔资金必须注明依据：拨入计划、协议、居委会或社会组织的资金须注明所依据的计划或协议（A3：费随事转）；注资和分配须注明决定文号。",
        en: "Every movement must cite its authority: money into a plan, agreement, committee or organisation cites its plan or agreement (A3: funds follow tasks); contributions and allocations cite their decision.")
    static let errorUnknownFund = Phrase(zh: "没有这项资金。", en: "There is no such fund.")
}
