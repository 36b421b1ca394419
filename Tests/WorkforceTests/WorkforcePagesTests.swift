import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import Workforce

@Suite struct WorkforcePagesTests {
    /// The official reaches the list, a record and its forms from the workbench; the worker their own record; both
    /// languages; the list's CSV holds every row.
    @Test func pagesAreReachedFromTheWorkbenchInBothLanguages() async throws {
        try await withWorkforce { app, f in
            let made = try await app.api(.POST, "/api/v1/workforce/staff", token: f.streetA,
                                         json: WorkforceFixture.record(place: f.stationA, serviceSince: WorkforceFixture.yearsAgo(9)))
            let id = try #require((made.object["record"] as? [String: Any])?["id"] as? String)
            let official = Browser(app)
            try await official.signIn("official.a")
            let bench = try await official.get("/workbench")
            #expect(bench.body.contains("href=\"/workforce\"") && bench.body.contains("/workforce/workload") && bench.body.contains("/workforce/staff/new"))
            let list = try await official.get("/workforce")
            #expect(list.body.contains("/workforce/staff/\(id)") && list.body.contains("张敏") && list.body.contains("共 1 条"))
            let record = try await official.get("/workforce/staff/\(id)")
            #expect(record.body.contains("等级如何计算") && record.body.contains("action=\"/workforce/staff/\(id)/rotations\""))
            let csv = try await official.get("/workforce/staff.csv")
            #expect(csv.headers.contentType?.subType == "csv" && csv.body.contains("张敏") && csv.body.contains("worker.a"))
            try await official.get("/workforce")
            #expect(try await official.post("/preferences", form: ["lang": "en", "back": "/workforce"]).status.code / 100 == 3)
            let english = try await official.get("/workforce/staff/\(id)")
            #expect(english.body.contains("How the grade is computed") && english.body.contains("Other community worker"))
            #expect(try await official.get("/workforce/rules").body.contains("Grading tables"))

            // The worker: a workbench link to their own record, and no form to change it.
            let worker = Browser(app)
            try await worker.signIn("worker.a")
            #expect(try await worker.get("/workbench").body.contains("/workforce/me"))
            let own = try await worker.get("/workforce/me")
            #expect(own.body.contains("张敏") && own.body.contains("月薪档次"), "\(own.status) \(own.body.suffix(1500))")
            #expect(!own.body.contains("/rotations"))
            // A resident reaches none of it.
            let resident = Browser(app)
            try await resident.signIn("someone")
            #expect(!(try await resident.get("/workbench")).body.contains("/workforce"))
            #expect(try await resident.get("/workforce").status == .forbidden)
        }
    }
}
