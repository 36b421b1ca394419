/// The rules of a double-entry ledger in fen, shared by the special funds,
/// purchase payments and moral-bank credits. Pure: the database stores
/// entries; whether a transaction may be written, and what every balance is,
/// is decided here and can be checked by replaying the entries.
///
/// Sign: a posting's amount is what it adds to its account. A transaction's
/// postings sum to zero (money moves, it is never made or lost). Accounts
/// that represent where money enters the ledger (a government's contribution)
/// may go below zero, since their balance is minus what they have put in;
/// every other account (a fund, an allocation, a plan, an agreement, a
/// committee's receipts) never does.
public struct LedgerPosting<Account: Hashable & Sendable>: Sendable, Equatable {
    public let account: Account
    public let amount: Money

    public init(_ account: Account, _ amount: Money) {
        self.account = account
        self.amount = amount
    }
}

public struct LedgerTransaction<Account: Hashable & Sendable>: Sendable, Equatable {
    public let postings: [LedgerPosting<Account>]

    public init(_ postings: [LedgerPosting<Account>]) { self.postings = postings }

    /// The common case: `amount` leaves `from` and arrives at `to`.
    public static func transfer(_ amount: Money, from: Account, to: Account) -> LedgerTransaction? {
        guard let out = amount.negated else { return nil }
        return LedgerTransaction([LedgerPosting(from, out), LedgerPosting(to, amount)])
    }
}

public enum LedgerError: Error, Sendable, Equatable {
    case tooFewPostings
    case zeroPosting
    /// A posting's size is above `Money.largest`.
    case amountTooLarge
    case unbalanced
    case overflow
    /// The transaction would take this account below zero; carries the account's description.
    case overdraft(account: String, balance: Money, change: Money)
}

public enum Ledger {
    /// A transaction can be written only if it moves something, balances to the fen,
    /// and no posting is larger than a request may name.
    public static func validate<A>(_ transaction: LedgerTransaction<A>) throws(LedgerError) {
        guard transaction.postings.count >= 2 else { throw .tooFewPostings }
        var sum = Money.zero
        for posting in transaction.postings {
            guard posting.amount != .zero else { throw .zeroPosting }
            guard posting.amount.fen.magnitude <= Money.largest.fen.magnitude else { throw .amountTooLarge }
            guard let next = sum.adding(posting.amount) else { throw .overflow }
            sum = next
        }
        guard sum == .zero else { throw .unbalanced }
    }

    /// Replays transactions in order from zero. The balances it returns are the
    /// only balances there are: nothing stores them beside the entries.
    public static func replay<A>(_ transactions: some Sequence<LedgerTransaction<A>>,
                                 mayGoNegative: (A) -> Bool) throws(LedgerError) -> LedgerBalances<A> {
        var balances = LedgerBalances<A>()
        for transaction in transactions { try balances.apply(transaction, mayGoNegative: mayGoNegative) }
        return balances
    }
}

public struct LedgerBalances<Account: Hashable & Sendable>: Sendable, Equatable {
    public private(set) var byAccount: [Account: Money] = [:]

    public init() {}

    public init(_ byAccount: [Account: Money]) { self.byAccount = byAccount }

    public func balance(of account: Account) -> Money { byAccount[account] ?? .zero }

    /// Applies a valid transaction, or changes nothing and says why not.
    public mutating func apply(_ transaction: LedgerTransaction<Account>, mayGoNegative: (Account) -> Bool) throws(LedgerError) {
        try Ledger.validate(transaction)
        var next = byAccount
        for posting in transaction.postings {
            let before = next[posting.account] ?? .zero
            guard let after = before.adding(posting.amount) else { throw .overflow }
            if after < .zero && !mayGoNegative(posting.account) {
                throw .overdraft(account: String(describing: posting.account), balance: before, change: posting.amount)
            }
            next[posting.account] = after
        }
        byAccount = next
    }

    /// The sum of every balance; zero for any ledger built from balanced transactions.
    public var total: Money? { Money.sum(byAccount.values) }
}
