import Fluent
import Foundation
import ShequTestSupport
import SQLKit
import Testing
import Vapor
@testable import ShequPlatform

@Suite struct ResidentsTests {
    @Test func registersAResidentAndShowsIDAndPhoneMasked() async throws {
        try await withShequ { app in
            try await makeAccount(app, "clerk", .communityStaff, communityA)
            let token = try await app.token("clerk")
            let res = try await app.api(.POST, "/api/v1/residents", token: token,
                                        json: residentJSON(communityA, "张三", "44040219800101123", phone: "138-0013-8000"))
            #expect(res.status == .created)
            let id = validID("44040219800101123")
            #expect(res.object["idNumber"] as? String == "440402************")
            #expect(res.object["phone"] as? String == "138****8000")
            #expect(res.object["sex"] as? String == "male")
            #expect(res.object["birthYear"] as? Int == 1980)
            #expect(res.object["birthDate"] == nil)
            #expect(!res.body.contains(id))
        }
    }

    @Test func idNumberAndPhoneAreNotStoredInClear() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            _ = try await app.api(.POST, "/api/v1/residents", token: token,
                                  json: residentJSON(communityA, "张三", "44040219800101123", phone: "13800138000"))
            let rows = try await (app.db as! any SQLDatabase).raw("SELECT * FROM residents").all()
            #expect(rows.count == 1)
            for column in try rows[0].allColumns {
                let value = (try? rows[0].decode(column: column, as: String.self)) ?? ""
                #expect(!value.contains(validID("44040219800101123")), "column \(column) holds the ID number in clear")
                #expect(!value.contains("13800138000"), "column \(column) holds the phone in clear")
            }
        }
    }

    @Test(arguments: [
        ("44040219800101123", "X", "resident_id_check"),
        ("44040219800230123", "", "resident_id_birth_date"),
        ("99040219800101123", "", "resident_id_area"),
    ])
    func badIDNumbersAreRefusedWithAReasonAndNothingIsStored(body: String, forcedLast: String, code: String) async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            var json = residentJSON(communityA, "王五", body)
            if !forcedLast.isEmpty {
                let good = validID(body)
                json["idNumber"] = String(good.dropLast()) + (good.last == "X" ? "0" : "X")
            }
            let res = try await app.api(.POST, "/api/v1/residents", token: token, json: json, headers: ["Accept-Language": "en"])
            #expect(res.status == .unprocessableEntity)
            #expect(res.object["code"] as? String == code)
            #expect((res.object["reason"] as? String ?? "").contains("ID number"))
            #expect(try await app.count(Resident.self) == 0)
        }
    }

    @Test func otherBadInputGetsA4xxAndChangesNothing() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            let cases: [(APIResult, HTTPResponseStatus, String)] = [
                (try await app.api(.POST, "/api/v1/residents", token: token, raw: "{\"name\": ", contentType: .json), .badRequest, "malformed_body"),
                (try await app.api(.POST, "/api/v1/residents", token: token, json: ["divisionCode": communityA, "name": 5]), .badRequest, "wrong_type"),
                (try await app.api(.POST, "/api/v1/residents", token: token, json: ["name": "x"]), .badRequest, "missing_field"),
                (try await app.api(.POST, "/api/v1/residents", token: token,
                                   json: residentJSON("440402001999", "赵六", "44040219800101123")), .unprocessableEntity, "unknown_division"),
                (try await app.api(.POST, "/api/v1/residents", token: token,
                                   json: residentJSON(streetA, "赵六", "44040219800101123")), .unprocessableEntity, "not_community"),
                (try await app.api(.POST, "/api/v1/residents", token: token,
                                   json: residentJSON(communityA, String(repeating: "长", count: 51), "44040219800101123")), .unprocessableEntity, "too_long"),
                (try await app.api(.POST, "/api/v1/residents", token: token,
                                   json: residentJSON(communityA, "赵六", "44040219800101123", phone: "12345")), .unprocessableEntity, "invalid_phone"),
                (try await app.api(.GET, "/api/v1/residents?page=0", token: token), .unprocessableEntity, "out_of_range"),
            ]
            for (res, status, code) in cases {
                #expect(res.status == status, "\(res.body)")
                #expect(res.object["code"] as? String == code, "\(res.body)")
                #expect(!(res.object["reason"] as? String ?? "").isEmpty)
            }
            #expect(try await app.count(Resident.self) == 0)
        }
    }

    @Test func duplicateIDNumberIsRefused() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            let json = residentJSON(communityA, "张三", "44040219800101123")
            #expect(try await app.api(.POST, "/api/v1/residents", token: token, json: json).status == .created)
            var again = json
            again["idNumber"] = (json["idNumber"] as! String).lowercased()
            let res = try await app.api(.POST, "/api/v1/residents", token: token, json: again)
            #expect(res.status == .conflict)
            #expect(try await app.count(Resident.self) == 1)
        }
    }

    @Test func searchesByNameExactIDAndPhone() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            _ = try await app.api(.POST, "/api/v1/residents", token: token, json: residentJSON(communityA, "张三", "44040219800101123", phone: "13800138000"))
            _ = try await app.api(.POST, "/api/v1/residents", token: token, json: residentJSON(communityA, "李四", "44040219900101123", phone: "13900139000"))
            func names(_ q: String) async throws -> [String] {
                let q = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                return (try await app.api(.GET, "/api/v1/residents?q=\(q)", token: token).object["items"] as? [[String: Any]] ?? [])
                    .compactMap { $0["name"] as? String }
            }
            #expect(try await names("张") == ["张三"])
            #expect(try await names(validID("44040219900101123")) == ["李四"])
            #expect(try await names("139 0013 9000") == ["李四"])
            #expect(try await names("王") == [])
        }
    }

    @Test func revealIsForWindowStaffAndEveryRevealIsAudited() async throws {
        try await withShequ { app in
            try await makeAccount(app, "clerk", .communityStaff, communityA)
            try await makeAccount(app, "official", .streetOfficial, streetA)
            let clerk = try await app.token("clerk")
            let created = try await app.api(.POST, "/api/v1/residents", token: clerk,
                                            json: residentJSON(communityA, "张三", "44040219800101123", phone: "13800138000"))
            let id = try #require(created.object["id"] as? String)
            let revealed = try await app.api(.POST, "/api/v1/residents/\(id)/reveal", token: clerk)
            #expect(revealed.status == .ok)
            #expect(revealed.object["idNumber"] as? String == validID("44040219800101123"))
            #expect(revealed.object["phone"] as? String == "13800138000")
            let reveals = try await AuditEntry.query(on: app.db).filter(\.$action == "resident.revealID").all()
            #expect(reveals.count == 1)
            #expect(reveals.first?.actor == "clerk")
            #expect(reveals.first?.entityID == id)

            let official = try await app.token("official")
            #expect(try await app.api(.GET, "/api/v1/residents/\(id)", token: official).status == .ok)
            let refused = try await app.api(.POST, "/api/v1/residents/\(id)/reveal", token: official)
            #expect(refused.status == .notFound)
            #expect(!refused.body.contains(validID("44040219800101123")))
            let denied = try await AuditEntry.query(on: app.db).filter(\.$action == "resident.revealID").filter(\.$outcome == "denied").all()
            #expect(denied.map(\.actor) == ["official"])
        }
    }

    @Test func movingAResidentAndAHouseholdKeepsMembersTogether() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            let household = try await app.api(.POST, "/api/v1/households", token: token, json: ["divisionCode": communityA, "address": "1栋101室"])
            let hid = try #require(household.object["id"] as? String)
            var json = residentJSON(communityA, "张三", "44040219800101123")
            json["householdID"] = hid
            json["relationToHead"] = "head"
            let r = try await app.api(.POST, "/api/v1/residents", token: token, json: json)
            let rid = try #require(r.object["id"] as? String)
            let shown = try await app.api(.GET, "/api/v1/households/\(hid)", token: token)
            #expect(shown.object["headOfHouseholdID"] as? String == rid)

            let moved = try await app.api(.POST, "/api/v1/households/\(hid)/move", token: token, json: ["divisionCode": "440402001002", "address": ""])
            #expect(moved.status == .ok)
            #expect(try await app.api(.GET, "/api/v1/residents/\(rid)", token: token).object["divisionCode"] as? String == "440402001002")

            let wrongHousehold = try await app.api(.POST, "/api/v1/residents/\(rid)/move", token: token,
                                                   json: ["divisionCode": communityB, "householdID": hid])
            #expect(wrongHousehold.status == .unprocessableEntity)
            let alone = try await app.api(.POST, "/api/v1/residents/\(rid)/move", token: token, json: ["divisionCode": communityB])
            #expect(alone.status == .ok)
            #expect(alone.object["householdID"] == nil)
            #expect(try await app.api(.GET, "/api/v1/households/\(hid)", token: token).object["headOfHouseholdID"] == nil)
        }
    }
}
