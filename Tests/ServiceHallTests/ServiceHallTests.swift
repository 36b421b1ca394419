import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

/// A platform with the demo catalogue and places, a resident who can sign in, and window staff.
func withServiceHall(_ body: (Vapor.Application, Fixture) async throws -> Void) async throws {
    try await withShequ { app in
        _ = try await ServiceHallModule().demo(app)
        let admin = try await app.token("admin", adminPassword)
        let created = try await app.api(.POST, "/api/v1/residents", token: admin,
                                        json: residentJSON(communityA, "申请人", "44040219700101123", phone: "13800138000"))
        let residentID = try #require(UUID(uuidString: created.object["id"] as? String ?? ""))
        try await makeAccount(app, "applicant", .resident, communityA, residentID: residentID)
        try await makeAccount(app, "window.a", .centerStaff, streetA)
        try await makeAccount(app, "window.b", .centerStaff, streetB)
        try await body(app, Fixture(resident: try await app.token("applicant"), windowA: try await app.token("window.a"),
                                    windowB: try await app.token("window.b"), residentID: residentID))
    }
}

struct Fixture {
    let resident: String
    let windowA: String
    let windowB: String
    let residentID: UUID
}

func materialIDs(_ app: Vapor.Application, item code: String, onlyRequired: Bool = true) async throws -> [String] {
    let guide = try await app.api(.GET, "/api/v1/service-items/\(code)")
    return (guide.object["materials"] as? [[String: Any]] ?? [])
        .filter { !onlyRequired || (($0["mandatory"] as? Bool) == true && ($0["deferrable"] as? Bool) == false) }
        .compactMap { $0["id"] as? String }
}

@Suite struct ServiceHallCatalogueTests {
    @Test func demoCatalogueHasThirtyApplicableItemsWithGuides() async throws {
        try await withShequ { app in
            _ = try await ServiceHallModule().demo(app)
            _ = try await ServiceHallModule().demo(app)
            let items = try await app.api(.GET, "/api/v1/service-items").array
            let codes = Set(items.compactMap { $0["code"] as? String })
            #expect(codes.count == items.count)
            let parents = Set(items.compactMap { $0["parentCode"] as? String })
            let applicable = items.filter { !parents.contains($0["code"] as! String) }
            #expect(applicable.count >= 30)
            #expect(Set(items.compactMap { $0["itemType"] as? String }).count == 5)
            for item in items {
                #expect(!(item["legalBasis"] as? String ?? "").isEmpty)
                #expect((item["promisedDays"] as? Int ?? 99) <= (item["statutoryDays"] as? Int ?? 0))
            }
            let permit = try await app.api(.GET, "/api/v1/service-items/GA-001", headers: ["Accept-Language": "en"])
            #expect(permit.object["name"] as? String == "Residence permit application")
            #expect((permit.object["materials"] as? [[String: Any]])?.count == 4)
            #expect(try await app.api(.GET, "/api/v1/service-items/NOPE").status == .notFound)
            let places = try await app.api(.GET, "/api/v1/service-places").array
            #expect(places.filter { $0["kind"] as? String == "center" }.count == 2)
        }
    }

    @Test func catalogueAndGuidesArePublicPages() async throws {
        try await withShequ { app in
            _ = try await ServiceHallModule().demo(app)
            let page = try await Browser(app).get("/services")
            #expect(page.status == .ok)
            #expect(page.body.contains("居住证申领"))
            #expect(page.body.contains("民政与残联"))
            let guide = try await Browser(app).get("/services/MZ-001-1")
            #expect(guide.body.contains("《社会救助暂行办法》"))
            #expect(guide.body.contains("可容缺后补"))
        }
    }
}

@Suite struct ServiceHallApplicationTests {
    @Test func residentAppliesOnlineAndTracksWithoutSigningIn() async throws {
        try await withServiceHall { app, f in
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "MZ-005", "details": "本人年满80周岁"])
            #expect(res.status == .created)
            let number = try #require(res.object["trackingNumber"] as? String)
            #expect(TrackingNumber.normalize(number) == number)
            #expect(res.object["channel"] as? String == "online")
            let spoken = number.lowercased().replacingOccurrences(of: "-", with: " ")
            let found = try await app.api(.GET, "/api/v1/applications/lookup?trackingNumber=\(spoken.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&last4=8000")
            #expect(found.status == .ok)
            #expect(found.object["state"] as? String == "submitted")
            let byID = try await app.api(.GET, "/api/v1/applications/lookup?trackingNumber=\(number)&last4=\(validID("44040219700101123").suffix(4))")
            #expect(byID.status == .ok)
            let wrong = try await app.api(.GET, "/api/v1/applications/lookup?trackingNumber=\(number)&last4=1234")
            #expect(wrong.status == .notFound)
            #expect(!wrong.body.contains("submitted"))
            let page = try await Browser(app).get("/track?trackingNumber=\(number)&last4=8000")
            #expect(page.body.contains("已提交"))
        }
    }

    @Test func headingsAndUnknownItemsAreRefused() async throws {
        try await withServiceHall { app, f in
            let heading = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "MZ-000"])
            #expect(heading.status == .unprocessableEntity)
            #expect(heading.object["code"] as? String == "item_is_heading")
            let unknown = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "XX-1"])
            #expect(unknown.status == .unprocessableEntity)
            #expect(try await app.count(ServiceHall.Application.self) == 0)
        }
    }

    @Test func windowAcceptsOnlyWithTheMandatoryMaterialsAndBecomesResponsible() async throws {
        try await withServiceHall { app, f in
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "MZ-001-1"])
            let number = res.object["trackingNumber"] as! String
            let missing = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA, json: ["step": "accept"])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.object["code"] as? String == "materials_missing")
            #expect((missing.object["reason"] as? String ?? "").contains("户口簿"))
            // Bank account and income proof may be supplied later (容缺): acceptance does not wait for them.
            let required = try await materialIDs(app, item: "MZ-001-1")
            let accepted = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                             json: ["step": "accept", "materialIDs": required])
            #expect(accepted.status == .ok)
            #expect(accepted.object["state"] as? String == "accepted")
            let calendar = try app.workingCalendar
            let today = LocalDate(instant: Date())
            #expect(accepted.object["dueOn"] as? String == calendar.deadline(from: today, workingDays: 20).description)
            let stored = try #require(try await ServiceHall.Application.query(on: app.db).first())
            let staff = try #require(try await Account.query(on: app.db).filter(\.$username == "window.a").first())
            #expect(stored.responsibleAccountID == staff.id)
        }
    }

    @Test func oneTimeNotificationAllowsASecondRequestOnlyForANewReason() async throws {
        try await withServiceHall { app, f in
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "MZ-003"])
            let number = res.object["trackingNumber"] as! String
            _ = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                  json: ["step": "accept", "materialIDs": try await materialIDs(app, item: "MZ-003")])
            let all = try await materialIDs(app, item: "MZ-003", onlyRequired: false)
            let noList = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                           json: ["step": "requestSupplement", "reason": "缺材料"])
            #expect(noList.object["code"] as? String == "supplement_materials")
            let first = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                          json: ["step": "requestSupplement", "reason": "缺事故证明和银行账户", "materialIDs": [all[2], all[3]]])
            #expect(first.object["state"] as? String == "awaitingSupplement")
            _ = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA, json: ["step": "receiveSupplement"])
            let again = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                          json: ["step": "requestSupplement", "reason": "还缺身份证", "materialIDs": [all[0]]])
            #expect(again.status == .conflict)
            #expect(again.object["code"] as? String == "one_time_notification")
            let later = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                          json: ["step": "requestSupplement", "reason": "银行账户已被冻结，需换卡", "materialIDs": [all[3]], "arisesLater": true])
            #expect(later.object["state"] as? String == "awaitingSupplement")
        }
    }

    @Test func supplementWaitIsExcludedFromTheDeadline() async throws {
        try await withServiceHall { app, f in
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-003"])
            let a = try #require(try await ServiceHall.Application.query(on: app.db).filter(\.$trackingNumber == (res.object["trackingNumber"] as! String)).first())
            let calendar = try app.workingCalendar
            let ids = try await MaterialRequirement.query(on: app.db).all().filter { $0.itemID == a.itemID }.map { $0.id! }
            // Accepted Friday 27 Sep 2024 (promised 10 working days, across National Day).
            _ = try await ApplicationService.take(StepInput(step: .accept, materialIDs: ids), on: a, actor: "t", actorAccount: nil, office: ActingOffice(scopes: [streetA]),
                                                  calendar: calendar, today: LocalDate("2024-09-27")!, on: app.db)
            #expect(a.dueOn == calendar.deadline(from: LocalDate("2024-09-27")!, workingDays: 10).description)
            let unpaused = a.dueOn
            _ = try await ApplicationService.take(StepInput(step: .requestSupplement, reason: "缺失业登记证明", materialIDs: [ids[1]]), on: a,
                                                  actor: "t", actorAccount: nil, office: ActingOffice(scopes: [streetA]), calendar: calendar, today: LocalDate("2024-10-08")!, on: app.db)
            _ = try await ApplicationService.take(StepInput(step: .receiveSupplement), on: a, actor: "t", actorAccount: nil, office: ActingOffice(scopes: [streetA]),
                                                  calendar: calendar, today: LocalDate("2024-10-10")!, on: app.db)
            // 8, 9 and 10 October were spent waiting: three working days added.
            #expect(a.state == .accepted)
            #expect(a.dueOn == calendar.deadline(from: LocalDate(unpaused!)!, workingDays: 3).description)
        }
    }

    @Test func illegalStepsAndMissingReasonsAreRefused() async throws {
        try await withServiceHall { app, f in
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            let number = res.object["trackingNumber"] as! String
            let early = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA, json: ["step": "complete"])
            #expect(early.status == .conflict)
            #expect(early.object["code"] as? String == "illegal_step")
            let noReason = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA, json: ["step": "decline"])
            #expect(noReason.object["code"] as? String == "reason_required")
            let bad = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA, json: ["step": "teleport"])
            #expect(bad.status == .badRequest)
            let shown = try await app.api(.GET, "/api/v1/applications/\(number)", token: f.resident)
            #expect(shown.object["state"] as? String == "submitted")
        }
    }

    @Test func hotlineStaffApplyByIDNumberOnlyInTheirScope() async throws {
        try await withServiceHall { app, f in
            let id = validID("44040219700101123")
            let other = try await app.api(.POST, "/api/v1/applications", token: f.windowB,
                                          json: ["itemCode": "RS-004", "residentIDNumber": id, "channel": "hotline"])
            #expect(other.status == .notFound)
            let res = try await app.api(.POST, "/api/v1/applications", token: f.windowA,
                                        json: ["itemCode": "RS-004", "residentIDNumber": id, "channel": "hotline"])
            #expect(res.status == .created)
            #expect(res.object["channel"] as? String == "hotline")
            let number = res.object["trackingNumber"] as! String
            #expect(try await app.api(.GET, "/api/v1/applications/\(number)", token: f.windowB).status == .notFound)
            #expect(try await app.api(.GET, "/api/v1/applications", token: f.windowB).items.isEmpty)
            #expect(try await app.api(.GET, "/api/v1/applications", token: f.resident).items.count == 1)
            let badID = try await app.api(.POST, "/api/v1/applications", token: f.windowA,
                                          json: ["itemCode": "RS-004", "residentIDNumber": "440402197001011230"])
            #expect(badID.status == .unprocessableEntity)
        }
    }

    @Test func onlyTheApplicantWithdrawsAndOnlyBeforeCompletion() async throws {
        try await withServiceHall { app, f in
            let one = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            let n1 = one.object["trackingNumber"] as! String
            #expect(try await app.api(.POST, "/api/v1/applications/\(n1)/steps", token: f.windowA, json: ["step": "withdraw"]).status == .forbidden)
            let withdrawn = try await app.api(.POST, "/api/v1/applications/\(n1)/steps", token: f.resident, json: ["step": "withdraw"])
            #expect(withdrawn.object["state"] as? String == "withdrawn")

            let two = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            let n2 = two.object["trackingNumber"] as! String
            #expect(try await app.api(.POST, "/api/v1/applications/\(n2)/steps", token: f.resident, json: ["step": "accept"]).status == .notFound)
            _ = try await app.api(.POST, "/api/v1/applications/\(n2)/steps", token: f.windowA, json: ["step": "accept", "materialIDs": try await materialIDs(app, item: "RS-002")])
            _ = try await app.api(.POST, "/api/v1/applications/\(n2)/steps", token: f.windowA, json: ["step": "complete", "outcome": "已登记"])
            let late = try await app.api(.POST, "/api/v1/applications/\(n2)/steps", token: f.resident, json: ["step": "withdraw"])
            #expect(late.status == .conflict)
            let history = try await app.api(.GET, "/api/v1/applications/\(n2)", token: f.resident)
            #expect((history.object["events"] as? [[String: Any]])?.compactMap { $0["step"] as? String } == ["accept", "complete"])
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "application.complete").count() == 1)
        }
    }

    @Test func staffSeeDueSoonAndOverdueInTheirScope() async throws {
        try await withServiceHall { app, f in
            var numbers: [String] = []
            for code in ["RS-002", "RS-004", "MZ-005"] {
                let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": code])
                let n = res.object["trackingNumber"] as! String
                _ = try await app.api(.POST, "/api/v1/applications/\(n)/steps", token: f.windowA,
                                      json: ["step": "accept", "materialIDs": try await materialIDs(app, item: code)])
                numbers.append(n)
            }
            let today = LocalDate(instant: Date())
            try await ServiceHall.Application.query(on: app.db).filter(\.$trackingNumber == numbers[0])
                .set(\.$dueOn, to: today.adding(days: -1).description).update()
            try await ServiceHall.Application.query(on: app.db).filter(\.$trackingNumber == numbers[2])
                .set(\.$dueOn, to: today.adding(days: 60).description).update()
            let overdue = try await app.api(.GET, "/api/v1/applications?due=overdue", token: f.windowA).items
            #expect(overdue.compactMap { $0["trackingNumber"] as? String } == [numbers[0]])
            let soon = try await app.api(.GET, "/api/v1/applications?due=soon", token: f.windowA).items.compactMap { $0["trackingNumber"] as? String }
            #expect(soon.contains(numbers[1]))
            #expect(!soon.contains(numbers[0]))
            #expect(!soon.contains(numbers[2]))
            #expect(try await app.api(.GET, "/api/v1/applications?due=overdue", token: f.windowB).items.isEmpty)
            #expect(try await app.api(.GET, "/api/v1/applications?due=later", token: f.windowA).status == .unprocessableEntity)
        }
    }
}
