import Fluent
import Foundation
import ShequPlatform

/// Reading an item as it stood at one of its versions: what an application shows
/// and is handled by once accepted.
public enum CatalogueVersions {
    /// The requirements in force now.
    public static func currentMaterials(of itemID: UUID, on db: any Database) async throws -> [MaterialRequirement] {
        try await MaterialRequirement.query(on: db).filter(\.$itemID == itemID).filter(\.$untilVersion == nil).sort(\.$position).all()
    }

    /// The requirements of `version`: those begun at or before it and not ended by then.
    public static func materials(of itemID: UUID, version: Int, on db: any Database) async throws -> [MaterialRequirement] {
        try await MaterialRequirement.query(on: db).filter(\.$itemID == itemID).filter(\.$sinceVersion <= version)
            .sort(\.$position).all().filter { $0.belongs(to: version) }
    }

    /// What an application is asked for: the requirements in force until it is accepted, its version's after.
    public static func materials(for application: Application, on db: any Database) async throws -> [MaterialRequirement] {
        application.acceptedOn == nil ? try await currentMaterials(of: application.itemID, on: db)
            : try await materials(of: application.itemID, version: application.itemVersion, on: db)
    }

    /// A detached copy of `item` carrying `version`'s published facts; the current item itself when that is the version.
    /// Never saved: the item's row always holds the newest version.
    public static func item(_ item: ServiceItem, asOf version: Int, on db: any Database) async throws -> ServiceItem {
        guard version != item.version else { return item }
        guard let v = try await ServiceItemVersion.query(on: db).filter(\.$itemID == item.requireID())
            .filter(\.$version == version).first() else { throw ShequError.notFound }
        let copy = ServiceItem()
        copy.id = item.id
        copy.code = item.code
        copy.parentCode = item.parentCode
        copy.itemType = v.itemType ?? item.itemType
        copy.serviceArea = v.serviceArea ?? item.serviceArea
        copy.publicInterest = item.publicInterest
        copy.requiredPower = v.recordsItemFacts ? v.requiredPower : item.requiredPower
        copy.version = v.version
        copy.nameZh = v.nameZh
        copy.nameEn = v.nameEn
        copy.exercisedAt = v.exercisedAt
        copy.legalBasis = v.legalBasis
        copy.handledBy = v.handledBy
        copy.statutoryDays = v.statutoryDays
        copy.promisedDays = v.promisedDays
        copy.feeKind = v.feeKind
        copy.fee = v.fee
        copy.retired = v.retired
        return copy
    }

    /// The item and its materials as the application was accepted under.
    public static func asAccepted(_ application: Application, on db: any Database) async throws -> (ServiceItem, [MaterialRequirement]) {
        guard let current = try await ServiceItem.find(application.itemID, on: db) else { throw ShequError.notFound }
        let item = try await item(current, asOf: application.itemVersion, on: db)
        return (item, try await materials(of: application.itemID, version: application.itemVersion, on: db))
    }

    public static func history(of itemID: UUID, on db: any Database) async throws -> [ServiceItemVersion] {
        try await ServiceItemVersion.query(on: db).filter(\.$itemID == itemID).sort(\.$version, .descending).all()
    }
}
