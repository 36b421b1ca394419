import Fluent
import Foundation
import Funds
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import TaskAccess

/// F1 "per task": the share rule by itself, then the report against the ledger after each movement of money.
@Suite struct TaskReportTests {
    // MARK: - The share rule

    @Test func sharesFollowTheHoursAndAddUpToTheFen() {
        #expect(TaskShares.split(300, weights: [200, 100]) == [200, 100])
        #expect(TaskShares.split(0, weights: [5, 7]) == [0, 0])
        #expect(TaskShares.split(100, weights: [10]) == [100])
        #expect(TaskShares.split(100, weights: []) == [])
        // 1000 × 2/3 = 666.67 and 1000 × 1/3 = 333.33: the leftover fen goes to the larger remainder.
        #expect(TaskShares.split(1000, weights: [200, 100, 0]) == [667, 333, 0])
        #expect(TaskShares.split(1000, weights: [100, 200, 0]) == [333, 667, 0])
        // Equal remainders: the earlier position takes the fen, so a report ordered by id reads the same each time.
        #expect(TaskShares.split(100, weights: [1, 1, 1]) == [34, 33, 33])
        #expect(TaskShares.split(2, weights: [1, 1, 1]) == [1, 1, 0])
    }

    @Test func zeroHoursGetNothingUnlessNoTaskHasAnyThenSharesAreEqual() {
        #expect(TaskShares.split(10, weights: [0, 5]) == [0, 10])
        #expect(TaskShares.split(10, weights: [0, 0]) == [5, 5])
        #expect(TaskShares.split(7, weights: [0, 0, 0]) == [3, 2, 2])
        // A negative weight (never stored: hours are bounded 0…10,000) counts as none.
        #expect(TaskShares.split(10, weights: [-5, 5]) == [0, 10])
    }

    @Test func everySplitSumsExactlyAndNoShareIsAFenFromItsQuota() {
        var seed: UInt64 = 0x5EED
        func next(_ bound: UInt64) -> UInt64 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return (seed >> 33) % bound
        }
        for _ in 0..<2000 {
            let total = Int64(next(100_000_000_000))
            let weights = (0..<Int(next(8) + 1)).map { _ in Int(next(3) == 0 ? 0 : next(10_001)) }
            let shares = TaskShares.split(total, weights: weights)
            #expect(shares.count == weights.count)
            #expect(shares.reduce(0, +) == total)
            let sum = weights.reduce(0, +)
            guard sum > 0 else { continue }
            for (share, w) in zip(shares, weights) {
                // |share − total·w/W| < 1, in integers: |share·W − total·w| < W.
                let exact = Double(total) * Double(w) / Double(sum)
                #expect(abs(Double(share) - exact) < 1.0001, "\(total) \(weights)")
            }
        }
    }

    @Test func theLargestAmountsAndNegativeTotalsDoNotTrap() {
        let huge = TaskShares.split(Int64.max, weights: [10_000, 10_000, 1])
        #expect(huge.reduce(0, &+) == Int64.max)
        #expect(TaskShares.split(Int64.max, weights: [1, 1]) == [4_611_686_018_427_387_904, 4_611_686_018_427_387_903])
        #expect(TaskShares.split(-100, weights: [1, 1, 1]) == [-34, -33, -33])
        #expect(TaskShares.split(Int64.min, weights: [1, 1]).reduce(0, &+) == Int64.min)
        #expect(TaskShares.split(100, weights: [Int.max, Int.max]) == [50, 50])
    }

    // MARK: - The report

    @Test func theReportFollowsTheLedgerThroughApprovalAgreementsAndPayment() async throws {
        try await withTaskAccess { app, f in
            let care = try await app.registerTask(f.civilStaff, taskJSON("社区居家养老服务组织", hours: 200))
            let visits = try await app.registerTask(f.civilStaff, taskJSON("高龄津贴入户核查", hours: 100))
            let must = try await app.registerTask(f.civilStaff, taskJSON("低保信息采集", .mustUndertake, nature: .informationGathering, hours: 120))
            let clinic = try await app.registerTask(f.healthStaff, taskJSON("慢性病患者随访协助", hours: 50))
            let plan = try await app.draftPlan(f.civilStaff, planJSON("养老计划", fund: f.fund, tasks: [care, visits],
                                                                      communities: [communityA, communityB], amount: "1000.01"))
            let report = { (token: String) in try await app.api(.GET, "/api/v1/task-access/task-funds?year=\(planYear)&per=200", token: token) }
            func row(_ r: APIResult, _ id: String) throws -> [String: Any] { try #require(r.items.first { $0["taskID"] as? String == id }) }

            // Drafted and submitted, nothing is reserved yet: every task at zero.
            try await app.planStep(plan, .submit, token: f.civilStaff)
            let before = try await report(f.office)
            #expect(before.status == .ok)
            #expect(before.items.count == 4)
            #expect(before.items.allSatisfy { $0["promised"] as? Int == 0 && $0["committed"] as? Int == 0 && $0["disbursed"] as? Int == 0 })
            #expect(before.object["approvedPlans"] as? Int == 0)

            // Approved: 2 committees × 1,000.01 = 200,002 fen reserved, split 200 : 100 hours. 133,334.67 and 66,667.33:
            // the odd fen goes to the larger remainder, the care task's.
            #expect(try await app.planStep(plan, .approve, token: f.office).status == .ok)
            let approved = try await report(f.office)
            #expect(try row(approved, care)["promised"] as? Int == 133_335)
            #expect(try row(approved, visits)["promised"] as? Int == 66_667)
            #expect(try row(approved, care)["plans"] as? Int == 1)
            let planID = try #require(UUID(uuidString: plan))
            #expect(try await app.balance(.plan(f.fund, plan: planID, department: f.civil, reach: "440402")) == Money(fen: 200_002))
            #expect(approved.object["promised"] as? Int == 200_002)
            #expect(approved.object["approvedPlans"] as? Int == 1)

            // The agreements take the whole reservation; the plan's account is empty, the task shares stay.
            let terms: [String: Any] = ["termStart": "2027-01-01", "termEnd": "2027-12-31", "deliverables": "每月探访", "inspectionSchedule": "每季度末"]
            let made = try await app.api(.POST, "/api/v1/task-access/plans/\(plan)/agreements", token: f.civilStaff, json: terms)
            #expect(made.status == .created)
            #expect(try await app.balance(.plan(f.fund, plan: planID, department: f.civil, reach: "440402")) == .zero)
            let committed = try await report(f.office)
            #expect(try row(committed, care)["committed"] as? Int == 133_335 && row(committed, visits)["committed"] as? Int == 66_667)
            #expect(try row(committed, care)["promised"] as? Int == 133_335)
            let funding = made.array.compactMap { $0["fundingFen"] as? Int }.reduce(0, +)
            #expect(committed.object["committed"] as? Int == funding && funding == 200_002)

            // 500 yuan paid to A: 33,333.33 and 16,666.67, the odd fen to the visits task this time.
            let forA = try #require(made.array.first { $0["divisionCode"] as? String == communityA }?["id"] as? String)
            #expect(try await app.api(.POST, "/api/v1/task-access/agreements/\(forA)/disbursements", token: f.civilStaff,
                                      json: ["community": communityA, "amount": "500", "memo": "一季度"]).status == .created)
            let paid = try await report(f.office)
            #expect(try row(paid, care)["disbursed"] as? Int == 33_333)
            #expect(try row(paid, visits)["disbursed"] as? Int == 16_667)
            #expect(try await FundsLedger.receivedByCommittee(communityA, on: app.db) == Money(fen: 50_000))
            #expect(paid.object["disbursed"] as? Int == 50_000)
            // Every figure of the tasks adds back to the ledger's.
            for key in ["promised", "committed", "disbursed"] {
                #expect(paid.items.compactMap { $0[key] as? Int }.reduce(0, +) == paid.object[key] as? Int, "\(key)")
            }

            // The committees carrying each task that year; the must-undertake task carries no plan money.
            for c in [communityA, communityB] {
                #expect(try await app.api(.POST, "/api/v1/task-access/tasks/\(care)/assignments", token: f.civilStaff,
                                          json: ["community": c, "year": planYear]).status == .created)
            }
            #expect(try await app.api(.POST, "/api/v1/task-access/tasks/\(must)/assignments", token: f.civilStaff,
                                      json: ["community": communityA, "year": planYear]).status == .created)
            let carried = try await report(f.office)
            #expect(try row(carried, care)["committees"] as? Int == 2)
            #expect(try row(carried, visits)["committees"] as? Int == 0)
            let mustRow = try row(carried, must)
            #expect(mustRow["committees"] as? Int == 1 && mustRow["classification"] as? String == "mustUndertake")
            #expect(mustRow["promised"] as? Int == 0 && mustRow["disbursed"] as? Int == 0 && mustRow["plans"] as? Int == 0)
            #expect(try row(carried, clinic)["department"] as? String == "香洲区卫生健康局")
            // Another year has none of this year's money.
            let other = try await app.api(.GET, "/api/v1/task-access/task-funds?year=\(planYear + 1)", token: f.office)
            #expect(other.status == .ok && other.object["promised"] as? Int == 0)
        }
    }

    @Test func aDepartmentSeesOnlyItsTasksAndTheDistrictOfficeOnlyTheDepartmentsItCovers() async throws {
        try await withTaskAccess { app, f in
            let care = try await app.registerTask(f.civilStaff, taskJSON("社区居家养老服务组织", hours: 200))
            let clinic = try await app.registerTask(f.healthStaff, taskJSON("慢性病患者随访协助", hours: 50))
            let plan = try await app.draftPlan(f.civilStaff, planJSON("养老计划", fund: f.fund, tasks: [care], communities: [communityA]))
            try await app.planStep(plan, .submit, token: f.civilStaff)
            #expect(try await app.planStep(plan, .approve, token: f.office).status == .ok)
            let ids = { (token: String) in
                Set(try await app.api(.GET, "/api/v1/task-access/task-funds?year=\(planYear)", token: token).items.compactMap { $0["taskID"] as? String })
            }
            #expect(try await ids(f.civilStaff) == [care])
            #expect(try await ids(f.healthStaff) == [clinic])
            #expect(try await ids(f.office) == [care, clinic])
            // Xiangzhou's office covers the district's health bureau, not the city's civil-affairs bureau.
            #expect(try await ids(f.districtOffice) == [clinic])
            // The totals are those of the reader's scope: the health bureau has no approved plan.
            let health = try await app.api(.GET, "/api/v1/task-access/task-funds?year=\(planYear)", token: f.healthStaff)
            #expect(health.object["promised"] as? Int == 0 && health.object["approvedPlans"] as? Int == 0)
            let civil = try await app.api(.GET, "/api/v1/task-access/task-funds?year=\(planYear)", token: f.civilStaff)
            #expect(civil.object["promised"] as? Int == 1_000_000)
        }
    }

    @Test func othersAreRefusedAndLoggedAndABadYearOrPageIsRefused() async throws {
        try await withTaskAccess { app, f in
            for token in [f.committee, f.street] {
                #expect(try await app.api(.GET, "/api/v1/task-access/task-funds", token: token).status == .forbidden)
                #expect(try await app.api(.GET, "/api/v1/task-access/task-funds.csv", token: token).status == .forbidden)
            }
            #expect(try await app.taDenials("taskFunds.read").count == 4)
            #expect(try await app.api(.GET, "/api/v1/task-access/task-funds").status == .unauthorized)
            for query in ["year=1999", "year=2101", "year=20270", "page=0", "per=201"] {
                #expect(try await app.api(.GET, "/api/v1/task-access/task-funds?\(query)", token: f.office).status == .unprocessableEntity, "\(query)")
            }
            // Not a number at all is the wrong type, as for every declared integer.
            #expect(try await app.api(.GET, "/api/v1/task-access/task-funds?year=abc", token: f.office).status == .badRequest)
            let browser = Browser(app)
            try await browser.signIn("ta.office")
            #expect(try await browser.get("/task-access/task-funds?year=1999").status == .unprocessableEntity)
            #expect(try await browser.get("/task-access/task-funds.csv?year=abc").status == .unprocessableEntity)
            let rc = Browser(app)
            try await rc.signIn("ta.rc")
            #expect(try await rc.get("/task-access/task-funds").status == .forbidden)
            #expect(try await app.taDenials("taskFunds.read").count == 5)

            // The bounds refused here are the ones the OpenAPI document publishes.
            let document = try #require(try await app.api(.GET, "/api/v1/openapi.json").json as? [String: Any])
            let paths = try #require(document["paths"] as? [String: Any])
            let get = try #require((paths["/api/v1/task-access/task-funds"] as? [String: Any])?["get"] as? [String: Any])
            let parameters = get["parameters"] as? [[String: Any]] ?? []
            let year = try #require(parameters.first { $0["name"] as? String == "year" }?["schema"] as? [String: Any])
            #expect(year["minimum"] as? Int == 2000 && year["maximum"] as? Int == 2100)
            #expect(parameters.contains { $0["name"] as? String == "per" })
            #expect(paths["/api/v1/task-access/task-funds.csv"] != nil)
        }
    }

    @Test func thePageAndTheCSVInBothLanguagesLinkedFromTheStartPage() async throws {
        try await withTaskAccess { app, f in
            let care = try await app.registerTask(f.civilStaff, taskJSON("社区居家养老服务组织", hours: 200))
            let must = try await app.registerTask(f.civilStaff, taskJSON("低保信息采集", .mustUndertake, nature: .informationGathering, hours: 120))
            let plan = try await app.draftPlan(f.civilStaff, planJSON("养老计划", fund: f.fund, tasks: [care], communities: [communityA],
                                                                      amount: "12,345.67"))
            try await app.planStep(plan, .submit, token: f.civilStaff)
            #expect(try await app.planStep(plan, .approve, token: f.office).status == .ok)

            for (user, linked) in [("ta.office", true), ("ta.civil", true), ("ta.rc", false), ("ta.street", false)] {
                let b = Browser(app)
                try await b.signIn(user)
                #expect(try await b.get("/task-access").body.contains(TaskReportPages.path) == linked, "\(user)")
            }
            let browser = Browser(app)
            try await browser.signIn("ta.civil")
            let page = try await browser.get("/task-access/task-funds?year=\(planYear)")
            #expect(page.status == .ok)
            #expect(page.body.contains("各事项经费") && page.body.contains("社区居家养老服务组织") && page.body.contains("¥12,345.67"))
            #expect(page.body.contains("须承接事项是居委会依法必须承担的工作"))
            #expect(page.body.contains("data-label=\"计划预留\""))
            #expect(page.body.contains("/task-access/task-funds.csv?year=\(planYear)"))
            browser.cookies[Language.cookieName] = "en"
            let en = try await browser.get("/task-access/task-funds?year=\(planYear)")
            #expect(en.body.contains("Funds per task") && en.body.contains("Must-undertake tasks are work the committee carries by law"))

            let csv = try await browser.get("/task-access/task-funds.csv?year=\(planYear)")
            #expect(csv.status == .ok)
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.body.contains(TaskReport.csvHeader.joined(separator: ",")))
            let lines = csv.body.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 3)
            #expect(lines.contains { $0.hasPrefix(care.uppercased()) && $0.contains("mayUndertake") && $0.contains("12,345.67") })
            #expect(lines.contains { $0.hasPrefix(must.uppercased()) && $0.contains("mustUndertake") && $0.hasSuffix(",0.00,0.00,0.00") })
        }
    }
}
