import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

/// The page form and the API route take a step through one command (issue 9, finding 4).
@Suite struct OnePathStepTests {
    @Test func thePageRefusesAWithdrawalByStaffAsTheAPIDoes() async throws {
        try await withServiceHall { app, f in
            try await makeAccount(app, "community.a", .communityStaff, communityA)
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "MZ-001-1"])
            let number = try #require(res.object["trackingNumber"] as? String)
            let staff = Browser(app)
            try await staff.signIn("community.a")
            let page = try await staff.get("/applications/\(number)")
            #expect(page.status == .ok)
            let refused = try await staff.post("/applications/\(number)/steps", form: ["step": "withdraw"])
            #expect(refused.status == .forbidden)
            #expect(refused.headers.contentType?.subType == "html")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "application.withdraw")
                .filter(\.$actor == "community.a").filter(\.$outcome == "denied").count() == 1)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "application.withdraw").filter(\.$outcome == "ok").count() == 0)
            let stored = try #require(try await ServiceHall.Application.query(on: app.db).filter(\.$trackingNumber == number).first())
            #expect(stored.state == .submitted)
            #expect(try await ApplicationEvent.query(on: app.db).count() == 0)
            // The API door answers the same.
            let token = try await app.token("community.a")
            #expect(try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: token, json: ["step": "withdraw"]).status == .forbidden)
        }
    }

    @Test func theApplicantWithdrawsThroughEitherDoor() async throws {
        try await withServiceHall { app, f in
            let one = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            let two = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-004"])
            let byPage = try #require(one.object["trackingNumber"] as? String)
            let byAPI = try #require(two.object["trackingNumber"] as? String)
            let resident = Browser(app)
            try await resident.signIn("applicant")
            #expect(try await resident.get("/applications/\(byPage)").body.contains("撤回申请"))
            let withdrawn = try await resident.post("/applications/\(byPage)/steps", form: ["step": "withdraw"])
            #expect(withdrawn.status == .seeOther)
            let api = try await app.api(.POST, "/api/v1/applications/\(byAPI)/steps", token: f.resident, json: ["step": "withdraw"])
            #expect(api.object["state"] as? String == "withdrawn")
            for number in [byPage, byAPI] {
                let shown = try await app.api(.GET, "/api/v1/applications/\(number)", token: f.resident)
                #expect(shown.object["state"] as? String == "withdrawn")
                #expect((shown.object["events"] as? [[String: Any]])?.compactMap { $0["step"] as? String } == ["withdraw"])
            }
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "application.withdraw").filter(\.$outcome == "ok").count() == 2)
            // Another resident's page form is refused like their API call: not found.
            let res = try await app.api(.POST, "/api/v1/residents", token: try await app.token("admin", adminPassword),
                                        json: residentJSON(communityA, "邻居", "44040219800101456"))
            try await makeAccount(app, "neighbour", .resident, communityA, residentID: UUID(uuidString: res.object["id"] as? String ?? ""))
            let three = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            let other = try #require(three.object["trackingNumber"] as? String)
            let neighbour = Browser(app)
            try await neighbour.signIn("neighbour")
            try await neighbour.get("/applications")
            #expect(try await neighbour.post("/applications/\(other)/steps", form: ["step": "withdraw"]).status == .notFound)
            #expect(try await app.api(.GET, "/api/v1/applications/\(other)", token: f.resident).object["state"] as? String == "submitted")
        }
    }
}
