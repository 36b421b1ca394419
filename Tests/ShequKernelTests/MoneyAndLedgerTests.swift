import Testing
@testable import ShequKernel

@Suite struct MoneyTests {
    @Test func yuanTextIsReadDigitByDigitWithoutFloatingPoint() {
        #expect(Money(yuan: "0.1")?.fen == 10)
        #expect(Money(yuan: "0.2")?.adding(Money(yuan: "0.1")!)?.fen == 30)
        #expect(Money(yuan: "1,200.5")?.fen == 120_050)
        #expect(Money(yuan: "¥30000000")?.fen == 3_000_000_000)
        #expect(Money(yuan: "12元")?.fen == 1200)
        #expect(Money(yuan: "-3.07")?.fen == -307)
    }

    @Test func malformedOrOversizedTextIsRefused() {
        for bad in ["", "1.234", "1.", ".5", "1e3", "abc", "1.2.3", "9999999999999999", "١٢", "0x10", "- 1"] {
            #expect(Money(yuan: bad) == nil, "\(bad)")
        }
    }

    @Test func arithmeticReportsOverflowInsteadOfTrapping() {
        let most = Money(fen: .max)
        #expect(most.adding(Money(fen: 1)) == nil)
        #expect(Money(fen: .min).subtracting(Money(fen: 1)) == nil)
        #expect(Money(fen: .min).negated == nil)
        #expect(most.multiplied(by: 2) == nil)
        #expect(Money.sum([most, Money(fen: 1)]) == nil)
        #expect(Money.sum([Money(fen: 5), Money(fen: -2)]) == Money(fen: 3))
        #expect(Money.yuan(.max) == nil)
    }

    @Test func displayGroupsYuanAndKeepsTwoDecimals() {
        #expect(Money(fen: 3_000_000_000).yuanText == "30,000,000.00")
        #expect(Money(fen: 5).description == "¥0.05")
        #expect(Money(fen: -123_456).yuanText == "-1,234.56")
        #expect(Money(fen: 100).yuanText == "1.00")
    }
}

@Suite struct LedgerTests {
    enum Acct: String, Hashable, Sendable { case city, district, fund, xiangzhou, committee }
    let external: (Acct) -> Bool = { $0 == .city || $0 == .district }

    func tx(_ fen: Int64, _ from: Acct, _ to: Acct) -> LedgerTransaction<Acct> {
        LedgerTransaction.transfer(Money(fen: fen), from: from, to: to)!
    }

    @Test func everyTransactionMustBalanceToTheFen() {
        let unbalanced = LedgerTransaction([LedgerPosting(Acct.fund, Money(fen: 100)), LedgerPosting(Acct.city, Money(fen: -99))])
        #expect(throws: LedgerError.unbalanced) { try Ledger.validate(unbalanced) }
        #expect(throws: LedgerError.tooFewPostings) { try Ledger.validate(LedgerTransaction([LedgerPosting(Acct.fund, Money(fen: 0))])) }
        #expect(throws: LedgerError.zeroPosting) {
            try Ledger.validate(LedgerTransaction([LedgerPosting(Acct.fund, .zero), LedgerPosting(Acct.city, .zero)]))
        }
        let huge = LedgerTransaction([LedgerPosting(Acct.fund, Money(fen: .max)), LedgerPosting(Acct.city, Money(fen: -.max))])
        #expect(throws: LedgerError.amountTooLarge) { try Ledger.validate(huge) }
    }

    @Test func noAccountInsideTheLedgerGoesBelowZero() throws {
        var balances = try Ledger.replay([tx(1000, .city, .fund), tx(600, .fund, .xiangzhou)], mayGoNegative: external)
        #expect(throws: LedgerError.overdraft(account: "xiangzhou", balance: Money(fen: 600), change: Money(fen: -601))) {
            try balances.apply(tx(601, .xiangzhou, .committee), mayGoNegative: external)
        }
        // Refused means unchanged.
        #expect(balances.balance(of: .xiangzhou) == Money(fen: 600))
        #expect(balances.balance(of: .committee) == .zero)
        try balances.apply(tx(600, .xiangzhou, .committee), mayGoNegative: external)
        #expect(balances.balance(of: .xiangzhou) == .zero)
        #expect(balances.balance(of: .city) == Money(fen: -1000))
    }

    @Test func replayingTheEntriesReproducesTheBalancesAndTheyAlwaysSumToZero() throws {
        var generator = SeededGenerator(seed: 2011)
        let accounts: [Acct] = [.fund, .xiangzhou, .committee]
        var applied: [LedgerTransaction<Acct>] = [tx(3_000_000_000, .city, .fund), tx(800_000_000, .district, .fund)]
        var live = try Ledger.replay(applied, mayGoNegative: external)
        for _ in 0..<2000 {
            let from = accounts.randomElement(using: &generator)!, to = accounts.randomElement(using: &generator)!
            guard from != to else { continue }
            let t = tx(Int64.random(in: 1...500_000_000, using: &generator), from, to)
            if (try? live.apply(t, mayGoNegative: external)) != nil { applied.append(t) }
            for a in accounts { #expect(live.balance(of: a) >= .zero) }
        }
        #expect(try Ledger.replay(applied, mayGoNegative: external) == live)
        #expect(live.total == .zero)
    }
}
