import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

/// Submits, accepts and completes an application for the fixture's resident; returns its tracking number.
func finishedApplication(_ app: Vapor.Application, _ f: Fixture, item: String = "RS-002") async throws -> String {
    let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": item])
    let number = try #require(res.object["trackingNumber"] as? String)
    _ = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                          json: ["step": "accept", "materialIDs": try await materialIDs(app, item: item)])
    _ = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA, json: ["step": "complete", "outcome": "done"])
    return number
}

@Suite struct RatingTests {
    @Test func applicantRatesOnceAfterCompletion() async throws {
        try await withServiceHall { app, f in
            let open = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            let early = try await app.api(.POST, "/api/v1/applications/\(open.object["trackingNumber"] as! String)/rating",
                                          token: f.resident, json: ["level": "satisfied"])
            #expect(early.status == .conflict)
            let number = try await finishedApplication(app, f)
            let staffTry = try await app.api(.POST, "/api/v1/applications/\(number)/rating", token: f.windowA, json: ["level": "verySatisfied"])
            #expect(staffTry.status == .forbidden)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "application.rate").filter(\.$outcome == "denied").count() == 1)
            let rated = try await app.api(.POST, "/api/v1/applications/\(number)/rating", token: f.resident, json: ["level": "satisfied", "comment": "很快"])
            #expect(rated.status == .created)
            let twice = try await app.api(.POST, "/api/v1/applications/\(number)/rating", token: f.resident, json: ["level": "veryDissatisfied"])
            #expect(twice.status == .conflict)
            let bad = try await app.api(.POST, "/api/v1/applications/\(number)/rating", token: f.resident, json: ["level": "meh"])
            #expect(bad.status == .badRequest)
            #expect(try await app.count(Rating.self) == 1)
            #expect(try await app.count(FollowUp.self) == 0)
        }
    }

    @Test func poorRatingOpensAFollowUpDueInWorkingDaysAndCountsInTheRate() async throws {
        try await withServiceHall { app, f in
            app.serviceHallSettings = ServiceHallSettings(followUpDays: 3)
            let n1 = try await finishedApplication(app, f)
            let n2 = try await finishedApplication(app, f, item: "RS-004")
            _ = try await app.api(.POST, "/api/v1/applications/\(n1)/rating", token: f.resident, json: ["level": "dissatisfied", "comment": "等太久"])
            _ = try await app.api(.POST, "/api/v1/applications/\(n2)/rating", token: f.resident, json: ["level": "veryDissatisfied"])
            let open = try await app.api(.GET, "/api/v1/follow-ups?state=open", token: f.windowA).items
            #expect(open.count == 2)
            let calendar = try app.workingCalendar
            #expect(open.first?["dueOn"] as? String == calendar.deadline(from: LocalDate(instant: Date()), workingDays: 3).description)
            #expect(try await app.api(.GET, "/api/v1/follow-ups", token: f.windowB).items.isEmpty)

            let ids = open.compactMap { $0["id"] as? String }
            let noGround = try await app.api(.POST, "/api/v1/follow-ups/\(ids[0])/answer", token: f.windowA,
                                             json: ["state": "appealed", "response": "申请人材料不全导致"])
            #expect(noGround.status == .unprocessableEntity)
            #expect(try await app.api(.POST, "/api/v1/follow-ups/\(ids[0])/answer", token: f.windowB,
                                      json: ["state": "rectified", "response": "x"]).status == .notFound)
            let appealed = try await app.api(.POST, "/api/v1/follow-ups/\(ids[0])/answer", token: f.windowA,
                                             json: ["state": "appealed", "response": "评价与事实不符", "appealGround": "mistaken"])
            #expect(appealed.object["state"] as? String == "appealed")
            let again = try await app.api(.POST, "/api/v1/follow-ups/\(ids[0])/answer", token: f.windowA,
                                          json: ["state": "rectified", "response": "改"])
            #expect(again.status == .conflict)

            let report = try await app.api(.GET, "/api/v1/ratings/report", token: f.windowA).object
            #expect((report["ratings"] as? [String: Int])?["dissatisfied"] == 1)
            #expect((report["ratings"] as? [String: Int])?["veryDissatisfied"] == 1)
            #expect(report["followUps"] as? Int == 2)
            #expect(report["answered"] as? Int == 1)
            #expect(report["open"] as? Int == 1)
            #expect(report["onTimeRate"] as? Double == 0.5)
        }
    }

    @Test func residentRatesOnThePage() async throws {
        try await withServiceHall { app, f in
            let number = try await finishedApplication(app, f)
            let browser = Browser(app)
            try await browser.signIn("applicant")
            let page = try await browser.get("/applications/\(number)")
            #expect(page.body.contains("评价本次服务"))
            let res = try await browser.post("/applications/\(number)/rating", form: ["level": "verySatisfied", "comment": ""])
            #expect(res.status == .seeOther)
            #expect(try await Rating.query(on: app.db).first()?.level == .verySatisfied)
            #expect(!(try await browser.get("/applications/\(number)").body.contains("评价本次服务")))
        }
    }
}
