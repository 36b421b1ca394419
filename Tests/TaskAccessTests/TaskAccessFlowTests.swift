import Fluent
import Foundation
import Funds
import ShequKernel
@testable import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import TaskAccess

/// A plan from draft to its agreements and payments, and what the burden report makes of it.
@Suite struct TaskAccessFlowTests {
    @Test func theStateMachineMovesOnlyForwardWithReasons() {
        #expect(PlanStep.submit.next(from: .draft) == .submitted)
        #expect(PlanStep.submit.next(from: .changesRequested) == .submitted)
        #expect(PlanStep.requestChanges.next(from: .submitted) == .changesRequested)
        #expect(PlanStep.approve.next(from: .submitted) == .approved)
        #expect(PlanStep.reject.next(from: .submitted) == .rejected)
        for state in [PlanState.approved, .rejected] {
            for step in PlanStep.allCases { #expect(step.next(from: state) == nil) }
        }
        #expect(PlanStep.approve.next(from: .draft) == nil)
        #expect(PlanStep.approve.next(from: .changesRequested) == nil)
        #expect(PlanStep.submit.next(from: .submitted) == nil)
    }

    @Test func aPlanIsSentBackChangedResubmittedAndApprovedWithEveryStepRecorded() async throws {
        try await withTaskAccess { app, f in
            let task = try await app.registerTask(f.civilStaff, taskJSON("社区居家养老服务组织"))
            let plan = try await app.draftPlan(f.civilStaff, planJSON("养老计划", fund: f.fund, tasks: [task], communities: [communityA]))
            #expect(try await app.planStep(plan, .approve, token: f.office).status == .conflict)
            #expect(try await app.planStep(plan, .submit, token: f.civilStaff, reason: "").status == .ok)
            // Submitted: the department can no longer change it, and a decision needs its reason.
            var edit = planJSON("养老计划（修改）", fund: f.fund, tasks: [task], communities: [communityA, communityB])
            #expect(try await app.api(.POST, "/api/v1/task-access/plans/\(plan)", token: f.civilStaff, json: edit).status == .conflict)
            #expect(try await app.planStep(plan, .requestChanges, token: f.office, reason: " ").status == .unprocessableEntity)
            #expect(try await app.planStep(plan, .requestChanges, token: f.office, reason: "请写明工作条件").status == .ok)
            edit["workingConditions"] = "养老服务站用房一处"
            #expect(try await app.api(.POST, "/api/v1/task-access/plans/\(plan)", token: f.civilStaff, json: edit).status == .ok)
            #expect(try await app.planStep(plan, .submit, token: f.civilStaff).status == .ok)
            let approved = try await app.planStep(plan, .approve, token: f.districtOffice, reason: "同意")
            #expect(approved.status == .ok)
            #expect(approved.object["total"] as? Int == 2_000_000)
            #expect(try await app.planStep(plan, .reject, token: f.office).status == .conflict)
            let events = try await TaskPlanEvent.query(on: app.db).sort(\.$createdAt).all()
            #expect(events.map(\.toState) == [.submitted, .changesRequested, .submitted, .approved])
            #expect(events[1].reason == "请写明工作条件")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["plan.submit", "plan.requestChanges", "plan.approve"])
                .filter(\.$outcome == "ok").count() == 4)
            // Approval reserved the total: 2 committees × 10,000 yuan, from Xiangzhou's allocation into the plan's account.
            let id = try #require(UUID(uuidString: plan))
            #expect(try await app.balance(.plan(f.fund, plan: id, department: f.civil, reach: "440402")) == Money(fen: 2_000_000))
            #expect(try await app.balance(.districtAllocation(f.fund, district: "440402")) == Money(fen: 98_000_000))
            // A rejected plan stays rejected.
            let other = try await app.draftPlan(f.civilStaff, planJSON("另一计划", fund: f.fund, tasks: [task], communities: [communityA]))
            try await app.planStep(other, .submit, token: f.civilStaff)
            #expect(try await app.planStep(other, .reject, token: f.office, reason: "不予准入").status == .ok)
            #expect(try await app.planStep(other, .submit, token: f.civilStaff).status == .conflict)
        }
    }

    @Test func twoReviewersApprovingAtOnceReserveTheMoneyOnce() async throws {
        try await withTaskAccess { app, f in
            let task = try await app.registerTask(f.civilStaff, taskJSON("社区居家养老服务组织"))
            let plan = try await app.draftPlan(f.civilStaff, planJSON("并发计划", fund: f.fund, tasks: [task], communities: [communityA, communityB]))
            try await app.planStep(plan, .submit, token: f.civilStaff)
            async let first = app.planStep(plan, .approve, token: f.office)
            async let second = app.planStep(plan, .approve, token: f.districtOffice)
            let statuses = [try await first.status, try await second.status]
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 1)
            #expect(try await app.balance(.districtAllocation(f.fund, district: "440402")) == Money(fen: 98_000_000))
            #expect(try await TaskPlanEvent.query(on: app.db).filter(\.$toState == .approved).count() == 1)
        }
    }

    @Test func fundsFollowTheTaskToTheCommitteeAndTheBurdenReportAddsUp() async throws {
        try await withTaskAccess { app, f in
            let care = try await app.registerTask(f.civilStaff, taskJSON("社区居家养老服务组织", hours: 200))
            let must = try await app.registerTask(f.civilStaff, taskJSON("低保信息采集", .mustUndertake, nature: .informationGathering, hours: 120))
            let plan = try await app.draftPlan(f.civilStaff, planJSON("养老计划", fund: f.fund, tasks: [care], communities: [communityA, communityB],
                                                                      amount: "30,000.50"))
            try await app.planStep(plan, .submit, token: f.civilStaff)
            #expect(try await app.planStep(plan, .approve, token: f.office).status == .ok)

            // Approved, the plan's task may now go to its communities, and only to them.
            for c in [communityA, communityB] {
                let assigned = try await app.api(.POST, "/api/v1/task-access/tasks/\(care)/assignments", token: f.civilStaff,
                                                 json: ["community": c, "year": planYear])
                #expect(assigned.status == .created)
                #expect(assigned.object["planID"] as? String == plan, "the assignment cites the approved plan that allows it")
            }
            #expect(try await app.api(.POST, "/api/v1/task-access/tasks/\(care)/assignments", token: f.civilStaff,
                                      json: ["community": "440402001002", "year": planYear]).status == .unprocessableEntity)
            #expect(try await app.api(.POST, "/api/v1/task-access/tasks/\(care)/assignments", token: f.civilStaff,
                                      json: ["community": communityA, "year": planYear + 1]).status == .unprocessableEntity)
            #expect(try await app.api(.POST, "/api/v1/task-access/tasks/\(must)/assignments", token: f.civilStaff,
                                      json: ["community": communityA, "year": planYear]).status == .created)

            let terms: [String: Any] = ["termStart": "2027-01-01", "termEnd": "2027-12-31", "deliverables": "每月探访独居老人两次",
                                        "inspectionSchedule": "每季度末"]
            #expect(try await app.api(.POST, "/api/v1/task-access/plans/\(plan)/agreements", token: f.healthStaff, json: terms).status == .forbidden)
            let made = try await app.api(.POST, "/api/v1/task-access/plans/\(plan)/agreements", token: f.civilStaff, json: terms)
            #expect(made.status == .created)
            let agreements = made.array
            #expect(agreements.count == 2)
            #expect(agreements.allSatisfy { $0["fundingFen"] as? Int == 3_000_050 && $0["kind"] as? String == "purchaseOfService" })
            #expect(try await app.api(.POST, "/api/v1/task-access/plans/\(plan)/agreements", token: f.civilStaff, json: terms).status == .conflict)
            // The plan and its agreements are read by the department and the offices over them; another department is refused, logged.
            let agreementID = try #require(agreements.first?["id"] as? String)
            let refusedBefore = try await app.taDenials("plan.read").count + app.taDenials("agreement.write").count
            for (token, status) in [(f.civilStaff, HTTPStatus.ok), (f.districtOffice, .ok), (f.office, .ok), (f.healthStaff, .forbidden)] {
                #expect(try await app.api(.GET, "/api/v1/task-access/plans/\(plan)", token: token).status == status)
                #expect(try await app.api(.GET, "/api/v1/task-access/agreements/\(agreementID)", token: token).status == status)
            }
            #expect(try await app.taDenials("plan.read").count + app.taDenials("agreement.write").count == refusedBefore + 2)
            let planID = try #require(UUID(uuidString: plan))
            #expect(try await app.balance(.plan(f.fund, plan: planID, department: f.civil, reach: "440402")) == .zero)

            let forA = try #require(agreements.first { $0["divisionCode"] as? String == communityA }?["id"] as? String)
            let pay = { (amount: String, token: String) in
                try await app.api(.POST, "/api/v1/task-access/agreements/\(forA)/disbursements", token: token,
                                  json: ["community": communityA, "amount": amount, "memo": "第一季度"])
            }
            #expect(try await pay("7500.12", f.civilStaff).status == .created)
            #expect(try await pay("1000", f.office).status == .created)
            #expect(try await pay("1000", f.committee).status == .forbidden)
            // More than is left in the agreement is refused by the ledger, and nothing is recorded.
            #expect(try await pay("30000", f.civilStaff).status == .unprocessableEntity)
            #expect(try await app.api(.POST, "/api/v1/task-access/agreements/\(forA)/disbursements", token: f.civilStaff,
                                      json: ["community": communityB, "amount": "10"]).status == .unprocessableEntity)
            #expect(try await AgreementDisbursement.query(on: app.db).count() == 2)
            #expect(try await app.api(.POST, "/api/v1/task-access/agreements/\(forA)/inspections", token: f.civilStaff,
                                      json: ["inspectedOn": "2027-03-31", "result": "needsImprovement", "findings": "台账不全"]).status == .created)

            // The burden, by hand: A carries 2 tasks (200 + 120 hours), is promised 30,000.50, has received 8,500.12.
            let burden = try await app.api(.GET, "/api/v1/communities/\(communityA)/task-burden?year=\(planYear)", token: f.committee)
            #expect(burden.status == .ok)
            let b = try #require(burden.object["burden"] as? [String: Any])
            #expect(b["tasks"] as? Int == 2)
            #expect(b["hours"] as? Int == 320)
            #expect(b["promised"] as? Int == 3_000_050)
            #expect(b["received"] as? Int == 850_012)
            #expect(b["outstanding"] as? Int == 2_150_038)
            #expect(try await FundsLedger.receivedByCommittee(communityA, on: app.db) == Money(fen: 850_012))
            // Another committee's worker may not read A's; the street official may; the office sees every committee.
            #expect(try await app.api(.GET, "/api/v1/communities/\(communityA)/task-burden", token: f.otherCommittee).status == .forbidden)
            #expect(try await app.api(.GET, "/api/v1/communities/\(communityA)/task-burden", token: f.street).status == .ok)
            let all = try await app.api(.GET, "/api/v1/task-access/burden?year=\(planYear)&per=200", token: f.office)
            let rowB = try #require(all.items.first { $0["community"] as? String == communityB })
            #expect(rowB["tasks"] as? Int == 1 && rowB["hours"] as? Int == 200 && rowB["promised"] as? Int == 3_000_050 && rowB["received"] as? Int == 0)
            let mine = try await app.api(.GET, "/api/v1/task-access/burden?year=\(planYear)", token: f.committee)
            #expect(mine.items.map { $0["community"] as? String } == [communityA])
            // The public sees the registered tasks a community carries, nothing personal.
            let carried = try await app.api(.GET, "/api/v1/communities/\(communityA)/registered-tasks?year=\(planYear)")
            #expect(carried.status == .ok)
            #expect(Set(carried.array.compactMap { $0["title"] as? String }) == ["社区居家养老服务组织", "低保信息采集"])

            // The committee reports what did not arrive; the department answers; another committee cannot report for A.
            let report = try await app.api(.POST, "/api/v1/communities/\(communityA)/shortfalls", token: f.committee,
                                           json: ["kind": "funding", "text": "第二季度经费未到", "agreementID": forA])
            #expect(report.status == .created)
            #expect(try await app.api(.POST, "/api/v1/communities/\(communityA)/shortfalls", token: f.otherCommittee,
                                      json: ["kind": "funding", "text": "x"]).status == .forbidden)
            let reportID = try #require(report.object["id"] as? String)
            #expect(try await app.api(.GET, "/api/v1/task-access/shortfalls", token: f.civilStaff).items.count == 1)
            #expect(try await app.api(.POST, "/api/v1/task-access/shortfalls/\(reportID)/answer", token: f.healthStaff,
                                      json: ["answer": "x"]).status == .forbidden)
            #expect(try await app.taDenials("shortfall.answer").count == 1)
            // The page offers the answer form to exactly those the route lets answer: the naming department and the office.
            let answerForm = "/task-access/shortfalls/\(reportID)/answer"
            for (user, offered) in [("ta.civil", true), ("ta.office", true), ("ta.rc", false)] {
                let browser = Browser(app)
                try await browser.signIn(user)
                let page = try await browser.get("/task-access/shortfalls")
                #expect(page.status == .ok)
                #expect(page.body.contains(answerForm) == offered, "\(user)")
            }
            #expect(try await app.api(.POST, "/api/v1/task-access/shortfalls/\(reportID)/answer", token: f.civilStaff,
                                      json: ["answer": "7月10日前拨付"]).status == .ok)
            #expect(try await ShortfallReport.find(UUID(uuidString: reportID), on: app.db)?.answer == "7月10日前拨付")
        }
    }

    @Test func thePageFormAndTheAPIRunTheSameCommandInBothLanguages() async throws {
        try await withTaskAccess { app, f in
            let browser = Browser(app)
            try await browser.signIn("ta.civil")
            let page = try await browser.get("/task-access/tasks")
            #expect(page.status == .ok)
            #expect(page.body.contains("登记事项"))
            let form: [String: String] = ["departmentID": f.civil.uuidString, "title": "违法建设行政处罚", "legalBasis": "法", "classification": "mayUndertake",
                                          "classifiedBy": "文", "nature": "publicService", "hoursPerYear": "10", "inForce": "true", "fromYear": "2026"]
            let refused = try await browser.post("/task-access/tasks", form: form)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("规则A1"))
            var good = form
            good["title"] = "社区居家养老服务组织"
            #expect(try await browser.post("/task-access/tasks", form: good).status == .seeOther)
            let task = try #require(try await AdministrativeTask.query(on: app.db).first())
            #expect(task.title == "社区居家养老服务组织" && task.departmentID == f.civil)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "task.register").filter(\.$outcome == "ok").count() == 1)

            // The assignment form refuses exactly as the API does, and logs the attempt the same way.
            let id = try task.requireID().uuidString
            _ = try await browser.get("/task-access/tasks/\(id)")
            let assign = try await browser.post("/task-access/tasks/\(id)/assignments", form: ["community": communityA, "year": "2027"])
            #expect(assign.status == .unprocessableEntity)
            #expect(try await app.taDenials("task.assign").count == 1)
            #expect(try await TaskAssignment.query(on: app.db).count() == 0)

            // A plan through the form, with ticked tasks and communities, then submitted and (by the office's form) approved.
            _ = try await browser.get("/task-access/plans")
            let plan = try await browser.post("/task-access/plans", pairs: [
                ("departmentID", f.civil.uuidString), ("year", "2027"), ("title", "表单计划"), ("fundID", f.fund.uuidString),
                ("amountPerCommittee", "5000"), ("workingConditions", "用房"), ("policyGuidance", "培训"), ("agreementKind", "entrustment"),
                ("grouping", "perDistrict"), ("taskIDs[]", id), ("communities[]", communityA), ("communities[]", communityB)])
            #expect(plan.status == .seeOther)
            let saved = try #require(try await TaskPlan.query(on: app.db).first())
            #expect(try await Plans.communities(of: saved.requireID(), on: app.db) == [communityA, communityB])
            let planID = try saved.requireID().uuidString
            _ = try await browser.get("/task-access/plans/\(planID)")
            #expect(try await browser.post("/task-access/plans/\(planID)/steps", form: ["step": "submit", "reason": ""]).status == .seeOther)
            let office = Browser(app)
            try await office.signIn("ta.office.xz")
            let queue = try await office.get("/task-access/plans")
            #expect(queue.body.contains("表单计划"))
            // The queue shows the year's review deadline (the default, the end of April, unless the office set one).
            #expect(queue.body.contains((try await PlanDeadlines.dates(for: 2027, on: app.db)).reviewBy.description))
            _ = try await office.get("/task-access/plans/\(planID)")
            #expect(try await office.post("/task-access/plans/\(planID)/steps", form: ["step": "approve", "reason": "同意"]).status == .seeOther)
            #expect(try await TaskPlan.find(saved.id, on: app.db)?.state == .approved)

            // One page in both languages.
            let zh = try await browser.get("/communities/\(communityA)/registered-tasks")
            #expect(zh.body.contains("登记的社区事项"))
            browser.cookies[Language.cookieName] = "en"
            let en = try await browser.get("/communities/\(communityA)/registered-tasks")
            #expect(en.body.contains("Registered tasks"))
            let start = try await browser.get("/task-access")
            #expect(start.body.contains("/task-access/plans") && start.body.contains("/task-access/tasks"))
        }
    }

    @Test func theBurdenReportExportsAsCSVForTheOfficeAndNotForTheDepartment() async throws {
        try await withTaskAccess { app, f in
            let must = try await app.registerTask(f.civilStaff, taskJSON("低保信息采集", .mustUndertake, nature: .informationGathering, hours: 120))
            #expect(try await app.api(.POST, "/api/v1/task-access/tasks/\(must)/assignments", token: f.civilStaff,
                                      json: ["community": communityA, "year": planYear]).status == .created)
            let browser = Browser(app)
            try await browser.signIn("ta.office")
            let csv = try await browser.get("/task-access/burden.csv?year=\(planYear)")
            #expect(csv.status == .ok)
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.body.contains(BurdenReport.csvHeader))
            #expect(csv.body.contains("\(communityA),") && csv.body.contains(",\(planYear),1,120,0.00,0.00,0.00"))
            let page = try await browser.get("/task-access/burden")
            #expect(page.body.contains(communityA))
            #expect(try await app.api(.GET, "/api/v1/task-access/burden.csv", token: f.civilStaff).status == .forbidden)
            #expect(try await app.taDenials("burden.read").count == 1)
        }
    }

    @Test func theDemoFillsEveryScreenAndRunsTwiceWithoutAddingAnything() async throws {
        try await withShequ { app in
            _ = try await DemoCommand.fill(app)
            for module in app.shequModules { _ = try await module.demo(app) }
            let plans = try await TaskPlan.query(on: app.db).all()
            #expect(Set(plans.map(\.state)) == [.approved, .changesRequested, .rejected])
            #expect(try await TaskAgreement.query(on: app.db).filter(\.$kind == .responsibilityLetter).filter(\.$state == .converted).count() == 1)
            #expect(try await AgreementDisbursement.query(on: app.db).count() == 6)
            #expect(try await ShortfallReport.query(on: app.db).count() == 1)
            let counts = (try await AdministrativeTask.query(on: app.db).count(), try await TaskAgreement.query(on: app.db).count())
            for module in app.shequModules { _ = try await module.demo(app) }
            #expect(try await AdministrativeTask.query(on: app.db).count() == counts.0)
            #expect(try await TaskAgreement.query(on: app.db).count() == counts.1)
            let browser = Browser(app)
            try await browser.signIn("community.cuixiang", DemoCommand.password)
            let own = try await browser.get("/communities/440402001001/task-burden")
            #expect(own.status == .ok)
            #expect(own.body.contains("社区居家养老服务组织") && own.body.contains("¥7,500.00"))
        }
    }
}
