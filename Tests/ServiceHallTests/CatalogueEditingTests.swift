import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

/// Issue 11: the catalogue is there from the first start, the city administrator edits it on
/// pages and through the API by one command, and applications keep the version they were accepted under.
@Suite struct CatalogueEditingTests {
    static let newItemForm: [String: String] = [
        "code": "ZZ-001", "itemType": "publicService", "serviceArea": "general",
        "nameZh": "社区活动室借用", "nameEn": "Community room booking", "exercisedAt": "街道级",
        "legalBasis": "本市社区服务办法", "handledBy": "station", "statutoryDays": "5", "promisedDays": "3",
        "feeKind": "free", "fee": "",
        "materials": "借用申请表 | Booking form\n活动方案 | Activity plan | 选交 | 容缺",
    ]

    static func changeJSON(name: String, promisedDays: Int, feeKind: String, feeFen: Int, materials: [[String: Any]]) -> [String: Any] {
        ["nameZh": name, "nameEn": name, "exercisedAt": "区级", "legalBasis": "《社会救助暂行办法》", "handledBy": "center",
         "statutoryDays": 30, "promisedDays": promisedDays, "feeKind": feeKind, "feeFen": feeFen, "materials": materials]
    }

    @Test func aFreshStartHasTheShippedCatalogueWithoutTheDemo() async throws {
        try await withShequ { app in
            let items = try await app.api(.GET, "/api/v1/service-items").array
            let parents = Set(items.compactMap { $0["parentCode"] as? String })
            #expect(items.count == 39)
            #expect(items.filter { !parents.contains($0["code"] as? String ?? "") }.count == 36)
            let permit = try await app.api(.GET, "/api/v1/service-items/GA-001")
            #expect((permit.object["materials"] as? [[String: Any]])?.count == 4)
            #expect(permit.object["statutoryDays"] as? Int == 15)
            #expect(permit.object["version"] as? Int == 1)
            #expect(try await ServiceItemVersion.query(on: app.db).count() == 39)
            // A later start, or the demo, adds nothing to a catalogue that is there.
            try await Catalogue.loadAtFirstStart(on: app.db)
            _ = try await ServiceHallModule().demo(app)
            #expect(try await ServiceItem.query(on: app.db).count() == 39)
            #expect(try await MaterialRequirement.query(on: app.db).count() == (try await MaterialRequirement.query(on: app.db).filter(\.$untilVersion == nil).count()))
        }
    }

    @Test func theAdministratorAddsChangesAndRetiresOnThePages() async throws {
        try await withShequ { app in
            let admin = Browser(app)
            try await admin.signIn("admin", adminPassword)
            #expect(try await admin.get("/").body.contains("href=\"/catalogue\""))
            let list = try await admin.get("/catalogue")
            #expect(list.status == .ok)
            #expect(list.body.contains("MZ-001-1"))
            #expect(try await admin.get("/catalogue/new").status == .ok)
            let added = try await admin.post("/catalogue", form: Self.newItemForm)
            #expect(added.status == .seeOther)
            var guide = try await app.api(.GET, "/api/v1/service-items/ZZ-001")
            #expect(guide.object["name"] as? String == "社区活动室借用")
            #expect(guide.object["promisedDays"] as? Int == 3)
            let materials = guide.object["materials"] as? [[String: Any]] ?? []
            #expect(materials.count == 2)
            #expect(materials.last?["mandatory"] as? Bool == false)
            #expect(materials.last?["deferrable"] as? Bool == true)

            // Change: a fee in yuan, a longer limit, one material less.
            let page = try await admin.get("/catalogue/ZZ-001")
            #expect(page.body.contains("借用申请表 | Booking form"))
            var form = Self.newItemForm
            form["code"] = nil
            form["promisedDays"] = "4"
            form["feeKind"] = "lowCost"
            form["fee"] = "12.50"
            form["materials"] = "借用申请表 | Booking form"
            #expect(try await admin.post("/catalogue/ZZ-001", form: form).status == .seeOther)
            guide = try await app.api(.GET, "/api/v1/service-items/ZZ-001")
            #expect(guide.object["version"] as? Int == 2)
            #expect(guide.object["feeFen"] as? Int == 1250)
            #expect(guide.object["promisedDays"] as? Int == 4)
            #expect((guide.object["materials"] as? [[String: Any]])?.count == 1)
            // The unchanged material carried on as the same requirement.
            #expect((guide.object["materials"] as? [[String: Any]])?.first?["id"] as? String == materials.first?["id"] as? String)

            _ = try await admin.get("/catalogue/ZZ-001")
            #expect(try await admin.post("/catalogue/ZZ-001/retire", form: [:]).status == .seeOther)
            guide = try await app.api(.GET, "/api/v1/service-items/ZZ-001")
            #expect(guide.object["retired"] as? Bool == true)
            #expect(guide.object["version"] as? Int == 3)
            #expect(!(try await app.api(.GET, "/api/v1/service-items").array.contains { $0["code"] as? String == "ZZ-001" }))
            let versions = try await app.api(.GET, "/api/v1/service-items/ZZ-001/versions").array
            #expect(versions.compactMap { $0["version"] as? Int } == [3, 2, 1])
            #expect(versions.compactMap { $0["feeFen"] as? Int } == [1250, 1250, 0])
            for action in ["catalogue.add", "catalogue.change", "catalogue.retire"] {
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == action).filter(\.$actor == "admin")
                    .filter(\.$outcome == "ok").count() == 1)
            }
            let history = try await admin.get("/catalogue/ZZ-001")
            #expect(history.body.contains("已停用"))
        }
    }

    @Test func anApplicationAcceptedBeforeAChangeKeepsItsVersion() async throws {
        try await withServiceHall { app, f in
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "MZ-001-1"])
            let number = try #require(res.object["trackingNumber"] as? String)
            let required = try await materialIDs(app, item: "MZ-001-1")
            let accepted = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                             json: ["step": "accept", "materialIDs": required])
            #expect(accepted.status == .ok)

            let admin = try await app.token("admin", adminPassword)
            let changed = try await app.api(.PUT, "/api/v1/service-items/MZ-001-1", token: admin,
                                            json: Self.changeJSON(name: "低保申请（新）", promisedDays: 10, feeKind: "paid", feeFen: 5000,
                                                                  materials: [["nameZh": "身份证", "nameEn": "ID card"]]))
            #expect(changed.status == .ok)
            #expect(changed.object["version"] as? Int == 2)

            // The API and the page show the version it was accepted under.
            let kept = try await app.api(.GET, "/api/v1/applications/\(number)/item", token: f.resident)
            #expect(kept.status == .ok)
            #expect(kept.object["version"] as? Int == 1)
            #expect(kept.object["feeFen"] as? Int == 0)
            #expect(kept.object["feeKind"] as? String == "free")
            #expect(kept.object["promisedDays"] as? Int == 20)
            #expect((kept.object["materials"] as? [[String: Any]])?.count == 5)
            #expect(kept.object["name"] as? String != "低保申请（新）")
            let resident = Browser(app)
            try await resident.signIn("applicant")
            #expect(try await resident.get("/applications/\(number)").body.contains("/applications/\(number)/item"))
            let page = try await resident.get("/applications/\(number)/item")
            #expect(page.status == .ok)
            #expect(page.body.contains("20 个工作日"))
            #expect(!page.body.contains("低保申请（新）"))

            // A supplement wait is asked by the accepted version's materials and recomputes the due date by its 20 days, not the new 10.
            let oldMaterial = try #require((kept.object["materials"] as? [[String: Any]])?.last?["id"] as? String)
            let asked = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                          json: ["step": "requestSupplement", "reason": "缺收入证明", "materialIDs": [oldMaterial]])
            #expect(asked.status == .ok)
            let received = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA, json: ["step": "receiveSupplement"])
            let today = LocalDate(instant: Date())
            #expect(received.object["dueOn"] as? String
                    == (try app.workingCalendar).deadline(from: today, workingDays: 20, paused: [today...today]).description)
            #expect(try await materialIDs(app, item: "MZ-001-1", onlyRequired: false).count == 1)
            let stored = try #require(try await ServiceHall.Application.query(on: app.db).filter(\.$trackingNumber == number).first())
            #expect(stored.itemVersion == 1)

            // A new application is made and accepted under version 2.
            let later = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "MZ-001-1"])
            let laterNumber = try #require(later.object["trackingNumber"] as? String)
            let now = try await app.api(.GET, "/api/v1/applications/\(laterNumber)/item", token: f.resident)
            #expect(now.object["version"] as? Int == 2)
            #expect(now.object["feeFen"] as? Int == 5000)
        }
    }

    @Test func aRetiredItemRefusesNewApplicationsAndExistingOnesContinue() async throws {
        try await withServiceHall { app, f in
            let before = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            let number = try #require(before.object["trackingNumber"] as? String)
            let admin = try await app.token("admin", adminPassword)
            #expect(try await app.api(.POST, "/api/v1/service-items/RS-002/retire", token: admin).status == .ok)
            let refused = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            #expect(refused.status == .conflict)
            #expect(refused.object["code"] as? String == "item_retired")
            #expect(try await ServiceHall.Application.query(on: app.db).count() == 1)
            // The guide says so and offers no form.
            let resident = Browser(app)
            try await resident.signIn("applicant")
            let guide = try await resident.get("/services/RS-002")
            #expect(!guide.body.contains("/services/RS-002/apply"))
            // The one made before carries on.
            let accepted = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                             json: ["step": "accept", "materialIDs": try await materialIDs(app, item: "RS-002")])
            #expect(accepted.status == .ok)
            #expect(try await app.api(.POST, "/api/v1/service-items/RS-002/retire", token: admin).status == .conflict)
        }
    }

    @Test func anotherRoleIsRefusedAndAudited() async throws {
        try await withServiceHall { app, f in
            let staff = Browser(app)
            try await staff.signIn("window.a")
            #expect(!(try await staff.get("/").body.contains("href=\"/catalogue\"")))
            #expect(try await staff.get("/catalogue").status == .forbidden)
            _ = try await staff.get("/services")
            var form = Self.newItemForm
            form["code"] = nil
            let page = try await staff.post("/catalogue/RS-002", form: form)
            #expect(page.status == .forbidden)
            let api = try await app.api(.PUT, "/api/v1/service-items/RS-002", token: f.windowA,
                                        json: Self.changeJSON(name: "x", promisedDays: 1, feeKind: "free", feeFen: 0, materials: []))
            #expect(api.status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/service-items/RS-002/retire", token: f.resident).status == .forbidden)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "catalogue.edit").filter(\.$outcome == "denied").count() == 4)
            let item = try #require(try await ServiceItem.query(on: app.db).filter(\.$code == "RS-002").first())
            #expect(item.version == 1 && !item.retired)
            #expect(try await ServiceItemVersion.query(on: app.db).count() == 39)
        }
    }

    @Test func badInputIsRefusedWith422AndNothingChanges() async throws {
        try await withShequ { app in
            let admin = try await app.token("admin", adminPassword)
            let bad: [[String: Any]] = [
                Self.changeJSON(name: "x", promisedDays: 40, feeKind: "free", feeFen: 0, materials: []),       // promised over statutory
                Self.changeJSON(name: "x", promisedDays: 5, feeKind: "free", feeFen: 100, materials: []),      // a fee on a free item
                Self.changeJSON(name: "x", promisedDays: 5, feeKind: "paid", feeFen: -1, materials: []),       // below the bound
                Self.changeJSON(name: "x", promisedDays: 5000, feeKind: "free", feeFen: 0, materials: []),     // beyond the bound
                Self.changeJSON(name: "  ", promisedDays: 5, feeKind: "free", feeFen: 0, materials: []),       // a blank name
                Self.changeJSON(name: "x", promisedDays: 5, feeKind: "free", feeFen: 0, materials: [["nameZh": ""]]),
            ]
            for json in bad {
                let res = try await app.api(.PUT, "/api/v1/service-items/MZ-001-1", token: admin, json: json)
                #expect(res.status == .unprocessableEntity, "\(json)")
            }
            // A value outside a published list is refused by the declared schema before anything runs.
            let unknownKind = try await app.api(.PUT, "/api/v1/service-items/MZ-001-1", token: admin,
                                                json: Self.changeJSON(name: "x", promisedDays: 5, feeKind: "gratis", feeFen: 0, materials: []))
            #expect(unknownKind.status == .badRequest)
            let browser = Browser(app)
            try await browser.signIn("admin", adminPassword)
            _ = try await browser.get("/catalogue/MZ-001-1")
            var form = Self.newItemForm
            form["code"] = nil
            form["fee"] = "12.345"
            form["feeKind"] = "paid"
            #expect(try await browser.post("/catalogue/MZ-001-1", form: form).status == .unprocessableEntity)
            form["fee"] = "12"
            form["materials"] = "只有一个名字"
            #expect(try await browser.post("/catalogue/MZ-001-1", form: form).status == .unprocessableEntity)
            _ = try await browser.get("/catalogue/new")
            var add = Self.newItemForm
            add["code"] = "bad code!"
            #expect(try await browser.post("/catalogue", form: add).status == .unprocessableEntity)
            add["code"] = "MZ-001-1"
            #expect(try await browser.post("/catalogue", form: add).status == .conflict)
            let item = try #require(try await ServiceItem.query(on: app.db).filter(\.$code == "MZ-001-1").first())
            #expect(item.version == 1)
            #expect(try await ServiceItemVersion.query(on: app.db).count() == 39)
            #expect(try await ServiceItem.query(on: app.db).count() == 39)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["catalogue.add", "catalogue.change"]).count() == 0)
        }
    }

    @Test func aChangeOnOneInstanceReachesAnotherCacheWithinTheInterval() async throws {
        try await withShequ { app in
            // A second instance's cache over the same database.
            let other = CatalogueCache(recheckInterval: 0)
            let before = try #require(try await other.entry(code: "RS-002", on: app.db))
            #expect(before.isApplicable)
            let admin = try await app.token("admin", adminPassword)
            #expect(try await app.api(.POST, "/api/v1/service-items/RS-002/retire", token: admin).status == .ok)
            let after = try #require(try await other.entry(code: "RS-002", on: app.db))
            #expect(after.item.retired)
            #expect(!after.isApplicable)
        }
    }
}

/// Every catalogue route, for every role: only the city administrator edits; the versions are public;
/// the item as accepted is read by whoever reads the application (`anApplicationAcceptedBeforeAChangeKeepsItsVersion`
/// and `theItemAsAcceptedIsReadOnlyByThoseWhoReadTheApplication`).
@Suite struct CatalogueRoleWalk {
    static let routes: Set<String> = [
        "POST /api/v1/service-items", "PUT /api/v1/service-items/:code", "POST /api/v1/service-items/:code/retire",
        "GET /api/v1/service-items/:code/versions", "GET /api/v1/applications/:trackingNumber/item",
        "GET /catalogue", "GET /catalogue/new", "POST /catalogue", "GET /catalogue/:code", "POST /catalogue/:code",
        "POST /catalogue/:code/retire", "GET /applications/:trackingNumber/item",
    ]

    @Test func onlyTheCityAdministratorEditsTheCatalogue() async throws {
        try await withShequ { app in
            for role in Role.allCases {
                let username = "cat.\(role.rawValue)".lowercased()
                try await makeAccount(app, username, role, walkScopes[role] ?? "4404")
                let token = try await app.token(username)
                let allowed = role == .cityAdministrator
                func check(_ res: APIResult, _ what: String) {
                    let refused = [.forbidden, .notFound, .unauthorized].contains(res.status)
                    #expect(allowed ? !refused : refused, "\(role) \(what): \(res.status)")
                }
                let change = CatalogueEditingTests.changeJSON(name: "最低生活保障", promisedDays: 20, feeKind: "free", feeFen: 0,
                                                              materials: [["nameZh": "身份证", "nameEn": "ID card"]])
                check(try await app.api(.PUT, "/api/v1/service-items/MZ-001-1", token: token, json: change), "PUT service-items")
                var add = change
                add["code"] = "MZ-001-1"
                add["itemType"] = "publicService"
                add["serviceArea"] = "general"
                check(try await app.api(.POST, "/api/v1/service-items", token: token, json: add), "POST service-items")
                check(try await app.api(.POST, "/api/v1/service-items/RS-004/retire", token: token), "retire")
                #expect(try await app.api(.GET, "/api/v1/service-items/RS-004/versions", token: token).status == .ok)

                let browser = Browser(app)
                try await browser.signIn(username)
                for path in ["/catalogue", "/catalogue/new", "/catalogue/MZ-003"] {
                    check(try await browser.get(path), "GET \(path)")
                }
                _ = try await browser.get("/services")
                var form = CatalogueEditingTests.newItemForm
                form["code"] = "MZ-003"
                check(try await browser.post("/catalogue", form: form), "POST /catalogue")
                _ = try await browser.get("/services")
                form["code"] = nil
                check(try await browser.post("/catalogue/MZ-003", form: form), "POST /catalogue/:code")
                _ = try await browser.get("/services")
                check(try await browser.post("/catalogue/RS-002/retire", form: [:]), "POST /catalogue/:code/retire")
            }
        }
    }

    @Test func theItemAsAcceptedIsReadOnlyByThoseWhoReadTheApplication() async throws {
        try await withServiceHall { app, f in
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            let number = try #require(res.object["trackingNumber"] as? String)
            #expect(try await app.api(.GET, "/api/v1/applications/\(number)/item", token: f.windowA).status == .ok)
            try await makeAccount(app, "dept.other", .departmentStaff, "4404")
            let stranger = try await app.api(.GET, "/api/v1/applications/\(number)/item", token: try await app.token("dept.other"))
            #expect([.forbidden, .notFound].contains(stranger.status))
            #expect(try await app.api(.GET, "/api/v1/applications/\(number)/item").status == .unauthorized)
        }
    }
}
