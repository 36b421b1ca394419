import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

/// O2: an item needing a district-level power (the demo's MZ-008 needs 部分社会救助审批, granted to
/// 翠香街道 by 香洲区) is handled only at centres of streets holding it, by the API and the pages alike.
@Suite struct DelegatedPowerHandlingTests {
    static let item = "MZ-008"

    func applicantInB(_ app: Vapor.Application) async throws -> UUID {
        let res = try await app.api(.POST, "/api/v1/residents", token: try await app.token("admin", adminPassword),
                                    json: residentJSON(communityB, "梅华居民", "44040219750101234"))
        return try #require(UUID(uuidString: res.object["id"] as? String ?? ""))
    }

    func submitted(_ app: Vapor.Application) async throws -> Int { try await ServiceHall.Application.query(on: app.db).count() }

    @Test func aStreetHoldingThePowerHandlesIt() async throws {
        try await withServiceHall { app, f in
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": Self.item])
            #expect(res.status == .created)
            let number = try #require(res.object["trackingNumber"] as? String)
            let ids = try await materialIDs(app, item: Self.item)
            let accepted = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                             json: ["step": "accept", "materialIDs": ids])
            #expect(accepted.object["state"] as? String == "accepted")
            let done = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA, json: ["step": "complete", "outcome": "批准"])
            #expect(done.object["state"] as? String == "completed")
        }
    }

    @Test func aStreetWithoutItIsRefusedCitingO2AndNothingIsWritten() async throws {
        try await withServiceHall { app, f in
            let residentB = try await applicantInB(app)
            let before = try await submitted(app)
            let auditBefore = try await AuditEntry.query(on: app.db).filter(\.$action == "application.submit").count()
            let zh = try await app.api(.POST, "/api/v1/applications", token: f.windowB,
                                       json: ["itemCode": Self.item, "residentID": residentB.uuidString])
            #expect(zh.status == .unprocessableEntity)
            #expect(zh.body.contains("O2") && zh.body.contains("部分社会救助审批") && zh.body.contains("翠香街道"))
            let en = try await app.api(.POST, "/api/v1/applications", token: f.windowB,
                                       json: ["itemCode": Self.item, "residentID": residentB.uuidString], headers: ["Accept-Language": "en"])
            #expect(en.status == .unprocessableEntity)
            #expect(en.body.contains("O2: this item needs a district-level power"))
            // Naming the other street's centre does not lend its power to 梅华 either: a centre serves where it stands.
            let centreB = try #require(try await ServicePlace.query(on: app.db).filter(\.$divisionCode == streetB).first())
            let named = try await app.api(.POST, "/api/v1/applications", token: f.windowB,
                                          json: ["itemCode": Self.item, "residentID": residentB.uuidString, "placeID": centreB.id!.uuidString])
            #expect(named.status == .unprocessableEntity)
            #expect(try await submitted(app) == before)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "application.submit").count() == auditBefore)
            // Items needing no power are unaffected.
            #expect(try await app.api(.POST, "/api/v1/applications", token: f.windowB,
                                      json: ["itemCode": "MZ-001-1", "residentID": residentB.uuidString]).status == .created)
        }
    }

    @Test func aStationNeverHandlesIt() async throws {
        try await withServiceHall { app, f in
            let station = try #require(try await ServicePlace.query(on: app.db).filter(\.$divisionCode == communityA).first())
            let atStation = try await app.api(.POST, "/api/v1/applications", token: f.windowA,
                                              json: ["itemCode": Self.item, "residentID": f.residentID.uuidString, "placeID": station.id!.uuidString])
            #expect(atStation.status == .unprocessableEntity)
            #expect(atStation.body.contains("O2"))
            // Submitted for the street's centre, the station's staff still cannot accept it; the centre can.
            try await makeAccount(app, "station.a", .stationStaff, communityA)
            let station1 = try await app.token("station.a")
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": Self.item])
            let number = try #require(res.object["trackingNumber"] as? String)
            let ids = try await materialIDs(app, item: Self.item)
            let refused = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: station1, json: ["step": "accept", "materialIDs": ids])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("O2"))
            #expect(try await ApplicationEvent.query(on: app.db).count() == 0)
            #expect(try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                      json: ["step": "accept", "materialIDs": ids]).object["state"] as? String == "accepted")
        }
    }

    @Test func afterRevocationTheStreetIsRefusedByTheAPIAndThePage() async throws {
        try await withServiceHall { app, f in
            let one = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": Self.item])
            let two = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": Self.item])
            let byAPI = try #require(one.object["trackingNumber"] as? String)
            let byPage = try #require(two.object["trackingNumber"] as? String)
            try await makeAccount(app, "district.xz", .districtOfficial, "440402")
            let district = try await app.token("district.xz")
            let grant = try #require(try await DelegatedPower.query(on: app.db).filter(\.$streetCode == streetA).first())
            let revoked = try await app.api(.POST, "/api/v1/delegated-powers/\(grant.id!)/revoke", token: district,
                                            json: ["reason": "街道机构调整，权限收回区民政局"])
            #expect(revoked.status == .ok)
            #expect(revoked.object["inForce"] as? Bool == false)

            let ids = try await materialIDs(app, item: Self.item)
            let api = try await app.api(.POST, "/api/v1/applications/\(byAPI)/steps", token: f.windowA, json: ["step": "accept", "materialIDs": ids])
            #expect(api.status == .unprocessableEntity)
            #expect(api.body.contains("O2"))
            let window = Browser(app)
            try await window.signIn("window.a")
            try await window.get("/applications/\(byPage)")
            let page = try await window.post("/applications/\(byPage)/steps", pairs: [("step", "accept")] + ids.map { ("materialIDs[]", $0) })
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("O2"))
            for number in [byAPI, byPage] {
                #expect(try await app.api(.GET, "/api/v1/applications/\(number)", token: f.resident).object["state"] as? String == "submitted")
            }
            #expect(try await ApplicationEvent.query(on: app.db).count() == 0)
            // The page's apply form is refused like the API; declining (not ours) is still open to the centre.
            let resident = Browser(app)
            try await resident.signIn("applicant")
            try await resident.get("/services/\(Self.item)")
            let applied = try await resident.post("/services/\(Self.item)/apply", form: ["details": "大额临时救助"])
            #expect(applied.status == .unprocessableEntity)
            #expect(applied.body.contains("O2"))
            let declined = try await app.api(.POST, "/api/v1/applications/\(byAPI)/steps", token: f.windowA,
                                             json: ["step": "decline", "reason": "本街道已无此权限，请到区民政局办理"])
            #expect(declined.object["state"] as? String == "notAccepted")
        }
    }

    @Test func aTransferGoesOnlyToACentreHoldingThePower() async throws {
        try await withServiceHall { app, f in
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": Self.item])
            let number = try #require(res.object["trackingNumber"] as? String)
            let ids = try await materialIDs(app, item: Self.item)
            _ = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA, json: ["step": "accept", "materialIDs": ids])
            let centreB = try #require(try await ServicePlace.query(on: app.db).filter(\.$divisionCode == streetB).first())
            let toB = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                        json: ["step": "transfer", "centerID": centreB.id!.uuidString])
            #expect(toB.status == .unprocessableEntity)
            let bureau = Department(name: "香洲区民政局", divisionCode: "440402")
            try await bureau.create(on: app.db)
            let toDepartment = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                                 json: ["step": "transfer", "departmentID": bureau.id!.uuidString])
            #expect(toDepartment.object["state"] as? String == "transferred")
        }
    }

    @Test func theGuideSaysWhichPowerAndWhichStreets() async throws {
        try await withServiceHall { app, _ in
            let guide = try await app.api(.GET, "/api/v1/service-items/\(Self.item)")
            #expect(guide.object["requiredPower"] as? String == "socialAssistanceApproval")
            #expect(guide.object["powerHeldBy"] as? [String] == [streetA])
            #expect(try await app.api(.GET, "/api/v1/service-items/MZ-001-1").object["requiredPower"] == nil)
            let page = try await Browser(app).get("/services/\(Self.item)")
            #expect(page.body.contains("部分社会救助审批") && page.body.contains("翠香街道"))
            #expect(page.body.contains("/delegated-powers?power=socialAssistanceApproval"))
            // A resident of a street holding it is offered the form; one of another street is told why not.
            let here = Browser(app)
            try await here.signIn("applicant")
            #expect(try await here.get("/services/\(Self.item)").body.contains("action=\"/services/\(Self.item)/apply\""))
            try await makeAccount(app, "resident.b", .resident, communityB, residentID: try await applicantInB(app))
            let there = Browser(app)
            try await there.signIn("resident.b")
            let told = try await there.get("/services/\(Self.item)")
            #expect(told.body.contains("O2") && !told.body.contains("action=\"/services/\(Self.item)/apply\""))
        }
    }

    @Test func feesAreMoneyInFenOnTheWireAndYuanOnThePage() async throws {
        try await withServiceHall { app, _ in
            let guide = try await app.api(.GET, "/api/v1/service-items/TY-001")
            #expect(guide.object["feeFen"] as? Int == 500)
            let item = try #require(try await ServiceItem.query(on: app.db).filter(\.$code == "TY-001").first())
            #expect(item.fee == Money(fen: 500))
            let page = try await Browser(app).get("/services/TY-001")
            #expect(page.body.contains("¥5.00"))
        }
    }
}
