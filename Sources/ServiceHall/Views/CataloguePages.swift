import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// The city administrator's catalogue pages (issue 11): list, add, change, retire,
/// with each item's versions; and, for anyone who reads an application, the item as
/// that application was accepted under. Forms run the commands the API routes run.
enum CataloguePages {
    static func register(web: any RoutesBuilder, api: APIRoutes) {
        web.get("catalogue", use: list)
        web.get("catalogue", "new", use: newForm)
        web.post("catalogue", use: add)
        web.get("catalogue", ":code", use: edit)
        web.post("catalogue", ":code", use: change)
        web.post("catalogue", ":code", "retire", use: retire)
        web.get("applications", ":trackingNumber", "item", use: asAccepted)

        api.schema(NewCatalogueItemInput.self)
        api.schema(CatalogueItemInput.self)
        api.on(.POST, "service-items", doc: .init("Add a catalogue item as version 1 (the city administrator)", tag: "service",
                                                  requestBody: "NewCatalogueItemInput",
                                                  responses: [201: "Guide of the new item", 409: "Code taken", 422: "Every problem named"]),
               use: CatalogueController.add)
        api.on(.PUT, "service-items/{code}", doc: .init("Change an item: its name, type, service area, level, handling body, required power, limits, fee and materials become a new version (the city administrator)",
                                                        tag: "service", requestBody: "CatalogueItemInput",
                                                        responses: [200: "Guide of the new version", 409: "Changed meanwhile", 422: "Every problem named"]),
               use: CatalogueController.change)
        api.on(.POST, "service-items/{code}/retire", doc: .init("Retire an item: no new applications, those made continue (the city administrator)",
                                                                tag: "service", responses: [200: "Guide of the retired version", 409: "Already retired"]),
               use: CatalogueController.retire)
        api.on(.GET, "service-items/{code}/versions", doc: .init("An item's versions, newest first (public)", tag: "service", isPublic: true,
                                                                 responses: [200: "Versions", 404: "Unknown item"]),
               use: CatalogueController.versions)
        api.on(.GET, "applications/{trackingNumber}/item", doc: .init("The item as the application was accepted under: that version's name, materials, limits and fee",
                                                                      tag: "service"),
               use: CatalogueController.asAccepted)
    }

    // MARK: - Pages

    static func list(_ req: Request) async throws -> WebPage {
        try await CatalogueEditing.authorizeCityWide(req, entityID: nil)
        let ctx = req.context
        let items = try await CatalogueController.items(on: req.db, includingRetired: true)
        let head = [Phrase.itemCode, .serviceItem, .itemVersion, .promisedLimit, .fee, .state].map { H.tag("th", [], [.text(ctx.t($0))]) }
        let rows = items.map { item in
            H.tag("tr", [], [
                H.tag("td", [("data-label", ctx.t(.itemCode))], [H.link("/catalogue/\(item.code)", item.code)]),
                H.tag("td", [("data-label", ctx.t(.serviceItem))], [.text(ServiceHallPages.name(item, ctx))]),
                H.tag("td", [("data-label", ctx.t(.itemVersion))], [.text("\(item.version)")]),
                H.tag("td", [("data-label", ctx.t(.promisedLimit))], [.text("\(item.promisedDays) " + ctx.t(.workingDays))]),
                H.tag("td", [("data-label", ctx.t(.fee))], [.text(feeText(item.feeKind, item.fee, ctx))]),
                H.tag("td", [("data-label", ctx.t(.state))], [.text(ctx.t(item.retired ? .retiredMark : .inForce))]),
            ])
        }
        return WebPage(title: ctx.t(.manageCatalogue), [
            H.tag("p", [], [H.link("/catalogue/new", ctx.t(.addItem), class: "button")]),
            H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
                H.tag("thead", [], [H.tag("tr", [], head)]), H.tag("tbody", [], rows),
            ])]),
        ])
    }

    static func newForm(_ req: Request) async throws -> WebPage {
        try await CatalogueEditing.authorizeCityWide(req, entityID: nil)
        let ctx = req.context
        return WebPage(title: ctx.t(.addItem), [itemForm(ctx, action: "/catalogue", item: nil, materials: [], submit: .addItem)])
    }

    static func edit(_ req: Request) async throws -> WebPage {
        try await CatalogueEditing.authorizeCityWide(req, entityID: req.parameters.get("code"))
        let ctx = req.context
        let (item, materials) = try await CatalogueController.find(req)
        var content: [BodyNode] = []
        if item.retired { content.append(H.tag("p", [("class", "note")], [.text(ctx.t(.retiredNote))])) }
        content.append(H.tag("p", [], [H.link("/services/\(item.code)", ctx.t(.serviceCatalogue))]))
        content.append(H.tag("h2", [], [.text(ctx.t(.changeItem))]))
        content.append(itemForm(ctx, action: "/catalogue/\(item.code)", item: item, materials: materials, submit: .save))
        if !item.retired {
            content.append(H.tag("h2", [], [.text(ctx.t(.retireItem))]))
            content.append(H.tag("p", [], [.text(ctx.t(.confirmRetire))]))
            content.append(ctx.forms.form(action: "/catalogue/\(item.code)/retire", [ctx.forms.submit(.retireItem)]))
        }
        content.append(H.tag("h2", [], [.text(ctx.t(.versionHistory))]))
        let head = [Phrase.itemVersion, .serviceItem, .statutoryLimit, .promisedLimit, .fee, .state, .changedBy].map { H.tag("th", [], [.text(ctx.t($0))]) }
        let versions = try await CatalogueVersions.history(of: item.requireID(), on: req.db)
        content.append(H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
            H.tag("thead", [], [H.tag("tr", [], head)]),
            H.tag("tbody", [], versions.map { v in H.tag("tr", [], [
                H.tag("td", [("data-label", ctx.t(.itemVersion))], [.text("\(v.version)")]),
                H.tag("td", [("data-label", ctx.t(.serviceItem))], [.text(ctx.language == .en ? v.nameEn : v.nameZh)]),
                H.tag("td", [("data-label", ctx.t(.statutoryLimit))], [.text("\(v.statutoryDays) " + ctx.t(.workingDays))]),
                H.tag("td", [("data-label", ctx.t(.promisedLimit))], [.text("\(v.promisedDays) " + ctx.t(.workingDays))]),
                H.tag("td", [("data-label", ctx.t(.fee))], [.text(feeText(v.feeKind, v.fee, ctx))]),
                H.tag("td", [("data-label", ctx.t(.state))], [.text(ctx.t(v.retired ? .retiredMark : .inForce))]),
                H.tag("td", [("data-label", ctx.t(.changedBy))], [.text(v.changedBy)]),
            ]) }),
        ])]))
        return WebPage(title: "\(item.code) · " + ServiceHallPages.name(item, ctx), content)
    }

    /// The item's version an application was accepted under, for whoever reads the application.
    static func asAccepted(_ req: Request) async throws -> WebPage {
        let guide = try await CatalogueController.asAccepted(req)
        let ctx = req.context
        let number = req.parameters.get("trackingNumber") ?? ""
        func row(_ label: Phrase, _ value: String) -> [BodyNode] {
            [H.tag("dt", [], [.text(ctx.t(label))]), H.tag("dd", [], [.text(value)])]
        }
        var facts = row(.itemCode, guide.code) + row(.serviceItem, guide.name) + row(.itemVersion, "\(guide.version)")
        facts += row(.itemType, ctx.t(guide.itemType.phrase)) + row(.serviceAreaLabel, ctx.t(guide.serviceArea.phrase))
        facts += row(.handledBy, ctx.t(guide.handledBy.phrase)) + row(.exercisedAtLabel, guide.exercisedAt)
        facts += row(.hallGapsRequiredPower, guide.requiredPower.map { ctx.t($0.phrase) } ?? ctx.t(.hallGapsNoPowerNeeded))
        facts += row(.statutoryLimit, "\(guide.statutoryDays) " + ctx.t(.workingDays))
        facts += row(.promisedLimit, "\(guide.promisedDays) " + ctx.t(.workingDays))
        facts += row(.fee, feeText(guide.feeKind, guide.feeFen, ctx))
        var content: [BodyNode] = [
            H.tag("p", [("class", "note")], [.text(ctx.t(.asAcceptedNote))]),
            H.tag("dl", [("class", "record")], facts),
        ]
        let materials = guide.materials ?? []
        if !materials.isEmpty {
            content.append(H.tag("h2", [], [.text(ctx.t(.materials))]))
            content.append(H.tag("ol", [], materials.map { m in
                H.tag("li", [], [.text(m.name + (m.mandatory ? "" : " " + ctx.t(.optional)) + (m.deferrable ? " · " + ctx.t(.deferrable) : ""))])
            }))
        }
        content.append(H.tag("p", [], [H.link("/applications/\(number)", number)]))
        return WebPage(title: ctx.t(.asAccepted), content)
    }

    static func feeText(_ kind: FeeKind, _ fee: Money, _ ctx: RequestContext) -> String {
        kind == .free ? ctx.t(.feeFree) : ctx.t(kind.phrase) + (fee > .zero ? " \(fee)" : "")
    }

    // MARK: - Forms

    static func itemForm(_ ctx: RequestContext, action: String, item: ServiceItem?, materials: [MaterialRequirement], submit: Phrase) -> BodyNode {
        let f = ctx.forms
        var fields: [BodyNode] = []
        if item == nil {
            fields += [
                f.field(.itemCode, name: "code", required: true, maxLength: 32),
                f.field(.parentItem, name: "parentCode", maxLength: 32),
            ]
        }
        // Type, area and the power required change like the other facts: a new version (issue 11).
        fields += [
            f.select(.itemType, name: "itemType", options: ServiceItemType.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                     selected: item?.itemType.rawValue),
            f.select(.serviceAreaLabel, name: "serviceArea", options: ServiceArea.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                     selected: item?.serviceArea.rawValue),
            f.select(.hallGapsRequiredPower, name: "requiredPower",
                     options: [(CatalogueInputs.noPower, ctx.t(.hallGapsNoPowerNeeded))] + DistrictPower.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                     selected: item?.requiredPower?.rawValue ?? CatalogueInputs.noPower),
        ]
        let yuan = item.map { $0.fee > .zero ? yuanText($0.fee) : "" } ?? ""
        fields += [
            f.field(.itemNameZh, name: "nameZh", value: item?.nameZh, required: true, maxLength: CatalogueInputs.nameMax),
            f.field(.itemNameEn, name: "nameEn", value: item?.nameEn, required: true, maxLength: CatalogueInputs.nameMax),
            f.field(.exercisedAtLabel, name: "exercisedAt", value: item?.exercisedAt, required: true, maxLength: CatalogueInputs.levelMax),
            f.field(.legalBasis, name: "legalBasis", value: item?.legalBasis, maxLength: CatalogueInputs.legalBasisMax),
            f.select(.handledBy, name: "handledBy", options: HandlingBody.allCases.map { ($0.rawValue, ctx.t($0.phrase)) }, selected: item?.handledBy.rawValue),
            f.field(.statutoryLimit, name: "statutoryDays", value: item.map { "\($0.statutoryDays)" }, type: "number", required: true, inputmode: "numeric", maxLength: 3),
            f.field(.promisedLimit, name: "promisedDays", value: item.map { "\($0.promisedDays)" }, type: "number", required: true, inputmode: "numeric", maxLength: 3),
            f.select(.feeKindLabel, name: "feeKind", options: FeeKind.allCases.map { ($0.rawValue, ctx.t($0.phrase)) }, selected: item?.feeKind.rawValue),
            f.field(.feeYuan, name: "fee", value: yuan, hint: .feeYuanHint, inputmode: "decimal", maxLength: 24),
            H.tag("div", [("class", "field")], [
                H.tag("label", [("for", "f-materials")], [.text(ctx.t(.materialsLines))]),
                H.tag("p", [("class", "hint"), ("id", "f-materials-hint")], [.text(ctx.t(.materialsLinesHint))]),
                H.tag("textarea", [("name", "materials"), ("id", "f-materials"), ("rows", "8"), ("aria-describedby", "f-materials-hint"),
                                   ("maxlength", String(CatalogueInputs.materialsTextMax))],
                      [.text(materials.map(materialLine).joined(separator: "\n"))]),
            ]),
            f.submit(submit),
        ]
        return f.form(action: action, fields)
    }

    static let optionalWords: Set<String> = ["optional", "选交", "选填", "非必交"]
    static let deferrableWords: Set<String> = ["deferrable", "容缺", "可容缺"]

    static func materialLine(_ m: MaterialRequirement) -> String {
        ([m.nameZh, m.nameEn] + (m.mandatory ? [] : ["选交"]) + (m.deferrable ? ["容缺"] : [])).joined(separator: " | ")
    }

    static func yuanText(_ fee: Money) -> String {
        let yuan = fee.fen / 100, fen = fee.fen % 100
        return fen == 0 ? "\(yuan)" : "\(yuan)." + (fen < 10 ? "0\(fen)" : "\(fen)")
    }

    struct ItemForm: Content {
        var code: String?
        var parentCode: String?
        var itemType: ServiceItemType?
        var serviceArea: ServiceArea?
        var nameZh: String
        var nameEn: String
        var exercisedAt: String
        var legalBasis: String?
        var handledBy: HandlingBody
        var statutoryDays: Int
        var promisedDays: Int
        var feeKind: FeeKind
        var fee: String?
        var materials: String?
        var requiredPower: String?

        /// The materials typed one a line; a blank line is skipped, a line without two names refused.
        func materialInputs() throws -> [CatalogueMaterialInput] {
            let lines = (materials ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard lines.count <= CatalogueInputs.maxMaterials else { throw ShequError.invalid(.errorTooLong, "materials ≤ \(CatalogueInputs.maxMaterials)") }
            return try lines.map { line in
                let parts = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                let flags = Set(parts.dropFirst(2).map { $0.lowercased() })
                guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty,
                      parts[0].count <= CatalogueInputs.nameMax, parts[1].count <= CatalogueInputs.nameMax,
                      flags.isSubset(of: optionalWords.union(deferrableWords)) else {
                    throw ShequError.invalid(.errorMaterialLine, String(line.prefix(80)), code: "material_line")
                }
                return CatalogueMaterialInput(nameZh: parts[0], nameEn: parts[1], mandatory: flags.isDisjoint(with: optionalWords),
                                              deferrable: !flags.isDisjoint(with: deferrableWords))
            }
        }

        func feeMoney() throws -> Money {
            let text = (fee ?? "").trimmingCharacters(in: .whitespaces)
            if text.isEmpty { return .zero }
            guard let money = Money(yuan: text) else { throw ShequError.invalid(.errorFeeYuan, String(text.prefix(24)), code: "fee") }
            return money
        }

        func versioned() throws -> CatalogueItemInput {
            CatalogueItemInput(nameZh: nameZh, nameEn: nameEn, exercisedAt: exercisedAt, legalBasis: legalBasis, handledBy: handledBy,
                               statutoryDays: statutoryDays, promisedDays: promisedDays, feeKind: feeKind, feeFen: try feeMoney(),
                               materials: try materialInputs(), itemType: itemType, serviceArea: serviceArea, requiredPower: requiredPower)
        }
    }

    static func add(_ req: Request) async throws -> Response {
        let form = try req.validatedContent(ItemForm.self)
        guard let code = form.code, let itemType = form.itemType, let serviceArea = form.serviceArea else {
            throw ShequError.invalid(.errorMissingField, "code, itemType, serviceArea", code: "required")
        }
        let v = try form.versioned()
        let item = try await CatalogueEditing.add(NewCatalogueItemInput(
            code: code, parentCode: form.parentCode, itemType: itemType, serviceArea: serviceArea, nameZh: v.nameZh, nameEn: v.nameEn,
            exercisedAt: v.exercisedAt, legalBasis: v.legalBasis, handledBy: v.handledBy, statutoryDays: v.statutoryDays,
            promisedDays: v.promisedDays, feeKind: v.feeKind, feeFen: v.feeFen, materials: v.materials, requiredPower: v.requiredPower), req: req)
        return req.redirect(to: "/catalogue/\(item.code)")
    }

    static func change(_ req: Request) async throws -> Response {
        let form = try req.validatedContent(ItemForm.self)
        let item = try await CatalogueEditing.change(code: req.parameters.get("code") ?? "", try form.versioned(), req: req)
        return req.redirect(to: "/catalogue/\(item.code)")
    }

    static func retire(_ req: Request) async throws -> Response {
        let item = try await CatalogueEditing.retire(code: req.parameters.get("code") ?? "", req: req)
        return req.redirect(to: "/catalogue/\(item.code)")
    }
}

extension CataloguePages.ItemForm: ValidatedInput { static var inputSchema: InputSchema { CatalogueInputs.form } }
