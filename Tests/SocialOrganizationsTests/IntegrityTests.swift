import Fluent
import Foundation
import ShequKernel
@testable import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import SocialOrganizations

/// An approved organisation of street A, its directory id, and its filer (now its staff).
struct IntegrityFixture {
    let f: FilingFixture
    let organizationID: String

    static func make(_ app: Application, name: String = "诚信测试长者服务社", registeredOn: LocalDate? = nil) async throws -> IntegrityFixture {
        let f = try await FilingFixture.make(app)
        let id = try await f.file(app, name)
        guard try await f.decide(app, id, "approve").status == .ok,
              let filing = try await Filing.find(UUID(uuidString: id), on: app.db), let org = filing.organizationID else {
            throw TestFailure("not approved")
        }
        if let registeredOn {
            // As if registered then: the rules count annual reports from the registration's year.
            filing.decidedAt = Date(timeIntervalSince1970: Double(registeredOn.ordinal) * 86400)
            try await filing.save(on: app.db)
        }
        return IntegrityFixture(f: f, organizationID: org.uuidString)
    }

    var base: String { "/api/v1/social-organizations/\(organizationID)" }

    static func entry(kind: String = "bad", source: String = "complaintUpheld", severity: String? = nil, on day: String? = nil,
                      summary: String = "投诉查实：上门探访未按约定进行") -> [String: Any] {
        var json: [String: Any] = ["kind": kind, "source": source, "summary": summary, "evidence": "街道核查记录（2026年第3号），走访3户核实。",
                                   "occurredOn": day ?? LocalDate(instant: Date()).adding(days: -3).description]
        if let severity { json["severity"] = severity }
        return json
    }

    static var lastYear: Int { LocalDate(instant: Date()).components.year - 1 }

    static func report(year: Int = lastYear) -> [String: Any] {
        ["year": year, "activities": "全年开展助餐、探访服务120次。", "members": 22, "incomeFen": 1_250_000, "spendingFen": 980_050]
    }
}

/// C3: the street records entries with evidence, the organisation files its annual reports, the class and the two
/// lists are derived and public, with the rules that decided them.
@Suite struct IntegrityTests {
    @Test func onlyTheOrganisationsStreetRecordsAndBadInputWritesNothing() async throws {
        try await withShequ { app in
            let o = try await IntegrityFixture.make(app)
            let path = o.base + "/integrity-entries"
            // Another street: refused and logged; the resident who is its staff, and no one signed in, neither.
            #expect(try await app.api(.POST, path, token: o.f.streetB, json: IntegrityFixture.entry()).status == .forbidden)
            #expect(try await denied(app, "socialOrganization.integrityRecord") == 1)
            #expect(try await app.api(.POST, path, token: o.f.resident, json: IntegrityFixture.entry()).status == .forbidden)
            #expect(try await app.api(.POST, path, json: IntegrityFixture.entry()).status == .unauthorized)
            // Bad input: 422 (or 400 for a missing field), nothing written.
            let tomorrow = LocalDate(instant: Date()).adding(days: 1).description
            for bad: [String: Any] in [
                IntegrityFixture.entry(severity: "commendation"), IntegrityFixture.entry(kind: "good", severity: "warning"),
                IntegrityFixture.entry(severity: "fine"), IntegrityFixture.entry(on: tomorrow), IntegrityFixture.entry(on: "2026-13-01"),
                IntegrityFixture.entry(summary: String(repeating: "长", count: 201)),
                IntegrityFixture.entry(severity: "annulled"), IntegrityFixture.entry().merging(["correctsID": UUID().uuidString]) { $1 },
                IntegrityFixture.entry().merging(["fineFen": 100]) { $1 }, IntegrityFixture.entry().merging(["evidence": "a\u{0}b"]) { $1 },
                // The record is public: no phone or ID number in it.
                IntegrityFixture.entry().merging(["evidence": "投诉人电话13926900999"]) { $1 },
            ] {
                let res = try await app.api(.POST, path, token: o.f.streetA, json: bad)
                #expect(res.status == .unprocessableEntity, "\(bad) \(res.status) \(res.body)")
            }
            // A value outside the declared ones, a missing field: 400, as everywhere on the platform.
            #expect(try await app.api(.POST, path, token: o.f.streetA, json: IntegrityFixture.entry(source: "rumour")).status == .badRequest)
            #expect(try await app.api(.POST, path, token: o.f.streetA, json: ["kind": "bad"]).status == .badRequest)
            #expect(try await app.count(IntegrityEntry.self) == 0)
            // Not in the registry: 404.
            #expect(try await app.api(.POST, "/api/v1/social-organizations/\(UUID())/integrity-entries", token: o.f.streetA,
                                      json: IntegrityFixture.entry()).status == .notFound)

            // The street records a bad entry through the API: class C by the 12-month rule, shown with the rule.
            let recorded = try await app.api(.POST, path, token: o.f.streetA, json: IntegrityFixture.entry())
            #expect(recorded.status == .created && recorded.object["severity"] as? String == "notice", "\(recorded.body)")
            #expect(recorded.object["recordedBy"] == nil)
            #expect(try await audited(app, "socialOrganization.integrityRecord") == 1)
            let c = try await app.api(.GET, o.base + "/supervision")
            #expect(c.object["supervisionClass"] as? String == "C", "\(c.body)")

            // A good entry on the page form; then the bad one annulled by a correction: class A (nothing due yet).
            let street = Browser(app)
            try await street.signIn("street.a")
            let page = try await street.get("/social-organizations/\(o.organizationID)")
            #expect(page.body.contains("action=\"/social-organizations/\(o.organizationID)/integrity-entries\""))
            let posted = try await street.post("/social-organizations/\(o.organizationID)/integrity-entries", form: [
                "kind": "good", "source": "inspection", "severity": "", "fine": "", "summary": "年度检查：台账规范，服务记录完整",
                "evidence": "街道年度检查表", "sourceReference": "翠香街道检〔2026〕12号", "occurredOn": LocalDate(instant: Date()).description,
                "correctsID": ""])
            #expect(posted.status == .seeOther, "\(posted.body)")
            let badID = try #require(recorded.object["id"] as? String)
            var annul = IntegrityFixture.entry(severity: "annulled", summary: "更正：经复核投诉不成立")
            annul["correctsID"] = badID
            #expect(try await app.api(.POST, path, token: o.f.streetA, json: annul).status == .created)
            #expect(try await app.api(.GET, o.base + "/supervision").object["supervisionClass"] as? String == "A")
            // Nothing is edited: three entries, the first marked corrected.
            let entries = try await app.api(.GET, o.base + "/integrity-entries")
            #expect(entries.object["total"] as? Int == 3)
            #expect(entries.items.first { $0["id"] as? String == badID }?["correctedByID"] as? String != nil)
            // The other street's official sees the page, not the form.
            let other = Browser(app)
            try await other.signIn("street.b")
            #expect(!(try await other.get("/social-organizations/\(o.organizationID)").body.contains("/integrity-entries\"")))
        }
    }

    /// A phone or an ID number on its own is refused; a UUID's all-digit stretch, an amount, a document number are not.
    @Test func personalNumbersAreToldFromIDsAndAmounts() {
        for text in ["投诉人电话13926900999", "电话：139 2690 0999 或13926900999。", "身份证440402199001011234", "证号44040219900101123X"] {
            #expect(IntegrityRecord.personalNumber(in: text), "\(text)")
        }
        for text in ["procurement-project:0B7E4C21-5F3A-4D6B-9A1C-12345678901F", "罚款5000000分", "香民罚〔2025〕2号", "12345-2026-045",
                     "12345678901234", "23926900999", "a13926900999"] {
            #expect(!IntegrityRecord.personalNumber(in: text), "\(text)")
        }
    }

    @Test func theOrganisationsStaffFileOneReportAYear() async throws {
        try await withShequ { app in
            let o = try await IntegrityFixture.make(app)
            let path = o.base + "/annual-reports"
            // The street is no staff of it.
            #expect(try await app.api(.POST, path, token: o.f.streetA, json: IntegrityFixture.report()).status == .forbidden)
            #expect(try await denied(app, "socialOrganization.annualReportFile") == 1)
            let filed = try await app.api(.POST, path, token: o.f.resident, json: IntegrityFixture.report())
            #expect(filed.status == .created && filed.object["onTime"] as? Bool != nil, "\(filed.body)")
            #expect(try await app.api(.POST, path, token: o.f.resident, json: IntegrityFixture.report()).status == .conflict)
            #expect(try await app.api(.POST, path, token: o.f.resident, json: IntegrityFixture.report(year: IntegrityFixture.lastYear + 1)).status
                    == .unprocessableEntity)
            #expect(try await app.api(.POST, path, token: o.f.resident,
                                      json: IntegrityFixture.report(year: 2020).merging(["incomeFen": -1]) { $1 }).status == .unprocessableEntity)
            #expect(try await app.count(AnnualReport.self) == 1)
            // Sent at once, one lands and the others are told it is filed (the unique index holds on PostgreSQL too).
            let token = o.f.resident
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for _ in 0..<4 { group.addTask { try await app.api(.POST, path, token: token, json: IntegrityFixture.report(year: 2019)).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1 && statuses.filter { $0 == .conflict }.count == 3, "\(statuses)")
            #expect(try await app.count(AnnualReport.self) == 2)

            // On the page form, in yuan, from the form page the workbench links to.
            let staff = Browser(app)
            try await staff.signIn("res.a")
            #expect(try await staff.get("/workbench").body.contains("/social-organizations/\(o.organizationID)/annual-reports/new"))
            #expect(try await staff.get("/social-organizations/\(o.organizationID)/annual-reports/new").status == .ok)
            staff.cookies["shequ-lang"] = "en"
            #expect(try await staff.get("/social-organizations/\(o.organizationID)/annual-reports/new").body.contains("File the annual report"))
            staff.cookies["shequ-lang"] = "zh-Hans"
            let posted = try await staff.post("/social-organizations/\(o.organizationID)/annual-reports", form: [
                "year": "2024", "activities": "开展读书会24次", "members": "15", "income": "3,000.50", "spending": ""])
            #expect(posted.status == .seeOther, "\(posted.body)")
            let reports = try await app.api(.GET, path)
            #expect(reports.object["total"] as? Int == 3 && reports.items.first { $0["year"] as? Int == 2024 }?["incomeFen"] as? Int == 300_050)
            let street = Browser(app)
            try await street.signIn("street.a")
            #expect(try await street.get("/social-organizations/\(o.organizationID)/annual-reports/new").status == .forbidden)
            let page = try await Browser(app).get("/social-organizations/\(o.organizationID)")
            #expect(page.body.contains("开展读书会24次") && page.body.contains("¥3,000.50"))
        }
    }

    @Test func theListsArePublicWithTheirCSVAndTheRulesDecideRemovals() async throws {
        try await withShequ { app in
            // Registered two years back in January and no report since: on the abnormal list from 1 July last year.
            let year = LocalDate(instant: Date()).components.year
            let o = try await IntegrityFixture.make(app, name: "缺报测试服务队", registeredOn: LocalDate(year: year - 2, month: 1, day: 10))
            let anonymous = Browser(app)
            let list = try await anonymous.get("/social-organizations/abnormal")
            #expect(list.status == .ok && list.body.contains("缺报测试服务队") && list.body.contains("\(year - 1)-07-01"))
            #expect(list.body.contains("未按时报送 \(year - 2) 年度报告"))
            let csv = try await anonymous.get("/social-organizations/abnormal.csv")
            #expect(csv.status == .ok && csv.body.contains("缺报测试服务队") && csv.body.contains(",C"))
            let api = try await app.api(.GET, "/api/v1/social-organizations/abnormal")
            #expect(api.object["total"] as? Int == 1)
            let page = try await anonymous.get("/social-organizations/\(o.organizationID)")
            #expect(page.body.contains("C 重点监管") && page.body.contains("活动异常名录"))
            for body in [list.body, csv.body, api.body, page.body] { #expect(!body.contains(FilingFixture.phone)) }
            // The registry's list and CSV carry the class too.
            #expect(try await anonymous.get("/social-organizations").body.contains("C 重点监管"))
            #expect(try await anonymous.get("/social-organizations.csv").body.contains("supervision_class"))
            #expect(try await app.api(.GET, "/api/v1/social-organizations/dishonest").object["total"] as? Int == 0)

            // The rules refuse the removal while the report is missing; nothing is written.
            let removal = ["list": "abnormal", "rectification": "已补报年度报告"]
            let early = try await app.api(.POST, o.base + "/list-removals", token: o.f.streetA, json: removal)
            #expect(early.status == .unprocessableEntity && early.body.contains("removal_refused"), "\(early.body)")
            #expect(try await app.api(.POST, o.base + "/list-removals", token: o.f.streetB, json: removal).status == .forbidden)
            #expect(try await app.count(ListRemoval.self) == 0)
            for y in [year - 2, year - 1] {
                #expect(try await app.api(.POST, o.base + "/annual-reports", token: o.f.resident, json: IntegrityFixture.report(year: y)).status == .created)
            }
            let removed = try await app.api(.POST, o.base + "/list-removals", token: o.f.streetA, json: removal)
            #expect(removed.status == .created && (removed.object["listings"] as? [Any])?.isEmpty == true, "\(removed.body)")
            #expect(try await app.api(.GET, "/api/v1/social-organizations/abnormal").object["total"] as? Int == 0)
            #expect(try await app.api(.POST, o.base + "/list-removals", token: o.f.streetA, json: removal).status == .conflict)
            // Late reports: B, with the reason said.
            #expect(try await app.api(.GET, o.base + "/supervision").object["supervisionClass"] as? String == "B")

            // A suspension: the serious-dishonesty list at once, class D, on the page and the CSV, in English too.
            #expect(try await app.api(.POST, o.base + "/integrity-entries", token: o.f.streetA,
                                      json: IntegrityFixture.entry(source: "inspection", severity: "suspension")).status == .created)
            // What other modules ask (Procurement's eligibility).
            let standing = try await IntegrityRecord.standing(of: try #require(UUID(uuidString: o.organizationID)), db: app.db)
            #expect(standing == IntegrityRecord.Standing(supervisionClass: .d, onAbnormalList: false, onDishonestList: true))
            #expect(try await IntegrityRecord.standing(of: UUID(), db: app.db) == nil)
            let dishonest = try await anonymous.get("/social-organizations/dishonest")
            #expect(dishonest.body.contains("缺报测试服务队") && dishonest.body.contains("D 严重失信"))
            #expect(try await anonymous.get("/social-organizations/dishonest.csv").body.contains(",D"))
            anonymous.cookies["shequ-lang"] = "en"
            let english = try await anonymous.get("/social-organizations/\(o.organizationID)")
            #expect(english.body.contains("D serious dishonesty") && english.body.contains("May apply from"))
            let englishList = try await anonymous.get("/social-organizations/dishonest")
            #expect(englishList.body.contains("Serious-dishonesty list") && englishList.body.contains("The rules for the class and the lists"))
        }
    }

    @Test func theOrganisationAppliesToComeOffAndTheStreetHasFiveWorkingDays() async throws {
        try await withShequ { app in
            let year = LocalDate(instant: Date()).components.year
            let o = try await IntegrityFixture.make(app, name: "申请移出测试队", registeredOn: LocalDate(year: year - 2, month: 1, day: 10))
            let path = o.base + "/removal-applications"
            let apply = ["list": "abnormal", "rectification": "已补报两年的年度报告"]
            // The rules answer at once: the reports are still missing. The street applies for no one.
            let early = try await app.api(.POST, path, token: o.f.resident, json: apply)
            #expect(early.status == .unprocessableEntity && early.body.contains("removal_refused"), "\(early.body)")
            #expect(try await app.api(.POST, path, token: o.f.streetA, json: apply).status == .forbidden)
            #expect(try await app.api(.POST, path, token: o.f.resident, json: ["list": "dishonest", "rectification": "无"]).status == .conflict)
            for y in [year - 2, year - 1] {
                #expect(try await app.api(.POST, o.base + "/annual-reports", token: o.f.resident, json: IntegrityFixture.report(year: y)).status == .created)
            }
            let applied = try await app.api(.POST, path, token: o.f.resident, json: apply)
            let due = try app.workingCalendar.deadline(from: LocalDate(instant: Date()), workingDays: 5)
            #expect(applied.status == .created && applied.object["dueOn"] as? String == due.description, "\(applied.body)")
            #expect(try await app.api(.POST, path, token: o.f.resident, json: apply).status == .conflict)
            #expect(try await app.count(RemovalApplication.self) == 1)

            // The street finds it counted on its workbench and listed with its deadline; another street does not.
            let waiting = "/api/v1/social-organizations/removal-applications"
            #expect(try await app.api(.GET, waiting, token: o.f.streetB).object["total"] as? Int == 0)
            #expect(try await app.api(.GET, waiting, token: o.f.streetA).object["total"] as? Int == 1)
            #expect(try await app.api(.GET, waiting, token: o.f.resident).status == .forbidden)
            let street = Browser(app)
            try await street.signIn("street.a")
            #expect(try await street.get("/workbench").body.contains("href=\"/social-organizations/removal-applications\""))
            let list = try await street.get("/social-organizations/removal-applications")
            #expect(list.status == .ok && list.body.contains("申请移出测试队") && list.body.contains(due.description))
            #expect(try await Browser(app).get("/social-organizations/\(o.organizationID)").body.contains("移出申请等待街道办理"))
            // Recording the removal answers the application.
            let removed = try await app.api(.POST, o.base + "/list-removals", token: o.f.streetA, json: apply)
            #expect(removed.status == .created, "\(removed.body)")
            #expect(try await app.api(.GET, waiting, token: o.f.streetA).object["total"] as? Int == 0)
            #expect(try await RemovalApplication.query(on: app.db).filter(\.$removalID != nil).count() == 1)
        }
    }

    @Test func theDemoShowsClassesABCAndAnOrganisationOnTheAbnormalList() async throws {
        try await withShequ { app in
            _ = try await DemoCommand.fill(app)
            for module in app.shequModules { _ = try await module.demo(app) }
            let registry = try await app.api(.GET, "/api/v1/social-organizations?per=200")
            var classes: Set<String> = []
            for item in registry.items {
                guard let id = item["id"] as? String else { continue }
                if let c = try await app.api(.GET, "/api/v1/social-organizations/\(id)/supervision").object["supervisionClass"] as? String { classes.insert(c) }
            }
            #expect(classes.isSuperset(of: ["A", "B", "C"]), "\(classes)")
            let abnormal = try await app.api(.GET, "/api/v1/social-organizations/abnormal")
            #expect((abnormal.object["total"] as? Int ?? 0) >= 1)
            let entries = try await app.count(IntegrityEntry.self), reports = try await app.count(AnnualReport.self)
            #expect(entries > 0 && reports > 0)
            #expect(try await IntegrityDemo.fill(app) == nil)
            #expect(try await app.count(IntegrityEntry.self) == entries)
            #expect(try await app.count(AnnualReport.self) == reports)
        }
    }

    @Test func theMigrationRevertsAndPreparesAgain() async throws {
        try await withShequ { app in
            let o = try await IntegrityFixture.make(app)
            #expect(try await app.api(.POST, o.base + "/integrity-entries", token: o.f.streetA, json: IntegrityFixture.entry()).status == .created)
            try await CreateIntegrityRecord().revert(on: app.db)
            try await CreateIntegrityRecord().prepare(on: app.db)
            #expect(try await app.count(IntegrityEntry.self) == 0)
            #expect(try await app.api(.POST, o.base + "/annual-reports", token: o.f.resident, json: IntegrityFixture.report()).status == .created)
        }
    }
}
