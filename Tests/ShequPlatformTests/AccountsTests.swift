import Fluent
import Foundation
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

@Suite struct AccountsTests {
    @Test func firstStartCreatesAdminWithTheConfiguredPassword() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            let me = try await app.api(.GET, "/api/v1/me", token: token)
            #expect(me.object["username"] as? String == "admin")
            let grants = me.object["grants"] as? [[String: Any]] ?? []
            #expect(grants.first?["role"] as? String == "cityAdministrator")
        }
    }

    @Test func wrongPasswordIsRefusedWith401AndLogged() async throws {
        try await withShequ { app in
            let res = try await app.api(.POST, "/api/v1/auth/token", json: ["username": "admin", "password": "nope"])
            #expect(res.status == .unauthorized)
            #expect(res.object["token"] == nil)
            let failed = try await AuditEntry.query(on: app.db).filter(\.$action == "account.signIn").filter(\.$outcome == "failed").count()
            #expect(failed == 1)
        }
    }

    @Test func fifthFailureLocksEvenTheRightPassword() async throws {
        try await withShequ { app in
            try await makeAccount(app, "clerk", .communityStaff, communityA)
            for attempt in 1...5 {
                let res = try await app.api(.POST, "/api/v1/auth/token", json: ["username": "clerk", "password": "wrong"])
                #expect(res.status == (attempt < 5 ? .unauthorized : .tooManyRequests))
            }
            let right = try await app.api(.POST, "/api/v1/auth/token", json: ["username": "clerk", "password": staffPassword])
            #expect(right.status == .tooManyRequests)
            #expect(right.object["token"] == nil)
        }
    }

    @Test func revokedAndExpiredTokensStopWorking() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            #expect(try await app.api(.GET, "/api/v1/me", token: token).status == .ok)
            #expect(try await app.api(.DELETE, "/api/v1/auth/token", token: token).status == .noContent)
            #expect(try await app.api(.GET, "/api/v1/me", token: token).status == .unauthorized)

            let second = try await app.token("admin", adminPassword)
            try await APIToken.query(on: app.db).set(\.$expiresAt, to: Date().addingTimeInterval(-1)).update()
            #expect(try await app.api(.GET, "/api/v1/me", token: second).status == .unauthorized)
            #expect(try await app.api(.GET, "/api/v1/me", token: "made-up").status == .unauthorized)
        }
    }

    @Test func tokensAreStoredOnlyAsHashes() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            let stored = try await APIToken.query(on: app.db).all().map(\.tokenHash)
            #expect(!stored.contains(token))
            #expect(stored.contains(AccountService.hash(token)))
        }
    }

    @Test func adminCreatesStaffWithAGrantAndWeakPasswordsAreRefused() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            let weak = try await app.api(.POST, "/api/v1/accounts", token: token, json: [
                "username": "li.si", "password": "password", "displayName": "李四", "role": "communityStaff", "scope": communityA])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.object["code"] as? String == "weak_password")
            let badScope = try await app.api(.POST, "/api/v1/accounts", token: token, json: [
                "username": "li.si", "password": staffPassword, "displayName": "李四", "role": "communityStaff", "scope": "440499"])
            #expect(badScope.status == .unprocessableEntity)
            #expect(try await Account.query(on: app.db).filter(\.$username == "li.si").count() == 0)
            let ok = try await app.api(.POST, "/api/v1/accounts", token: token, json: [
                "username": "li.si", "password": staffPassword, "displayName": "李四", "role": "communityStaff", "scope": communityA])
            #expect(ok.status == .created)
            #expect((ok.object["grants"] as? [[String: Any]])?.first?["scope"] as? String == communityA)
            // The administrator chose the password: it opens only the change step (AccountsReviewAdminTests).
            let first = try await app.api(.POST, "/api/v1/auth/token", json: ["username": "li.si", "password": staffPassword])
            #expect(first.object["code"] as? String == "password_change_required")
            let again = try await app.api(.POST, "/api/v1/accounts", token: token, json: [
                "username": "li.si", "password": staffPassword, "displayName": "李四", "role": "communityStaff", "scope": communityA])
            #expect(again.status == .conflict)
        }
    }
}
