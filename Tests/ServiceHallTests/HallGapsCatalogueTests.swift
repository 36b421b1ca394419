import Fluent
import SQLKit
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

/// The catalogue's gaps: Open311 offers no retired item, uploads follow the application's item version, and an
/// item's type, service area and required power change as a new version like its other facts.
@Suite struct HallGapsCatalogueTests {
    /// The item's facts as they stand, as a change would send them; `edit` adjusts them.
    static func changeJSON(_ app: Vapor.Application, _ code: String, _ edit: (inout [String: Any], [MaterialRequirement]) -> Void = { _, _ in }) async throws -> [String: Any] {
        let item = try #require(try await ServiceItem.query(on: app.db).filter(\.$code == code).first())
        let materials = try await CatalogueVersions.currentMaterials(of: item.requireID(), on: app.db)
        var json: [String: Any] = [
            "nameZh": item.nameZh, "nameEn": item.nameEn, "exercisedAt": item.exercisedAt, "legalBasis": item.legalBasis,
            "handledBy": item.handledBy.rawValue, "statutoryDays": item.statutoryDays, "promisedDays": item.promisedDays,
            "feeKind": item.feeKind.rawValue, "feeFen": Int(item.fee.fen),
            "materials": materials.map { ["nameZh": $0.nameZh, "nameEn": $0.nameEn, "mandatory": $0.mandatory, "deferrable": $0.deferrable] as [String: Any] },
        ]
        edit(&json, materials)
        return json
    }

    @Test func open311OffersNoRetiredItemAndRefusesARequestForOneClearly() async throws {
        try await withServiceHall { app, f in
            let admin = try await app.token("admin", adminPassword)
            func codes() async throws -> [String] {
                try await app.api(.GET, "/open311/v2/services.json").array.compactMap { $0["service_code"] as? String }
            }
            #expect(try await codes().contains("RS-002"))
            #expect(try await app.api(.POST, "/api/v1/service-items/RS-002/retire", token: admin).status == .ok)
            #expect(!(try await codes().contains("RS-002")))
            #expect(try await codes().contains("RS-004"))
            let xml = try await app.api(.GET, "/open311/v2/services.xml")
            #expect(xml.status == .ok && !xml.body.contains("RS-002") && xml.body.contains("RS-004"))
            let definition = try await app.api(.GET, "/open311/v2/services/RS-002.json")
            #expect(definition.status == .notFound && definition.body.contains("retired"))

            let before = try await app.count(ServiceHall.Application.self)
            let id = validID("44040219700101123")
            for key in [f.windowA, f.resident] {
                let post = try await app.api(.POST, "/open311/v2/requests.json",
                                             raw: "api_key=\(key)&service_code=RS-002&attribute[id_number]=\(id)", contentType: .urlEncodedForm)
                #expect(post.status == .badRequest, "\(post.body)")
                #expect(post.array.first?["code"] as? Int == 400)
                let said = post.array.first?["description"] as? String ?? ""
                #expect(said.contains("已停用") && said.contains("retired") && said.contains("RS-002"))
            }
            #expect(try await app.count(ServiceHall.Application.self) == before)
            // A live item still takes requests through the same door.
            let live = try await app.api(.POST, "/open311/v2/requests.json",
                                         raw: "api_key=\(f.windowA)&service_code=RS-004&attribute[id_number]=\(id)", contentType: .urlEncodedForm)
            #expect(live.status == .ok, "\(live.body)")
        }
    }

    @Test func uploadsAreCheckedAgainstTheVersionTheApplicationFollows() async throws {
        try await withServiceHall { app, f in
            let admin = try await app.token("admin", adminPassword)
            let applied = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            let number = try #require(applied.object["trackingNumber"] as? String)
            let v1 = try await materialIDs(app, item: "RS-002", onlyRequired: false)
            let accepted = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                             json: ["step": "accept", "materialIDs": try await materialIDs(app, item: "RS-002")])
            #expect(accepted.status == .ok)
            // Version 2 replaces the first material.
            let change = try await Self.changeJSON(app, "RS-002") { json, _ in
                var list = json["materials"] as? [[String: Any]] ?? []
                list[0]["nameZh"] = "新版申请表"
                list[0]["nameEn"] = "New application form"
                json["materials"] = list
            }
            let changed = try await app.api(.PUT, "/api/v1/service-items/RS-002", token: admin, json: change)
            #expect(changed.status == .ok && changed.object["version"] as? Int == 2, "\(changed.body)")
            let v2 = try await materialIDs(app, item: "RS-002", onlyRequired: false)
            #expect(v2[0] != v1[0] && Array(v2.dropFirst()) == Array(v1.dropFirst()))

            // The accepted application follows version 1: version 2's new material is refused, clearly, in both languages.
            let refused = try await uploadFile(app, token: f.resident, number: number, material: v2[0], data: pdf)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.object["code"] as? String == "material_not_in_version")
            #expect(refused.body.contains("版本"))
            #expect(try await app.count(MaterialUpload.self) == 0)
            #expect(try await uploadFile(app, token: f.resident, number: number, material: v1[0], data: pdf).status == .created)

            // One made after the change follows version 2: the material it replaced is refused, the new one taken.
            let later = try #require(try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
                .object["trackingNumber"] as? String)
            let old = try await uploadFile(app, token: f.resident, number: later, material: v1[0], data: pdf)
            #expect(old.status == .unprocessableEntity && old.object["code"] as? String == "material_not_in_version")
            #expect(try await uploadFile(app, token: f.resident, number: later, material: v2[0], data: pdf).status == .created)
            #expect(try await app.count(MaterialUpload.self) == 2)
        }
    }

    @Test func typeAreaAndRequiredPowerChangeAsANewVersionOnPageAndAPI() async throws {
        try await withServiceHall { app, f in
            let admin = try await app.token("admin", adminPassword)
            let before = try #require(try await ServiceItem.query(on: app.db).filter(\.$code == "RS-002").first())
            #expect(before.requiredPower == nil)
            let applied = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            let number = try #require(applied.object["trackingNumber"] as? String)
            #expect(try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                      json: ["step": "accept", "materialIDs": try await materialIDs(app, item: "RS-002")]).status == .ok)

            // The API: the three facts, published in the OpenAPI document with their bounds.
            let spec = try await app.api(.GET, "/api/v1/openapi.json")
            let schema = ((spec.object["components"] as? [String: Any])?["schemas"] as? [String: Any])?["CatalogueItemInput"] as? [String: Any]
            let properties = schema?["properties"] as? [String: Any] ?? [:]
            #expect(properties["itemType"] != nil && properties["serviceArea"] != nil && properties["requiredPower"] != nil)
            let powerValues = (properties["requiredPower"] as? [String: Any])?["enum"] as? [String] ?? []
            #expect(powerValues.contains("none") && powerValues.contains("socialAssistanceApproval"))

            let api = try await app.api(.PUT, "/api/v1/service-items/RS-002", token: admin, json: try await Self.changeJSON(app, "RS-002") { json, _ in
                json["itemType"] = "administrativeConfirmation"
                json["serviceArea"] = "general"
                json["requiredPower"] = "socialAssistanceApproval"
            })
            #expect(api.status == .ok, "\(api.body)")
            #expect(api.object["version"] as? Int == 2 && api.object["itemType"] as? String == "administrativeConfirmation")
            #expect(api.object["serviceArea"] as? String == "general" && api.object["requiredPower"] as? String == "socialAssistanceApproval")
            let versions = try await app.api(.GET, "/api/v1/service-items/RS-002/versions").array
            #expect(versions.first?["requiredPower"] as? String == "socialAssistanceApproval")
            #expect(versions.last?["itemType"] as? String == before.itemType.rawValue && versions.last?["requiredPower"] == nil)
            // The application accepted under version 1 keeps version 1's type, area and power.
            let asAccepted = try await app.api(.GET, "/api/v1/applications/\(number)/item", token: f.windowA)
            #expect(asAccepted.object["version"] as? Int == 1)
            #expect(asAccepted.object["itemType"] as? String == before.itemType.rawValue)
            #expect(asAccepted.object["serviceArea"] as? String == before.serviceArea.rawValue)
            #expect(asAccepted.object["requiredPower"] == nil)

            // Bad values: 422 and nothing changed.
            for (field, value) in [("requiredPower", "everything"), ("itemType", "x"), ("serviceArea", "moon")] {
                let bad = try await app.api(.PUT, "/api/v1/service-items/RS-002", token: admin, json: try await Self.changeJSON(app, "RS-002") { json, _ in
                    json[field] = value
                })
                #expect(bad.status.code / 100 == 4 && bad.status != .forbidden && bad.body.contains(field), "\(field): \(bad.status) \(bad.body)")
            }
            #expect(try await ServiceItem.query(on: app.db).filter(\.$code == "RS-002").first()?.version == 2)

            // The page: the change form offers the three and runs the same command.
            let page = Browser(app)
            try await page.signIn("admin", adminPassword)
            let form = try await page.get("/catalogue/RS-002")
            #expect(form.body.contains("name=\"itemType\"") && form.body.contains("name=\"serviceArea\"") && form.body.contains("name=\"requiredPower\""))
            let item = try #require(try await ServiceItem.query(on: app.db).filter(\.$code == "RS-002").first())
            let materials = try await CatalogueVersions.currentMaterials(of: item.requireID(), on: app.db)
            let posted = try await page.post("/catalogue/RS-002", form: [
                "nameZh": item.nameZh, "nameEn": item.nameEn, "exercisedAt": item.exercisedAt, "legalBasis": item.legalBasis,
                "handledBy": item.handledBy.rawValue, "statutoryDays": "\(item.statutoryDays)", "promisedDays": "\(item.promisedDays)",
                "feeKind": item.feeKind.rawValue, "fee": "",
                "materials": materials.map(CataloguePages.materialLine).joined(separator: "\n"),
                "itemType": "publicService", "serviceArea": "civilAffairsAndDisability", "requiredPower": "none",
            ])
            #expect(posted.status == .seeOther, "\(posted.body.prefix(300))")
            let after = try #require(try await ServiceItem.query(on: app.db).filter(\.$code == "RS-002").first())
            #expect(after.version == 3 && after.itemType == .publicService && after.serviceArea == .civilAffairsAndDisability && after.requiredPower == nil)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "catalogue.change").filter(\.$outcome == "ok").count() == 2)
            let v2 = try #require(try await ServiceItemVersion.query(on: app.db).filter(\.$itemID == item.requireID()).filter(\.$version == 2).first())
            #expect(v2.requiredPower == .socialAssistanceApproval && v2.itemType == .administrativeConfirmation)
        }
    }

    /// The migration reverts cleanly and, run again, fills every existing version from its item. One connection
    /// throughout: the in-memory SQLite of the tests shares its schema between pooled connections only loosely.
    @Test func versionedFactsMigrationRevertsAndFillsOlderVersions() async throws {
        try await withShequ { app in
            try await app.db.withConnection { db in
                let migration = AddVersionedItemFacts()
                try await migration.revert(on: db)
                let columns = try await (db as! any SQLDatabase).raw("SELECT * FROM service_item_versions LIMIT 1").all().first?.allColumns ?? []
                #expect(!columns.isEmpty && !columns.contains("item_type") && !columns.contains("required_power"), "\(columns)")
                try await migration.prepare(on: db)
                let versions = try await ServiceItemVersion.query(on: db).all()
                let items = Dictionary(uniqueKeysWithValues: try await ServiceItem.query(on: db).all().map { ($0.id!, $0) })
                #expect(versions.count == items.count && !versions.isEmpty)
                for v in versions {
                    let item = try #require(items[v.itemID])
                    #expect(v.itemType == item.itemType && v.serviceArea == item.serviceArea && v.requiredPower == item.requiredPower)
                }
            }
        }
    }
}
