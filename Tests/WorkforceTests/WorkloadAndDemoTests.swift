import Fluent
import Foundation
import ServiceHall
import ShequKernel
import ShequPlatform
import ShequTestSupport
import TaskAccess
import Testing
import Vapor
@testable import Workforce

@Suite struct WorkloadAndDemoTests {
    /// The tasks a committee carries this year (access-system assignments of tasks in force) against its staff serving now.
    @Test func workloadSetsTasksAgainstStaff() async throws {
        try await withWorkforce { app, f in
            let year = LocalDate(instant: Date()).components.year
            let department = Department(name: "测试局", divisionCode: "4404")
            try await department.create(on: app.db)
            for (i, hours) in [100, 60, 40].enumerated() {
                let task = AdministrativeTask()
                task.title = "事项\(i)"
                task.legalBasis = "依据"
                task.departmentID = try department.requireID()
                task.classification = .mustUndertake
                task.classifiedBy = "test"
                task.nature = .publicService
                task.hoursPerYear = hours
                task.inForce = i < 2
                task.fromYear = 2020
                try await task.create(on: app.db)
                let a = TaskAssignment()
                a.taskID = try task.requireID()
                a.divisionCode = communityA
                a.year = year
                a.assignedBy = "test"
                try await a.create(on: app.db)
            }
            for (name, user) in [("甲", "worker.a"), ("乙", nil)] as [(String, String?)] {
                #expect(try await app.api(.POST, "/api/v1/workforce/staff", token: f.streetA,
                                          json: WorkforceFixture.record(name, username: user, serviceSince: "2015-01-01")).status == .created)
            }
            let res = try await app.api(.GET, "/api/v1/workforce/workload", token: f.streetA)
            let row = try #require(res.items.first { $0["community"] as? String == communityA })
            #expect(row["tasks"] as? Int == 2)
            #expect(row["hours"] as? Int == 160)
            #expect(row["staff"] as? Int == 2)
            #expect(row["tasksPerWorkerTenths"] as? Int == 10)
            #expect(row["hoursPerWorker"] as? Int == 80)
            let empty = try #require(res.items.first { $0["community"] as? String == "440402001002" })
            #expect(empty["staff"] as? Int == 0 && empty["hoursPerWorker"] == nil)
            #expect(try await app.api(.GET, "/api/v1/workforce/workload", token: f.streetB).items.allSatisfy { ($0["community"] as? String ?? "").hasPrefix(streetB) })
            #expect(try await app.api(.GET, "/api/v1/workforce/workload", token: f.resident).status == .forbidden)
            let browser = Browser(app)
            try await browser.signIn("official.a")
            #expect(try await browser.get("/workforce/workload").body.contains("160"))
            let csv = try await browser.get("/workforce/workload.csv")
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.body.contains(communityA) && csv.body.contains("160"))
        }
    }

    /// The demo's staff come with grades, training, a certificate, an appraisal and a rotation, once; the demo
    /// centre's roster reads their contracted hours from the records.
    @Test func theDemoIsIdempotentAndTheRosterReadsItsHours() async throws {
        try await withShequ { app in
            _ = try await ServiceHallModule().demo(app)
            for (u, role, scope) in [("center.cuixiang", Role.centerStaff, streetA), ("station.cuixiang", .stationStaff, communityA),
                                     ("community.cuixiang", .communityStaff, communityA), ("center.meihua", .centerStaff, streetB)] {
                try await makeAccount(app, u, role, scope)
            }
            let first = try await WorkforceModule().demo(app)
            #expect(first != nil)
            let counts = (try await StaffRecord.query(on: app.db).count(), try await StaffPosting.query(on: app.db).count(),
                          try await StaffTraining.query(on: app.db).count(), try await GradeRuleSet.query(on: app.db).count())
            #expect(counts.0 == WorkforceDemo.workers.count)
            #expect(try await WorkforceModule().demo(app) == nil)
            #expect(try await StaffRecord.query(on: app.db).count() == counts.0)
            #expect(try await StaffPosting.query(on: app.db).count() == counts.1)
            #expect(try await StaffTraining.query(on: app.db).count() == counts.2)
            #expect(try await GradeRuleSet.query(on: app.db).count() == counts.3)
            let station = try #require(try await StaffRecord.query(on: app.db).filter(\.$username == "station.cuixiang").first())
            #expect(station.divisionCode == communityA)
            #expect(try await StaffPosting.query(on: app.db).filter(\.$staffID == station.requireID()).count() == 2)

            let center = try #require(try await ServicePlace.query(on: app.db).filter(\.$kind == .center).filter(\.$divisionCode == streetA).first())
            let token = try await app.token("center.cuixiang")
            let week = (1...5).map { ["username": "center.cuixiang", "window": 1, "weekday": $0, "start": "08:30", "end": "16:30"] as [String: Any] }
            let ok = try await app.api(.PUT, "/api/v1/service-places/\(center.id!)/roster", token: token, json: ["contracts": [], "shifts": week])
            #expect(ok.status == .ok, "\(ok.body)")
            let over = try await app.api(.PUT, "/api/v1/service-places/\(center.id!)/roster", token: token,
                                         json: ["contracts": [], "shifts": week + [["username": "center.cuixiang", "window": 1, "weekday": 6, "start": "09:00", "end": "12:00"]]])
            #expect(over.status == .unprocessableEntity)
            let mine = try await app.api(.GET, "/api/v1/me/workforce", token: token)
            #expect((mine.object["grading"] as? [String: Any])?["grade"] != nil)
        }
    }
}
