import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit
import Vapor

extension Action {
    /// Adding, changing and retiring catalogue items: the city administrator's (issue 11).
    public static let catalogueEdit = Action("catalogue.edit")
}

public struct CatalogueMaterialInput: Content, Sendable, Equatable {
    public var nameZh: String
    public var nameEn: String
    public var mandatory: Bool?
    public var deferrable: Bool?
}

/// What a change may set: everything a version carries, and the materials.
public struct CatalogueItemInput: Content, Sendable {
    public var nameZh: String
    public var nameEn: String
    public var exercisedAt: String
    public var legalBasis: String?
    public var handledBy: HandlingBody
    public var statutoryDays: Int
    public var promisedDays: Int
    public var feeKind: FeeKind
    public var feeFen: Money
    public var materials: [CatalogueMaterialInput]?
    /// Absent: unchanged (a new item gives its own).
    public var itemType: ServiceItemType?
    public var serviceArea: ServiceArea?
    /// O2's district power a centre's street must hold to handle it: "none", a `DistrictPower`, or absent: unchanged.
    public var requiredPower: String?
}

/// A new item: its code and place in the catalogue, then what any version carries.
public struct NewCatalogueItemInput: Content, Sendable {
    public var code: String
    public var parentCode: String?
    public var itemType: ServiceItemType
    public var serviceArea: ServiceArea
    public var nameZh: String
    public var nameEn: String
    public var exercisedAt: String
    public var legalBasis: String?
    public var handledBy: HandlingBody
    public var statutoryDays: Int
    public var promisedDays: Int
    public var feeKind: FeeKind
    public var feeFen: Money
    public var materials: [CatalogueMaterialInput]?
    /// Absent or "none": no delegated power needed.
    public var requiredPower: String?

    var versioned: CatalogueItemInput {
        CatalogueItemInput(nameZh: nameZh, nameEn: nameEn, exercisedAt: exercisedAt, legalBasis: legalBasis, handledBy: handledBy,
                           statutoryDays: statutoryDays, promisedDays: promisedDays, feeKind: feeKind, feeFen: feeFen, materials: materials,
                           itemType: itemType, serviceArea: serviceArea, requiredPower: requiredPower ?? CatalogueInputs.noPower)
    }
}

/// The catalogue's one command path: the API routes and the pages' forms both call these, which
/// authorise through the policy (a refusal is audited), check the rules, and write the change,
/// its new version and the audit entry in one transaction.
public enum CatalogueEditing {
    /// The catalogue is the city's: only a grant over the whole city edits it. A city-administrator grant held at a
    /// district or street (an administrator of that place's accounts) does not.
    @discardableResult
    static func authorizeCityWide(_ req: Request, entityID: String?) async throws -> Actor {
        let city = try await Division.query(on: req.db).filter(\.$level == .city).sort(\.$id).first()?.code ?? "4404"
        return try await req.authorize(.catalogueEdit, at: city, entity: entity, entityID: entityID)
    }

    static let entity = "service_item"

    public static func add(_ input: NewCatalogueItemInput, req: Request) async throws -> ServiceItem {
        let actor = try await authorizeCityWide(req, entityID: input.code)
        let code = input.code.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty, ServiceHallInputs.isItemCode(code) else { throw ShequError.invalid(.errorItemCodeForm, "code", code: "item_code") }
        let parent = input.parentCode.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        let facts = try checked(input.versioned)
        let item = try await req.writeAudited("catalogue.add", entity: entity) { db in
            guard try await ServiceItem.query(on: db).filter(\.$code == code).count() == 0 else {
                throw ShequError(.conflict, .errorItemExists, detail: code, code: "item_exists")
            }
            if let parent {
                guard ServiceHallInputs.isItemCode(parent), try await ServiceItem.query(on: db).filter(\.$code == parent).count() == 1 else {
                    throw ShequError.invalid(.errorUnknownItem, parent, code: "unknown_parent")
                }
            }
            let item = ServiceItem()
            item.code = code
            item.parentCode = parent
            item.itemType = input.itemType
            item.serviceArea = input.serviceArea
            item.publicInterest = false
            item.requiredPower = nil
            item.version = 1
            item.retired = false
            facts.apply(to: item)
            try await item.create(on: db)
            try await ServiceItemVersion(of: item, changedBy: actor.username).create(on: db)
            try await replaceMaterials(of: item, with: facts.materials, from: 1, on: db)
            return Audited(item, id: item.id, scope: nil, detail: "\(code) v1")
        }
        req.application.catalogueCache.invalidate()
        return item
    }

    public static func change(code: String, _ input: CatalogueItemInput, req: Request) async throws -> ServiceItem {
        let actor = try await authorizeCityWide(req, entityID: code)
        let facts = try checked(input)
        return try await newVersion(code: code, action: "catalogue.change", actor: actor, req: req) { item, version, db in
            facts.apply(to: item)
            try await replaceMaterials(of: item, with: facts.materials, from: version, on: db)
        }
    }

    /// No new applications from now on; those already made continue under the version they were accepted under.
    public static func retire(code: String, req: Request) async throws -> ServiceItem {
        let actor = try await authorizeCityWide(req, entityID: code)
        return try await newVersion(code: code, action: "catalogue.retire", actor: actor, req: req) { item, _, _ in
            guard !item.retired else { throw ShequError(.conflict, .errorItemRetired, detail: item.code, code: "already_retired") }
            item.retired = true
        }
    }

    /// Claims the next version number on the condition that nobody took it meanwhile (of two edits made
    /// at once one lands, the other is told to reload), applies `edit`, and keeps the result as that version.
    private static func newVersion(code: String, action: String, actor: Actor, req: Request,
                                   _ edit: @escaping @Sendable (ServiceItem, Int, any Database) async throws -> Void) async throws -> ServiceItem {
        guard ServiceHallInputs.isItemCode(code) else { throw ShequError.notFound }
        let item = try await req.writeAudited(action, entity: entity) { db in
            guard let item = try await ServiceItem.query(on: db).filter(\.$code == code).first() else { throw ShequError.notFound }
            let read = item.version
            let (next, overflow) = read.addingReportingOverflow(1)
            guard !overflow, try await (db as! any SQLDatabase).raw("""
                UPDATE service_items SET version = \(bind: next) WHERE id = \(bind: item.requireID()) AND version = \(bind: read) RETURNING id
                """).first() != nil else {
                throw ShequError(.conflict, .errorCatalogueRaced, code: "item_changed")
            }
            item.version = next
            try await edit(item, next, db)
            try await item.save(on: db)
            try await ServiceItemVersion(of: item, changedBy: actor.username).create(on: db)
            return Audited(item, id: item.id, scope: nil, detail: "\(code) v\(next)")
        }
        req.application.catalogueCache.invalidate()
        return item
    }

    /// A requirement is never rewritten: one unchanged at its place carries on into the new version,
    /// any other current one ends where `version` begins, and the rest begin there.
    private static func replaceMaterials(of item: ServiceItem, with wanted: [CatalogueMaterialInput]?, from version: Int,
                                         on db: any Database) async throws {
        guard let wanted else { return }
        let id = try item.requireID()
        let current = version == 1 ? [] : try await CatalogueVersions.currentMaterials(of: id, on: db)
        var kept = Set<Int>()
        for m in current {
            let index = m.position - 1
            if wanted.indices.contains(index), same(m, wanted[index]) {
                kept.insert(index)
            } else {
                m.untilVersion = version
                try await m.save(on: db)
            }
        }
        for (index, w) in wanted.enumerated() where !kept.contains(index) {
            let m = MaterialRequirement()
            m.itemID = id
            m.position = index + 1
            m.nameZh = w.nameZh
            m.nameEn = w.nameEn
            m.mandatory = w.mandatory ?? true
            m.deferrable = w.deferrable ?? false
            m.sinceVersion = version
            try await m.create(on: db)
        }
    }

    private static func same(_ m: MaterialRequirement, _ w: CatalogueMaterialInput) -> Bool {
        m.nameZh == w.nameZh && m.nameEn == w.nameEn && m.mandatory == (w.mandatory ?? true) && m.deferrable == (w.deferrable ?? false)
    }

    /// The input after the rules the bounds cannot say: trimmed names that are not blank, a promised
    /// limit within the statutory one, and a fee that agrees with its kind.
    struct Facts: Sendable {
        let input: CatalogueItemInput
        let materials: [CatalogueMaterialInput]?
        /// nil: unchanged; `.some(nil)`: none needed.
        let requiredPower: DistrictPower??

        func apply(to item: ServiceItem) {
            if let type = input.itemType { item.itemType = type }
            if let area = input.serviceArea { item.serviceArea = area }
            if let power = requiredPower { item.requiredPower = power }
            item.nameZh = input.nameZh
            item.nameEn = input.nameEn
            item.exercisedAt = input.exercisedAt
            item.legalBasis = input.legalBasis ?? ""
            item.handledBy = input.handledBy
            item.statutoryDays = input.statutoryDays
            item.promisedDays = input.promisedDays
            item.feeKind = input.feeKind
            item.fee = input.feeFen
        }
    }

    static func checked(_ raw: CatalogueItemInput) throws -> Facts {
        var input = raw
        func trimmed(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
        input.nameZh = trimmed(input.nameZh)
        input.nameEn = trimmed(input.nameEn)
        input.exercisedAt = trimmed(input.exercisedAt)
        input.legalBasis = input.legalBasis.map(trimmed)
        for (field, value) in [("nameZh", input.nameZh), ("nameEn", input.nameEn), ("exercisedAt", input.exercisedAt)] where value.isEmpty {
            throw ShequError.invalid(.errorMissingField, field, code: "required")
        }
        guard CatalogueInputs.days.contains(input.statutoryDays), CatalogueInputs.days.contains(input.promisedDays) else {
            throw ShequError.invalid(.errorInvalidValue, "statutoryDays/promisedDays", code: "days")
        }
        guard input.promisedDays <= input.statutoryDays else {
            throw ShequError.invalid(.errorPromisedOverStatutory, "\(input.promisedDays) > \(input.statutoryDays)", code: "promised_over_statutory")
        }
        guard (Money.zero...Money.largest).contains(input.feeFen) else { throw ShequError.invalid(.errorInvalidValue, "feeFen", code: "fee") }
        guard (input.feeKind == .free) == (input.feeFen == .zero) else {
            throw ShequError.invalid(.errorFeeAgreesWithKind, "\(input.feeKind.rawValue) \(input.feeFen.fen)", code: "fee_kind")
        }
        let materials = try input.materials.map { list in
            try list.map { m -> CatalogueMaterialInput in
                let material = CatalogueMaterialInput(nameZh: trimmed(m.nameZh), nameEn: trimmed(m.nameEn),
                                                      mandatory: m.mandatory ?? true, deferrable: m.deferrable ?? false)
                guard !material.nameZh.isEmpty, !material.nameEn.isEmpty else {
                    throw ShequError.invalid(.errorMissingField, "materials", code: "material_name")
                }
                return material
            }
        }
        var power: DistrictPower?? = nil
        if let raw = input.requiredPower.map(trimmed) {
            if raw.isEmpty || raw == CatalogueInputs.noPower {
                power = .some(nil)
            } else if let named = DistrictPower(rawValue: raw) {
                power = .some(named)
            } else {
                throw ShequError.invalid(.errorInvalidValue, "requiredPower", code: "required_power")
            }
        }
        return Facts(input: input, materials: materials, requiredPower: power)
    }
}
