import Fluent
import Foundation
import ShequKernel
import ShequPlatform

/// One version of a service item as the city published it. Never updated: a
/// change writes the next version, so an application accepted under version 3
/// reads version 3's name, limits and fee however often the item changes later.
public final class ServiceItemVersion: Model, @unchecked Sendable {
    public static let schema = "service_item_versions"

    @ID public var id: UUID?
    @Field(key: "item_id") public var itemID: UUID
    @Field(key: "version") public var version: Int
    @Field(key: "name_zh") public var nameZh: String
    @Field(key: "name_en") public var nameEn: String
    @Field(key: "exercised_at") public var exercisedAt: String
    @Field(key: "legal_basis") public var legalBasis: String
    @Enum(key: "handled_by") public var handledBy: HandlingBody
    @Field(key: "statutory_days") public var statutoryDays: Int
    @Field(key: "promised_days") public var promisedDays: Int
    @Enum(key: "fee_kind") public var feeKind: FeeKind
    @Field(key: "fee_fen") var storedFeeFen: Int64
    @Field(key: "retired") public var retired: Bool
    /// Type, service area and the delegated power required (nil: none), as this version had them. The three are
    /// written by `init(of:changedBy:)`; rows older than `AddVersionedItemFacts` were filled in by it.
    @OptionalField(key: "item_type") var itemTypeCode: String?
    @OptionalField(key: "service_area") var serviceAreaCode: String?
    @OptionalField(key: "required_power") var requiredPowerCode: String?
    /// The account that made the change ("-" for the shipped catalogue).
    @Field(key: "changed_by") public var changedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    /// The item's current state, as its version `item.version`: every fact a version carries.
    convenience init(of item: ServiceItem, changedBy: String) throws {
        try self.init(snapshot: item, changedBy: changedBy)
        itemTypeCode = item.itemType.rawValue
        serviceAreaCode = item.serviceArea.rawValue
        requiredPowerCode = item.requiredPower?.rawValue
    }

    /// The facts versions carried before `AddVersionedItemFacts`. Only that landed migration (`AddCatalogueVersions`)
    /// should call it: it runs before the three newer columns exist, so it must not write them.
    init(snapshot item: ServiceItem, changedBy: String) throws {
        itemID = try item.requireID()
        version = item.version
        nameZh = item.nameZh
        nameEn = item.nameEn
        exercisedAt = item.exercisedAt
        legalBasis = item.legalBasis
        handledBy = item.handledBy
        statutoryDays = item.statutoryDays
        promisedDays = item.promisedDays
        feeKind = item.feeKind
        storedFeeFen = item.fee.fen
        retired = item.retired
        self.changedBy = changedBy
    }

    public var fee: Money { Money(fen: storedFeeFen) }

    /// Whether this row recorded type, area and power (every row does once `AddVersionedItemFacts` has run).
    var recordsItemFacts: Bool { itemTypeCode != nil }
    public var itemType: ServiceItemType? { itemTypeCode.flatMap(ServiceItemType.init(rawValue:)) }
    public var serviceArea: ServiceArea? { serviceAreaCode.flatMap(ServiceArea.init(rawValue:)) }
    public var requiredPower: DistrictPower? { requiredPowerCode.flatMap(DistrictPower.init(rawValue:)) }
}
