import Fluent
import Foundation
import ShequKernel
import ShequPlatform

/// The catalogue of service items shipped with the product (H5, H9), loaded
/// idempotently by item code.
public enum Catalogue {
    struct Entry: Decodable {
        let code: String
        let parentCode: String?
        let nameZh: String
        let nameEn: String
        let itemType: ServiceItemType
        let serviceArea: ServiceArea
        let exercisedAt: String
        let legalBasis: String
        let handledBy: HandlingBody
        let statutoryDays: Int
        let promisedDays: Int
        let feeKind: FeeKind
        /// Integer fen in the file, as in the API: never a yuan figure with a decimal point.
        let feeFen: Money
        /// O2: the power a street must hold for its centre to handle the item.
        let requiredPower: DistrictPower?
        /// Absent means personal: an item is public-interest only when the catalogue says so.
        let publicInterest: Bool?
        let materials: [Material]

        struct Material: Decodable {
            let nameZh: String
            let nameEn: String
            let mandatory: Bool
            let deferrable: Bool
        }
    }

    static func entries() throws -> [Entry] {
        guard let url = Bundle.module.url(forResource: "catalogue", withExtension: "json") else {
            throw CatalogueError.missing
        }
        let entries = try JSONDecoder().decode([Entry].self, from: Data(contentsOf: url))
        // The shipped file is data like any other input: a fee outside what the hall may charge stops the load.
        if let bad = entries.first(where: { !(Money.zero...Money.largest).contains($0.feeFen) }) {
            throw CatalogueError.feeOutOfBounds(bad.code)
        }
        return entries
    }

    /// First start: the shipped national catalogue becomes the city's starting catalogue. Only an empty
    /// catalogue is filled, so an item the city retired or changed is never put back by a restart.
    /// Two instances starting at once may both find it empty; the one whose insert loses to the
    /// unique code finds the other's catalogue and carries on.
    public static func loadAtFirstStart(on db: any Database) async throws {
        guard try await ServiceItem.query(on: db).count() == 0 else { return }
        do {
            try await db.transaction { try await seed(on: $0) }
        } catch {
            guard try await ServiceItem.query(on: db).count() > 0 else { throw error }
        }
    }

    public static func seed(on db: any Database) async throws {
        let existing = Set(try await ServiceItem.query(on: db).all(\.$code))
        for entry in try entries() where !existing.contains(entry.code) {
            let item = ServiceItem()
            item.code = entry.code
            item.parentCode = entry.parentCode
            item.nameZh = entry.nameZh
            item.nameEn = entry.nameEn
            item.itemType = entry.itemType
            item.serviceArea = entry.serviceArea
            item.exercisedAt = entry.exercisedAt
            item.legalBasis = entry.legalBasis
            item.handledBy = entry.handledBy
            item.statutoryDays = entry.statutoryDays
            item.promisedDays = min(entry.promisedDays, entry.statutoryDays)
            item.feeKind = entry.feeKind
            item.fee = entry.feeFen
            item.requiredPower = entry.requiredPower
            item.publicInterest = entry.publicInterest ?? false
            item.version = 1
            item.retired = false
            try await item.create(on: db)
            try await ServiceItemVersion(of: item, changedBy: "-").create(on: db)
            for (i, m) in entry.materials.enumerated() {
                let req = MaterialRequirement()
                req.itemID = try item.requireID()
                req.position = i + 1
                req.nameZh = m.nameZh
                req.nameEn = m.nameEn
                req.mandatory = m.mandatory
                req.deferrable = m.deferrable
                req.sinceVersion = 1
                try await req.create(on: db)
            }
        }
    }

    /// Items with sub-items are headings; people apply for the leaves that are not retired.
    public static func isApplicable(_ item: ServiceItem, on db: any Database) async throws -> Bool {
        guard !item.retired else { return false }
        return try await ServiceItem.query(on: db).filter(\.$parentCode == item.code).count() == 0
    }

    enum CatalogueError: Error { case missing, feeOutOfBounds(String) }
}
