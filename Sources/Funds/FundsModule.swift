import Fluent
import ShequPlatform
import Vapor

/// Special funds (F1, A3): a double-entry ledger in fen whose rules are the
/// kernel's, so money can only follow an approved plan or agreement and no
/// fund, allocation or plan is ever spent below zero.
public struct FundsModule: ShequModule {
    public init() {}
    public var name: String { "funds" }
    public var migrations: [any Migration] { [CreateFundsLedger()] }
    public func routes(web: any RoutesBuilder, api: APIRoutes) throws {}
}
