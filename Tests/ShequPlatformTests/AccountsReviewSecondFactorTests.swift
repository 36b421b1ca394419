import Fluent
import Foundation
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

/// Review of issue 11: looking at the enrolment page makes no secret; only the POST that starts enrolment does, audited.
@Suite struct AccountsReviewSecondFactorTests {
    func stored(_ app: Application, _ username: String) async throws -> String? {
        try await Account.query(on: app.db).filter(\.$username == username).first()?.totpSecret
    }

    func started(_ app: Application) async throws -> Int {
        try await AuditEntry.query(on: app.db).filter(\.$action == "account.startSecondFactor").count()
    }

    @Test func viewingTheOwnEnrolmentPageWritesNothingAndStartingIsAPostAudited() async throws {
        try await withShequ { app in
            try await makeAccount(app, "clerk", .communityStaff, communityA)
            let browser = Browser(app)
            try await browser.signIn("clerk")
            let first = try await browser.get("/account/second-factor")
            #expect(first.status == .ok)
            #expect(!first.body.contains("otpauth://"))
            #expect(first.body.contains("action=\"/account/second-factor/start\""))
            _ = try await browser.get("/account/second-factor")
            #expect(try await stored(app, "clerk") == nil)
            #expect(try await started(app) == 0)

            let start = try await browser.post("/account/second-factor/start", form: [:])
            #expect(start.status == .ok)
            let secret = try SecondFactorTests.secret(in: start.body)
            #expect(try await stored(app, "clerk") != nil)
            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "account.startSecondFactor").first())
            #expect(entry.actor == "clerk")
            // Reloading, or starting again, shows the secret the phone may already hold, and makes no other.
            #expect(try SecondFactorTests.secret(in: try await browser.get("/account/second-factor").body) == secret)
            #expect(try SecondFactorTests.secret(in: try await browser.post("/account/second-factor/start", form: [:]).body) == secret)
            #expect(try await started(app) == 1)
            let done = try await browser.post("/account/second-factor", form: ["code": TOTP.code(secret: secret, at: Date())])
            #expect(SecondFactorTests.recoveryCodes(in: done.body).count == 10)
            // A start without a signed-in account is refused.
            let stranger = Browser(app)
            _ = try await stranger.get("/")
            #expect(try await stranger.post("/account/second-factor/start", form: [:]).status == .unauthorized)
        }
    }

    @Test func theEnrolmentStepAtSignInMakesTheSecretOnlyOnItsPost() async throws {
        try await withShequ { app in
            app.accountSecurity.adminSecondFactor = .required
            let browser = Browser(app)
            try await browser.get("/sign-in")
            let signIn = try await browser.post("/sign-in", form: ["username": "admin", "password": adminPassword])
            #expect(signIn.headers.first(name: .location) == "/sign-in/enrol")
            let page = try await browser.get("/sign-in/enrol")
            #expect(page.status == .ok && !page.body.contains("otpauth://"))
            #expect(try await stored(app, "admin") == nil)
            let start = try await browser.post("/sign-in/enrol/start", form: [:])
            let secret = try SecondFactorTests.secret(in: start.body)
            #expect(try await started(app) == 1)
            let done = try await browser.post("/sign-in/enrol", form: ["code": TOTP.code(secret: secret, at: Date())])
            #expect(done.status == .ok)
            #expect(try await browser.get("/accounts").status == .ok)
        }
    }
}
