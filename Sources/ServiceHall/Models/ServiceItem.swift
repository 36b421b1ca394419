import Fluent
import Foundation
import ShequKernel
import ShequPlatform

/// The categories China's government-service item lists use.
public enum ServiceItemType: String, Codable, Sendable, CaseIterable {
    case administrativeLicense      // 行政许可
    case administrativePayment      // 行政给付
    case administrativeConfirmation // 行政确认
    case publicService              // 公共服务
    case other                      // 其他
}

/// Who handles an item: the community station, the street center, or a department's outpost (H5).
public enum HandlingBody: String, Codable, Sendable, CaseIterable {
    case station, center, outpost
}

public enum FeeKind: String, Codable, Sendable, CaseIterable {
    case free, lowCost, paid
}

/// Service areas as Qianshan street's center grouped them (H9).
public enum ServiceArea: String, Codable, Sendable, CaseIterable {
    case enterprise, workSafety, civilAffairsAndDisability, cityManagement, labourAndSocialSecurity, familyPlanning, general
}

/// 政务服务事项 with its service guide (H5): main item → sub-item → handling item by `parentCode`.
public final class ServiceItem: Model, @unchecked Sendable {
    public static let schema = "service_items"

    @ID public var id: UUID?
    @Field(key: "code") public var code: String
    @OptionalField(key: "parent_code") public var parentCode: String?
    @Field(key: "name_zh") public var nameZh: String
    @Field(key: "name_en") public var nameEn: String
    @Enum(key: "item_type") public var itemType: ServiceItemType
    @Enum(key: "service_area") public var serviceArea: ServiceArea
    /// The government level that exercises it.
    @Field(key: "exercised_at") public var exercisedAt: String
    @Field(key: "legal_basis") public var legalBasis: String
    @Enum(key: "handled_by") public var handledBy: HandlingBody
    @Field(key: "statutory_days") public var statutoryDays: Int
    @Field(key: "promised_days") public var promisedDays: Int
    @Enum(key: "fee_kind") public var feeKind: FeeKind
    /// The column holds fen; only `fee` reads or writes it, so no figure passes through a float.
    @Field(key: "fee_fen") var storedFeeFen: Int64
    /// About a public matter (the environment, public facilities, a venue booking): its requests may be
    /// listed and followed anonymously (Open311). Every other item's requests are personal.
    @Field(key: "public_interest") public var publicInterest: Bool
    /// O2: the district-level power a centre's street must hold to handle it (nil: none needed).
    @OptionalField(key: "required_power") var requiredPowerCode: String?
    /// The version the fields above describe; earlier ones are kept in `ServiceItemVersion`.
    @Field(key: "version") public var version: Int
    /// Retired items take no new applications; those already made continue under their version.
    @Field(key: "retired") public var retired: Bool

    public init() {}

    /// Zero for free items.
    public var fee: Money {
        get { Money(fen: storedFeeFen) }
        set { storedFeeFen = newValue.fen }
    }

    public var requiredPower: DistrictPower? {
        get { requiredPowerCode.flatMap(DistrictPower.init(rawValue:)) }
        set { requiredPowerCode = newValue?.rawValue }
    }
}

/// 申请材料: mandatory or not, and whether it may be supplied later (容缺).
public final class MaterialRequirement: Model, @unchecked Sendable {
    public static let schema = "material_requirements"

    @ID public var id: UUID?
    @Field(key: "item_id") public var itemID: UUID
    @Field(key: "position") public var position: Int
    @Field(key: "name_zh") public var nameZh: String
    @Field(key: "name_en") public var nameEn: String
    @Field(key: "mandatory") public var mandatory: Bool
    @Field(key: "deferrable") public var deferrable: Bool
    /// The item versions the requirement belongs to: from `sinceVersion` up to, not including, `untilVersion`.
    /// A requirement is never edited once in force: a change ends it and starts a new one, so uploads and
    /// applications keep the requirement they were made against.
    @Field(key: "since_version") public var sinceVersion: Int
    @OptionalField(key: "until_version") public var untilVersion: Int?

    public init() {}

    public func belongs(to version: Int) -> Bool { sinceVersion <= version && (untilVersion.map { version < $0 } ?? true) }
}
