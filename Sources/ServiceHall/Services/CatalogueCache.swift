import Fluent
import NIOConcurrencyHelpers
import ShequPlatform
import Vapor

/// Service items as the hot paths (submit, look up, list) need them, read
/// through to the database once per item. No invalidation is needed: items
/// are only ever added (`Catalogue.seed`), never edited or removed, so what
/// one instance has read stays true for every instance. A new catalogue
/// release that turns an item into a heading ships with a restart.
public final class CatalogueCache: Sendable {
    public struct Entry: Sendable {
        public let item: ServiceItem
        /// Leaves are applied for; items with sub-items are headings.
        public let isApplicable: Bool
    }

    private let byCode = NIOLockedValueBox<[String: Entry]>([:])
    private let byID = NIOLockedValueBox<[UUID: Entry]>([:])

    public init() {}

    public func entry(code: String, on db: any Database) async throws -> Entry? {
        if let hit = byCode.withLockedValue({ $0[code] }) { return hit }
        guard let item = try await ServiceItem.query(on: db).filter(\.$code == code).first() else { return nil }
        return try await remember(item, on: db)
    }

    public func entry(id: UUID, on db: any Database) async throws -> Entry? {
        if let hit = byID.withLockedValue({ $0[id] }) { return hit }
        guard let item = try await ServiceItem.find(id, on: db) else { return nil }
        return try await remember(item, on: db)
    }

    /// The item an application was made under; applications keep their item, so a miss is a broken row, not a trap.
    public func item(of applicationItemID: UUID, on db: any Database) async throws -> ServiceItem {
        guard let entry = try await entry(id: applicationItemID, on: db) else { throw ShequError.notFound }
        return entry.item
    }

    private func remember(_ item: ServiceItem, on db: any Database) async throws -> Entry {
        let entry = Entry(item: item, isApplicable: try await Catalogue.isApplicable(item, on: db))
        byCode.withLockedValue { $0[item.code] = entry }
        byID.withLockedValue { $0[item.id!] = entry }
        return entry
    }
}

extension Vapor.Application {
    private struct CatalogueCacheKey: StorageKey { typealias Value = CatalogueCache }

    /// Set once at boot (`ServiceHallModule.boot`), before requests arrive.
    public var catalogueCache: CatalogueCache {
        get { storage[CatalogueCacheKey.self] ?? CatalogueCache() }
        set { storage[CatalogueCacheKey.self] = newValue }
    }
}
