import Fluent
import ShequKernel
import ShequPlatform
import Vapor

/// The catalogue and service guides are public: anyone may read what an item needs before coming.
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
                                                    mandatory: $0.mandatory, deferrable: $0.deferrable) })
    }

    static func items(on db: any Database) async throws -> [ServiceItem] {
        try await ServiceItem.query(on: db).sort(\.$code).all()
    }

    static func list(_ req: Request) async throws -> [ItemGuide] {
        try await items(on: req.db).map { guide($0, materials: nil, language: req.language) }
    }

    static func find(_ req: Request) async throws -> (ServiceItem, [MaterialRequirement]) {
        guard let code = req.parameters.get("code"), code.count <= 20, ServiceHallInputs.isItemCode(code),
              let item = try await ServiceItem.query(on: req.db).filter(\.$code == code).first() else { throw ShequError.notFound }
        let materials = try await MaterialRequirement.query(on: req.db).filter(\.$itemID == item.requireID()).sort(\.$position).all()
        return (item, materials)
    }

    static func show(_ req: Request) async throws -> ItemGuide {
        let (item, materials) = try await find(req)
        var g = guide(item, materials: materials, language: req.language)
        if let power = item.requiredPower {
            g.powerHeldBy = try await DelegatedPowers.holders(of: power, on: LocalDate(instant: Date()), db: req.db)
        }
        return g
    }

    static func places(_ req: Request) async throws -> [ServicePlace] {
        try await ServicePlace.query(on: req.db).sort(\.$divisionCode).all()
    }
}

extension ServicePlace: Content {}
extension ServiceWindow: Content {}
