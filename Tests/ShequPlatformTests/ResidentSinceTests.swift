import Fluent
import Foundation
import ShequKernel
import ShequTestSupport
import SQLKit
import Testing
import Vapor
@testable import ShequPlatform

/// The day a resident's residence in the community began (S5's residence
/// period): recorded on every way in, kept by a move, never the row's age.
@Suite struct ResidentSinceTests {
    static let csvType = HTTPMediaType(type: "text", subType: "csv")

    @Test func residenceBeginsTodayUnlessGivenAndAMoveKeepsIt() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            let plain = try await app.api(.POST, "/api/v1/residents", token: token, json: residentJSON(communityA, "张三", "44040219800101123"))
            #expect(plain.status == .created)
            #expect(plain.object["residentSince"] as? String == LocalDate(instant: Date()).description)

            var json = residentJSON(communityA, "李四", "44040219820202123")
            json["residentSince"] = "2019-05-01"
            let dated = try await app.api(.POST, "/api/v1/residents", token: token, json: json)
            #expect(dated.status == .created)
            #expect(dated.object["residentSince"] as? String == "2019-05-01")
            let id = try #require(dated.object["id"] as? String)

            let moved = try await app.api(.POST, "/api/v1/residents/\(id)/move", token: token, json: ["divisionCode": communityB])
            #expect(moved.status == .ok)
            #expect(moved.object["residentSince"] as? String == "2019-05-01")

            let changed = try await app.api(.PATCH, "/api/v1/residents/\(id)", token: token, json: ["residentSince": "2020-01-02"])
            #expect(changed.object["residentSince"] as? String == "2020-01-02")
            let stored = try #require(try await Resident.find(UUID(uuidString: id), on: app.db))
            #expect(stored.residentSince == "2020-01-02")
        }
    }

    @Test func aDayInTheFutureOrBeforeBirthIsRefused() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            var json = residentJSON(communityA, "王五", "44040219800101123")
            json["residentSince"] = "1979-12-31"
            let early = try await app.api(.POST, "/api/v1/residents", token: token, json: json, headers: ["Accept-Language": "en"])
            #expect(early.status == .unprocessableEntity)
            #expect(early.object["code"] as? String == "invalid_resident_since")
            #expect(try await app.count(Resident.self) == 0)

            json["residentSince"] = nil
            let made = try await app.api(.POST, "/api/v1/residents", token: token, json: json)
            let id = try #require(made.object["id"] as? String)
            let tomorrow = LocalDate(instant: Date()).adding(days: 1).description
            let late = try await app.api(.PATCH, "/api/v1/residents/\(id)", token: token, json: ["residentSince": tomorrow])
            #expect(late.status == .unprocessableEntity)
            #expect(late.object["code"] as? String == "invalid_resident_since")
            #expect(try await Resident.find(UUID(uuidString: id), on: app.db)?.residentSince == LocalDate(instant: Date()).description)
        }
    }

    @Test func importTakesTheDateAndTheExportCarriesIt() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            let csv = "community_code,name,id_number,phone,residency,household_address,relation_to_head,resident_since\n"
                + "\(communityA),张三,\(validID("44040219800101123")),,migrant,1栋101室,head,2018-07-01\n"
                + "\(communityA),李四,\(validID("44040219820202123")),,registered,,,\n"
            let res = try await app.api(.POST, "/api/v1/residents/import", token: token, raw: csv, contentType: Self.csvType)
            #expect(res.status == .ok, "\(res.body)")
            let byName = Dictionary(uniqueKeysWithValues: try await Resident.query(on: app.db).all().map { ($0.name, $0.residentSince) })
            #expect(byName["张三"] == "2018-07-01")
            #expect(byName["李四"] == LocalDate(instant: Date()).description)

            // Importing the same person again is refused as a duplicate, so the date on file stands.
            let again = "community_code,name,id_number,phone,residency,resident_since\n"
                + "\(communityA),张三,\(validID("44040219800101123")),,migrant,2025-01-01\n"
            _ = try await app.api(.POST, "/api/v1/residents/import?onlyGoodRows=true", token: token, raw: again, contentType: Self.csvType)
            #expect(try await Resident.query(on: app.db).filter(\.$name == "张三").first()?.residentSince == "2018-07-01")

            let export = try await app.api(.GET, "/api/v1/residents/export", token: token)
            #expect(export.body.contains("resident_since"))
            #expect(export.body.contains(",2018-07-01"))
        }
    }

    @Test func rowsOnFileBeforeTheFieldTakeTheDayTheyWereEntered() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            let made = try await app.api(.POST, "/api/v1/residents", token: token, json: residentJSON(communityA, "张三", "44040219800101123"))
            let id = try #require(UUID(uuidString: made.object["id"] as? String ?? ""))
            // 20:00 UTC is already the next day in Zhuhai.
            let entered = Date(timeIntervalSince1970: 1_614_888_000) // 2021-03-04T20:00:00Z
            let sql = app.db as! any SQLDatabase
            try await sql.update(Resident.schema).set("created_at", to: SQLBind(entered)).where("id", .equal, SQLBind(id)).run()

            // One connection, as the migrator has: SQLite's shared in-memory database may show another a stale schema.
            try await app.db.withConnection { db in
                try await AddResidentSince().revert(on: db)
                try await AddResidentSince().prepare(on: db)
            }
            #expect(try await Resident.find(id, on: app.db)?.residentSince == "2021-03-05")
        }
    }
}
