import Fluent
import Foundation
import ShequKernel
import ShequTestSupport
import SQLKit
import Testing
import Vapor
@testable import ShequPlatform

/// Issue 9, finding 2: what a role without the reveal right is shown, in any
/// screen, answer or export, together must not give the ID number; nor may a
/// copy of the database. Exact searches are audited and limited.
@Suite struct PersonalDataConcealmentTests {
    static let body = "44040219870723123"
    static let idNumber = validID(body)
    static let phone = "13912345678"
    /// What the old mask hid and the birth date and last four gave away: characters 7–17.
    static let hidden = String(idNumber.dropFirst(6).prefix(11))
    static let birthForms = ["1987-07-23", "19870723", "1987/07/23", "1987年7月23日", "07-23"]

    struct Fixture {
        let residentID: String
        let householdID: String
    }

    static func register(_ app: Application) async throws -> Fixture {
        let admin = try await app.token("admin", adminPassword)
        let household = try await app.api(.POST, "/api/v1/households", token: admin, json: ["divisionCode": communityA, "address": "3栋502室"])
        let householdID = try #require(household.object["id"] as? String)
        var json = residentJSON(communityA, "林小红", body, phone: phone)
        json["householdID"] = householdID
        json["relationToHead"] = "head"
        let made = try await app.api(.POST, "/api/v1/residents", token: admin, json: json)
        #expect(made.status == .created, "\(made.body)")
        return Fixture(residentID: try #require(made.object["id"] as? String), householdID: householdID)
    }

    /// Nothing in `text` completes the number: not the number, not the characters the mask hides, not the birth date.
    static func expectNothingRebuilds(_ text: String, _ what: String) {
        #expect(!text.contains(idNumber), "\(what) shows the full ID number")
        #expect(!text.contains(hidden), "\(what) shows the masked digits")
        #expect(!text.contains("*" + idNumber.suffix(4)), "\(what) shows the last four after the mask")
        for form in birthForms { #expect(!text.contains(form), "\(what) shows the birth date as \(form)") }
        #expect(!text.contains(phone), "\(what) shows the full phone")
    }

    @Test func aStreetOfficialsAnswersPagesAndExportsGiveNoWayBackToTheNumber() async throws {
        try await withShequ { app in
            let f = try await Self.register(app)
            try await makeAccount(app, "street.official", .streetOfficial, streetA)
            let token = try await app.token("street.official")

            let list = try await app.api(.GET, "/api/v1/residents", token: token)
            let detail = try await app.api(.GET, "/api/v1/residents/\(f.residentID)", token: token)
            let household = try await app.api(.GET, "/api/v1/households/\(f.householdID)", token: token)
            let export = try await app.api(.GET, "/api/v1/residents/export", token: token)
            for (res, what) in [(list, "the list"), (detail, "the detail"), (household, "the household"), (export, "the export")] {
                #expect(res.status == .ok, "\(what): \(res.status)")
                Self.expectNothingRebuilds(res.body, what)
            }
            // What is shown instead: the area code alone, and the year.
            #expect(detail.object["idNumber"] as? String == "440402************")
            #expect(detail.object["birthYear"] as? Int == 1987)
            #expect(detail.object["birthDate"] == nil)
            let members = household.object["members"] as? [[String: Any]] ?? []
            #expect(members.first?["idNumber"] as? String == "440402************")
            #expect(export.body.contains("birth_year") && !export.body.contains("birth_date"))

            let browser = Browser(app)
            try await browser.signIn("street.official")
            for path in ["/residents", "/residents/\(f.residentID)", "/households/\(f.householdID)", "/residents/export.csv"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path): \(page.status)")
                Self.expectNothingRebuilds(page.body, path)
            }
            #expect(browser.lastBody.contains("1987"))
            // The reveal is not theirs: refused, and the refusal is on record.
            let reveal = try await app.api(.POST, "/api/v1/residents/\(f.residentID)/reveal", token: token)
            #expect(reveal.status == .notFound || reveal.status == .forbidden)
            Self.expectNothingRebuilds(reveal.body, "a refused reveal")
            let refused = try await AuditEntry.query(on: app.db).filter(\.$actor == "street.official")
                .filter(\.$action == "resident.revealID").filter(\.$outcome == "denied").count()
            #expect(refused == 1)
        }
    }

    @Test func theStoredRowHoldsNoBirthDate() async throws {
        try await withShequ { app in
            _ = try await Self.register(app)
            let rows = try await (app.db as! any SQLDatabase).raw("SELECT * FROM residents").all()
            #expect(rows.count == 1)
            let columns = try rows[0].allColumns
            #expect(!columns.contains("birth_date"))
            for column in columns {
                let value = (try? rows[0].decode(column: column, as: String.self)) ?? ""
                #expect(!value.contains(Self.hidden), "column \(column) holds the hidden digits")
                for form in Self.birthForms { #expect(!value.contains(form), "column \(column) holds the birth date") }
            }
            #expect(try rows[0].decode(column: "birth_year", as: Int.self) == 1987)
            #expect(try rows[0].decode(column: "id_number_masked", as: String.self) == "440402************")
        }
    }

    @Test func rowsOnFileAreConcealedAndTheRevertRestoresThemWithTheKey() async throws {
        try await withShequ { app in
            _ = try await Self.register(app)
            let migration = ConcealBirthDates(vault: PersonalDataVault(secrets: app.secrets))

            // One connection, as the migrator has: SQLite's shared in-memory database may show another a stale schema.
            let (before, after) = try await app.db.withConnection { db in
                let sql = db as! any SQLDatabase
                try await migration.revert(on: db)
                let before = try await sql.raw("SELECT birth_date, id_number_masked FROM residents").first()
                try await migration.prepare(on: db)
                return (before, try await sql.raw("SELECT * FROM residents").first())
            }
            let restored = try #require(before)
            #expect(try restored.decode(column: "birth_date", as: String.self) == "1987-07-23")
            #expect(try restored.decode(column: "id_number_masked", as: String.self) == "440402********" + Self.idNumber.suffix(4))

            let concealed = try #require(after)
            #expect(!(try concealed.allColumns).contains("birth_date"))
            #expect(try concealed.decode(column: "birth_year", as: Int.self) == 1987)
            #expect(try concealed.decode(column: "id_number_masked", as: String.self) == "440402************")
            let resident = try #require(try await Resident.query(on: app.db).first())
            #expect(try ResidentService.birthDate(of: resident, vault: PersonalDataVault(secrets: app.secrets)) == LocalDate("1987-07-23"))
        }
    }

    @Test func exactSearchesAreAuditedWithoutTheNumberAndLimitedPerAccount() async throws {
        try await withShequ { app in
            let f = try await Self.register(app)
            try await makeAccount(app, "clerk", .communityStaff, communityA)
            let token = try await app.token("clerk")

            let byID = try await app.api(.GET, "/api/v1/residents?q=\(Self.idNumber)", token: token)
            #expect(byID.status == .ok)
            #expect(byID.object["total"] as? Int == 1)
            let byPhone = try await app.api(.GET, "/api/v1/residents?q=\(Self.phone)", token: token)
            #expect(byPhone.object["total"] as? Int == 1)
            let entries = try await AuditEntry.query(on: app.db).filter(\.$action == "resident.search").all()
            #expect(entries.count == 2)
            #expect(entries.allSatisfy { $0.actor == "clerk" && $0.outcome == "ok" && $0.entityID == f.residentID })
            #expect(Set(entries.map(\.detail)) == ["by id_number, 1 found", "by phone, 1 found"])
            for e in entries { #expect(!e.detail.contains(Self.idNumber) && !e.detail.contains(Self.phone)) }

            // A name search is neither limited nor a lookup of a number.
            _ = try await app.api(.GET, "/api/v1/residents?q=林", token: token)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "resident.search").count() == 2)

            for _ in 2..<ResidentSearchThrottle.perMinute {
                #expect(try await app.api(.GET, "/api/v1/residents?q=\(Self.idNumber)", token: token).status == .ok)
            }
            let over = try await app.api(.GET, "/api/v1/residents?q=\(Self.idNumber)", token: token, headers: ["Accept-Language": "en"])
            #expect(over.status == .tooManyRequests)
            #expect(over.object["code"] as? String == "search_limit")
            #expect((over.object["reason"] as? String ?? "").contains("Too many searches"))
            #expect(!over.body.contains(Self.idNumber))
            let denied = try await AuditEntry.query(on: app.db).filter(\.$action == "resident.search").filter(\.$outcome == "denied").all()
            #expect(denied.count == 1 && denied.first?.actor == "clerk")
            // The page takes the same path, and the same limit.
            let browser = Browser(app)
            try await browser.signIn("clerk")
            let page = try await browser.get("/residents?q=\(Self.idNumber)")
            #expect(page.status == .tooManyRequests)
            #expect(try await app.api(.GET, "/api/v1/residents?q=林", token: token).status == .ok)

            // Another account has its own allowance.
            try await makeAccount(app, "clerk2", .stationStaff, communityA)
            #expect(try await app.api(.GET, "/api/v1/residents?q=\(Self.phone)", token: try await app.token("clerk2")).status == .ok)
        }
    }

    @Test func parallelExactSearchesGetNoMoreThanTheLimit() async throws {
        try await withShequ { app in
            _ = try await Self.register(app)
            try await makeAccount(app, "clerk", .communityStaff, communityA)
            let token = try await app.token("clerk")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await app.api(.GET, "/api/v1/residents?q=\(Self.idNumber)", token: token).status }
                }
                return try await group.reduce(into: [HTTPResponseStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == ResidentSearchThrottle.perMinute)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 20 - ResidentSearchThrottle.perMinute)
        }
    }

    @Test func theLimitHoldsPerMinuteAndPerHour() async throws {
        try await withShequ { app in
            let account = UUID(), start = Date()
            func take(after seconds: TimeInterval) async throws -> Bool {
                try await ResidentSearchThrottle.take(account: account, now: start.addingTimeInterval(seconds), gate: app.writeGate, on: app.db)
            }
            var admitted = 0
            // Each minute admits its five and refuses the sixth, until the hour's thirty are spent.
            for minute in 0..<8 {
                for _ in 0...ResidentSearchThrottle.perMinute where try await take(after: Double(minute) * 61) { admitted += 1 }
            }
            #expect(admitted == ResidentSearchThrottle.perHour)
            #expect(try await take(after: 3600 + 61))
        }
    }

    @Test func windowStaffStillRevealTheFullNumberAndEveryRevealIsLogged() async throws {
        try await withShequ { app in
            let f = try await Self.register(app)
            try await makeAccount(app, "window", .stationStaff, communityA)
            let reveal = try await app.api(.POST, "/api/v1/residents/\(f.residentID)/reveal", token: try await app.token("window"))
            #expect(reveal.status == .ok)
            #expect(reveal.object["idNumber"] as? String == Self.idNumber)
            #expect(reveal.object["phone"] as? String == Self.phone)

            let browser = Browser(app)
            try await browser.signIn("window")
            try await browser.get("/residents/\(f.residentID)")
            let page = try await browser.post("/residents/\(f.residentID)/reveal", form: [:])
            #expect(page.status == .ok)
            #expect(page.body.contains(Self.idNumber))

            let logged = try await AuditEntry.query(on: app.db).filter(\.$action == "resident.revealID").filter(\.$actor == "window").all()
            #expect(logged.count == 2)
            #expect(logged.allSatisfy { $0.entityID == f.residentID && $0.outcome == "ok" && !$0.detail.contains(Self.idNumber) })
        }
    }
}
