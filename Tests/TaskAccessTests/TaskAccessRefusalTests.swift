import Fluent
import Foundation
import Funds
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import TaskAccess

/// Every refusal the policy asks of the system: the rule cited, nothing written, the attempt logged.
@Suite struct TaskAccessRefusalTests {
    @Test func administrativeFunctionsCannotBeRegisteredByNatureOrByName() async throws {
        try await withTaskAccess { app, f in
            for nature in [TaskNature.licensing, .penalty, .enforcement] {
                let res = try await app.api(.POST, "/api/v1/task-access/tasks", token: f.civilStaff, json: taskJSON("协助开展工作", nature: nature),
                                            headers: ["Accept-Language": "en"])
                #expect(res.status == .unprocessableEntity)
                #expect(res.object["code"] as? String == "rule_a1_administrative_function")
                #expect((res.object["reason"] as? String ?? "").contains("Rule A1"))
            }
            // Called something else, the same work is still refused: the title names it.
            let named = try await app.api(.POST, "/api/v1/task-access/tasks", token: f.civilStaff, json: taskJSON("违法建设行政处罚", nature: .assistance))
            #expect(named.status == .unprocessableEntity)
            #expect((named.object["reason"] as? String ?? "").contains("规则A1"))
            #expect(try await AdministrativeTask.query(on: app.db).count() == 0)
            // An ordinary task goes in.
            _ = try await app.registerTask(f.civilStaff, taskJSON("社区居家养老服务组织"))
            #expect(try await AdministrativeTask.query(on: app.db).count() == 1)
        }
    }

    @Test func onlyTheOwningDepartmentOrTheOfficeRegistersAndOthersAreRefusedAndLogged() async throws {
        try await withTaskAccess { app, f in
            var json = taskJSON("慢性病患者随访协助")
            json["departmentID"] = f.civil.uuidString
            // The health bureau's officer cannot register a task for the civil-affairs bureau.
            let other = try await app.api(.POST, "/api/v1/task-access/tasks", token: f.healthStaff, json: json)
            #expect(other.status == .forbidden)
            for token in [f.committee, f.street] {
                #expect(try await app.api(.POST, "/api/v1/task-access/tasks", token: token, json: json).status == .forbidden)
            }
            #expect(try await app.taDenials("task.register").count == 3)
            #expect(try await AdministrativeTask.query(on: app.db).count() == 0)
            #expect(try await app.api(.POST, "/api/v1/task-access/tasks", token: f.office, json: json).status == .created)
            #expect(try await app.api(.POST, "/api/v1/task-access/tasks", token: f.civilStaff, json: taskJSON("社区社会组织培育")).status == .created)
            // A task stays with its department: an edit naming another one is refused and changes nothing;
            // the health bureau cannot edit the civil-affairs bureau's task at all (403, logged).
            let task = try #require(try await AdministrativeTask.query(on: app.db).filter(\.$title == "社区社会组织培育").first())
            let path = "/api/v1/task-access/tasks/\(try task.requireID())"
            var moved = taskJSON("改名")
            moved["departmentID"] = f.health.uuidString
            let refused = try await app.api(.POST, path, token: f.civilStaff, json: moved)
            #expect(refused.status == .unprocessableEntity)
            #expect((refused.body).contains("departmentID"))
            #expect(try await app.api(.POST, path, token: f.healthStaff, json: taskJSON("改名")).status == .forbidden)
            #expect(try await app.taDenials("task.register").count == 4)
            let after = try await AdministrativeTask.find(task.id, on: app.db)
            #expect(after?.title == "社区社会组织培育" && after?.departmentID == f.civil)
        }
    }

    @Test func anUnapprovedAssignmentIsRefusedLoggedAsAnAttemptAndWritesNothingElse() async throws {
        try await withTaskAccess { app, f in
            let may = try await app.registerTask(f.civilStaff, taskJSON("社区居家养老服务组织"))
            let must = try await app.registerTask(f.civilStaff, taskJSON("低保信息采集", .mustUndertake, nature: .informationGathering))
            let retired = try await app.registerTask(f.civilStaff, taskJSON("已废止事项", .mustUndertake, inForce: false))
            let entriesBefore = try await AuditEntry.query(on: app.db).count()

            let refused = try await app.api(.POST, "/api/v1/task-access/tasks/\(may)/assignments", token: f.civilStaff,
                                            json: ["community": communityA, "year": planYear])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.object["code"] as? String == "rule_a2_unapproved")
            #expect((refused.object["reason"] as? String ?? "").contains("A2"))
            let attempts = try await app.taDenials("task.assign")
            #expect(attempts.count == 1)
            #expect(attempts.first?.entityID == may.uppercased() || attempts.first?.entityID?.lowercased() == may.lowercased())
            #expect(attempts.first?.scope == communityA)
            #expect(attempts.first?.detail.contains("\(planYear)") == true)
            #expect(try await AuditEntry.query(on: app.db).count() == entriesBefore + 1)
            #expect(try await TaskAssignment.query(on: app.db).count() == 0)

            // The office cannot push it through either, and a task out of force is refused even if must-undertake.
            #expect(try await app.api(.POST, "/api/v1/task-access/tasks/\(may)/assignments", token: f.office,
                                      json: ["community": communityA, "year": planYear]).status == .unprocessableEntity)
            #expect(try await app.api(.POST, "/api/v1/task-access/tasks/\(retired)/assignments", token: f.civilStaff,
                                      json: ["community": communityA, "year": planYear]).status == .unprocessableEntity)
            #expect(try await app.taDenials("task.assign").count == 3)
            #expect(try await TaskAssignment.query(on: app.db).count() == 0)

            // A must-undertake task in force is assigned; twice is a conflict.
            #expect(try await app.api(.POST, "/api/v1/task-access/tasks/\(must)/assignments", token: f.civilStaff,
                                      json: ["community": communityA, "year": planYear]).status == .created)
            let twice = try await app.api(.POST, "/api/v1/task-access/tasks/\(must)/assignments", token: f.civilStaff,
                                          json: ["community": communityA, "year": planYear])
            #expect(twice.status == .conflict)
            #expect(twice.object["code"] as? String == "assignment_exists")
            // Only the first was written to the audit log as done: the refused insert rolled back with its entry.
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "task.assign").filter(\.$outcome != "denied").count() == 1)
            // A committee worker cannot assign anything: 403, logged.
            #expect(try await app.api(.POST, "/api/v1/task-access/tasks/\(must)/assignments", token: f.committee,
                                      json: ["community": communityA, "year": planYear]).status == .forbidden)
            #expect(try await TaskAssignment.query(on: app.db).count() == 1)
        }
    }

    @Test func aPlanAcrossDistrictsIsReviewedOnlyByTheCityAndADistrictPlanByEither() async throws {
        try await withTaskAccess { app, f in
            let task = try await app.registerTask(f.civilStaff, taskJSON("社区居家养老服务组织"))
            let wide = try await app.draftPlan(f.civilStaff, planJSON("跨区计划", fund: f.fund, tasks: [task], communities: [communityA, doumenCommunity]))
            #expect(try await app.planStep(wide, .submit, token: f.civilStaff).status == .ok)
            let wrong = try await app.planStep(wide, .approve, token: f.districtOffice)
            #expect(wrong.status == .forbidden)
            #expect(try await app.taDenials("plan.review").count == 1)
            // Department staff do not review at all, not even their own plan.
            #expect(try await app.planStep(wide, .approve, token: f.civilStaff).status == .forbidden)
            #expect(try await TaskPlan.find(UUID(uuidString: wide), on: app.db)?.state == .submitted)
            #expect(try await app.planStep(wide, .approve, token: f.office).status == .ok)

            let local = try await app.draftPlan(f.civilStaff, planJSON("香洲计划", fund: f.fund, tasks: [task], communities: [communityA, communityB]))
            #expect(try await TaskPlan.find(UUID(uuidString: local), on: app.db)?.reach == "440402")
            #expect(try await app.planStep(local, .submit, token: f.civilStaff).status == .ok)
            #expect(try await app.planStep(local, .approve, token: f.districtOffice).status == .ok)
        }
    }

    @Test func aLateSubmissionIsRefusedWithTheDeadlineAndOnlyTheCityOfficeSetsDeadlines() async throws {
        try await withTaskAccess { app, f in
            let task = try await app.registerTask(f.civilStaff, taskJSON("社区居家养老服务组织"))
            let plan = try await app.draftPlan(f.civilStaff, planJSON("计划", fund: f.fund, tasks: [task], communities: [communityA]))
            let deadlines: [String: Any] = ["year": planYear, "submitBy": "2026-01-31", "reviewBy": "2026-02-28"]
            #expect(try await app.api(.POST, "/api/v1/task-access/deadlines", token: f.districtOffice, json: deadlines).status == .forbidden)
            #expect(try await app.taDenials("plan.deadlineWrite").count == 1)
            // Review closing before submission is refused, and nothing is stored.
            let backwards: [String: Any] = ["year": planYear, "submitBy": "2026-02-28", "reviewBy": "2026-01-31"]
            let refused = try await app.api(.POST, "/api/v1/task-access/deadlines", token: f.office, json: backwards)
            #expect(refused.status == .unprocessableEntity)
            #expect(try await PlanDeadline.query(on: app.db).count() == 0)
            #expect(try await app.api(.POST, "/api/v1/task-access/deadlines", token: f.office, json: deadlines).status == .ok)
            let stored = try await PlanDeadlines.dates(for: planYear, on: app.db)
            #expect(stored.submitBy.description == "2026-01-31" && stored.reviewBy.description == "2026-02-28")
            let late = try await app.planStep(plan, .submit, token: f.civilStaff)
            #expect(late.status == .unprocessableEntity)
            #expect(late.object["code"] as? String == "plan_submission_late")
            #expect((late.object["reason"] as? String ?? "").contains("2026-01-31"))
            #expect(try await TaskPlan.find(UUID(uuidString: plan), on: app.db)?.state == .draft)
            #expect(try await TaskPlanEvent.query(on: app.db).count() == 0)
        }
    }

    @Test func approvalWithoutTheMoneyIsRefusedAndNothingMoves() async throws {
        try await withTaskAccess { app, f in
            let task = try await app.registerTask(f.civilStaff, taskJSON("社区居家养老服务组织"))
            // Doumen has 100,000 yuan; two committees there and one in Xiangzhou at 60,000 each: Xiangzhou could pay, Doumen cannot.
            let plan = try await app.draftPlan(f.civilStaff, planJSON("超支计划", fund: f.fund, tasks: [task],
                                                                      communities: [communityA, doumenCommunity, "440403001002"], amount: "60000"))
            #expect(try await app.planStep(plan, .submit, token: f.civilStaff).status == .ok)
            let entries = try await LedgerEntry.query(on: app.db).count()
            let refused = try await app.planStep(plan, .approve, token: f.office)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.object["code"] as? String == "overdraft")
            #expect(try await LedgerEntry.query(on: app.db).count() == entries)
            #expect(try await app.balance(.districtAllocation(f.fund, district: "440402")) == Money(fen: 100_000_000))
            #expect(try await app.balance(.districtAllocation(f.fund, district: "440403")) == Money(fen: 10_000_000))
            #expect(try await TaskPlan.find(UUID(uuidString: plan), on: app.db)?.state == .submitted)
            #expect(try await TaskPlanEvent.query(on: app.db).filter(\.$toState == .approved).count() == 0)
        }
    }

    @Test func responsibilityLettersCannotBeCreatedOnlyConvertedOrTerminated() async throws {
        try await withTaskAccess { app, f in
            let task = try await app.registerTask(f.civilStaff, taskJSON("社区居家养老服务组织"))
            let letterPlan = try await app.api(.POST, "/api/v1/task-access/plans", token: f.civilStaff,
                                               json: planJSON("责任书", fund: f.fund, tasks: [task], communities: [communityA], kind: .responsibilityLetter))
            #expect(letterPlan.status == .unprocessableEntity)
            #expect(letterPlan.object["code"] as? String == "rule_a4_responsibility_letter")
            let plan = try await app.draftPlan(f.civilStaff, planJSON("计划", fund: f.fund, tasks: [task], communities: [communityA]))
            try await app.planStep(plan, .submit, token: f.civilStaff)
            #expect(try await app.planStep(plan, .approve, token: f.office).status == .ok)
            let terms: [String: Any] = ["kind": "responsibilityLetter", "termStart": "2027-01-01", "termEnd": "2027-12-31",
                                        "deliverables": "探访", "inspectionSchedule": "每季度"]
            let refused = try await app.api(.POST, "/api/v1/task-access/plans/\(plan)/agreements", token: f.civilStaff, json: terms)
            #expect(refused.status == .unprocessableEntity)
            #expect((refused.object["reason"] as? String ?? "").contains("A4"))
            #expect(try await TaskAgreement.query(on: app.db).count() == 0)

            // A letter recorded by the import path converts once, to an agreement of a permitted kind.
            let department = try #require(try await Department.find(f.civil, on: app.db))
            let letter = try await TaskAccessDemo.recordLegacyLetter(department: department, community: communityA, title: "2010年责任书", on: app.db)
            let id = try letter.requireID().uuidString
            #expect(try await app.api(.POST, "/api/v1/task-access/agreements/\(id)/convert", token: f.healthStaff,
                                      json: ["kind": "entrustment", "reason": "改"]).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/task-access/agreements/\(id)/convert", token: f.civilStaff,
                                      json: ["kind": "responsibilityLetter", "reason": "改"]).status == .unprocessableEntity)
            let converted = try await app.api(.POST, "/api/v1/task-access/agreements/\(id)/convert", token: f.civilStaff,
                                              json: ["kind": "entrustment", "reason": "以委托管理协议取代"])
            #expect(converted.status == .created)
            #expect(converted.object["kind"] as? String == "entrustment")
            #expect(try await TaskAgreement.find(letter.id, on: app.db)?.state == .converted)
            #expect(try await app.api(.POST, "/api/v1/task-access/agreements/\(id)/convert", token: f.civilStaff,
                                      json: ["kind": "entrustment", "reason": "again"]).status == .conflict)
        }
    }
}
