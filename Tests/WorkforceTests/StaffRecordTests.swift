import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import Workforce

@Suite struct StaffRecordTests {
    /// Nine years of service and a bachelor's degree (3 years) count twelve: four steps above the lowest grade of an
    /// "other" post, so grade 5 and its band; an intermediate certificate adds two, an excellent year one more year.
    @Test func theGradeIsComputedFromTheRecordsAndFollowsThem() async throws {
        try await withWorkforce { app, f in
            let made = try await app.api(.POST, "/api/v1/workforce/staff", token: f.streetA,
                                         json: WorkforceFixture.record(place: f.stationA, serviceSince: WorkforceFixture.yearsAgo(9)))
            #expect(made.status == .created, "\(made.body)")
            let id = try #require((made.object["record"] as? [String: Any])?["id"] as? String)
            let grading = made.object["grading"] as? [String: Any] ?? [:]
            #expect(grading["grade"] as? Int == 5)
            #expect(grading["countedYears"] as? Int == 12)
            #expect(grading["payBandFen"] as? Int == Int(WorkerGradeRules.sanGangShiBaJi.payBandsFen[4]))

            let cert = try await app.api(.POST, "/api/v1/workforce/staff/\(id)/certificates", token: f.streetA,
                                         json: ["level": "intermediate", "title": "社会工作师", "number": "SG001", "issuedOn": "2023-05-01"])
            #expect(cert.status == .created)
            #expect((cert.object["grading"] as? [String: Any])?["grade"] as? Int == 7)
            let appraisal = try await app.api(.POST, "/api/v1/workforce/staff/\(id)/appraisals", token: f.streetA,
                                              json: ["year": WorkforceFixture.lastYear, "result": "excellent"])
            #expect(appraisal.status == .created)
            #expect((appraisal.object["grading"] as? [String: Any])?["countedYears"] as? Int == 13)
            let again = try await app.api(.POST, "/api/v1/workforce/staff/\(id)/appraisals", token: f.streetA,
                                          json: ["year": WorkforceFixture.lastYear, "result": "incompetent"])
            #expect(again.status == .conflict)
            let training = try await app.api(.POST, "/api/v1/workforce/staff/\(id)/training", token: f.streetA,
                                             json: ["title": "岗位培训", "provider": "香洲区民政局", "hours": 24, "completedOn": "2025-06-01"])
            #expect(training.object["trainingHours"] as? Int == 24)

            // Rotation to another community of the street: the history keeps both postings, without a gap.
            let rotated = try await app.api(.POST, "/api/v1/workforce/staff/\(id)/rotations", token: f.streetA,
                                            json: ["divisionCode": "440402001002", "post": "deputy", "startsOn": "2025-03-01", "reason": "交流"])
            #expect(rotated.status == .created, "\(rotated.body)")
            let postings = rotated.object["postings"] as? [[String: Any]] ?? []
            #expect(postings.count == 2)
            #expect(postings.first?["endsOn"] as? String == "2025-02-28")
            #expect(postings.last?["divisionCode"] as? String == "440402001002")
            // A deputy starts at 4: 13 counted years make 4 steps, plus 2 for the certificate.
            #expect((rotated.object["grading"] as? [String: Any])?["grade"] as? Int == 10)

            // The list computes the same grade; the worker reads their own record, pay band included.
            let list = try await app.api(.GET, "/api/v1/workforce/staff", token: f.streetA)
            #expect(list.object["total"] as? Int == 1)
            #expect(list.items.first?["grade"] as? Int == 10)
            let own = try await app.api(.GET, "/api/v1/me/workforce", token: f.worker)
            #expect(own.status == .ok)
            #expect((own.object["grading"] as? [String: Any])?["grade"] as? Int == 10)
            #expect(try await app.api(.GET, "/api/v1/workforce/staff/\(id)", token: f.worker).status == .ok)
        }
    }

    @Test func aTypedGradeIsRefusedAndNothingIsWritten() async throws {
        try await withWorkforce { app, f in
            for key in ["grade", "payBand", "payBandFen"] {
                let res = try await app.api(.POST, "/api/v1/workforce/staff", token: f.streetA,
                                            json: WorkforceFixture.record(serviceSince: "2015-01-01", extra: [key: 18]))
                #expect(res.status == .unprocessableEntity, "\(key): \(res.body)")
                #expect(res.object["code"] as? String == "grade_is_computed")
            }
            #expect(try await StaffRecord.query(on: app.db).count() == 0)
            // The page's form is the same door.
            let browser = Browser(app)
            try await browser.signIn("official.a")
            try await browser.get("/workforce/staff/new")
            var form: [String: String] = [:]
            for (k, v) in WorkforceFixture.record(serviceSince: "2015-01-01") { form[k] = "\(v)" }
            form["grade"] = "18"
            let page = try await browser.post("/workforce/staff", form: form)
            #expect(page.status == .unprocessableEntity)
            #expect(try await StaffRecord.query(on: app.db).count() == 0)
            form["grade"] = nil
            #expect(try await browser.post("/workforce/staff", form: form).status == .seeOther)
            let id = try #require(try await StaffRecord.query(on: app.db).first()?.id)
            let contract = try await app.api(.POST, "/api/v1/workforce/staff/\(id)/contract", token: f.streetA, json: ["weeklyHours": 40, "grade": 12])
            #expect(contract.object["code"] as? String == "grade_is_computed")
        }
    }

    @Test func badInputIsRefusedWithFourHundredsAndChangesNothing() async throws {
        try await withWorkforce { app, f in
            let cases: [([String: Any], Int, String)] = [
                (WorkforceFixture.record(post: "chief", serviceSince: "2015-01-01"), 422, "unknown_post"),
                (WorkforceFixture.record(division: "440402001999", serviceSince: "2015-01-01"), 422, "not_community"),
                (WorkforceFixture.record(serviceSince: "2015-01-01", extra: ["weeklyHours": 1e300]), 422, "out_of_range"),
                (WorkforceFixture.record(serviceSince: "2015-01-01", extra: ["weeklyHours": 169]), 422, "out_of_range"),
                (WorkforceFixture.record(serviceSince: "2999-01-01"), 422, "implausible_date"),
                (WorkforceFixture.record(serviceSince: "2015-01-01", extra: ["contractEnd": "2020-01-01"]), 422, "contract_ends_before_start"),
                (WorkforceFixture.record(username: "nobody", serviceSince: "2015-01-01"), 422, "no_such_staff_account"),
                (WorkforceFixture.record(place: UUID(), serviceSince: "2015-01-01"), 422, "place_not_in_division"),
                (WorkforceFixture.record(serviceSince: "2015-01-01", extra: ["kind": "elected"]), 422, "term_from_body_record"),
                (WorkforceFixture.record(serviceSince: "2015-01-01", extra: ["kind": "elected", "contractStart": NSNull()]), 422, "missing_field"),
                (WorkforceFixture.record(serviceSince: "2015-01-01", extra: ["kind": "boss"]), 400, "invalid_value"),
                (WorkforceFixture.record(String(repeating: "名", count: 41), serviceSince: "2015-01-01"), 422, "too_long"),
                (WorkforceFixture.record("\u{202E}名", serviceSince: "2015-01-01"), 422, ""),
            ]
            for (json, status, code) in cases {
                let res = try await app.api(.POST, "/api/v1/workforce/staff", token: f.streetA, json: json)
                #expect(Int(res.status.code) == status, "\(json): \(res.body)")
                if !code.isEmpty { #expect(res.object["code"] as? String == code, "\(json): \(res.body)") }
            }
            #expect(try await StaffRecord.query(on: app.db).count() == 0)
            #expect(try await StaffPosting.query(on: app.db).count() == 0)
            // One record per account.
            #expect(try await app.api(.POST, "/api/v1/workforce/staff", token: f.streetA, json: WorkforceFixture.record(serviceSince: "2015-01-01")).status == .created)
            let twice = try await app.api(.POST, "/api/v1/workforce/staff", token: f.streetA, json: WorkforceFixture.record("另一人", serviceSince: "2015-01-01"))
            #expect(twice.status == .conflict)
            let id = try #require(try await StaffRecord.query(on: app.db).first()?.id)
            let bad: [(String, [String: Any], String)] = [
                ("appraisals", ["year": LocalDate(instant: Date()).components.year, "result": "excellent"], "year_not_over"),
                ("training", ["title": "x", "provider": "y", "hours": 0, "completedOn": "2025-01-01"], "out_of_range"),
                ("certificates", ["level": "grandmaster", "title": "x", "number": "1", "issuedOn": "2025-01-01"], "invalid_value"),
                ("rotations", ["divisionCode": communityA, "post": "staff", "startsOn": "2025-01-01", "reason": "无"], "rotation_changes_nothing"),
                ("rotations", ["divisionCode": "440402001002", "post": "staff", "startsOn": "2023-01-01", "reason": "早于现岗"], "rotation_before_current_posting"),
                ("contract", ["weeklyHours": 40, "education": "secondary"], "education_lower"),
            ]
            for (path, json, code) in bad {
                let res = try await app.api(.POST, "/api/v1/workforce/staff/\(id)/\(path)", token: f.streetA, json: json)
                #expect((400..<500).contains(Int(res.status.code)), "\(path): \(res.body)")
                #expect(res.object["code"] as? String == code, "\(path): \(res.body)")
            }
            #expect(try await StaffAppraisal.query(on: app.db).count() == 0)
            #expect(try await StaffTraining.query(on: app.db).count() == 0)
            #expect(try await StaffCertificate.query(on: app.db).count() == 0)
            #expect(try await StaffPosting.query(on: app.db).count() == 1)
            #expect(try await StaffRecord.find(id, on: app.db)?.education == .bachelor)
        }
    }

    /// Personal details (education, certificates, pay band) are the officials' in scope and the worker's own: another
    /// street's official, a resident and an organisation's staff are refused, and each refusal is logged.
    @Test func onlyOfficialsInScopeAndTheWorkerReadTheRecord() async throws {
        try await withWorkforce { app, f in
            let made = try await app.api(.POST, "/api/v1/workforce/staff", token: f.streetA, json: WorkforceFixture.record(serviceSince: "2015-01-01"))
            let id = try #require((made.object["record"] as? [String: Any])?["id"] as? String)
            try await makeAccount(app, "org.staff", .organizationStaff, streetA)
            let org = try await app.token("org.staff")
            for token in [f.streetB, f.resident, org] {
                let before = try await denied(app)
                let res = try await app.api(.GET, "/api/v1/workforce/staff/\(id)", token: token)
                #expect(res.status == .notFound)
                #expect(!res.body.contains("payBand"))
                #expect(try await denied(app) == before + 1)
                let write = try await app.api(.POST, "/api/v1/workforce/staff/\(id)/appraisals", token: token,
                                              json: ["year": WorkforceFixture.lastYear, "result": "incompetent"])
                #expect(write.status == .notFound)
                #expect(try await denied(app) == before + 2)
            }
            // Another street's list does not hold the worker; a resident has no list.
            #expect(try await app.api(.GET, "/api/v1/workforce/staff", token: f.streetB).object["total"] as? Int == 0)
            #expect(try await app.api(.GET, "/api/v1/workforce/staff", token: f.resident).status == .forbidden)
            for token in [f.streetA, f.district, f.city, f.worker] {
                #expect(try await app.api(.GET, "/api/v1/workforce/staff/\(id)", token: token).status == .ok)
            }
            // The city reads but does not keep a street's records (403, logged); the worker does not keep their own.
            #expect(try await app.api(.POST, "/api/v1/workforce/staff/\(id)/appraisals", token: f.city,
                                      json: ["year": WorkforceFixture.lastYear, "result": "excellent"]).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/workforce/staff/\(id)/appraisals", token: f.worker,
                                      json: ["year": WorkforceFixture.lastYear, "result": "excellent"]).status == .forbidden)
            // A rotation out of the official's street is refused: the receiving street is another office.
            let out = try await app.api(.POST, "/api/v1/workforce/staff/\(id)/rotations", token: f.streetA,
                                        json: ["divisionCode": communityB, "post": "staff", "startsOn": "2025-03-01", "reason": "跨街道"])
            #expect(out.status == .forbidden)
            #expect(try await StaffAppraisal.query(on: app.db).count() == 0)
            #expect(try await StaffPosting.query(on: app.db).count() == 1)

            // The public sees names and posts only, on the API and on the community's page.
            let open = try await app.api(.GET, "/api/v1/communities/\(communityA)/staff")
            #expect(open.array.first?["name"] as? String == "张敏")
            #expect(!open.body.contains("payBand") && !open.body.contains("education") && !open.body.contains("worker.a"))
            let page = try await Browser(app).get("/communities/\(communityA)/governance")
            #expect(page.body.contains("workforce-staff") && page.body.contains("张敏"))
            #expect(!page.body.contains("worker.a"))
        }
    }
}
