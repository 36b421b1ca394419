import Fluent
import Foundation

public enum FundKind: String, Codable, Sendable, CaseIterable {
    case special  // 专项资金
    case pilot    // 试点资金
    case other
}

/// A fund (F1): the 2011–2012 special fund, the pilot fund, any other. Its row is
/// also the ledger's lock: every transfer in the fund takes it first, which gives
/// the fund's transactions one order (`seq`) that the replay check follows.
public final class Fund: Model, @unchecked Sendable {
    public static let schema = "funds"

    @ID public var id: UUID?
    @Field(key: "name") public var name: String
    /// The government that holds the fund and allocates it: the city (4404) for F1's funds.
    @Field(key: "division_code") public var divisionCode: String
    @Enum(key: "kind") public var kind: FundKind
    @Field(key: "first_year") public var firstYear: Int
    @Field(key: "last_year") public var lastYear: Int
    /// The decision that set the fund up, e.g. 珠字〔2010〕7号.
    @Field(key: "document") public var document: String
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
