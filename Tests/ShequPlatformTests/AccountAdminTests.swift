import Fluent
import Foundation
import ShequKernel
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

/// Administrators manage accounts within their reach, on pages and through the API, every change audited.
@Suite struct AccountAdminTests {
    func audited(_ app: Application, _ action: String, outcome: String = "ok") async throws -> Int {
        try await AuditEntry.query(on: app.db).filter(\.$action == action).filter(\.$outcome == outcome).count()
    }

    func id(_ app: Application, _ username: String) async throws -> UUID {
        try #require(try await Account.query(on: app.db).filter(\.$username == username).first()?.requireID())
    }

    @Test func aStreetAdministratorFindsOnlyTheStreetsAccountsAndIsRefusedOthersAudited() async throws {
        try await withShequ { app in
            try await makeAccount(app, "street.admin", .cityAdministrator, streetA)
            try await makeAccount(app, "clerk.a", .communityStaff, communityA)
            try await makeAccount(app, "clerk.b", .communityStaff, communityB)
            let city = try await app.token("admin", adminPassword)
            let street = try await app.token("street.admin")

            let all = try await app.api(.GET, "/api/v1/accounts", token: city)
            #expect(Set(all.items.compactMap { $0["username"] as? String }) == ["admin", "street.admin", "clerk.a", "clerk.b"])
            let mine = try await app.api(.GET, "/api/v1/accounts", token: street)
            #expect(Set(mine.items.compactMap { $0["username"] as? String }) == ["street.admin", "clerk.a"])
            #expect(mine.object["total"] as? Int == 2)

            // Search by part of a name, by role, by status.
            let found = try await app.api(.GET, "/api/v1/accounts?q=CLERK&role=communityStaff", token: city)
            #expect(found.items.compactMap { $0["username"] as? String } == ["clerk.a", "clerk.b"])
            #expect(try await app.api(.GET, "/api/v1/accounts?status=disabled", token: city).object["total"] as? Int == 0)
            #expect(try await app.api(.GET, "/api/v1/accounts?q=%25", token: city).object["total"] as? Int == 0)
            #expect(try await app.api(.GET, "/api/v1/accounts?role=mayor", token: city).status.code / 100 == 4)

            let other = try await id(app, "clerk.b")
            let denied = try await audited(app, "account.disable", outcome: "denied")
            for (method, path) in [(HTTPMethod.GET, ""), (.POST, "/disable"), (.POST, "/password-reset")] {
                let res = try await app.api(method, "/api/v1/accounts/\(other)\(path)", token: street)
                #expect(res.status == .notFound, "\(path)")
            }
            #expect(try await audited(app, "account.disable", outcome: "denied") == denied + 1)
            #expect(try await audited(app, "account.resetPassword", outcome: "denied") == 1)
            #expect(try await Account.find(other, on: app.db)?.disabled == false)

            // A grant outside the reach is refused and logged; so is an account at a scope outside it.
            let own = try await id(app, "clerk.a")
            let outside = try await app.api(.POST, "/api/v1/accounts/\(own)/grants", token: street,
                                             json: ["role": "communityStaff", "scope": communityB])
            #expect(outside.status == .forbidden)
            let created = try await app.api(.POST, "/api/v1/accounts", token: street, json: [
                "username": "x.b", "password": staffPassword, "displayName": "X", "role": "communityStaff", "scope": communityB])
            #expect(created.status == .forbidden)
            #expect(try await Grant.query(on: app.db).filter(\.$scope == communityB).count() == 1)
            #expect(try await audited(app, "account.manage", outcome: "denied") >= 2)

            // Others are refused outright, and the refusal is logged.
            let clerk = try await app.token("clerk.a")
            let before = try await audited(app, "account.manage", outcome: "denied")
            #expect(try await app.api(.GET, "/api/v1/accounts", token: clerk).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/accounts/\(other)/disable", token: clerk).status == .forbidden)
            #expect(try await audited(app, "account.manage", outcome: "denied") == before + 2)
        }
    }

    @Test func aDisabledAccountLosesItsTokenSessionAndSignInUntilEnabled() async throws {
        try await withShequ { app in
            try await makeAccount(app, "clerk", .communityStaff, communityA)
            let admin = try await app.token("admin", adminPassword)
            let token = try await app.token("clerk")
            let browser = Browser(app)
            try await browser.signIn("clerk")
            #expect(try await browser.get("/account").status == .ok)
            let clerk = try await id(app, "clerk")

            let off = try await app.api(.POST, "/api/v1/accounts/\(clerk)/disable", token: admin)
            #expect(off.status == .ok)
            #expect(off.object["disabled"] as? Bool == true)
            #expect(try await app.api(.GET, "/api/v1/me", token: token).status == .unauthorized)
            #expect(try await browser.get("/account").status == .unauthorized)
            #expect(try await app.api(.POST, "/api/v1/auth/token", json: ["username": "clerk", "password": staffPassword]).status == .unauthorized)
            #expect(try await audited(app, "account.disable") == 1)

            #expect(try await app.api(.POST, "/api/v1/accounts/\(clerk)/enable", token: admin).status == .ok)
            #expect(try await audited(app, "account.enable") == 1)
            // The old token and session stay dead: whoever held them must sign in again.
            #expect(try await app.api(.GET, "/api/v1/me", token: token).status == .unauthorized)
            #expect(try await browser.get("/account").status == .unauthorized)
            let again = try await app.token("clerk")
            #expect(try await app.api(.GET, "/api/v1/me", token: again).status == .ok)

            // No administrator disables themselves by a slip.
            let me = try await id(app, "admin")
            let selfOff = try await app.api(.POST, "/api/v1/accounts/\(me)/disable", token: admin)
            #expect(selfOff.status == .conflict)
            #expect(selfOff.object["code"] as? String == "own_account")
            #expect(try await audited(app, "account.disable", outcome: "denied") == 1)
        }
    }

    @Test func grantsAreAddedAndRemovedWithinReachAndBadOnesChangeNothing() async throws {
        try await withShequ { app in
            try await makeAccount(app, "clerk", .communityStaff, communityA)
            let admin = try await app.token("admin", adminPassword)
            let clerk = try await id(app, "clerk")
            let department = Department(name: "民政局", divisionCode: "4404")
            try await department.create(on: app.db)

            for (json, code) in [
                (["role": "mayor", "scope": communityA], nil as String?),
                (["role": "communityStaff", "scope": "440499"], "unknown_division"),
                (["role": "communityStaff", "scope": communityA, "departmentID": department.id!.uuidString], "department_not_for_role"),
                (["role": "departmentStaff", "scope": "4404", "departmentID": UUID().uuidString], "unknown_department"),
                (["role": "communityStaff", "scope": String(repeating: "4", count: 13)], nil),
            ] {
                let res = try await app.api(.POST, "/api/v1/accounts/\(clerk)/grants", token: admin, json: json)
                #expect(res.status.code / 100 == 4 && res.status != .forbidden, "\(json): \(res.status)")
                if let code { #expect(res.object["code"] as? String == code) }
            }
            #expect(try await Grant.query(on: app.db).filter(\.$account.$id == clerk).count() == 1)

            let added = try await app.api(.POST, "/api/v1/accounts/\(clerk)/grants", token: admin,
                                          json: ["role": "departmentStaff", "scope": "4404", "departmentID": department.id!.uuidString])
            #expect(added.status == .created)
            let grants = added.object["grants"] as? [[String: Any]] ?? []
            #expect(grants.count == 2)
            #expect(grants.contains { $0["departmentID"] as? String == department.id!.uuidString })
            let twice = try await app.api(.POST, "/api/v1/accounts/\(clerk)/grants", token: admin,
                                          json: ["role": "departmentStaff", "scope": "4404"])
            #expect(twice.status == .conflict)
            #expect(try await audited(app, "account.addGrant") == 1)

            let first = try #require(grants.first { $0["role"] as? String == "communityStaff" }?["id"] as? String)
            let removed = try await app.api(.DELETE, "/api/v1/accounts/\(clerk)/grants/\(first)", token: admin)
            #expect(removed.status == .ok)
            let me = try await app.api(.GET, "/api/v1/me", token: try await app.token("clerk"))
            #expect((me.object["grants"] as? [[String: Any]])?.map { $0["role"] as? String } == ["departmentStaff"])
            // The last grant places the account: it is not removed, the account is disabled instead.
            let last = try #require((removed.object["grants"] as? [[String: Any]])?.first?["id"] as? String)
            let refused = try await app.api(.DELETE, "/api/v1/accounts/\(clerk)/grants/\(last)", token: admin)
            #expect(refused.status == .conflict)
            #expect(refused.object["code"] as? String == "last_grant")
            #expect(try await audited(app, "account.removeGrant") == 1)
        }
    }

    @Test func aResetGivesATemporaryPasswordThatOnlyOpensTheChangeStep() async throws {
        try await withShequ { app in
            try await makeAccount(app, "clerk", .communityStaff, communityA)
            let admin = try await app.token("admin", adminPassword)
            let old = try await app.token("clerk")
            let clerk = try await id(app, "clerk")
            // Locked by wrong guesses: the reset is how the help desk lets them in again.
            for _ in 1...5 { _ = try await app.api(.POST, "/api/v1/auth/token", json: ["username": "clerk", "password": "wrong"]) }

            let reset = try await app.api(.POST, "/api/v1/accounts/\(clerk)/password-reset", token: admin)
            #expect(reset.status == .ok)
            let temporary = try #require(reset.object["temporaryPassword"] as? String)
            #expect(PasswordRuleCheck.ok(temporary))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "account.resetPassword").all()
                .allSatisfy { !$0.detail.contains(temporary) })
            #expect(try await app.api(.GET, "/api/v1/me", token: old).status == .unauthorized)
            #expect(try await app.api(.POST, "/api/v1/auth/token", json: ["username": "clerk", "password": staffPassword]).status == .unauthorized)
            let api = try await app.api(.POST, "/api/v1/auth/token", json: ["username": "clerk", "password": temporary])
            #expect(api.status == .forbidden)
            #expect(api.object["code"] as? String == "password_change_required")

            let browser = Browser(app)
            try await browser.get("/sign-in")
            let signIn = try await browser.post("/sign-in", form: ["username": "clerk", "password": temporary])
            #expect(signIn.headers.first(name: .location) == "/sign-in/password")
            // Nothing else until the password is changed.
            #expect(try await browser.get("/account").status == .unauthorized)
            #expect(try await browser.get("/sign-in/enrol").status == .unauthorized)
            let page = try await browser.get("/sign-in/password")
            #expect(page.status == .ok)
            let weak = try await browser.post("/sign-in/password", form: ["newPassword": "password", "confirmPassword": "password"])
            #expect(weak.status == .unprocessableEntity)
            let same = try await browser.post("/sign-in/password", form: ["newPassword": temporary, "confirmPassword": temporary])
            #expect(same.status == .unprocessableEntity)
            let differ = try await browser.post("/sign-in/password", form: ["newPassword": "Chosen-pass-2", "confirmPassword": "Chosen-pass-3"])
            #expect(differ.status == .unprocessableEntity)
            let done = try await browser.post("/sign-in/password", form: ["newPassword": "Chosen-pass-2", "confirmPassword": "Chosen-pass-2"])
            #expect(done.status == .seeOther)
            #expect(try await browser.get("/account").status == .ok)
            #expect(try await app.token("clerk", "Chosen-pass-2").isEmpty == false)
            #expect(try await audited(app, "account.changePassword") == 1)
        }
    }

    @Test func anExpiredPasswordSendsItsOwnerToTheChangeStep() async throws {
        try await withShequ { app in
            app.accountSecurity.passwordMaxAge = 90 * 86400
            let clerk = try await makeAccount(app, "clerk", .communityStaff, communityA)
            try await makeAccount(app, "fresh", .communityStaff, communityA)
            clerk.passwordChangedAt = Date().addingTimeInterval(-91 * 86400)
            try await clerk.save(on: app.db)
            let api = try await app.api(.POST, "/api/v1/auth/token", json: ["username": "clerk", "password": staffPassword])
            #expect(api.object["code"] as? String == "password_change_required")
            _ = try await app.token("fresh")

            let browser = Browser(app)
            try await browser.get("/sign-in")
            let signIn = try await browser.post("/sign-in", form: ["username": "clerk", "password": staffPassword])
            #expect(signIn.headers.first(name: .location) == "/sign-in/password")
            let page = try await browser.get("/sign-in/password")
            #expect(page.body.contains("使用期限") || page.body.contains("maximum age"))
            #expect(try await browser.post("/sign-in/password", form: ["newPassword": "Chosen-pass-2", "confirmPassword": "Chosen-pass-2"]).status == .seeOther)
            _ = try await app.token("clerk", "Chosen-pass-2")
        }
    }

    @Test func everyoneChangesTheirOwnPasswordOnThePageOrThroughTheAPI() async throws {
        try await withShequ { app in
            try await makeAccount(app, "clerk", .communityStaff, communityA)
            let token = try await app.token("clerk")
            let other = try await app.token("clerk")
            let wrong = try await app.api(.POST, "/api/v1/me/password", token: token,
                                          json: ["currentPassword": "nope", "newPassword": "Chosen-pass-2"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.object["code"] as? String == "wrong_current_password")
            let weak = try await app.api(.POST, "/api/v1/me/password", token: token,
                                         json: ["currentPassword": staffPassword, "newPassword": "short"])
            #expect(weak.object["code"] as? String == "weak_password")
            #expect(try await app.api(.POST, "/api/v1/me/password", token: token,
                                      json: ["currentPassword": staffPassword, "newPassword": "Chosen-pass-2"]).status == .noContent)
            #expect(try await app.api(.GET, "/api/v1/me", token: token).status == .ok)
            #expect(try await app.api(.GET, "/api/v1/me", token: other).status == .unauthorized)
            #expect(try await app.api(.POST, "/api/v1/auth/token", json: ["username": "clerk", "password": staffPassword]).status == .unauthorized)

            let browser = Browser(app)
            try await browser.signIn("clerk", "Chosen-pass-2")
            let home = try await browser.get("/")
            #expect(home.body.contains("href=\"/account\""))
            #expect(try await browser.get("/account").body.contains("href=\"/account/password\""))
            try await browser.get("/account/password")
            let bad = try await browser.post("/account/password", form: ["currentPassword": "nope", "newPassword": "Chosen-pass-3", "confirmPassword": "Chosen-pass-3"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("当前密码不正确"))
            let ok = try await browser.post("/account/password", form: ["currentPassword": "Chosen-pass-2", "newPassword": "Chosen-pass-3", "confirmPassword": "Chosen-pass-3"])
            #expect(ok.headers.first(name: .location) == "/account?changed=1")
            _ = try await app.token("clerk", "Chosen-pass-3")
            #expect(try await audited(app, "account.changePassword") == 2)
            #expect(try await audited(app, "account.changePassword", outcome: "failed") == 2)
        }
    }

    @Test func thePagesRunTheSameCommandsFromTheListToTheAccount() async throws {
        try await withShequ { app in
            try await makeAccount(app, "clerk", .communityStaff, communityA)
            let clerk = try await id(app, "clerk")
            let browser = Browser(app)
            try await browser.signIn("admin", adminPassword)
            let list = try await browser.get("/accounts?q=cle")
            #expect(list.body.contains("href=\"/accounts/\(clerk.uuidString)\""))
            #expect(!list.body.contains(">admin<"))

            try await browser.get("/accounts")
            let created = try await browser.post("/accounts", form: [
                "username": "new.clerk", "password": staffPassword, "displayName": "新", "role": "stationStaff", "scope": communityA, "departmentID": ""])
            let location = try #require(created.headers.first(name: .location))
            #expect(location.hasPrefix("/accounts/") && location.hasSuffix("?created=1"))

            let detail = try await browser.get("/accounts/\(clerk.uuidString)")
            #expect(detail.status == .ok)
            for action in ["disable", "password-reset", "grants"] { #expect(detail.body.contains("/accounts/\(clerk.uuidString)/\(action)")) }
            let off = try await browser.post("/accounts/\(clerk.uuidString)/disable", form: [:])
            #expect(off.headers.first(name: .location) == "/accounts/\(clerk.uuidString)")
            #expect(try await Account.find(clerk, on: app.db)?.disabled == true)
            try await browser.get("/accounts/\(clerk.uuidString)")
            #expect(browser.lastBody.contains("/accounts/\(clerk.uuidString)/enable"))
            try await browser.post("/accounts/\(clerk.uuidString)/enable", form: [:])
            #expect(try await Account.find(clerk, on: app.db)?.disabled == false)

            try await browser.get("/accounts/\(clerk.uuidString)")
            let grant = try await browser.post("/accounts/\(clerk.uuidString)/grants", form: ["role": "stationStaff", "scope": communityA, "departmentID": ""])
            #expect(grant.status == .seeOther)
            #expect(try await Grant.query(on: app.db).filter(\.$account.$id == clerk).count() == 2)
            try await browser.get("/accounts/\(clerk.uuidString)")
            let badGrant = try await browser.post("/accounts/\(clerk.uuidString)/grants", form: ["role": "stationStaff", "scope": "440499", "departmentID": ""])
            #expect(badGrant.status == .unprocessableEntity)

            try await browser.get("/accounts/\(clerk.uuidString)")
            let reset = try await browser.post("/accounts/\(clerk.uuidString)/password-reset", form: [:])
            #expect(reset.status == .ok)
            let shown = try #require(reset.body.range(of: "<code>").map { String(reset.body[$0.upperBound...].prefix { $0 != "<" }) })
            #expect(PasswordRuleCheck.ok(shown))
            #expect(try await Account.find(clerk, on: app.db)?.mustChangePassword == true)
            #expect(try await app.api(.POST, "/api/v1/auth/token", json: ["username": "clerk", "password": shown]).object["code"] as? String
                    == "password_change_required")

            // One's own account offers no self-disabling form.
            let me = try await id(app, "admin")
            let own = try await browser.get("/accounts/\(me.uuidString)")
            #expect(!own.body.contains("/disable\""))
            #expect(try await browser.post("/accounts/\(me.uuidString)/disable", form: [:]).status == .conflict)
        }
    }
}

enum PasswordRuleCheck {
    static func ok(_ password: String) -> Bool { PasswordRule.check(password) == nil }
}
