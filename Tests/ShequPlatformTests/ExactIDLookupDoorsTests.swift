import Fluent
import Foundation
import ShequKernel
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

/// Issue 9, finding 2, the other doors: "this ID number is already registered" on
/// create and import answers for the whole city, so each such answer is an exact
/// lookup: counted against the same per-account limit as the search, and audited
/// without the number.
@Suite struct ExactIDLookupDoorsTests {
    static let csvType = HTTPMediaType(type: "text", subType: "csv")
    static let header = "community_code,name,id_number,phone,residency,household_address,relation_to_head\n"
    /// Seven residents of 紫荆社区 (street A), outside street B's reach.
    static let bodies = (1...7).map { "4404021980010\(String(format: "%04d", 2000 + $0))".prefix(17) }.map(String.init)
    static let fresh = validID("44040219900101555")

    static func registerStreetA(_ app: Application) async throws -> [String: String] {
        let admin = try await app.token("admin", adminPassword)
        var ids: [String: String] = [:]
        for (i, body) in bodies.enumerated() {
            let made = try await app.api(.POST, "/api/v1/residents", token: admin, json: residentJSON(communityA, "居民\(i)", body))
            #expect(made.status == .created, "\(made.body)")
            ids[validID(body)] = made.object["id"] as? String
        }
        return ids
    }

    static func csv(_ numbers: [String]) -> String {
        header + numbers.enumerated().map { "\(communityB),候选\($0.offset),\($0.element),,registered,," }.joined(separator: "\n") + "\n"
    }

    static func entries(_ app: Application, _ action: String) async throws -> [AuditEntry] {
        try await AuditEntry.query(on: app.db).filter(\.$action == action).all()
    }

    static func expectNoNumber(_ entries: [AuditEntry]) {
        for e in entries {
            for body in bodies { #expect(!e.detail.contains(body) && !(e.entityID ?? "").contains(body)) }
        }
    }

    @Test func anImportProbingAnotherStreetStopsAtTheLimitAndEveryAnswerIsAudited() async throws {
        try await withShequ { app in
            let ids = try await Self.registerStreetA(app)
            try await makeAccount(app, "window.b", .stationStaff, communityB)
            let token = try await app.token("window.b")
            let numbers = Self.bodies.map(validID) + [Self.fresh]
            let res = try await app.api(.POST, "/api/v1/residents/import?onlyGoodRows=true", token: token, raw: Self.csv(numbers),
                                        contentType: Self.csvType, headers: ["Accept-Language": "en"])
            #expect(res.status == .tooManyRequests)
            #expect(res.object["committed"] as? Bool == false)
            #expect(res.object["lookupLimitReached"] as? Bool == true)
            let messages = (res.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
            #expect(messages.count == 8)
            #expect(messages.prefix(5).allSatisfy { $0.contains("already registered") })
            // Past the limit no row is answered, registered or not: the fresh number reads like the rest.
            #expect(messages.dropFirst(5).allSatisfy { $0.contains("Too many searches") })
            #expect(!res.body.contains("4404021980"))
            #expect(try await Resident.query(on: app.db).filter(\.$divisionCode == communityB).count() == 0)

            let logged = try await Self.entries(app, "resident.import.duplicate")
            #expect(logged.filter { $0.outcome == "ok" }.count == 5)
            #expect(logged.filter { $0.outcome == "denied" }.count == 1)
            #expect(logged.allSatisfy { $0.actor == "window.b" })
            #expect(Set(logged.compactMap(\.entityID)) == Set(numbers.prefix(5).compactMap { ids[$0] }))
            Self.expectNoNumber(logged)

            // The same account is now refused on create too, and by the search: one allowance.
            let create = try await app.api(.POST, "/api/v1/residents", token: token,
                                           json: residentJSON(communityB, "候选", String(Self.bodies[6])))
            #expect(create.status == .tooManyRequests)
            #expect(create.object["code"] as? String == "search_limit")
            #expect(try await app.api(.GET, "/api/v1/residents?q=\(numbers[0])", token: token).status == .tooManyRequests)

            // A clean import by another window still goes through, uncounted.
            try await makeAccount(app, "window.b2", .stationStaff, communityB)
            let token2 = try await app.token("window.b2")
            let clean = try await app.api(.POST, "/api/v1/residents/import", token: token2, raw: Self.csv([Self.fresh]), contentType: Self.csvType)
            #expect(clean.status == .ok)
            #expect(clean.object["imported"] as? Int == 1)
            for _ in 0..<ResidentSearchThrottle.perMinute {
                #expect(try await app.api(.GET, "/api/v1/residents?q=\(Self.fresh)", token: token2).status == .ok)
            }
        }
    }

    @Test func parallelImportsGetNoMoreDuplicateAnswersThanTheLimit() async throws {
        try await withShequ { app in
            _ = try await Self.registerStreetA(app)
            try await makeAccount(app, "window.b", .stationStaff, communityB)
            let token = try await app.token("window.b")
            let files = [Array(Self.bodies[0...2]), Array(Self.bodies[3...5]), [Self.bodies[6], Self.bodies[0]]].map { Self.csv($0.map(validID)) }
            let results = try await withThrowingTaskGroup(of: APIResult.self) { group in
                for file in files {
                    group.addTask {
                        try await app.api(.POST, "/api/v1/residents/import", token: token, raw: file, contentType: Self.csvType,
                                          headers: ["Accept-Language": "en"])
                    }
                }
                return try await group.reduce(into: [APIResult]()) { $0.append($1) }
            }
            let messages = results.flatMap { ($0.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String } }
            #expect(messages.filter { $0.contains("already registered") }.count == ResidentSearchThrottle.perMinute)
            #expect(results.contains { $0.status == .tooManyRequests })
            #expect(try await Self.entries(app, "resident.import.duplicate").filter { $0.outcome == "ok" }.count == ResidentSearchThrottle.perMinute)
        }
    }

    @Test func duplicateCreatesAreCountedAuditedAndStopAtTheLimit() async throws {
        try await withShequ { app in
            let ids = try await Self.registerStreetA(app)
            try await makeAccount(app, "window.b", .stationStaff, communityB)
            let token = try await app.token("window.b")
            // A new resident is registered as ever, and costs nothing.
            let made = try await app.api(.POST, "/api/v1/residents", token: token, json: residentJSON(communityB, "新居民", "44040219900101555"))
            #expect(made.status == .created)
            for body in Self.bodies.prefix(ResidentSearchThrottle.perMinute) {
                let dup = try await app.api(.POST, "/api/v1/residents", token: token, json: residentJSON(communityB, "候选", String(body)))
                #expect(dup.status == .conflict)
                #expect(dup.object["code"] as? String == "duplicate_id")
            }
            let over = try await app.api(.POST, "/api/v1/residents", token: token, json: residentJSON(communityB, "候选", String(Self.bodies[5])),
                                         headers: ["Accept-Language": "en"])
            #expect(over.status == .tooManyRequests)
            #expect((over.object["reason"] as? String ?? "").contains("Too many searches"))
            // The page form takes the same path.
            let browser = Browser(app)
            try await browser.signIn("window.b")
            _ = try await browser.get("/residents/new")
            let page = try await browser.post("/residents", form: ["divisionCode": communityB, "name": "候选", "idNumber": validID(Self.bodies[6]),
                                                                   "residency": "registered"])
            #expect(page.status == .tooManyRequests)

            let logged = try await Self.entries(app, "resident.create.duplicate")
            #expect(logged.filter { $0.outcome == "ok" }.count == ResidentSearchThrottle.perMinute)
            #expect(logged.filter { $0.outcome == "denied" }.count == 2)
            #expect(Set(logged.compactMap(\.entityID)) == Set(Self.bodies.prefix(5).compactMap { ids[validID($0)] }))
            #expect(logged.allSatisfy { $0.actor == "window.b" })
            Self.expectNoNumber(logged)
            #expect(try await Resident.query(on: app.db).count() == Self.bodies.count + 1)
        }
    }

    @Test func parallelDuplicateCreatesGetNoMoreThanTheLimit() async throws {
        try await withShequ { app in
            _ = try await Self.registerStreetA(app)
            try await makeAccount(app, "window.b", .stationStaff, communityB)
            let token = try await app.token("window.b")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for i in 0..<14 {
                    group.addTask {
                        try await app.api(.POST, "/api/v1/residents", token: token,
                                          json: residentJSON(communityB, "候选", String(Self.bodies[i % Self.bodies.count]))).status
                    }
                }
                return try await group.reduce(into: [HTTPResponseStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .conflict }.count == ResidentSearchThrottle.perMinute)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 14 - ResidentSearchThrottle.perMinute)
        }
    }
}
