import Fluent
import ShequKernel
import ShequPlatform
import SQLKit
import Vapor

/// The catalogue and service guides are public: anyone may read what an item needs before coming.
/// The city administrator edits it through `CatalogueEditing`.
enum CatalogueController {
    struct ItemGuide: Content {
        var code: String
        var parentCode: String?
        var name: String
        var itemType: ServiceItemType
        var serviceArea: ServiceArea
        var exercisedAt: String
        var legalBasis: String
        var handledBy: HandlingBody
        var statutoryDays: Int
        var promisedDays: Int
        var feeKind: FeeKind
        /// Integer fen, as before the fee became `Money` (which encodes as its fen), so clients see the same number.
        var feeFen: Money
        /// Requests for it may be listed and followed anonymously (Open311); otherwise they are personal.
        var publicInterest: Bool
        /// O2: the district-level power a centre's street must hold to handle it; absent when none is needed.
        var requiredPower: DistrictPower?
        /// On an item's guide: the streets holding that power today, by division code.
        var powerHeldBy: [String]?
        var materials: [MaterialGuide]?
        /// The version described: the current one, or the one an application was accepted under.
        var version: Int
        /// No new applications; those already made continue.
        var retired: Bool

        struct MaterialGuide: Content {
            var id: UUID
            var name: String
            var mandatory: Bool
            var deferrable: Bool
        }
    }

    static func guide(_ item: ServiceItem, materials: [MaterialRequirement]?, language: Language) -> ItemGuide {
        ItemGuide(code: item.code, parentCode: item.parentCode, name: language == .en ? item.nameEn : item.nameZh,
                  itemType: item.itemType, serviceArea: item.serviceArea, exercisedAt: item.exercisedAt, legalBasis: item.legalBasis,
                  handledBy: item.handledBy, statutoryDays: item.statutoryDays, promisedDays: item.promisedDays,
                  feeKind: item.feeKind, feeFen: item.fee, publicInterest: item.publicInterest,
                  requiredPower: item.requiredPower,
                  materials: materials?.map { .init(id: $0.id!, name: language == .en ? $0.nameEn : $0.nameZh,
                                                    mandatory: $0.mandatory, deferrable: $0.deferrable) },
                  version: item.version, retired: item.retired)
    }

    /// What the public catalogue lists: retired items take no applications, so they are not offered.
    static func items(on db: any Database, includingRetired: Bool = false) async throws -> [ServiceItem] {
        let q = try db.sql().select().columns(ServiceItem.listColumns.map { SQLIdentifier($0) }).from(ServiceItem.schema)
        if !includingRetired { q.where("retired", .equal, false) }
        let rows = try await q.orderBy("code").all()
        return try StoredRows.read { try rows.map(ServiceItem.fromRow) }
    }

    static func list(_ req: Request) async throws -> [ItemGuide] {
        try await items(on: req.db).map { guide($0, materials: nil, language: req.language) }
    }

    static func find(_ req: Request) async throws -> (ServiceItem, [MaterialRequirement]) {
        guard let code = req.parameters.get("code"), code.count <= 20, ServiceHallInputs.isItemCode(code),
              let item = try await ServiceItem.query(on: req.db).filter(\.$code == code).first() else { throw ShequError.notFound }
        return (item, try await CatalogueVersions.currentMaterials(of: item.requireID(), on: req.db))
    }

    static func show(_ req: Request) async throws -> ItemGuide {
        let (item, materials) = try await find(req)
        var g = guide(item, materials: materials, language: req.language)
        if let power = item.requiredPower {
            g.powerHeldBy = try await DelegatedPowers.holders(of: power, on: LocalDate(instant: Date()), db: req.db)
        }
        return g
    }

    static func add(_ req: Request) async throws -> Response {
        let item = try await CatalogueEditing.add(req.validatedContent(NewCatalogueItemInput.self), req: req)
        return try await currentGuide(item, req: req).encodeResponse(status: .created, for: req)
    }

    static func change(_ req: Request) async throws -> ItemGuide {
        let input = try req.validatedContent(CatalogueItemInput.self)
        return try await currentGuide(try await CatalogueEditing.change(code: req.parameters.get("code") ?? "", input, req: req), req: req)
    }

    static func retire(_ req: Request) async throws -> ItemGuide {
        try await currentGuide(try await CatalogueEditing.retire(code: req.parameters.get("code") ?? "", req: req), req: req)
    }

    static func currentGuide(_ item: ServiceItem, req: Request) async throws -> ItemGuide {
        guide(item, materials: try await CatalogueVersions.currentMaterials(of: item.requireID(), on: req.db), language: req.language)
    }

    struct VersionRecord: Content {
        var version: Int
        var name: String
        var handledBy: HandlingBody
        var exercisedAt: String
        var statutoryDays: Int
        var promisedDays: Int
        var feeKind: FeeKind
        var feeFen: Money
        var retired: Bool
        var changedBy: String
        var changedAt: Date?
        var itemType: ServiceItemType?
        var serviceArea: ServiceArea?
        var requiredPower: DistrictPower?
    }

    /// Every version of an item, newest first (public, like the guide).
    static func versions(_ req: Request) async throws -> [VersionRecord] {
        let (item, _) = try await find(req)
        return try await CatalogueVersions.history(of: item.requireID(), on: req.db).map {
            VersionRecord(version: $0.version, name: req.language == .en ? $0.nameEn : $0.nameZh, handledBy: $0.handledBy,
                          exercisedAt: $0.exercisedAt, statutoryDays: $0.statutoryDays, promisedDays: $0.promisedDays,
                          feeKind: $0.feeKind, feeFen: $0.fee, retired: $0.retired, changedBy: $0.changedBy, changedAt: $0.createdAt,
                          itemType: $0.itemType, serviceArea: $0.serviceArea, requiredPower: $0.requiredPower)
        }
    }

    /// The item as an application was accepted under: that version's name, materials, limits and fee.
    static func asAccepted(_ req: Request) async throws -> ItemGuide {
        let application = try await ApplicationsAPIController.load(req, for: .applicationRead)
        let (item, materials) = try await CatalogueVersions.asAccepted(application, on: req.db)
        return guide(item, materials: materials, language: req.language)
    }

    /// The places the public may go to: a closed one stays on record (and at its own address) but is not offered.
    static func places(_ req: Request) async throws -> [ServicePlace] {
        try await ServicePlace.query(on: req.db).filter(\.$closedAt == nil).sort(\.$divisionCode).all()
    }
}

extension ServicePlace: Content {}
extension ServiceWindow: Content {}
