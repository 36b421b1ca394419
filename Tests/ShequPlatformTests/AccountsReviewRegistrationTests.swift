import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

/// A gateway that holds each message until released (or five seconds pass): an answer that waited
/// for the gateway would come after the message was delivered.
final class HeldMessenger: OutboundMessenger {
    let released = NIOLockedValueBox(false)
    let delivered = NIOLockedValueBox<[OutboundMessage]>([])

    func send(_ message: OutboundMessage) async throws {
        for _ in 0..<100 where !released.withLockedValue({ $0 }) { try await Task.sleep(for: .milliseconds(50)) }
        delivered.withLockedValue { $0.append(message) }
    }
}

/// Review of issue 11's self-registration: what an anonymous person can learn, and the committee's decision SMS.
@Suite struct AccountsReviewRegistrationTests {
    typealias R = RegistrationTests

    /// A resident on file in 紫荆社区 with a phone, an existing account `committee.a`, and the SMS sink.
    func withRegistration(_ body: (Application, RegistrationSMSSink, String) async throws -> Void) async throws {
        try await withShequ { app in
            let sms = RegistrationSMSSink()
            app.outboundMessenger = sms
            let admin = try await app.token("admin", adminPassword)
            _ = try await app.api(.POST, "/api/v1/residents", token: admin,
                                  json: residentJSON(communityA, "王芳", "44040219800101123", phone: R.phoneOnFile))
            try await makeAccount(app, "committee.a", .communityStaff, communityA)
            try await body(app, sms, try await app.token("committee.a"))
        }
    }

    static func post(_ app: Application, _ json: [String: Any], from address: String) async throws -> APIResult {
        try await app.api(.POST, "/api/v1/registrations", json: json, headers: ["X-Forwarded-For": address])
    }

    // MARK: 1. Usernames cannot be probed without limit

    @Test func takenUsernamesCountAgainstTheAddressAndAnswerAlikeWhoeverHoldsThem() async throws {
        try await withRegistration { app, sms, _ in
            // A name held by an open request and a name held by an account answer the same.
            let held = try await Self.post(app, R.request(id: R.notOnFileID, username: "held.name"), from: "198.51.100.50")
            #expect(held.status == .accepted)
            let byRequest = try await Self.post(app, R.request(username: "held.name"), from: "198.51.100.51")
            let byAccount = try await Self.post(app, R.request(username: "committee.a"), from: "198.51.100.51")
            #expect(byRequest.status == .conflict && byAccount.status == .conflict)
            #expect(byRequest.object["code"] as? String == byAccount.object["code"] as? String)
            #expect(byRequest.object["reason"] as? String == byAccount.object["reason"] as? String)

            // From one address, the guesses stop at the address's hourly limit, as any other request does.
            let address = "203.0.113.9"
            var answers: [HTTPResponseStatus] = []
            for n in 0..<(RegistrationThrottle.requestsPerAddressPerHour + 2) {
                let id = validID("44040219860101" + String(format: "%03d", n))
                answers.append(try await Self.post(app, R.request(name: "甲", id: id, username: "committee.a"), from: address).status)
            }
            #expect(answers.prefix(RegistrationThrottle.requestsPerAddressPerHour).allSatisfy { $0 == .conflict })
            #expect(answers.suffix(2).allSatisfy { $0 == .tooManyRequests })
            // Every guess is in the audit log, the refused ones as refused.
            let failed = try await AuditEntry.query(on: app.db).filter(\.$action == "registration.submit").filter(\.$outcome == "failed").count()
            #expect(failed == RegistrationThrottle.requestsPerAddressPerHour + 2)
            let denied = try await AuditEntry.query(on: app.db).filter(\.$action == "registration.submit").filter(\.$outcome == "denied").count()
            #expect(denied == 2)

            // A taken name costs the ID number nothing: its owner still has the day's requests.
            for n in 0..<RegistrationThrottle.requestsPerNumberPerDay {
                let res = try await Self.post(app, R.request(username: "free.\(n)"), from: "198.51.100.\(60 + n)")
                #expect(res.status == .accepted)
            }
            #expect(try await app.count(RegistrationRequest.self) == 1 + RegistrationThrottle.requestsPerNumberPerDay)
            _ = sms
        }
    }

    // MARK: 8. One open request per username; the list's state filter

    @Test func requestsForOneUsernameSentAtOnceOpenOnlyOne() async throws {
        try await withRegistration { app, _, _ in
            let answers = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for n in 0..<6 {
                    group.addTask {
                        let id = validID("44040219870101" + String(format: "%03d", n))
                        return try await Self.post(app, R.request(name: "乙", id: id, username: "same.name"), from: "198.51.100.\(100 + n)").status
                    }
                }
                var all: [HTTPResponseStatus] = []
                for try await status in group { all.append(status) }
                return all
            }
            #expect(answers.filter { $0 == .accepted }.count == 1, "\(answers)")
            #expect(answers.filter { $0 == .conflict }.count == 5, "\(answers)")
            #expect(try await RegistrationRequest.query(on: app.db).filter(\.$username == "same.name").count() == 1)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "registration.submit").filter(\.$outcome == "failed").count() == 5)

            // The database itself holds the rule: a second open row for the name is refused, another name is not.
            let row = try #require(try await RegistrationRequest.query(on: app.db).filter(\.$username == "same.name").first())
            @Sendable func insert(_ username: String, _ reference: String) async throws {
                try await (app.db as! any SQLDatabase).raw("""
                    INSERT INTO registration_requests (id, reference, username, name, id_number_sealed, id_number_index, id_number_masked,
                        phone_sealed, phone_masked, division_code, named_division_code, password_hash, state, code_hash, code_expires_at,
                        code_attempts, language)
                    VALUES (\(bind: UUID()), \(bind: reference), \(bind: username), 'x', 'x', 'x', 'x', 'x', 'x', \(bind: communityA),
                        \(bind: communityA), 'x', 'pending', 'x', \(bind: Date()), 0, 'zh-Hans')
                    """).run()
            }
            try await insert("other.name", "YYYYYYYYYYYY")
            await #expect(throws: (any Error).self) { try await insert("same.name", "ZZZZZZZZZZZZ") }
            try await RegistrationRequest.query(on: app.db).filter(\.$username == "other.name").delete()
            // Once decided, the name is free for a new request.
            try await RegistrationRequest.query(on: app.db).filter(\.$id == row.requireID()).set(\.$state, to: .refused).update()
            #expect(try await Self.post(app, R.request(id: R.notOnFileID, username: "same.name"), from: "198.51.100.120").status == .accepted)
        }
    }

    @Test func theUsernameIndexMigrationKeepsTheOlderOfTwoOpenRequestsAndRevertsCleanly() async throws {
        try await withRegistration { app, _, _ in
            let migration = AddOpenRegistrationUsernameIndex()
            try await migration.revert(on: app.db)
            // Two open requests for one name, as an install could hold from before the index.
            let first = try await Self.post(app, R.request(id: R.notOnFileID, username: "twice"), from: "198.51.100.70")
            try await RegistrationRequest.query(on: app.db).set(\.$createdAt, to: Date().addingTimeInterval(-60)).update()
            try await RegistrationRequest.query(on: app.db).set(\.$username, to: "twice.other").update()
            let second = try await Self.post(app, R.request(username: "twice"), from: "198.51.100.71")
            try await RegistrationRequest.query(on: app.db).filter(\.$username == "twice.other").set(\.$username, to: "twice").update()
            #expect(first.status == .accepted && second.status == .accepted)
            #expect(try await RegistrationRequest.query(on: app.db).filter(\.$username == "twice").count() == 2)

            try await migration.prepare(on: app.db)
            let rows = try await RegistrationRequest.query(on: app.db).filter(\.$username == "twice").all()
            let older = try #require(rows.first { $0.reference == first.object["reference"] as? String })
            let later = try #require(rows.first { $0.reference == second.object["reference"] as? String })
            #expect(older.state == .awaitingCode)
            #expect(later.state == .refused && later.reason?.isEmpty == false && later.passwordHash.isEmpty)
            #expect(try await Self.post(app, R.request(id: validID("44040219890101001"), username: "twice"), from: "198.51.100.72").status == .conflict)
        }
    }

    @Test func anUnknownStateFilterIsRefusedWithAClearMessage() async throws {
        try await withRegistration { app, _, committee in
            let browser = Browser(app)
            try await browser.signIn("committee.a")
            for state in ["bogus", "awaitingCode"] {
                let page = try await browser.get("/registrations?state=\(state)")
                #expect(page.status == .badRequest, "\(state)")
                #expect(page.body.contains(Phrase.errorRegistrationStateFilter.zh), "\(state)")
                let api = try await app.api(.GET, "/api/v1/registrations?state=\(state)", token: committee)
                #expect(api.status.code / 100 == 4 && api.status != .forbidden, "\(state): \(api.status)")
                #expect(!(api.object["reason"] as? String ?? "").isEmpty)
            }
            for state in ["pending", "created", "refused"] {
                #expect(try await browser.get("/registrations?state=\(state)").status == .ok)
                #expect(try await app.api(.GET, "/api/v1/registrations?state=\(state)", token: committee).status == .ok)
            }
            // The filter tells a stranger nothing: the policy answers first, and logs the refusal.
            try await makeAccount(app, "street.x", .streetOfficial, streetA)
            let stranger = Browser(app)
            try await stranger.signIn("street.x")
            #expect(try await stranger.get("/registrations?state=bogus").status == .forbidden)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$actor == "street.x").filter(\.$action == "registration.decide")
                .filter(\.$outcome == "denied").count() == 1)
        }
    }

    // MARK: 3. The code leaves after the answer; the committee's decision goes by SMS too

    @Test func theAnswerDoesNotWaitForTheGateway() async throws {
        try await withRegistration { app, _, _ in
            let held = HeldMessenger()
            app.outboundMessenger = held
            let answer = try await Self.post(app, R.request(), from: "198.51.100.7")
            #expect(answer.status == .accepted)
            // Answered while the gateway still holds the code: a matched number answers as fast as any other.
            #expect(held.delivered.withLockedValue { $0 }.isEmpty)
            held.released.withLockedValue { $0 = true }
            await app.registrationOutbox.drain()
            let sent = held.delivered.withLockedValue { $0 }
            #expect(sent.count == 1 && sent.first?.to == R.phoneOnFile)
        }
    }

    @Test func theApplicantHearsTheCommitteesDecisionBySMS() async throws {
        try await withRegistration { app, sms, committee in
            var ids: [String] = []
            for (n, username) in ["confirm.me", "refuse.me"].enumerated() {
                let id = validID("44040219880101" + String(format: "%03d", n))
                let sent = try await Self.post(app, R.request(name: "丙", id: id, phone: "1390013900\(n)", username: username),
                                               from: "198.51.100.\(30 + n)")
                _ = try await app.api(.POST, "/api/v1/registrations/committee", json: ["reference": try #require(sent.object["reference"] as? String)])
            }
            for item in try await app.api(.GET, "/api/v1/registrations", token: committee).items {
                ids.append(try #require(item["id"] as? String))
            }
            #expect(ids.count == 2)
            let rows = try await RegistrationRequest.query(on: app.db).all()
            let confirmID = try #require(rows.first { $0.username == "confirm.me" }?.id?.uuidString)
            let refuseID = try #require(rows.first { $0.username == "refuse.me" }?.id?.uuidString)
            #expect(try await app.api(.POST, "/api/v1/registrations/\(confirmID)/confirm", token: committee, json: ["residency": "migrant"]).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/registrations/\(refuseID)/refuse", token: committee, json: ["reason": "查无此人"]).status == .ok)
            await app.registrationOutbox.drain()
            let messages = sms.all
            #expect(messages.count == 2)
            let confirmed = try #require(messages.first { $0.to == "13900139000" })
            #expect(confirmed.text.contains("confirm.me") && confirmed.language == Language.zhHans.rawValue && confirmed.channel == "sms")
            let refused = try #require(messages.first { $0.to == "13900139001" })
            #expect(refused.text.contains("查无此人"))
            // A refused decision (already decided) sends nothing more.
            #expect(try await app.api(.POST, "/api/v1/registrations/\(refuseID)/refuse", token: committee, json: ["reason": "x"]).status == .conflict)
            await app.registrationOutbox.drain()
            #expect(sms.all.count == 2)
        }
    }
}
