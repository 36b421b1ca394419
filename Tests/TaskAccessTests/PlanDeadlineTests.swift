import Fluent
import Foundation
import ShequKernel
@testable import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import TaskAccess

/// A2, O3: the review deadline means something. A plan sent back may come back until the review deadline and not
/// after; the office cannot send a plan back once the department could no longer return it; a decision after the
/// deadline is taken but recorded as late; plans still waiting after it are marked overdue and listed first.
/// Time moves by moving the deadlines around the real today (the server's clock), never by sleeping.
@Suite struct PlanDeadlineTests {
    /// Today in Beijing, as the server counts deadlines.
    let today = LocalDate(instant: Date())

    @Test func aPlanSentBackMayBeResubmittedUntilTheReviewDeadlineAndNotAfter() async throws {
        try await withTaskAccess { app, f in
            let task = try await app.registerTask(f.civilStaff, taskJSON("社区居家养老服务组织"))
            let plan = try await app.draftPlan(f.civilStaff, planJSON("养老计划", fund: f.fund, tasks: [task], communities: [communityA]))
            try await app.setDeadlines(f, submitBy: today.adding(days: 10), reviewBy: today.adding(days: 20))
            #expect(try await app.planStep(plan, .submit, token: f.civilStaff).status == .ok)
            #expect(try await app.planStep(plan, .requestChanges, token: f.office, reason: "请写明工作条件").status == .ok)

            // The submission deadline has passed but the review deadline has not: the changed plan comes back.
            try await app.setDeadlines(f, submitBy: today.adding(days: -2), reviewBy: today.adding(days: 5))
            #expect(try await app.planStep(plan, .submit, token: f.civilStaff).status == .ok)
            #expect(try await app.plan(plan)?.state == .submitted)
            // A new plan, though, is still held to the submission deadline.
            let other = try await app.draftPlan(f.civilStaff, planJSON("另一计划", fund: f.fund, tasks: [task], communities: [communityA]))
            let first = try await app.planStep(other, .submit, token: f.civilStaff)
            #expect(first.status == .unprocessableEntity)
            #expect(first.object["code"] as? String == "plan_submission_late")

            // Sent back again, and now the review deadline has passed too: refused with the date, nothing changed.
            #expect(try await app.planStep(plan, .requestChanges, token: f.office, reason: "再补充").status == .ok)
            let reviewBy = today.adding(days: -1)
            try await app.setDeadlines(f, submitBy: today.adding(days: -10), reviewBy: reviewBy)
            let events = try await TaskPlanEvent.query(on: app.db).count()
            let late = try await app.planStep(plan, .submit, token: f.civilStaff)
            #expect(late.status == .unprocessableEntity)
            #expect(late.object["code"] as? String == "plan_resubmission_late")
            #expect((late.object["reason"] as? String ?? "").contains(reviewBy.description))
            #expect(try await app.plan(plan)?.state == .changesRequested)
            #expect(try await TaskPlanEvent.query(on: app.db).count() == events)
            // The department's page says so instead of offering a submission that would be refused.
            let staff = Browser(app)
            try await staff.signIn("ta.civil")
            let page = try await staff.get("/task-access/plans/\(plan)")
            #expect(page.body.contains(Phrase.resubmissionClosed.zh))
            #expect(!page.body.contains("value=\"submit\""))
        }
    }

    @Test func theReviewDeadlineDayItselfStillCounts() async throws {
        try await withTaskAccess { app, f in
            let task = try await app.registerTask(f.civilStaff, taskJSON("社区居家养老服务组织"))
            let id = try await app.draftPlan(f.civilStaff, planJSON("养老计划", fund: f.fund, tasks: [task], communities: [communityA]))
            #expect(try await app.planStep(id, .submit, token: f.civilStaff).status == .ok)
            #expect(try await app.planStep(id, .requestChanges, token: f.office, reason: "请修改").status == .ok)
            let d = try await PlanDeadlines.dates(for: planYear, on: app.db)
            // The command itself, with the day handed to it: on the review deadline yes, the day after no.
            let plan = try #require(try await app.plan(id))
            await #expect(throws: ShequError.self) {
                try await Plans.take(.submit, on: plan, reason: "", by: "ta.civil", today: d.reviewBy.adding(days: 1), on: app.db)
            }
            #expect(try await app.plan(id)?.state == .changesRequested)
            let moved = try await Plans.take(.submit, on: plan, reason: "", by: "ta.civil", today: d.reviewBy, on: app.db)
            #expect(moved.plan.state == .submitted)
            // Deciding on the deadline day is on time; the day after, late.
            let onTime = try await Plans.take(.requestChanges, on: plan, reason: "再改", by: "ta.office", today: d.reviewBy, on: app.db)
            #expect(onTime.decidedLateAfter == nil)
            _ = try await Plans.take(.submit, on: plan, reason: "", by: "ta.civil", today: d.reviewBy, on: app.db)
            let late = try await Plans.take(.reject, on: plan, reason: "不予准入", by: "ta.office", today: d.reviewBy.adding(days: 1), on: app.db)
            #expect(late.decidedLateAfter == d.reviewBy)
        }
    }

    @Test func afterTheReviewDeadlineThePlanCannotBeSentBackOnlyDecided() async throws {
        try await withTaskAccess { app, f in
            let task = try await app.registerTask(f.civilStaff, taskJSON("社区居家养老服务组织"))
            let plan = try await app.draftPlan(f.civilStaff, planJSON("养老计划", fund: f.fund, tasks: [task], communities: [communityA]))
            #expect(try await app.planStep(plan, .submit, token: f.civilStaff).status == .ok)
            let reviewBy = today.adding(days: -1)
            try await app.setDeadlines(f, submitBy: today.adding(days: -30), reviewBy: reviewBy)

            let refused = try await app.planStep(plan, .requestChanges, token: f.office, reason: "请修改")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.object["code"] as? String == "plan_changes_too_late")
            #expect((refused.object["reason"] as? String ?? "").contains(reviewBy.description))
            let still = try #require(try await app.plan(plan))
            #expect(still.state == .submitted && still.decidedOn == nil)
            #expect(try await TaskPlanEvent.query(on: app.db).count() == 1)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "plan.requestChanges").filter(\.$outcome == "ok").count() == 0)

            // The office's page offers only approve and reject, and says why.
            let office = Browser(app)
            try await office.signIn("ta.office")
            let page = try await office.get("/task-access/plans/\(plan)")
            #expect(page.body.contains(Phrase.changesClosed.zh))
            #expect(page.body.contains("value=\"approve\"") && page.body.contains("value=\"reject\""))
            #expect(!page.body.contains("value=\"requestChanges\""))
        }
    }

    @Test func aDecisionAfterTheReviewDeadlineIsTakenAndRecordedAsLate() async throws {
        try await withTaskAccess { app, f in
            let task = try await app.registerTask(f.civilStaff, taskJSON("社区居家养老服务组织"))
            let onTime = try await app.draftPlan(f.civilStaff, planJSON("按时计划", fund: f.fund, tasks: [task], communities: [communityA]))
            let late = try await app.draftPlan(f.civilStaff, planJSON("逾期计划", fund: f.fund, tasks: [task], communities: [communityB]))
            #expect(try await app.planStep(onTime, .submit, token: f.civilStaff).status == .ok)
            #expect(try await app.planStep(late, .submit, token: f.civilStaff).status == .ok)
            #expect(try await app.planStep(onTime, .approve, token: f.office, reason: "同意").status == .ok)

            let reviewBy = today.adding(days: -3)
            try await app.setDeadlines(f, submitBy: today.adding(days: -30), reviewBy: reviewBy)
            let approved = try await app.planStep(late, .approve, token: f.office, reason: "同意准入")
            #expect(approved.status == .ok)
            #expect(approved.object["overdue"] as? Bool == false)
            #expect(try await app.plan(late)?.state == .approved)

            // The history and the audit say the late decision was late, with the deadline; the timely one says nothing of it.
            let events = try await TaskPlanEvent.query(on: app.db).filter(\.$toState == .approved).all()
            let lateEvent = try #require(events.first { $0.planID.uuidString == late })
            #expect(lateEvent.reason.hasPrefix("同意准入"))
            #expect(lateEvent.reason.contains(Phrase.planDecidedLate.zh) && lateEvent.reason.contains(Phrase.planDecidedLate.en))
            #expect(lateEvent.reason.contains(reviewBy.description))
            let timely = try #require(events.first { $0.planID.uuidString == onTime })
            #expect(timely.reason == "同意")
            let audits = try await AuditEntry.query(on: app.db).filter(\.$action == "plan.approve").filter(\.$outcome == "ok").all()
            let lateAudit = try #require(audits.first { $0.entityID == late })
            #expect(lateAudit.detail.contains("after the review deadline") && lateAudit.detail.contains(reviewBy.description))
            #expect(!(audits.first { $0.entityID == onTime }?.detail.contains("review deadline") ?? true))

            // The plan's page says, in its history, that the decision came after the deadline.
            let staff = Browser(app)
            try await staff.signIn("ta.civil")
            let page = try await staff.get("/task-access/plans/\(late)")
            #expect(page.body.contains(Phrase.planDecidedLate.zh))
            #expect(!(try await staff.get("/task-access/plans/\(onTime)")).body.contains(Phrase.planDecidedLate.zh))
        }
    }

    @Test func overdueReviewsAreMarkedAndComeFirstInTheQueueOnTheListAndOnThePage() async throws {
        try await withTaskAccess { app, f in
            let task = try await app.registerTask(f.civilStaff, taskJSON("社区居家养老服务组织"))
            // Two years, so the list's own order (newest year first) would put the timely plan first.
            var overdueJSON = planJSON("甲计划逾期", fund: f.fund, tasks: [task], communities: [communityA])
            overdueJSON["year"] = 2027
            var timelyJSON = planJSON("乙计划按时", fund: f.fund, tasks: [task], communities: [communityA])
            timelyJSON["year"] = 2028
            let overdue = try await app.draftPlan(f.civilStaff, overdueJSON)
            let timely = try await app.draftPlan(f.civilStaff, timelyJSON)
            try await app.setDeadlines(f, year: 2028, submitBy: today.adding(days: 10), reviewBy: today.adding(days: 40))
            #expect(try await app.planStep(timely, .submit, token: f.civilStaff).status == .ok)
            #expect(try await app.planStep(overdue, .submit, token: f.civilStaff).status == .ok)
            let reviewBy = today.adding(days: -1)
            try await app.setDeadlines(f, year: 2027, submitBy: today.adding(days: -20), reviewBy: reviewBy)

            // The JSON queue: overdue first, marked, with its deadline.
            let queue = try await app.api(.GET, "/api/v1/task-access/plans?state=submitted", token: f.office)
            #expect(queue.status == .ok)
            #expect(queue.items.map { $0["title"] as? String } == ["甲计划逾期", "乙计划按时"])
            #expect(queue.items.map { $0["overdue"] as? Bool } == [true, false])
            #expect(queue.items.first?["reviewBy"] as? String == reviewBy.description)
            #expect(queue.items.first?["id"] as? String == overdue)
            // The department's own list carries the same mark.
            let own = try await app.api(.GET, "/api/v1/task-access/plans", token: f.civilStaff)
            #expect(own.items.first?["title"] as? String == "甲计划逾期" && own.items.first?["overdue"] as? Bool == true)
            // An approved plan is not overdue, whatever the date.
            #expect(try await app.planStep(overdue, .approve, token: f.office, reason: "同意").status == .ok)
            let after = try await app.api(.GET, "/api/v1/task-access/plans", token: f.civilStaff)
            #expect(after.items.allSatisfy { $0["overdue"] as? Bool == false })
            // Back to an overdue one for the pages: a second plan of 2027, submitted while the window was open.
            try await app.setDeadlines(f, year: 2027, submitBy: today.adding(days: 1), reviewBy: today.adding(days: 2))
            var againJSON = planJSON("丙计划逾期", fund: f.fund, tasks: [task], communities: [communityB])
            againJSON["year"] = 2027
            let again = try await app.draftPlan(f.civilStaff, againJSON)
            #expect(try await app.planStep(again, .submit, token: f.civilStaff).status == .ok)
            try await app.setDeadlines(f, year: 2027, submitBy: today.adding(days: -20), reviewBy: reviewBy)
            // The timely plan has waited longer, so only its being overdue can put the other one before it.
            let waiting = try #require(try await app.plan(timely))
            waiting.submittedOn = today.adding(days: -5).description
            try await waiting.save(on: app.db)

            // The office's page: the queue lists the overdue plan first and marks it, in either language.
            let office = Browser(app)
            try await office.signIn("ta.office")
            let zh = try await office.get("/task-access/plans")
            let queueZh = try #require(zh.body.range(of: "id=\"review-queue\"")).upperBound
            let rest = zh.body[queueZh...]
            let first = try #require(rest.range(of: "丙计划逾期")), second = try #require(rest.range(of: "乙计划按时"))
            #expect(first.lowerBound < second.lowerBound)
            #expect(rest.contains(Phrase.reviewOverdue.zh))
            office.cookies[Language.cookieName] = "en"
            let en = try await office.get("/task-access/plans")
            #expect(en.body.contains(Phrase.reviewOverdue.en))

            // The department's page for each plan: the two dates and whether the review is overdue.
            let staff = Browser(app)
            try await staff.signIn("ta.civil")
            let late = try await staff.get("/task-access/plans/\(again)")
            #expect(late.body.contains(today.adding(days: -20).description) && late.body.contains(reviewBy.description))
            #expect(late.body.contains(Phrase.reviewOverdue.zh))
            let onTime = try await staff.get("/task-access/plans/\(timely)")
            #expect(onTime.body.contains(Phrase.reviewNotOverdue.zh) && !onTime.body.contains(Phrase.reviewOverdue.zh))
            let detail = try await app.api(.GET, "/api/v1/task-access/plans/\(again)", token: f.civilStaff)
            #expect(detail.object["overdue"] as? Bool == true)
        }
    }

    @Test func theStartPageShowsEachOfficeTheOverdueReviewsInItsScope() async throws {
        try await withTaskAccess { app, f in
            let task = try await app.registerTask(f.civilStaff, taskJSON("社区居家养老服务组织"))
            // One plan in Xiangzhou (the district's office reviews it) and one across two districts (the city's).
            let local = try await app.draftPlan(f.civilStaff, planJSON("区内计划", fund: f.fund, tasks: [task], communities: [communityA]))
            let wide = try await app.draftPlan(f.civilStaff, planJSON("跨区计划", fund: f.fund, tasks: [task], communities: [communityA, doumenCommunity]))
            #expect(try await app.planStep(local, .submit, token: f.civilStaff).status == .ok)
            #expect(try await app.planStep(wide, .submit, token: f.civilStaff).status == .ok)
            let label = Phrase.overdueReviews.zh
            let city = Browser(app), district = Browser(app), staff = Browser(app)
            try await city.signIn("ta.office")
            try await district.signIn("ta.office.xz")
            try await staff.signIn("ta.civil")
            #expect((try await city.get("/task-access")).body.contains("\(label): 0"))

            try await app.setDeadlines(f, submitBy: today.adding(days: -20), reviewBy: today.adding(days: -1))
            let cityStart = try await city.get("/task-access")
            #expect(cityStart.body.contains("\(label): 2"))
            #expect(cityStart.body.contains("href=\"/task-access/plans#review-queue\""))
            #expect((try await district.get("/task-access")).body.contains("\(label): 1"))
            #expect(!(try await staff.get("/task-access")).body.contains(label))
            // Decided, it no longer counts.
            #expect(try await app.planStep(local, .reject, token: f.districtOffice, reason: "不予准入").status == .ok)
            #expect((try await city.get("/task-access")).body.contains("\(label): 1"))
            #expect((try await district.get("/task-access")).body.contains("\(label): 0"))
            city.cookies[Language.cookieName] = "en"
            #expect((try await city.get("/task-access")).body.contains("\(Phrase.overdueReviews.en): 1"))
        }
    }
}

extension Application {
    /// The city's office sets a year's deadlines, as it would on its page.
    func setDeadlines(_ f: TaskAccessFixture, year: Int = planYear, submitBy: LocalDate, reviewBy: LocalDate) async throws {
        let res = try await api(.POST, "/api/v1/task-access/deadlines", token: f.office,
                                json: ["year": year, "submitBy": submitBy.description, "reviewBy": reviewBy.description])
        guard res.status == .ok else { throw TestFailure("deadlines: \(res.status) \(res.body)") }
    }

    func plan(_ id: String) async throws -> TaskPlan? {
        try await TaskPlan.find(UUID(uuidString: id), on: db)
    }
}
