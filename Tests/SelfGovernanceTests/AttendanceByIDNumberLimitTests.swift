import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import SelfGovernance

/// Issue 9, finding 2: registering attendance by ID number answers whether that number is
/// registered, so it shares the exact-search limit and is audited without the number.
@Suite struct AttendanceByIDNumberLimitTests {
    @Test func attendanceByIDNumberStopsAtTheLimitAndIsAudited() async throws {
        try await withGovernance { app, g in
            let raised = try await app.api(.POST, "/api/v1/communities/\(communityA)/matters", token: g.committee,
                                           json: ["title": "加装电梯", "description": "3栋居民希望加装电梯。"])
            let matter = try #require(raised.object["id"] as? String, "\(raised.body)")
            _ = try await app.api(.POST, "/api/v1/matters/\(matter)/steps", token: g.deliberation, json: ["step": "takeUp"])
            _ = try await app.api(.POST, "/api/v1/matters/\(matter)/steps", token: g.deliberation, json: ["step": "recommend", "text": "表决"])
            let convened = try await app.api(.POST, "/api/v1/matters/\(matter)/assemblies", token: g.committee,
                                             json: ["kind": "residents", "title": "居民会议", "place": "活动室", "startsAt": afterNotice()])
            let assembly = try #require(convened.object["id"] as? String, "\(convened.body)")
            let rc = Browser(app)
            try await rc.signIn("rc.a")
            _ = try await rc.get("/matters/\(matter)")
            // A voter of this community is registered as ever: finding someone the committee may read
            // takes no place under the limit, so a large assembly can be signed in.
            #expect(try await rc.post("/assemblies/\(assembly)/attendance", form: ["idNumber": validID("44040219800101001")]).status == .seeOther)
            // Numbers that find nobody are what a probe learns from: they count.
            for i in 0..<ResidentSearchThrottle.perMinute {
                _ = try await rc.get("/matters/\(matter)")
                let probe = try await rc.post("/assemblies/\(assembly)/attendance", form: ["idNumber": validID("4404021990010177\(i)")])
                #expect(probe.status == .unprocessableEntity)
            }
            _ = try await rc.get("/matters/\(matter)")
            let over = try await rc.post("/assemblies/\(assembly)/attendance", form: ["idNumber": validID("44040219900101779")])
            #expect(over.status == .tooManyRequests)
            _ = try await rc.get("/matters/\(matter)")
            #expect(try await rc.post("/assemblies/\(assembly)/attendance", form: ["idNumber": validID("44040219800101002")]).status == .seeOther)
            #expect(try await Attendance.query(on: app.db).count() == 2)

            let logged = try await AuditEntry.query(on: app.db).filter(\.$action == "assembly.attendance.byIDNumber").all()
            #expect(logged.filter { $0.outcome == "ok" }.count == ResidentSearchThrottle.perMinute + 2)
            #expect(logged.filter { $0.outcome == "denied" }.count == 1)
            #expect(logged.filter { $0.entityID == g.voters[0].id.uuidString }.count == 1)
            #expect(logged.allSatisfy { $0.actor == "rc.a" })
            for e in logged { #expect(!e.detail.contains("4404021") && !(e.entityID ?? "").contains("4404021")) }
        }
    }
}
