import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

/// Issue 9, finding 2: applying for a resident found by ID number answers whether that
/// number is registered, so staff's applications by number share the exact-search limit
/// and each is audited without the number.
@Suite struct ApplyByIDNumberLimitTests {
    static let id = validID("44040219700101123")

    static func submit(_ app: Vapor.Application, _ token: String, _ number: String) async throws -> APIResult {
        try await app.api(.POST, "/api/v1/applications", token: token, json: ["itemCode": "RS-004", "residentIDNumber": number, "channel": "hotline"],
                          headers: ["Accept-Language": "en"])
    }

    @Test func probesByIDNumberStopAtTheLimitAndAreAudited() async throws {
        try await withServiceHall { app, f in
            // Out of window B's scope and not registered at all answer alike, and both count.
            for i in 0..<ResidentSearchThrottle.perMinute {
                let number = i % 2 == 0 ? Self.id : validID("4404021970010199\(i)")
                #expect(try await Self.submit(app, f.windowB, number).status == .notFound)
            }
            let over = try await Self.submit(app, f.windowB, Self.id)
            #expect(over.status == .tooManyRequests)
            #expect(over.object["code"] as? String == "search_limit")
            #expect((over.object["reason"] as? String ?? "").contains("Too many searches"))

            let logged = try await AuditEntry.query(on: app.db).filter(\.$action == "application.submit.byIDNumber").all()
            #expect(logged.filter { $0.outcome == "ok" }.count == ResidentSearchThrottle.perMinute)
            #expect(logged.filter { $0.outcome == "denied" }.count == 1)
            #expect(logged.allSatisfy { $0.actor == "window.b" })
            #expect(logged.filter { $0.entityID == f.residentID.uuidString }.count == 3)
            for e in logged { #expect(!e.detail.contains("440402197001") && !(e.entityID ?? "").contains("440402197001")) }

            // Window A, in scope, still applies for the resident by number.
            #expect(try await Self.submit(app, f.windowA, Self.id).status == .created)
        }
    }

    @Test func open311ProbesWithAStaffKeyShareTheSameLimit() async throws {
        try await withServiceHall { app, f in
            func post() async throws -> APIResult {
                try await app.api(.POST, "/open311/v2/requests.json", raw: "api_key=\(f.windowB)&service_code=RS-004&attribute[id_number]=\(Self.id)",
                                  contentType: .urlEncodedForm)
            }
            for _ in 0..<ResidentSearchThrottle.perMinute { #expect(try await post().status == .forbidden) }
            #expect(try await post().status == .tooManyRequests)
            // One allowance across doors: the REST door is closed to this account too.
            #expect(try await Self.submit(app, f.windowB, Self.id).status == .tooManyRequests)
            let logged = try await AuditEntry.query(on: app.db).filter(\.$action == "application.submit.byIDNumber").all()
            #expect(logged.filter { $0.outcome == "ok" }.count == ResidentSearchThrottle.perMinute)
            #expect(logged.filter { $0.outcome == "denied" }.count == 2)
        }
    }

    @Test func parallelProbesByIDNumberGetNoMoreThanTheLimit() async throws {
        try await withServiceHall { app, f in
            let unregistered = validID("44040219900101555")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for _ in 0..<12 { group.addTask { try await Self.submit(app, f.windowA, unregistered).status } }
                return try await group.reduce(into: [HTTPResponseStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .notFound }.count == ResidentSearchThrottle.perMinute)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 12 - ResidentSearchThrottle.perMinute)
        }
    }

    /// A busy window applying for residents of its own area is not held back: those answers tell it nothing new.
    @Test func applyingForResidentsInScopeIsAuditedButNotLimited() async throws {
        try await withServiceHall { app, f in
            for _ in 0..<(ResidentSearchThrottle.perMinute + 3) {
                let res = try await Self.submit(app, f.windowA, Self.id)
                #expect(res.status == .created, "\(res.body)")
            }
            let audited = try await AuditEntry.query(on: app.db).filter(\.$action == "application.submit.byIDNumber")
                .filter(\.$outcome == "ok").count()
            #expect(audited == ResidentSearchThrottle.perMinute + 3)
        }
    }
}
