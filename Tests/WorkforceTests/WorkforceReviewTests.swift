import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import Workforce

/// The hostile review's findings on Workforce (F3, F4, F5, F9, F11, F13, F15, F16): each refusal changes nothing.
@Suite struct WorkforceReviewTests {
    static func make(_ app: Vapor.Application, _ token: String, _ json: [String: Any]) async throws -> String {
        let made = try await app.api(.POST, "/api/v1/workforce/staff", token: token, json: json)
        #expect(made.status == .created, "\(made.body)")
        return try #require((made.object["record"] as? [String: Any])?["id"] as? String)
    }

    /// F5: appraisals typed for years before the worker's service would raise the grade for years never worked.
    @Test func anAppraisalOutsideServiceIsRefused() async throws {
        try await withWorkforce { app, f in
            let id = try await Self.make(app, f.streetA, WorkforceFixture.record(serviceSince: "2020-06-01"))
            for year in [2000, 2019] {
                let res = try await app.api(.POST, "/api/v1/workforce/staff/\(id)/appraisals", token: f.streetA, json: ["year": year, "result": "excellent"])
                #expect(res.status == .unprocessableEntity, "\(year): \(res.body)")
                #expect(res.object["code"] as? String == "appraisal_outside_service")
            }
            #expect(try await StaffAppraisal.query(on: app.db).count() == 0)
            let served = try await app.api(.POST, "/api/v1/workforce/staff/\(id)/appraisals", token: f.streetA, json: ["year": 2020, "result": "competent"])
            #expect(served.status == .created, "\(served.body)")
        }
    }

    /// F5 addendum: an official never writes grade-moving facts on a record bound to their own account (403, logged).
    @Test func anOfficialCannotWriteTheirOwnRecord() async throws {
        try await withWorkforce { app, f in
            let id = try await Self.make(app, f.streetA, WorkforceFixture.record(serviceSince: "2015-01-01"))
            // The worker later becomes the street's official as well.
            let account = try #require(try await Account.query(on: app.db).filter(\.$username == "worker.a").first())
            try await Grant(accountID: account.requireID(), role: .streetOfficial, scope: streetA).create(on: app.db)
            let own = try await app.token("worker.a")
            let writes: [(String, [String: Any])] = [
                ("appraisals", ["year": WorkforceFixture.lastYear, "result": "excellent"]),
                ("certificates", ["level": "senior", "title": "高级社会工作师", "number": "X1", "issuedOn": "2024-01-01"]),
                ("contract", ["weeklyHours": 40, "education": "doctorate"]),
                ("rotations", ["divisionCode": "440402001002", "post": "head", "startsOn": "2025-03-01", "reason": "自调"]),
            ]
            for (path, json) in writes {
                let before = try await denied(app)
                let res = try await app.api(.POST, "/api/v1/workforce/staff/\(id)/\(path)", token: own, json: json)
                #expect(res.status == .forbidden, "\(path): \(res.body)")
                #expect(try await denied(app) == before + 1)
            }
            #expect(try await StaffAppraisal.query(on: app.db).count() == 0)
            #expect(try await StaffCertificate.query(on: app.db).count() == 0)
            #expect(try await StaffPosting.query(on: app.db).count() == 1)
            #expect(try await StaffRecord.find(UUID(uuidString: id), on: app.db)?.education == .bachelor)
            // Another official of the street keeps it.
            #expect(try await app.api(.POST, "/api/v1/workforce/staff/\(id)/appraisals", token: f.streetA,
                                      json: ["year": WorkforceFixture.lastYear, "result": "excellent"]).status == .created)
        }
    }

    /// F4: only an account an office would roster is bound; one answer for "no such account" and "not eligible".
    @Test func aRecordIsBoundOnlyToAWindowStaffAccountInReach() async throws {
        try await withWorkforce { app, f in
            try await makeAccount(app, "station.b", .stationStaff, communityB)
            try await makeAccount(app, "station.other", .stationStaff, "440402001002")
            let gone = try await makeAccount(app, "station.gone", .stationStaff, communityA)
            gone.disabled = true
            try await gone.save(on: app.db)
            var bodies: [String] = []
            for user in ["nobody", "official.a", "official.city", "someone", "station.b", "station.gone", "station.other"] {
                let res = try await app.api(.POST, "/api/v1/workforce/staff", token: f.streetA, json: WorkforceFixture.record(username: user, serviceSince: "2015-01-01"))
                #expect(res.status == .unprocessableEntity, "\(user): \(res.body)")
                #expect(res.object["code"] as? String == "no_such_staff_account", "\(user): \(res.body)")
                bodies.append(((res.object["reason"] as? String) ?? "").replacingOccurrences(of: user, with: "U"))
            }
            #expect(Set(bodies).count == 1, "\(bodies)")
            #expect(try await StaffRecord.query(on: app.db).count() == 0)
            // Another street binds its own worker; the first street is answered as if the account were not there.
            _ = try await Self.make(app, f.streetB, WorkforceFixture.record("乙", username: "station.b", division: communityB, serviceSince: "2015-01-01"))
            _ = try await Self.make(app, f.streetA, WorkforceFixture.record(serviceSince: "2015-01-01"))
            let twice = try await app.api(.POST, "/api/v1/workforce/staff", token: f.streetA, json: WorkforceFixture.record("丙", serviceSince: "2015-01-01"))
            #expect(twice.status == .conflict)
            // Hours beyond a working week are refused.
            let long = try await app.api(.POST, "/api/v1/workforce/staff", token: f.streetA,
                                         json: WorkforceFixture.record("丁", username: nil, serviceSince: "2015-01-01", extra: ["weeklyHours": 61]))
            #expect(long.object["code"] as? String == "out_of_range")
            #expect(try await StaffRecord.query(on: app.db).count() == 2)
        }
    }

    /// F3: no scheduler exists, so a rotation dated ahead is refused; F11: an elected member stays where elected.
    @Test func aRotationAheadOrOfAnElectedMemberElsewhereIsRefused() async throws {
        try await withWorkforce { app, f in
            let id = try await Self.make(app, f.streetA, WorkforceFixture.record(serviceSince: "2015-01-01"))
            let tomorrow = LocalDate(instant: Date()).adding(days: 1).description
            let ahead = try await app.api(.POST, "/api/v1/workforce/staff/\(id)/rotations", token: f.streetA,
                                          json: ["divisionCode": "440402001002", "post": "head", "startsOn": tomorrow, "reason": "交流"])
            #expect(ahead.object["code"] as? String == "rotation_in_future", "\(ahead.body)")
            #expect(try await StaffRecord.find(UUID(uuidString: id), on: app.db)?.divisionCode == communityA)
            let record = try #require(try await StaffRecord.find(UUID(uuidString: id), on: app.db))
            record.kind = .elected
            try await record.save(on: app.db)
            let moved = try await app.api(.POST, "/api/v1/workforce/staff/\(id)/rotations", token: f.streetA,
                                          json: ["divisionCode": "440402001002", "post": "staff", "startsOn": "2025-03-01", "reason": "交流"])
            #expect(moved.object["code"] as? String == "elected_serves_where_elected", "\(moved.body)")
            #expect(try await StaffPosting.query(on: app.db).count() == 1)
            let newPost = try await app.api(.POST, "/api/v1/workforce/staff/\(id)/rotations", token: f.streetA,
                                            json: ["divisionCode": communityA, "post": "deputy", "startsOn": "2025-03-01", "reason": "分工"])
            #expect(newPost.status == .created, "\(newPost.body)")
        }
    }

    /// F16: contract dates before the service, absurdly long, or in 1950 are refused.
    @Test func implausibleContractDatesAreRefused() async throws {
        try await withWorkforce { app, f in
            for extra in [["contractStart": "2019-01-01"], ["contractStart": "2024-01-01", "contractEnd": "2999-12-31"],
                          ["contractStart": "1950-01-01", "contractEnd": "1950-01-02"]] {
                let res = try await app.api(.POST, "/api/v1/workforce/staff", token: f.streetA,
                                            json: WorkforceFixture.record(serviceSince: "2020-01-01", extra: extra))
                #expect(res.object["code"] as? String == "implausible_date", "\(extra): \(res.body)")
            }
            #expect(try await StaffRecord.query(on: app.db).count() == 0)
            let id = try await Self.make(app, f.streetA, WorkforceFixture.record(serviceSince: "2020-01-01"))
            let res = try await app.api(.POST, "/api/v1/workforce/staff/\(id)/contract", token: f.streetA,
                                        json: ["weeklyHours": 40, "contractEnd": "2099-01-01"])
            #expect(res.object["code"] as? String == "implausible_date", "\(res.body)")
        }
    }

    /// F13: the public view gives names and posts only; F15: a misspelt grade key is refused, not ignored.
    @Test func thePublicViewIsNamesAndPostsAndMisspeltGradesAreRefused() async throws {
        try await withWorkforce { app, f in
            for key in ["Grade", "payband", "grade ", "salaryBand"] {
                let res = try await app.api(.POST, "/api/v1/workforce/staff", token: f.streetA,
                                            json: WorkforceFixture.record(serviceSince: "2015-01-01", extra: [key: 18]))
                #expect(res.object["code"] as? String == "grade_is_computed", "\(key): \(res.body)")
            }
            #expect(try await StaffRecord.query(on: app.db).count() == 0)
            _ = try await Self.make(app, f.streetA, WorkforceFixture.record(serviceSince: "2015-01-01"))
            let open = try await app.api(.GET, "/api/v1/communities/\(communityA)/staff")
            #expect(open.array.first?["name"] as? String == "张敏")
            #expect(open.array.first?["kind"] == nil && !open.body.contains("districtHired"))
        }
    }

    /// F9: cutting the hours or moving the worker waits while a place's roster holds them beyond it; the roster first.
    @Test func aContractOrRotationThatTheRosterExceedsIsRefused() async throws {
        try await withWorkforce { app, f in
            let id = try await Self.make(app, f.streetA, WorkforceFixture.record(place: f.stationA, serviceSince: "2015-01-01"))
            let week = (1...5).map { ["username": "worker.a", "window": 1, "weekday": $0, "start": "08:30", "end": "16:30"] as [String: Any] }
            let set = try await app.api(.PUT, "/api/v1/service-places/\(f.stationA)/roster", token: f.streetA, json: ["contracts": [], "shifts": week])
            #expect(set.status == .ok, "\(set.body)")
            let cut = try await app.api(.POST, "/api/v1/workforce/staff/\(id)/contract", token: f.streetA, json: ["weeklyHours": 30])
            #expect(cut.status == .conflict && cut.object["code"] as? String == "roster_exceeds_contract", "\(cut.body)")
            #expect((cut.object["reason"] as? String ?? "").contains("服务站"), "\(cut.body)")
            let moved = try await app.api(.POST, "/api/v1/workforce/staff/\(id)/rotations", token: f.streetA,
                                          json: ["divisionCode": "440402001002", "post": "staff", "startsOn": "2025-03-01", "reason": "交流"])
            #expect(moved.object["code"] as? String == "roster_exceeds_contract", "\(moved.body)")
            let record = try #require(try await StaffRecord.find(UUID(uuidString: id), on: app.db))
            #expect(record.weeklyMinutes == 40 * 60 && record.divisionCode == communityA)
            #expect(try await StaffPosting.query(on: app.db).count() == 1)
            // Same hours pass; once the roster is changed, the cut goes through.
            #expect(try await app.api(.POST, "/api/v1/workforce/staff/\(id)/contract", token: f.streetA, json: ["weeklyHours": 40]).status == .ok)
            #expect(try await app.api(.PUT, "/api/v1/service-places/\(f.stationA)/roster", token: f.streetA, json: ["contracts": [], "shifts": []]).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/workforce/staff/\(id)/contract", token: f.streetA, json: ["weeklyHours": 30]).status == .ok)
        }
    }
}
