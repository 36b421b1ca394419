import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

/// Department staff act only on applications transferred to the department on their grant (issue 9, finding 8).
@Suite struct DepartmentReachTests {
    struct Departments {
        let civil: UUID
        let civilOutpost: UUID
        let justice: UUID
    }

    static func departments(_ app: Vapor.Application) async throws -> Departments {
        let civil = Department(name: "珠海市民政局", divisionCode: "4404")
        try await civil.create(on: app.db)
        let outpost = Outpost(departmentID: try civil.requireID(), divisionCode: streetA, name: "民政局派驻翠香")
        try await outpost.create(on: app.db)
        let justice = Department(name: "香洲区司法局", divisionCode: "440402")
        try await justice.create(on: app.db)
        return Departments(civil: try civil.requireID(), civilOutpost: try outpost.requireID(), justice: try justice.requireID())
    }

    static func departmentStaff(_ app: Vapor.Application, _ username: String, department: UUID?) async throws -> String {
        let account = Account(username: username, passwordHash: try app.password.hash(staffPassword), displayName: username)
        try await account.create(on: app.db)
        try await Grant(accountID: account.requireID(), role: .departmentStaff, scope: "4404", departmentID: department).create(on: app.db)
        return try await app.token(username)
    }

    /// Everything department staff could try on one application: the list, the due list, the detail,
    /// a step, the materials and one file.
    static func reach(_ app: Vapor.Application, token: String, number: String, upload: String) async throws -> [String: HTTPResponseStatus] {
        let listed = try await app.api(.GET, "/api/v1/applications", token: token).items.compactMap { $0["trackingNumber"] as? String }
        let due = try await app.api(.GET, "/api/v1/applications?due=soon", token: token).items.compactMap { $0["trackingNumber"] as? String }
        return [
            "list": listed.contains(number) ? .ok : .notFound,
            "due": due.contains(number) ? .ok : .notFound,
            "detail": try await app.api(.GET, "/api/v1/applications/\(number)", token: token).status,
            "materials": try await app.api(.GET, "/api/v1/applications/\(number)/materials", token: token).status,
            "file": try await app.api(.GET, "/api/v1/applications/\(number)/files/\(upload)", token: token).status,
        ]
    }

    @Test func departmentStaffReachOnlyWhatWasTransferredToTheirDepartment() async throws {
        try await withServiceHall { app, f in
            let d = try await Self.departments(app)
            let civil = try await Self.departmentStaff(app, "dept.civil", department: d.civil)
            let noDepartment = try await Self.departmentStaff(app, "dept.none", department: nil)

            // A resident's minimum-living-allowance application, with an uploaded material, accepted at the window.
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "MZ-001-1"])
            let number = try #require(res.object["trackingNumber"] as? String)
            let required = try await materialIDs(app, item: "MZ-001-1")
            #expect(try await uploadFile(app, token: f.resident, number: number, material: required[0], data: pdf).status == .created)
            let upload = try #require(try await MaterialUpload.query(on: app.db).first()?.id?.uuidString)

            // Not transferred: nothing of it is reached, and a decline is refused and logged.
            for (what, status) in try await Self.reach(app, token: civil, number: number, upload: upload) {
                #expect(status == .notFound, "not transferred: \(what) answered \(status)")
            }
            let declined = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: civil,
                                             json: ["step": "decline", "reason": "不符合条件"])
            #expect(declined.status == .notFound)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$actor == "dept.civil").filter(\.$outcome == "denied").count() >= 1)
            #expect(try await app.api(.GET, "/api/v1/applications/\(number)", token: f.resident).object["state"] as? String == "submitted")

            // A transfer must say where it goes.
            #expect(try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                      json: ["step": "accept", "materialIDs": required]).status == .ok)
            let nowhere = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA, json: ["step": "transfer"])
            #expect(nowhere.status == .unprocessableEntity)
            #expect(nowhere.object["code"] as? String == "transfer_destination")

            // Transferred to another department: still out of reach.
            let toJustice = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                              json: ["step": "transfer", "departmentID": d.justice.uuidString])
            #expect(toJustice.status == .ok)
            try await ServiceHall.Application.query(on: app.db).filter(\.$trackingNumber == number)
                .set(\.$dueOn, to: LocalDate(instant: Date()).description).update()
            for (what, status) in try await Self.reach(app, token: civil, number: number, upload: upload) {
                #expect(status == .notFound, "transferred elsewhere: \(what) answered \(status)")
            }
            #expect(try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: civil,
                                      json: ["step": "refuse", "reason": "x"]).status == .notFound)

            // Back through the window to the civil-affairs bureau's outpost: its department's staff reach it.
            #expect(try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA, json: ["step": "process"]).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                      json: ["step": "transfer", "outpostID": d.civilOutpost.uuidString]).status == .ok)
            for (what, status) in try await Self.reach(app, token: civil, number: number, upload: upload) {
                #expect(status == .ok, "transferred to their outpost: \(what) answered \(status)")
            }
            let processed = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: civil, json: ["step": "process"])
            #expect(processed.status == .ok)
            #expect(processed.object["state"] as? String == "inProgress")
            let stored = try #require(try await ServiceHall.Application.query(on: app.db).filter(\.$trackingNumber == number).first())
            #expect(stored.transferDepartmentID == d.civil)
            #expect(stored.transferOutpostID == d.civilOutpost)

            // A department grant that names no department reaches nothing.
            for (what, status) in try await Self.reach(app, token: noDepartment, number: number, upload: upload) {
                #expect(status == .notFound, "no department on the grant: \(what) answered \(status)")
            }
        }
    }

    @Test func departmentStaffPagesFollowTheSameRule() async throws {
        try await withServiceHall { app, f in
            let d = try await Self.departments(app)
            _ = try await Self.departmentStaff(app, "dept.civil", department: d.civil)
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "MZ-001-1"])
            let number = try #require(res.object["trackingNumber"] as? String)
            let browser = Browser(app)
            try await browser.signIn("dept.civil")
            #expect(try await browser.get("/applications/\(number)").status == .notFound)
            #expect(!(try await browser.get("/applications").body.contains(number)))
            try await browser.get("/applications")
            let step = try await browser.post("/applications/\(number)/steps", form: ["step": "decline", "reason": "不符合条件"])
            #expect(step.status == .notFound)

            // The window's page offers the destinations; choosing the department there transfers it.
            _ = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA,
                                  json: ["step": "accept", "materialIDs": try await materialIDs(app, item: "MZ-001-1")])
            let window = Browser(app)
            try await window.signIn("window.a")
            let page = try await window.get("/applications/\(number)")
            #expect(page.body.contains("department:\(d.civil)"))
            let moved = try await window.post("/applications/\(number)/steps", form: ["step": "transfer", "transferTo": "department:\(d.civil)"])
            #expect(moved.status == .seeOther)
            #expect(try await browser.get("/applications/\(number)").status == .ok)
            #expect(try await browser.get("/applications").body.contains(number))
        }
    }
}
