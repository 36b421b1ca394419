import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import Workforce

@Suite struct RuleSetTests {
    static func table(_ rules: WorkerGradeRules, name: String = "两年一级") -> [String: Any] {
        [
            "name": name,
            "posts": rules.posts.map { ["code": $0.code, "zh": $0.zh, "en": $0.en, "lowest": $0.lowest, "highest": $0.highest] },
            "stepYears": rules.stepYears, "educationYears": rules.educationYears, "certificateBonus": rules.certificateBonus,
            "appraisalYears": rules.appraisalYears, "payBandsFen": rules.payBandsFen,
        ]
    }

    /// A draft with two-year steps is previewed: the worker of six counted years moves from grade 3 to 4 (and band);
    /// the one of none does not. Adopting it moves the grade list; the old table retires.
    @Test func aRuleChangeShowsWhoMovesBeforeItIsAdopted() async throws {
        try await withWorkforce { app, f in
            #expect(try await app.api(.POST, "/api/v1/workforce/staff", token: f.streetA,
                                      json: WorkforceFixture.record(serviceSince: WorkforceFixture.yearsAgo(3))).status == .created)
            #expect(try await app.api(.POST, "/api/v1/workforce/staff", token: f.streetA,
                                      json: WorkforceFixture.record("新人", username: nil, serviceSince: WorkforceFixture.yearsAgo(0), education: "college")).status == .created)
            var rules = WorkerGradeRules.sanGangShiBaJi
            rules.stepYears = 2
            let draft = try await app.api(.POST, "/api/v1/workforce/rule-sets", token: f.city, json: Self.table(rules))
            #expect(draft.status == .created, "\(draft.body)")
            let id = try #require(draft.object["id"] as? String)
            #expect(draft.object["state"] as? String == "draft")

            let preview = try await app.api(.GET, "/api/v1/workforce/rule-sets/\(id)/preview", token: f.city)
            #expect(preview.object["workers"] as? Int == 2)
            let moves = preview.object["moves"] as? [[String: Any]] ?? []
            #expect(moves.count == 1)
            #expect(moves.first?["name"] as? String == "张敏")
            #expect(moves.first?["gradeNow"] as? Int == 3)
            #expect(moves.first?["gradeDraft"] as? Int == 4)
            // The draft changes nothing yet.
            #expect(try await app.api(.GET, "/api/v1/workforce/staff", token: f.streetA).items.compactMap { $0["grade"] as? Int }.sorted() == [1, 3])
            let page = Browser(app)
            try await page.signIn("official.city")
            let shown = try await page.get("/workforce/rules/\(id)")
            #expect(shown.body.contains("张敏") && !shown.body.contains("新人"))
            #expect(try await page.get("/workforce/rules/\(id)/moves.csv").body.contains("张敏"))

            #expect(try await app.api(.POST, "/api/v1/workforce/rule-sets/\(id)/adopt", token: f.city).status == .ok)
            #expect(try await app.api(.GET, "/api/v1/workforce/staff", token: f.streetA).items.compactMap { $0["grade"] as? Int }.sorted() == [1, 4])
            #expect(try await app.api(.POST, "/api/v1/workforce/rule-sets/\(id)/adopt", token: f.city).status == .conflict)
            let tables = try await app.api(.GET, "/api/v1/workforce/rule-sets").array
            #expect(tables.first?["state"] as? String == "inForce" && tables.first?["name"] as? String == "两年一级")

            // A second table adopted retires the first.
            let next = try #require(try await app.api(.POST, "/api/v1/workforce/rule-sets", token: f.city,
                                                      json: Self.table(.sanGangShiBaJi, name: "恢复三年一级")).object["id"] as? String)
            #expect(try await app.api(.POST, "/api/v1/workforce/rule-sets/\(next)/adopt", token: f.city).status == .ok)
            #expect(try await GradeRuleSet.query(on: app.db).filter(\.$state == .inForce).count() == 1)
            #expect(try await GradeRuleSet.query(on: app.db).filter(\.$state == .retired).count() == 1)
        }
    }

    @Test func onlyTheCityDraftsAndAnIncompleteTableIsRefused() async throws {
        try await withWorkforce { app, f in
            #expect(try await app.api(.POST, "/api/v1/workforce/staff", token: f.streetA,
                                      json: WorkforceFixture.record(post: "head", serviceSince: "2010-01-01")).status == .created)
            for token in [f.streetA, f.district, f.resident, f.worker] {
                let before = try await denied(app)
                #expect(try await app.api(.POST, "/api/v1/workforce/rule-sets", token: token, json: Self.table(.sanGangShiBaJi)).status == .forbidden)
                #expect(try await denied(app) == before + 1)
            }
            var falling = WorkerGradeRules.sanGangShiBaJi
            falling.payBandsFen[5] = 1
            var short = WorkerGradeRules.sanGangShiBaJi
            short.payBandsFen = Array(short.payBandsFen.prefix(12))
            var huge = Self.table(.sanGangShiBaJi)
            huge["stepYears"] = Int.max
            for json in [Self.table(falling), Self.table(short), huge] {
                let res = try await app.api(.POST, "/api/v1/workforce/rule-sets", token: f.city, json: json)
                #expect(res.status == .unprocessableEntity, "\(res.body)")
            }
            #expect(try await GradeRuleSet.query(on: app.db).count() == 0)
            // A table without the head post would leave the head ungraded: it is drafted, previewed, not adopted.
            var headless = WorkerGradeRules.sanGangShiBaJi
            headless.posts.removeFirst()
            let id = try #require(try await app.api(.POST, "/api/v1/workforce/rule-sets", token: f.city, json: Self.table(headless)).object["id"] as? String)
            let moves = try await app.api(.GET, "/api/v1/workforce/rule-sets/\(id)/preview", token: f.city).object["moves"] as? [[String: Any]] ?? []
            #expect(moves.count == 1 && moves.first?["gradeDraft"] == nil)
            let adopt = try await app.api(.POST, "/api/v1/workforce/rule-sets/\(id)/adopt", token: f.city)
            #expect(adopt.status == .conflict)
            #expect(adopt.object["code"] as? String == "workers_left_ungraded")
            #expect(try await GradeRuleSet.query(on: app.db).filter(\.$state == .inForce).count() == 0)
            #expect(try await app.api(.GET, "/api/v1/workforce/rule-sets/\(id)/preview", token: f.streetA).status == .forbidden)
        }
    }

    /// The city's form: posts and bands as lines, the rest as fields; it runs the API's command and shows the preview.
    @Test func theRulesPageDraftsThroughTheSameCommand() async throws {
        try await withWorkforce { app, f in
            let browser = Browser(app)
            try await browser.signIn("official.city")
            let page = try await browser.get("/workforce/rules")
            #expect(page.body.contains("name=\"posts\"") && page.body.contains("head 7 18"))
            let bands = WorkerGradeRules.sanGangShiBaJi.payBandsFen.map { String($0 / 100) }.joined(separator: "\n")
            let saved = try await browser.post("/workforce/rules", form: [
                "name": "页面草案", "posts": "head 7 18 正职 Head\ndeputy 4 15 副职 Deputy\nstaff 1 12 其他 Other worker", "stepYears": "2",
                "educationYears[bachelor]": "3", "educationYears[master]": "5", "educationYears[doctorate]": "7",
                "certificateBonus[junior]": "1", "certificateBonus[intermediate]": "2", "certificateBonus[senior]": "3",
                "appraisalYears[excellent]": "1", "appraisalYears[incompetent]": "-1", "payBands": bands,
            ])
            #expect(saved.status == .seeOther, "\(saved.body)")
            let row = try #require(try await GradeRuleSet.query(on: app.db).first())
            #expect(row.name == "页面草案" && row.state == .draft)
            #expect(try Grading.decode(row).stepYears == 2)
            #expect(try Grading.decode(row).posts[2].en == "Other worker")
            let other = Browser(app)
            try await other.signIn("official.a")
            #expect(!(try await other.get("/workforce/rules")).body.contains("name=\"posts\""))
        }
    }
}
