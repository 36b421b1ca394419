import Fluent
import Foundation
import ShequPlatform

/// The categories issue 12 names for community social organisations (C2), the policy's three and the two it
/// leaves to "others" that Zhuhai's registry uses on its own (culture & sports, and the rest).
public enum SocialOrganizationCategory: String, Codable, Sendable, CaseIterable {
    /// 公益慈善类: volunteer associations, hardship aid.
    case publicWelfare
    /// 福利服务类: elderly service centres, elderly day care.
    case welfareServices
    /// 卫生服务类: community health, disability rehabilitation, psychological counselling.
    case healthServices
    /// 文体活动类.
    case cultureSports
    /// 其他.
    case other
}

/// Where a Hong Kong or Macao partner organisation comes from (C4); the credentials and joint projects come later.
public enum CrossBorderPartner: String, Codable, Sendable, CaseIterable {
    case none
    case hongKong
    case macao
}

/// A filing's life: a resident files it, the street (or the district above it) decides.
public enum FilingState: String, Codable, Sendable, CaseIterable {
    case submitted
    case approved
    case refused
    /// Sent back for more documents, with the reason; the filer files again.
    case returned
}

/// 备案 (C1): a community social organisation's filing, the short form the policy's low threshold asks for.
/// Approved, it is the organisation's entry in the public registry and has a row in the directory's
/// `organizations` (kind socialOrganization) that later modules hang their records off.
public final class Filing: Model, @unchecked Sendable {
    public static let schema = "social_organization_filings"

    @ID public var id: UUID?
    @Field(key: "name") public var name: String
    @Enum(key: "category") public var category: SocialOrganizationCategory
    /// The street it is based in: its scope for the policy (the street reviews, the district above it may).
    @Field(key: "street_code") public var streetCode: String
    @Field(key: "purpose") public var purpose: String
    @Field(key: "contact_name") public var contactName: String
    /// Personal data: sealed like a resident's phone; only the masked form is ever shown.
    @Field(key: "contact_phone_sealed") public var contactPhoneSealed: String
    @Field(key: "contact_phone_masked") public var contactPhoneMasked: String
    @Field(key: "members") public var members: Int
    @Enum(key: "partner") public var partner: CrossBorderPartner
    @Enum(key: "state") public var state: FilingState
    @OptionalField(key: "reason") public var reason: String?
    /// The account that filed it: the author, who sees their own filings.
    @Field(key: "filed_by_account_id") public var filedByAccountID: UUID
    @Field(key: "filed_by") public var filedBy: String
    @Timestamp(key: "filed_at", on: .create) public var filedAt: Date?
    @OptionalField(key: "decided_by") public var decidedBy: String?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    /// The directory's row, made in the approval's transaction.
    @OptionalField(key: "organization_id") public var organizationID: UUID?

    public init() {}

    var resource: Resource { Resource(divisionCode: streetCode, authorAccountID: filedByAccountID) }
}

/// The communities a filed organisation serves (one or more).
public final class FilingCommunity: Model, @unchecked Sendable {
    public static let schema = "social_organization_filing_communities"

    @ID public var id: UUID?
    @Field(key: "filing_id") public var filingID: UUID
    @Field(key: "division_code") public var divisionCode: String

    public init() {}

    init(filingID: UUID, divisionCode: String) {
        self.filingID = filingID
        self.divisionCode = divisionCode
    }
}
