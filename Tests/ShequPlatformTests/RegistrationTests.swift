import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

/// The outbound SMS interface's test sink: what would have gone to phones.
final class RegistrationSMSSink: OutboundMessenger {
    let sent = NIOLockedValueBox<[OutboundMessage]>([])
    func send(_ message: OutboundMessage) async throws { sent.withLockedValue { $0.append(message) } }
    var all: [OutboundMessage] { sent.withLockedValue { $0 } }
    /// The six digits of the last code sent.
    var lastCode: String? {
        guard let text = all.last?.text, let range = text.range(of: #"\d{6}"#, options: .regularExpression) else { return nil }
        return String(text[range])
    }
}

struct FailingMessenger: OutboundMessenger {
    func send(_ message: OutboundMessage) async throws { throw Abort(.serviceUnavailable) }
}

/// Issue 11, "Accounts": residents create their own account.
@Suite struct RegistrationTests {
    static let onFileID = validID("44040219800101123")
    static let notOnFileID = validID("44040219900202456")
    static let phoneOnFile = "13800138000"
    static let password = "Resident-pass-1"

    struct Fixture {
        let sms: RegistrationSMSSink
        let residentID: String
        let committeeA: String
        let committeeB: String
    }

    /// A resident on file in 紫荆社区 with a phone, and the residents' committees of A and of another street's community.
    func withRegistration(_ body: (Application, Fixture) async throws -> Void) async throws {
        try await withShequ { app in
            let sms = RegistrationSMSSink()
            app.outboundMessenger = sms
            let admin = try await app.token("admin", adminPassword)
            let resident = try await app.api(.POST, "/api/v1/residents", token: admin,
                                             json: residentJSON(communityA, "王芳", "44040219800101123", phone: Self.phoneOnFile))
            try await makeAccount(app, "committee.a", .communityStaff, communityA)
            try await makeAccount(app, "committee.b", .communityStaff, communityB)
            try await body(app, Fixture(sms: sms, residentID: try #require(resident.object["id"] as? String),
                                        committeeA: try await app.token("committee.a"), committeeB: try await app.token("committee.b")))
        }
    }

    static func request(name: String = "王芳", id: String = onFileID, phone: String = "13900139000", username: String = "wangfang",
                        password: String = password, community: String = communityA) -> [String: Any] {
        ["name": name, "idNumber": id, "phone": phone, "username": username, "password": password, "community": community]
    }

    static func submit(_ app: Application, _ json: [String: Any], from address: String = "198.51.100.1") async throws -> APIResult {
        let answer = try await app.api(.POST, "/api/v1/registrations", json: json, headers: ["X-Forwarded-For": address])
        // The code leaves after the answer (RegistrationOutbox): wait for it as a phone would.
        await app.registrationOutbox.drain()
        return answer
    }

    static func audit(_ app: Application, _ action: String, outcome: String? = nil) async throws -> [AuditEntry] {
        let query = AuditEntry.query(on: app.db).filter(\.$action == action)
        if let outcome { query.filter(\.$outcome == outcome) }
        return try await query.all()
    }

    // MARK: The matching path

    @Test func aMatchingResidentGetsACodeOnThePhoneOnFileAndTheRightCodeOpensALinkedAccount() async throws {
        try await withRegistration { app, f in
            let res = try await Self.submit(app, Self.request())
            #expect(res.status == .accepted)
            let reference = try #require(res.object["reference"] as? String)
            #expect(res.object["state"] as? String == "awaitingCode")
            // The code goes to the phone on file, not to the one typed.
            #expect(f.sms.all.count == 1)
            #expect(f.sms.all.first?.to == Self.phoneOnFile)
            #expect(f.sms.all.first?.channel == "sms")
            let code = try #require(f.sms.lastCode)

            let done = try await app.api(.POST, "/api/v1/registrations/code", json: ["reference": reference, "code": code])
            #expect(done.status == .ok)
            #expect(done.object["state"] as? String == "created")
            #expect(done.object["username"] as? String == "wangfang")

            let token = try await app.token("wangfang", Self.password)
            let me = try await app.api(.GET, "/api/v1/me", token: token)
            #expect(me.object["residentID"] as? String == f.residentID)
            let grants = me.object["grants"] as? [[String: Any]] ?? []
            #expect(grants.count == 1 && grants.first?["role"] as? String == "resident" && grants.first?["scope"] as? String == communityA)
            #expect(try await app.api(.GET, "/api/v1/residents/\(f.residentID)", token: token).status == .ok)

            // Nothing personal, and neither the code nor the password, is kept in clear; the hash goes once used.
            let row = try #require(try await RegistrationRequest.query(on: app.db).first())
            #expect(!row.idNumberSealed.contains("440402") && row.idNumberMasked.hasPrefix("440402") && !row.idNumberMasked.contains("19800101"))
            #expect(!row.phoneSealed.contains("13900139000"))
            #expect(!row.codeHash.contains(code))
            #expect(row.passwordHash.isEmpty)
            #expect(try await Self.audit(app, "registration.submit").count == 1)
            #expect(try await Self.audit(app, "registration.code", outcome: "ok").count == 1)
            #expect(try await Self.audit(app, "account.create").contains { $0.scope == communityA })

            // The code is spent: entering it again changes nothing.
            #expect(try await app.api(.POST, "/api/v1/registrations/code", json: ["reference": reference, "code": code]).status == .unprocessableEntity)
            #expect(try await app.count(Account.self) == 4)
        }
    }

    @Test func wrongCodesUseTheTriesAndTheFifthHandsTheRequestToTheCommittee() async throws {
        try await withRegistration { app, f in
            let reference = try #require(try await Self.submit(app, Self.request()).object["reference"] as? String)
            let code = try #require(f.sms.lastCode)
            let wrong = code == "000000" ? "111111" : "000000"
            for _ in 1...RegistrationService.codeTries {
                let res = try await app.api(.POST, "/api/v1/registrations/code", json: ["reference": reference, "code": wrong])
                #expect(res.status == .unprocessableEntity)
                #expect(res.object["code"] as? String == "registration_code")
            }
            // The right code is too late now.
            #expect(try await app.api(.POST, "/api/v1/registrations/code", json: ["reference": reference, "code": code]).status == .unprocessableEntity)
            let status = try await app.api(.POST, "/api/v1/registrations/status", json: ["reference": reference])
            #expect(status.object["state"] as? String == "pending")
            #expect(try await Account.query(on: app.db).filter(\.$username == "wangfang").count() == 0)
            #expect(try await Self.audit(app, "registration.code", outcome: "failed").count == RegistrationService.codeTries + 1)
            let waiting = try await app.api(.GET, "/api/v1/registrations", token: f.committeeA)
            #expect(waiting.items.count == 1)
            // The committee sees the resident on file with this number, in its own community.
            #expect((waiting.items.first?["onFile"] as? [String: Any])?["residentID"] as? String == f.residentID)
        }
    }

    @Test func anExpiredCodeIsRefusedAndTheRequestWaitsForTheCommittee() async throws {
        try await withRegistration { app, f in
            let reference = try #require(try await Self.submit(app, Self.request()).object["reference"] as? String)
            let code = try #require(f.sms.lastCode)
            #expect(try await app.api(.GET, "/api/v1/registrations", token: f.committeeA).items.isEmpty)
            try await RegistrationRequest.query(on: app.db).set(\.$codeExpiresAt, to: Date().addingTimeInterval(-1)).update()
            let late = try await app.api(.POST, "/api/v1/registrations/code", json: ["reference": reference, "code": code])
            #expect(late.status == .unprocessableEntity)
            #expect(try await app.api(.POST, "/api/v1/registrations/status", json: ["reference": reference]).object["state"] as? String == "pending")
            #expect(try await app.api(.GET, "/api/v1/registrations", token: f.committeeA).items.count == 1)
            #expect(try await Account.query(on: app.db).filter(\.$username == "wangfang").count() == 0)
        }
    }

    // MARK: The committee

    @Test func withoutAMatchTheCommitteeConfirmsCreatingTheResidentAndOnlyItsOwn() async throws {
        try await withRegistration { app, f in
            let res = try await Self.submit(app, Self.request(name: "李雷", id: Self.notOnFileID, username: "lilei"))
            let reference = try #require(res.object["reference"] as? String)
            #expect(f.sms.all.isEmpty)
            let handed = try await app.api(.POST, "/api/v1/registrations/committee", json: ["reference": reference])
            #expect(handed.object["state"] as? String == "pending")

            let waiting = try await app.api(.GET, "/api/v1/registrations", token: f.committeeA)
            #expect(waiting.items.count == 1)
            #expect(waiting.items.first?["onFile"] == nil)
            #expect(waiting.items.first?["idNumber"] as? String == "440402************")
            let id = try #require(waiting.items.first?["id"] as? String)

            // Another community's committee neither sees nor decides it, and its attempts are audited.
            #expect(try await app.api(.GET, "/api/v1/registrations", token: f.committeeB).items.isEmpty)
            let foreign = try await app.api(.POST, "/api/v1/registrations/\(id)/confirm", token: f.committeeB, json: ["residency": "migrant"])
            #expect(foreign.status == .notFound)
            let foreignRefusal = try await app.api(.POST, "/api/v1/registrations/\(id)/refuse", token: f.committeeB, json: ["reason": "不认识"])
            #expect(foreignRefusal.status == .notFound)
            let denied = try await Self.audit(app, "registration.decide", outcome: "denied")
            #expect(denied.count == 2 && denied.allSatisfy { $0.actor == "committee.b" && $0.entityID == id })

            // Creating the resident needs the residency.
            let incomplete = try await app.api(.POST, "/api/v1/registrations/\(id)/confirm", token: f.committeeA, json: [:])
            #expect(incomplete.status == .unprocessableEntity)
            let residents = try await app.count(Resident.self)

            let confirmed = try await app.api(.POST, "/api/v1/registrations/\(id)/confirm", token: f.committeeA, json: ["residency": "migrant"])
            #expect(confirmed.status == .ok)
            #expect(confirmed.object["state"] as? String == "created")
            #expect(try await app.count(Resident.self) == residents + 1)
            let token = try await app.token("lilei", Self.password)
            let me = try await app.api(.GET, "/api/v1/me", token: token)
            let created = try #require(me.object["residentID"] as? String)
            let record = try await app.api(.GET, "/api/v1/residents/\(created)", token: token)
            #expect(record.object["name"] as? String == "李雷" && record.object["residency"] as? String == "migrant")
            #expect(record.object["divisionCode"] as? String == communityA)
            #expect(try await app.api(.POST, "/api/v1/registrations/status", json: ["reference": reference]).object["state"] as? String == "created")

            // Decided once: a second decision is refused and changes nothing.
            #expect(try await app.api(.POST, "/api/v1/registrations/\(id)/refuse", token: f.committeeA, json: ["reason": "x"]).status == .conflict)
            #expect(try await Self.audit(app, "registration.confirm").first?.actor == "committee.a")
            #expect(try await Self.audit(app, "resident.create").contains { $0.actor == "committee.a" && $0.entityID == created })
        }
    }

    @Test func theCommitteeLinksToTheResidentOnFileButNotToAnotherOne() async throws {
        try await withRegistration { app, f in
            // The right ID number with a different name: no code, the committee decides.
            let res = try await Self.submit(app, Self.request(name: "王 芳芳"))
            let reference = try #require(res.object["reference"] as? String)
            #expect(f.sms.all.isEmpty)
            _ = try await app.api(.POST, "/api/v1/registrations/committee", json: ["reference": reference])
            let id = try #require(try await app.api(.GET, "/api/v1/registrations", token: f.committeeA).items.first?["id"] as? String)
            let admin = try await app.token("admin", adminPassword)
            let other = try await app.api(.POST, "/api/v1/residents", token: admin, json: residentJSON(communityA, "邻居", "44040219810101123"))
            let otherID = try #require(other.object["id"] as? String)
            let wrong = try await app.api(.POST, "/api/v1/registrations/\(id)/confirm", token: f.committeeA, json: ["residentID": otherID])
            #expect(wrong.status == .unprocessableEntity)
            let right = try await app.api(.POST, "/api/v1/registrations/\(id)/confirm", token: f.committeeA, json: ["residentID": f.residentID])
            #expect(right.status == .ok)
            let me = try await app.api(.GET, "/api/v1/me", token: try await app.token("wangfang", Self.password))
            #expect(me.object["residentID"] as? String == f.residentID)
        }
    }

    @Test func theCommitteeRefusesOnItsPageWithAReasonTheApplicantSees() async throws {
        try await withRegistration { app, f in
            let res = try await Self.submit(app, Self.request(name: "韩梅梅", id: Self.notOnFileID, username: "hanmeimei"))
            let reference = try #require(res.object["reference"] as? String)
            _ = try await app.api(.POST, "/api/v1/registrations/committee", json: ["reference": reference])
            let id = try #require(try await app.api(.GET, "/api/v1/registrations", token: f.committeeA).items.first?["id"] as? String)

            let browser = Browser(app)
            try await browser.signIn("committee.a")
            // Reached from the committee's start page (its workbench, with the count) and from the menu.
            let workbench = try await browser.get("/workbench")
            #expect(workbench.body.contains("href=\"/registrations\">\(Phrase.registrationWaiting.zh)</a> <strong class=\"count\">1</strong>"))
            #expect(try await browser.get("/").body.contains("href=\"/registrations\""))
            let page = try await browser.get("/registrations")
            #expect(page.status == .ok)
            #expect(page.body.contains("韩梅梅") && page.body.contains("data-label"))
            let empty = try await browser.post("/registrations/\(id)/refuse", form: ["reason": "   "])
            #expect(empty.status == .unprocessableEntity)
            _ = try await browser.get("/registrations")
            let refused = try await browser.post("/registrations/\(id)/refuse", form: ["reason": "经核实不在本社区居住"])
            #expect(refused.status == .seeOther)
            #expect(refused.headers.first(name: .location) == "/registrations?done=refused")

            let status = try await app.api(.POST, "/api/v1/registrations/status", json: ["reference": reference])
            #expect(status.object["state"] as? String == "refused")
            #expect(status.object["reason"] as? String == "经核实不在本社区居住")
            #expect(try await Self.audit(app, "registration.refuse").first?.actor == "committee.a")
            #expect(try await Account.query(on: app.db).filter(\.$username == "hanmeimei").count() == 0)
            #expect(try await RegistrationRequest.query(on: app.db).first()?.passwordHash.isEmpty == true)

            // Other roles are refused the list, and the refusal is audited.
            try await makeAccount(app, "street.x", .streetOfficial, streetA)
            let list = try await app.api(.GET, "/api/v1/registrations", token: try await app.token("street.x"))
            #expect(list.status == .forbidden)
            #expect(try await Self.audit(app, "registration.decide", outcome: "denied").contains { $0.actor == "street.x" })
        }
    }

    @Test func aNumberOnFileGoesToTheCommitteeThatKnowsTheResidentWhicheverCommunityIsNamed() async throws {
        try await withRegistration { app, f in
            let res = try await Self.submit(app, Self.request(name: "王五", community: communityB))
            let reference = try #require(res.object["reference"] as? String)
            _ = try await app.api(.POST, "/api/v1/registrations/committee", json: ["reference": reference])
            #expect(try await app.api(.GET, "/api/v1/registrations", token: f.committeeA).items.count == 1)
            #expect(try await app.api(.GET, "/api/v1/registrations", token: f.committeeB).items.isEmpty)
        }
    }

    @Test func onlyTheResidentsCommitteeMayListAndDecideAndEveryRefusalIsAudited() async throws {
        try await withRegistration { app, f in
            let res = try await Self.submit(app, Self.request(id: Self.notOnFileID, username: "walked"))
            _ = try await app.api(.POST, "/api/v1/registrations/committee", json: ["reference": try #require(res.object["reference"] as? String)])
            let id = try #require(try await app.api(.GET, "/api/v1/registrations", token: f.committeeA).items.first?["id"] as? String)
            for role in Role.allCases where role != .communityStaff {
                let username = "walk.\(role.rawValue)".lowercased()
                try await makeAccount(app, username, role, walkScopes[role]!)
                let token = try await app.token(username)
                let before = try await Self.audit(app, "registration.decide", outcome: "denied").count
                #expect(try await app.api(.GET, "/api/v1/registrations", token: token).status == .forbidden, "\(role)")
                #expect(try await app.api(.POST, "/api/v1/registrations/\(id)/confirm", token: token, json: ["residency": "registered"]).status == .notFound, "\(role)")
                #expect(try await app.api(.POST, "/api/v1/registrations/\(id)/refuse", token: token, json: ["reason": "x"]).status == .notFound, "\(role)")
                let browser = Browser(app)
                try await browser.signIn(username)
                #expect(try await browser.get("/registrations").status == .forbidden, "\(role)")
                #expect(try await Self.audit(app, "registration.decide", outcome: "denied").count == before + 4, "\(role)")
            }
            #expect(try await app.api(.GET, "/api/v1/registrations", token: f.committeeA).items.count == 1)
        }
    }

    @Test func aFailingSMSGatewayLeavesTheRequestStandingForTheCommittee() async throws {
        try await withRegistration { app, f in
            app.outboundMessenger = FailingMessenger()
            let res = try await Self.submit(app, Self.request())
            #expect(res.status == .accepted)
            _ = try await app.api(.POST, "/api/v1/registrations/committee", json: ["reference": try #require(res.object["reference"] as? String)])
            #expect(try await app.api(.GET, "/api/v1/registrations", token: f.committeeA).items.count == 1)
        }
    }

    // MARK: What the applicant learns

    @Test func theAnswerIsTheSameWhetherOrNotTheNumberIsOnFile() async throws {
        try await withRegistration { app, f in
            let onFile = try await Self.submit(app, Self.request(username: "one"), from: "198.51.100.1")
            let wrongName = try await Self.submit(app, Self.request(name: "王五", username: "two"), from: "198.51.100.2")
            let notOnFile = try await Self.submit(app, Self.request(id: Self.notOnFileID, username: "three"), from: "198.51.100.3")
            #expect(f.sms.all.count == 1)
            let answers = [onFile, wrongName, notOnFile]
            #expect(answers.allSatisfy { $0.status == .accepted })
            #expect(Set(answers.map { $0.object.keys.sorted() }).count == 1)
            #expect(Set(answers.map { $0.object["state"] as? String ?? "" }) == ["awaitingCode"])
            #expect(Set(answers.map { $0.object["message"] as? String ?? "" }).count == 1)
            #expect(answers.allSatisfy { ($0.object["reference"] as? String)?.count == 12 && $0.object["codeExpiresAt"] != nil })
            let statuses = try await answers.asyncMap { answer in
                try await app.api(.POST, "/api/v1/registrations/status", json: ["reference": answer.object["reference"] as! String])
            }
            #expect(Set(statuses.map { $0.object.keys.sorted() }).count == 1)

            // The page answers alike too: same status, same text but for the reference and the times.
            func page(_ json: [String: Any]) async throws -> (HTTPResponseStatus, String) {
                let browser = Browser(app)
                _ = try await browser.get("/register")
                let res = try await browser.post("/register", form: json.mapValues { "\($0)" })
                let shape = res.body.replacingOccurrences(of: #"[A-Z2-9]{12}"#, with: "REF", options: .regularExpression)
                    .replacingOccurrences(of: #"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"#, with: "TIME", options: .regularExpression)
                    .replacingOccurrences(of: #"name="_csrf" value="[^"]*""#, with: "CSRF", options: .regularExpression)
                return (res.status, shape)
            }
            let a = try await page(Self.request(username: "four"))
            let b = try await page(Self.request(id: Self.notOnFileID, username: "five"))
            #expect(a.0 == .ok && b.0 == .ok)
            #expect(a.1 == b.1)
        }
    }

    @Test func requestsAreLimitedPerNumberAlikeOnFileOrNot() async throws {
        try await withRegistration { app, f in
            for id in [Self.onFileID, Self.notOnFileID] {
                var answers: [HTTPResponseStatus] = []
                for n in 0...RegistrationThrottle.requestsPerNumberPerDay {
                    answers.append(try await Self.submit(app, Self.request(id: id, username: "u\(n)\(id.suffix(3))"), from: "198.51.100.\(n + 10)").status)
                }
                #expect(answers == Array(repeating: .accepted, count: RegistrationThrottle.requestsPerNumberPerDay) + [.tooManyRequests])
            }
            #expect(f.sms.all.count == RegistrationThrottle.requestsPerNumberPerDay)
            #expect(try await Self.audit(app, "registration.submit", outcome: "denied").count == 2)
            // And per address, whatever the numbers.
            var fromOne: [HTTPResponseStatus] = []
            for n in 0...RegistrationThrottle.requestsPerAddressPerHour {
                let id = validID("44040219850101" + String(format: "%03d", n))
                fromOne.append(try await Self.submit(app, Self.request(name: "甲", id: id, username: "addr\(n)"), from: "203.0.113.77").status)
            }
            #expect(fromOne.last == .tooManyRequests)
            #expect(fromOne.dropLast().allSatisfy { $0 == .accepted })
        }
    }

    // MARK: Bad input

    @Test func badInputIsRefusedWith422AndNothingIsStored() async throws {
        try await withRegistration { app, f in
            let bad: [[String: Any]] = [
                Self.request(id: String(Self.onFileID.dropLast()) + (Self.onFileID.last == "0" ? "1" : "0")),  // wrong check character
                Self.request(phone: "12345"),
                Self.request(password: "short"),
                Self.request(password: "alllowercaseletters"),
                Self.request(username: "a b"),
                Self.request(community: "440402001"),             // a street, not a community
                Self.request(community: "999999999999"),
                Self.request(name: "   "),
            ]
            for json in bad {
                let res = try await Self.submit(app, json)
                #expect(res.status == .unprocessableEntity, "\(json) → \(res.status) \(res.body)")
                #expect(!(res.object["reason"] as? String ?? "").isEmpty)
            }
            let browser = Browser(app)
            _ = try await browser.get("/register")
            let page = try await browser.post("/register", form: Self.request(phone: "12345").mapValues { "\($0)" })
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("role=\"alert\"") && page.body.contains("王芳"))
            #expect(!page.body.contains(Self.password))

            #expect(try await app.count(RegistrationRequest.self) == 0)
            let counters = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM registration_counters").first()?
                .decode(column: "n", as: Int.self)
            #expect(counters == 0)
            #expect(f.sms.all.isEmpty)
            #expect(try await Self.audit(app, "registration.submit").isEmpty)
        }
    }

    // MARK: The pages

    @Test func anApplicantRegistersOnThePagesWithoutJavaScript() async throws {
        try await withRegistration { app, f in
            let browser = Browser(app)
            let home = try await browser.get("/")
            #expect(home.body.contains("href=\"/register\""))
            let form = try await browser.get("/register")
            #expect(form.status == .ok)
            #expect(form.body.contains("value=\"\(communityA)\""))
            let sent = try await browser.post("/register", form: Self.request().mapValues { "\($0)" })
            #expect(sent.status == .ok)
            await app.registrationOutbox.drain()
            let reference = try #require(sent.body.range(of: #"<strong>[A-Z2-9]{12}</strong>"#, options: .regularExpression)
                .map { String(sent.body[$0].dropFirst(8).prefix(12)) })
            let code = try #require(f.sms.lastCode)
            let wrong = try await browser.post("/register/code", form: ["reference": reference, "code": code == "000000" ? "111111" : "000000"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.contains("role=\"alert\""))
            let done = try await browser.post("/register/code", form: ["reference": reference, "code": code])
            #expect(done.status == .ok)
            #expect(done.body.contains(Phrase.registrationStateCreated.zh))
            _ = try await browser.get("/register/status")
            let looked = try await browser.post("/register/status", form: ["reference": reference.lowercased()])
            #expect(looked.body.contains(Phrase.registrationStateCreated.zh))
            try await Browser(app).signIn("wangfang", Self.password)
        }
    }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
