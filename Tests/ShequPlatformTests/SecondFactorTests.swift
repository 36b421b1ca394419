import Fluent
import Foundation
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

/// Administrators enrol a TOTP second factor and sign in with it, on pages and for API tokens.
@Suite struct SecondFactorTests {
    static func secret(in page: String) throws -> [UInt8] {
        let start = try #require(page.range(of: "id=\"totp-secret\">"))
        let text = page[start.upperBound...].prefix { $0 != "<" }
        return try #require(Base32.decode(String(text)))
    }

    static func recoveryCodes(in page: String) -> [String] {
        page.components(separatedBy: "<li><code>").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    /// A code for a step not yet used: each code works once, and enrolment used the current one.
    static func code(_ secret: [UInt8], ahead: Int64 = 1) -> String {
        TOTP.code(secret: secret, step: TOTP.step(at: Date()) + ahead)
    }

    @Test func anAdministratorEnrolsAtFirstSignInAndCanDoNothingElseBefore() async throws {
        try await withShequ { app in
            app.accountSecurity.adminSecondFactor = .required
            // No API token for an administrator without a second factor: the API is no way round the page.
            let refused = try await app.api(.POST, "/api/v1/auth/token", json: ["username": "admin", "password": adminPassword])
            #expect(refused.status == .forbidden)
            #expect(refused.object["code"] as? String == "second_factor_enrolment_required")

            let browser = Browser(app)
            try await browser.get("/sign-in")
            let signIn = try await browser.post("/sign-in", form: ["username": "admin", "password": adminPassword])
            #expect(signIn.headers.first(name: .location) == "/sign-in/enrol")
            #expect(try await browser.get("/accounts").status == .unauthorized)
            #expect(try await browser.get("/sign-in/password").status == .unauthorized)

            #expect(try await browser.get("/sign-in/enrol").status == .ok)
            // Only the POST that starts enrolment makes the secret (AccountsReviewSecondFactorTests).
            let page = try await browser.post("/sign-in/enrol/start", form: [:])
            #expect(page.status == .ok)
            #expect(page.body.contains("otpauth://totp/Shequ:admin?secret="))
            let secret = try Self.secret(in: page.body)
            #expect(secret.count == 20)
            // Reloading shows the same secret, which the phone may already hold.
            #expect(try Self.secret(in: try await browser.get("/sign-in/enrol").body) == secret)
            let stored = try #require(try await Account.query(on: app.db).filter(\.$username == "admin").first()?.totpSecret)
            #expect(!stored.contains(Base32.encode(secret)))

            let wrong = try await browser.post("/sign-in/enrol", form: ["code": "000000"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(try await Account.query(on: app.db).filter(\.$username == "admin").first()?.hasSecondFactor == false)
            let done = try await browser.post("/sign-in/enrol", form: ["code": TOTP.code(secret: secret, at: Date())])
            #expect(done.status == .ok)
            let codes = Self.recoveryCodes(in: done.body)
            #expect(codes.count == 10 && Set(codes).count == 10)
            // The page with the codes is the first of the new session: signed in, with the way to sign out.
            #expect(done.body.contains("action=\"/sign-out\""))
            #expect(!done.body.contains("href=\"/sign-in\""))
            #expect(try await RecoveryCode.query(on: app.db).all().allSatisfy { !codes.contains($0.codeHash) })
            #expect(try await browser.get("/accounts").status == .ok)

            // From now on the token needs a code too.
            let noCode = try await app.api(.POST, "/api/v1/auth/token", json: ["username": "admin", "password": adminPassword])
            #expect(noCode.status == .unauthorized)
            #expect(noCode.object["code"] as? String == "second_factor_required")
            let badCode = try await app.api(.POST, "/api/v1/auth/token", json: ["username": "admin", "password": adminPassword, "code": "123456"])
            #expect(badCode.object["code"] as? String == "second_factor_failed")
            // One code, kept: computing it twice could straddle a 30-second step and give a new, valid one.
            let fresh = Self.code(secret)
            let withCode = try await app.api(.POST, "/api/v1/auth/token",
                                             json: ["username": "admin", "password": adminPassword, "code": fresh])
            #expect(withCode.status == .ok)
            #expect(withCode.object["token"] is String)
            // The same code again is a replay.
            let replay = try await app.api(.POST, "/api/v1/auth/token",
                                           json: ["username": "admin", "password": adminPassword, "code": fresh])
            #expect(replay.status == .unauthorized)
            // A recovery code works once, in place of the app's code.
            let recovered = try await app.api(.POST, "/api/v1/auth/token", json: ["username": "admin", "password": adminPassword, "code": codes[0]])
            #expect(recovered.status == .ok)
            let spent = try await app.api(.POST, "/api/v1/auth/token", json: ["username": "admin", "password": adminPassword, "code": codes[0]])
            #expect(spent.status == .tooManyRequests || spent.status == .unauthorized)
        }
    }

    @Test func thePageAsksForTheCodeAfterThePasswordAndLocksAfterWrongOnes() async throws {
        try await withShequ { app in
            app.accountSecurity.adminSecondFactor = .required
            try await makeAccount(app, "clerk", .communityStaff, communityA)
            // Anyone may enrol on their own account page; the clerk is not forced to.
            let clerk = Browser(app)
            try await clerk.signIn("clerk")
            #expect(try await clerk.get("/account").body.contains("href=\"/account/second-factor\""))
            _ = try await clerk.get("/account/second-factor")
            let page = try await clerk.post("/account/second-factor/start", form: [:])
            let secret = try Self.secret(in: page.body)
            let enrolled = try await clerk.post("/account/second-factor", form: ["code": TOTP.code(secret: secret, at: Date())])
            #expect(Self.recoveryCodes(in: enrolled.body).count == 10)
            let codes = Self.recoveryCodes(in: enrolled.body)

            let later = Browser(app)
            try await later.get("/sign-in")
            let signIn = try await later.post("/sign-in", form: ["username": "clerk", "password": staffPassword, "next": "/account"])
            #expect(signIn.headers.first(name: .location) == "/sign-in/verify")
            #expect(try await later.get("/account").status == .unauthorized)
            try await later.get("/sign-in/verify")
            #expect(try await later.post("/sign-in/verify", form: ["code": "000000"]).status == .unauthorized)
            let ok = try await later.post("/sign-in/verify", form: ["code": codes[1]])
            #expect(ok.headers.first(name: .location) == "/account")
            #expect(try await later.get("/account").status == .ok)
            #expect(try await SecondFactorService.remainingRecoveryCodes(try #require(try await Account.query(on: app.db)
                .filter(\.$username == "clerk").first()?.requireID()), on: app.db) == 9)

            // Five wrong codes in a row lock the account, the password notwithstanding.
            let guesser = Browser(app)
            try await guesser.get("/sign-in")
            try await guesser.post("/sign-in", form: ["username": "clerk", "password": staffPassword])
            // The password took one of the five attempts; the fourth wrong code takes the last.
            var statuses: [HTTPResponseStatus] = []
            while statuses.last != .tooManyRequests && statuses.count < 5 {
                try await guesser.get("/sign-in/verify")
                statuses.append(try await guesser.post("/sign-in/verify", form: ["code": "111111"]).status)
            }
            #expect(statuses == [.unauthorized, .unauthorized, .unauthorized, .tooManyRequests])
            #expect(try await guesser.get("/sign-in/verify").status == .unauthorized)
            let locked = try await app.api(.POST, "/api/v1/auth/token",
                                           json: ["username": "clerk", "password": staffPassword, "code": Self.code(secret, ahead: 0)])
            #expect(locked.status == .tooManyRequests)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "account.signIn").filter(\.$detail == "wrong code; locked").count() == 1)
        }
    }

    @Test func anAdministratorRemovesALostFactorAndTheOwnerEnrolsAgain() async throws {
        try await withShequ { app in
            let admin = try await app.token("admin", adminPassword)
            let officer = try await makeAccount(app, "officer", .cityAdministrator, streetA)
            let browser = Browser(app)
            try await browser.signIn("officer")
            _ = try await browser.get("/account/second-factor")
            let secret = try Self.secret(in: try await browser.post("/account/second-factor/start", form: [:]).body)
            try await browser.post("/account/second-factor", form: ["code": TOTP.code(secret: secret, at: Date())])
            let id = try officer.requireID()
            #expect(try await Account.find(id, on: app.db)?.hasSecondFactor == true)

            let street = try await app.api(.GET, "/api/v1/accounts/\(id)", token: admin)
            #expect(street.object["secondFactor"] as? Bool == true)
            let reset = try await app.api(.POST, "/api/v1/accounts/\(id)/second-factor-reset", token: admin)
            #expect(reset.status == .ok)
            #expect(reset.object["secondFactor"] as? Bool == false)
            #expect(try await RecoveryCode.query(on: app.db).filter(\.$account.$id == id).count() == 0)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "account.resetSecondFactor").count() == 1)
            // Enforced again, the officer's next sign-in goes to enrolment, not in.
            app.accountSecurity.adminSecondFactor = .required
            let again = Browser(app)
            try await again.get("/sign-in")
            let signIn = try await again.post("/sign-in", form: ["username": "officer", "password": staffPassword])
            #expect(signIn.headers.first(name: .location) == "/sign-in/enrol")
        }
    }
}
