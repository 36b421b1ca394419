import Fluent
import Foundation
import Funds
import ShequKernel
import ShequPlatform
import ShequTestSupport
import SQLKit
import Testing
import Vapor
@testable import TaskAccess

/// A hostile review of issue 10's task-access changes: the per-task funds report's scope on every door, the
/// review deadline in Beijing days, and the covering indexes' migration going back and forth.
@Suite struct Issue10TaskAccessReviewTests {
    func indexes(_ db: any Database) async throws -> Set<String> {
        let sql = try #require(db as? any SQLDatabase)
        let query: SQLQueryString = db.isPostgres
            ? "SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()"
            : "SELECT name FROM sqlite_master WHERE type = 'index'"
        return Set(try await sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) })
    }

    /// On one connection: the in-memory SQLite pool's other connections may keep the schema they parsed before a
    /// revert run mid-test (a test artefact; a real start migrates before any request).
    @Test func theCoveringIndexMigrationGoesBackAndForth() async throws {
        try await withTaskAccess { app, f in
            let covering: Set = ["ta_assignments_carried", "ta_tasks_in_force_hours", "ta_agreement_communities_promised", "ta_agreements_term"]
            try await app.db.withConnection { db in
                let landed = try await indexes(db)
                #expect(landed.isSuperset(of: covering) && !landed.contains("ta_assignments_by_community"))
                try await AddBurdenCoveringIndexes().revert(on: db)
                let reverted = try await indexes(db)
                #expect(reverted.isDisjoint(with: covering) && reverted.contains("ta_assignments_by_community"))
                try await AddBurdenCoveringIndexes().prepare(on: db)
                let again = try await indexes(db)
                #expect(again.isSuperset(of: covering) && !again.contains("ta_assignments_by_community"))
            }
        }
    }

    /// A district's office reads the per-task figures of the departments in its district only, on the page and in
    /// the CSV as on the API; a department staff member only their own department's.
    @Test func thePerTaskPageAndCSVKeepTheSameScopeAsTheAPI() async throws {
        try await withTaskAccess { app, f in
            let care = try await app.registerTask(f.civilStaff, taskJSON("城市养老服务组织", hours: 200))
            let clinic = try await app.registerTask(f.healthStaff, taskJSON("慢性病患者随访协助", hours: 50))
            let plan = try await app.draftPlan(f.civilStaff, planJSON("养老计划", fund: f.fund, tasks: [care], communities: [communityA]))
            try await app.planStep(plan, .submit, token: f.civilStaff)
            #expect(try await app.planStep(plan, .approve, token: f.office).status == .ok)
            for (user, sees, hidden) in [("ta.office.xz", clinic, care), ("ta.health", clinic, care), ("ta.civil", care, clinic)] {
                let b = Browser(app)
                try await b.signIn(user)
                let page = try await b.get("/task-access/task-funds?year=\(planYear)")
                let csv = try await b.get("/task-access/task-funds.csv?year=\(planYear)")
                #expect(page.status == .ok && csv.status == .ok)
                #expect(page.body.contains(sees) && !page.body.contains(hidden), "\(user) page")
                #expect(csv.body.contains(sees.uppercased()) && !csv.body.contains(hidden.uppercased()), "\(user) csv")
            }
            // The city's plan (1,000,000 fen reserved) is none of Xiangzhou's office's figures.
            let b = Browser(app)
            try await b.signIn("ta.office.xz")
            let page = try await b.get("/task-access/task-funds?year=\(planYear)")
            #expect(!page.body.contains("10,000.00") && !page.body.contains("城市养老服务组织"))
        }
    }

    /// A reader the role admits but whose grant opens no department (an office at a street, staff whose grant names
    /// none) gets an empty report, not an error and not everyone's.
    @Test func aGrantThatOpensNoDepartmentReadsNothing() async throws {
        try await withTaskAccess { app, f in
            let care = try await app.registerTask(f.civilStaff, taskJSON("城市养老服务组织", hours: 200))
            let plan = try await app.draftPlan(f.civilStaff, planJSON("养老计划", fund: f.fund, tasks: [care], communities: [communityA]))
            try await app.planStep(plan, .submit, token: f.civilStaff)
            #expect(try await app.planStep(plan, .approve, token: f.office).status == .ok)
            try await makeAccount(app, "ta.office.street", .leadingGroupOffice, streetA)
            try await makeAccount(app, "ta.staff.none", .departmentStaff, "4404")
            for user in ["ta.office.street", "ta.staff.none"] {
                let token = try await app.token(user)
                let res = try await app.api(.GET, "/api/v1/task-access/task-funds?year=\(planYear)", token: token)
                #expect(res.status == .ok && res.items.isEmpty && res.object["total"] as? Int == 0, "\(user) \(res.status) \(res.body)")
                #expect(res.object["promised"] as? Int == 0 && res.object["approvedPlans"] as? Int == 0)
                let csv = try await app.api(.GET, "/api/v1/task-access/task-funds.csv?year=\(planYear)", token: token)
                #expect(csv.status == .ok && !csv.body.contains(care.uppercased()))
            }
        }
    }

    /// The task form leaves "to year" empty for a task in force until further notice, as a browser sends it: the
    /// page must register and edit such a task as the API does with the field left out (A1 on the page).
    @Test func theTaskFormWithAnEmptyToYearRegistersAndEditsAnOpenEndedTask() async throws {
        try await withTaskAccess { app, f in
            let browser = Browser(app)
            try await browser.signIn("ta.civil")
            _ = try await browser.get("/task-access/tasks")
            var form: [String: String] = ["departmentID": f.civil.uuidString, "title": "社区居家养老服务组织", "legalBasis": "法",
                                          "classification": "mayUndertake", "classifiedBy": "文", "nature": "publicService",
                                          "hoursPerYear": "10", "inForce": "true", "fromYear": "2026", "toYear": ""]
            let registered = try await browser.post("/task-access/tasks", form: form)
            #expect(registered.status == .seeOther, "\(registered.status) \(registered.body.suffix(600))")
            let task = try #require(try await AdministrativeTask.query(on: app.db).first())
            #expect(task.toYear == nil)
            let id = try task.requireID()
            _ = try await browser.get("/task-access/tasks/\(id)")
            form["departmentID"] = nil
            form["hoursPerYear"] = "12"
            let edited = try await browser.post("/task-access/tasks/\(id)", form: form)
            #expect(edited.status == .seeOther, "\(edited.status)")
            #expect(try await AdministrativeTask.find(id, on: app.db)?.hoursPerYear == 12)
            // A year that is not a number is still refused, and JSON's null still means none.
            _ = try await browser.get("/task-access/tasks")
            form["departmentID"] = f.civil.uuidString
            form["toYear"] = "abc"
            #expect(try await browser.post("/task-access/tasks", form: form).status.code >= 400)
            var json = taskJSON("慢性病患者随访协助")
            json["toYear"] = NSNull()
            #expect(try await app.api(.POST, "/api/v1/task-access/tasks", token: f.civilStaff, json: json).status == .created)
            #expect(try await app.count(AdministrativeTask.self) == 2)
        }
    }

    /// A step is authorised on the plan read before the write; if the plan was sent back, moved to communities beyond
    /// the deciding office and resubmitted before the write held it, the step is refused, not taken with the old authority.
    @Test func aStepAuthorisedForAPlanThatMovedMeanwhileIsRefused() async throws {
        try await withTaskAccess { app, f in
            let care = try await app.registerTask(f.civilStaff, taskJSON("城市养老服务组织", hours: 200))
            let id = try await app.draftPlan(f.civilStaff, planJSON("养老计划", fund: f.fund, tasks: [care], communities: [communityA]))
            let asRead = try #require(try await TaskPlan.find(UUID(uuidString: id), on: app.db))
            #expect(asRead.reach == "440402")
            let wide = planJSON("养老计划", fund: f.fund, tasks: [care], communities: [communityA, doumenCommunity])
            #expect(try await app.api(.POST, "/api/v1/task-access/plans/\(id)", token: f.civilStaff, json: wide).status.code < 300)
            let held = try #require(try await TaskPlan.find(UUID(uuidString: id), on: app.db))
            #expect(held.reach == "4404")
            #expect(throws: ShequError.self) { try Plans.requireSamePlace(held, as: asRead) }
            #expect(throws: Never.self) { try Plans.requireSamePlace(held, as: held) }
        }
    }

    /// Deadlines are Beijing days: 16:00 UTC on the review deadline is already the next day in Beijing.
    @Test func theReviewDeadlineEndsAtMidnightInBeijing() throws {
        let reviewBy = try #require(LocalDate(year: 2027, month: 4, day: 30))
        let lastMinute = Date(timeIntervalSince1970: 1_809_100_740)   // 2027-04-30T15:59:00Z = 23:59 in Beijing
        let nextDay = Date(timeIntervalSince1970: 1_809_100_800)      // 2027-04-30T16:00:00Z = 00:00 on 1 May in Beijing
        #expect(LocalDate(instant: lastMinute) == reviewBy)
        #expect(LocalDate(instant: nextDay) == reviewBy.adding(days: 1))
        let dates = PlanDeadlineDates(year: 2027, submitBy: reviewBy.adding(days: -30), reviewBy: reviewBy)
        #expect(!dates.isOverdue(.submitted, today: LocalDate(instant: lastMinute)))
        #expect(dates.isOverdue(.submitted, today: LocalDate(instant: nextDay)))
    }
}
