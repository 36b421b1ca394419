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

/// The reports are kept per instance between changes (`AddReportVersion`): a change must show at once, whether it came
/// through this instance's commands, straight into the database (another instance, an operator), or only into the ledger.
@Suite struct TaskAccessReportCacheTests {
    @Test func aKeptReportIsServedUntilTheDataChangesAndAChangeFromAnywhereShowsAtOnce() async throws {
        try await withTaskAccess { app, f in
            let must = try await app.registerTask(f.civilStaff, taskJSON("低保信息采集", .mustUndertake, nature: .informationGathering, hours: 120))
            #expect(try await app.api(.POST, "/api/v1/task-access/tasks/\(must)/assignments", token: f.civilStaff,
                                      json: ["community": communityA, "year": planYear]).status == .created)
            let sql = app.db as! any SQLDatabase
            func hours() async throws -> [Int] {
                let carried = try await app.api(.GET, "/api/v1/communities/\(communityA)/registered-tasks?year=\(planYear)")
                #expect(carried.status == .ok)
                return carried.array.compactMap { $0["hoursPerYear"] as? Int }
            }
            func burdenHours() async throws -> Int? {
                let burden = try await app.api(.GET, "/api/v1/communities/\(communityA)/task-burden?year=\(planYear)", token: f.committee)
                return (burden.object["burden"] as? [String: Any])?["hours"] as? Int
            }
            #expect(try await hours() == [120])
            #expect(try await burdenHours() == 120)
            #expect(app.taskAccessReportCache.count >= 2)

            // Kept: with the counter's trigger out of the way, a change below it is not seen, which proves the answer
            // was kept rather than read again. (The trigger is what makes this impossible in use.)
            try await sql.raw(app.db.isPostgres ? "DROP TRIGGER ta_rv_ta_tasks ON ta_tasks" : "DROP TRIGGER ta_rv_ta_tasks_update").run()
            try await sql.raw("UPDATE ta_tasks SET hours_per_year = 99 WHERE id = \(bind: UUID(uuidString: must)!)").run()
            #expect(try await hours() == [120])
            try await sql.raw("UPDATE ta_report_version SET n = n + 1 WHERE id = 1").run()
            #expect(try await hours() == [99])
            #expect(try await burdenHours() == 99)

            // Through a trigger that is still there: another instance assigns a second task straight in the database.
            let other = try await app.registerTask(f.civilStaff, taskJSON("党员信息采集", .mustUndertake, nature: .informationGathering, hours: 30))
            let taskID = try #require(UUID(uuidString: other))
            try await sql.raw("""
                INSERT INTO ta_assignments (id, task_id, division_code, year, assigned_by, created_at)
                VALUES (\(bind: UUID()), \(bind: taskID), \(bind: communityA), \(bind: planYear), 'another-instance', \(bind: Date()))
                """).run()
            #expect(try await hours().sorted() == [30, 99])
            #expect(try await burdenHours() == 129)
            try await sql.raw("DELETE FROM ta_assignments WHERE task_id = \(bind: UUID(uuidString: must)!)").run()
            #expect(try await hours() == [30])
        }
    }

    @Test func moneyMovedOnlyInTheLedgerChangesTheKey() async throws {
        try await withTaskAccess { app, f in
            let before = try await TaskAccessReports.token(on: app.db)
            #expect(try await TaskAccessReports.token(on: app.db) == before)
            let fund = try #require(try await Fund.find(f.fund, on: app.db))
            _ = try await app.writeGate.transaction(on: app.db) { db in
                try await Funds.contribute(Money(fen: 100), to: fund, by: "4404", document: "追加", memo: "test", actor: "test", on: db)
            }
            #expect(try await TaskAccessReports.token(on: app.db) != before)
        }
    }
}
