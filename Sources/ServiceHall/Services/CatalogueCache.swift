import Fluent
import Foundation
import NIOConcurrencyHelpers
import ShequPlatform
import Vapor

/// Service items as the hot paths (submit, look up, list) need them, read
/// through to the database once per item.
///
/// The city edits the catalogue (`CatalogueEditing`), and every edit writes a
/// new `ServiceItemVersion` row that is never deleted, so the number of those
/// rows is a catalogue revision that only grows. The instance that made a change
/// forgets everything at once; every instance compares the revision with the one
/// it cached under at most once per `recheckInterval` and forgets everything when
/// it moved. So a change made on one instance is seen by the others within that
/// interval, at the price of one count per interval rather than a query per
/// request. Chosen over a time-to-live per entry because a retirement must stop
/// new applications everywhere promptly, and over a shared cache or database
/// notifications because the platform runs on SQLite too and keeps no other service.
public final class CatalogueCache: Sendable {
    public struct Entry: Sendable {
        public let item: ServiceItem
        /// Leaves that are not retired are applied for; items with sub-items are headings.
        public let isApplicable: Bool
    }

    private struct State {
        var byCode: [String: Entry] = [:]
        var byID: [UUID: Entry] = [:]
        var revision: Int?
        var checkedAt: Date = .distantPast
        /// Moves whenever the maps are emptied, so an item read before a change is not remembered after it.
        var generation = 0

        mutating func forget() {
            byCode = [:]
            byID = [:]
            revision = nil
            checkedAt = .distantPast
            generation &+= 1
        }
    }

    private let state = NIOLockedValueBox(State())
    let recheckInterval: TimeInterval

    public init(recheckInterval: TimeInterval = 1) {
        self.recheckInterval = recheckInterval
    }

    public func entry(code: String, on db: any Database) async throws -> Entry? {
        let generation = try await revalidate(on: db)
        if let hit = state.withLockedValue({ $0.byCode[code] }) { return hit }
        guard let item = try await ServiceItem.query(on: db).filter(\.$code == code).first() else { return nil }
        return try await remember(item, readIn: generation, on: db)
    }

    public func entry(id: UUID, on db: any Database) async throws -> Entry? {
        let generation = try await revalidate(on: db)
        if let hit = state.withLockedValue({ $0.byID[id] }) { return hit }
        guard let item = try await ServiceItem.find(id, on: db) else { return nil }
        return try await remember(item, readIn: generation, on: db)
    }

    /// The item an application was made under; applications keep their item, so a miss is a broken row, not a trap.
    public func item(of applicationItemID: UUID, on db: any Database) async throws -> ServiceItem {
        guard let entry = try await entry(id: applicationItemID, on: db) else { throw ShequError.notFound }
        return entry.item
    }

    /// After a change on this instance: forget everything now, without waiting for the next check.
    public func invalidate() {
        state.withLockedValue { $0.forget() }
    }

    /// Returns the generation the caller's reads belong to.
    private func revalidate(on db: any Database) async throws -> Int {
        let now = Date()
        let due = state.withLockedValue { now.timeIntervalSince($0.checkedAt) >= recheckInterval ? nil : $0.generation }
        if let current = due { return current }
        let revision = try await ServiceItemVersion.query(on: db).count()
        return state.withLockedValue { s in
            if s.revision != revision {
                s.forget()
                s.revision = revision
            }
            s.checkedAt = now
            return s.generation
        }
    }

    private func remember(_ item: ServiceItem, readIn generation: Int, on db: any Database) async throws -> Entry {
        let entry = Entry(item: item, isApplicable: try await Catalogue.isApplicable(item, on: db))
        let id = try item.requireID()
        state.withLockedValue {
            // Emptied since this read began: what was read may be the item before the change.
            guard $0.generation == generation else { return }
            $0.byCode[item.code] = entry
            $0.byID[id] = entry
        }
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
