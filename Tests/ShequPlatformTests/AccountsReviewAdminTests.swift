import Fluent
import Foundation
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

/// Review of issue 11's accounts: one's own password change, accounts made by administrators,
/// administrators of administrators, and who is offered account management.
@Suite struct AccountsReviewAdminTests {
    func id(_ app: Application, _ username: String) async throws -> UUID {
        try #require(try await Account.query(on: app.db).filter(\.$username == username).first()?.requireID())
    }

    func audited(_ app: Application, _ action: String, outcome: String) async throws -> [AuditEntry] {
        try await AuditEntry.query(on: app.db).filter(\.$action == action).filter(\.$outcome == outcome).all()
    }

    // MARK: 2. A password change ends the account's other sessions and tokens

    @Test func changingOnesPasswordOnThePageEndsEveryOtherSessionAndToken() async throws {
        try await withShequ { app in
            try await makeAccount(app, "clerk", .communityStaff, communityA)
            let here = Browser(app)
            try await here.signIn("clerk")
            let elsewhere = Browser(app)
            try await elsewhere.signIn("clerk")
            let token = try await app.token("clerk")
            #expect(try await elsewhere.get("/account").status == .ok)

            try await here.get("/account/password")
            let changed = try await here.post("/account/password", form: [
                "currentPassword": staffPassword, "newPassword": "Chosen-pass-2", "confirmPassword": "Chosen-pass-2"])
            #expect(changed.headers.first(name: .location) == "/account?changed=1")
            #expect(try await here.get("/account").status == .ok)
            #expect(try await elsewhere.get("/account").status == .unauthorized)
            #expect(try await app.api(.GET, "/api/v1/me", token: token).status == .unauthorized)
            let entry = try #require(try await audited(app, "account.changePassword", outcome: "ok").first)
            #expect(entry.detail.contains("other sessions ended: 1") && entry.detail.contains("other API tokens revoked: 1"))
        }
    }

    @Test func changingOnesPasswordThroughTheAPIKeepsOnlyTheTokenInUse() async throws {
        try await withShequ { app in
            try await makeAccount(app, "clerk", .communityStaff, communityA)
            let browser = Browser(app)
            try await browser.signIn("clerk")
            let inUse = try await app.token("clerk")
            let other = try await app.token("clerk")
            let res = try await app.api(.POST, "/api/v1/me/password", token: inUse,
                                        json: ["currentPassword": staffPassword, "newPassword": "Chosen-pass-2"])
            #expect(res.status == .noContent)
            #expect(try await app.api(.GET, "/api/v1/me", token: inUse).status == .ok)
            #expect(try await app.api(.GET, "/api/v1/me", token: other).status == .unauthorized)
            #expect(try await browser.get("/account").status == .unauthorized)
            #expect(try await audited(app, "account.changePassword", outcome: "ok").count == 1)
        }
    }

    // MARK: 5. An account an administrator made starts with a password change

    @Test func anAccountAnAdministratorCreatedChangesItsPasswordAtFirstSignIn() async throws {
        try await withShequ { app in
            let admin = Browser(app)
            try await admin.signIn("admin", adminPassword)
            try await admin.get("/accounts")
            let created = try await admin.post("/accounts", form: [
                "username": "new.clerk", "password": staffPassword, "displayName": "新", "role": "communityStaff", "scope": communityA, "departmentID": ""])
            #expect(created.status == .seeOther)
            #expect(try await Account.query(on: app.db).filter(\.$username == "new.clerk").first()?.mustChangePassword == true)

            let api = try await app.api(.POST, "/api/v1/auth/token", json: ["username": "new.clerk", "password": staffPassword])
            #expect(api.status == .forbidden)
            #expect(api.object["code"] as? String == "password_change_required")
            let browser = Browser(app)
            try await browser.get("/sign-in")
            let signIn = try await browser.post("/sign-in", form: ["username": "new.clerk", "password": staffPassword])
            #expect(signIn.headers.first(name: .location) == "/sign-in/password")
            #expect(try await browser.get("/account").status == .unauthorized)
            try await browser.get("/sign-in/password")
            #expect(try await browser.post("/sign-in/password", form: ["newPassword": "Chosen-pass-2", "confirmPassword": "Chosen-pass-2"]).status == .seeOther)
            #expect(try await browser.get("/account").status == .ok)

            // The API door makes the same kind of account.
            let token = try await app.token("admin", adminPassword)
            #expect(try await app.api(.POST, "/api/v1/accounts", token: token, json: [
                "username": "api.clerk", "password": staffPassword, "displayName": "API", "role": "communityStaff", "scope": communityA]).status == .created)
            #expect(try await app.api(.POST, "/api/v1/auth/token", json: ["username": "api.clerk", "password": staffPassword])
                .object["code"] as? String == "password_change_required")
        }
    }

    // MARK: 6. Administrators of administrators

    @Test func aStreetAdministratorCannotChangeAPeerOrAnyoneAboveAndADistrictOneCan() async throws {
        try await withShequ { app in
            try await makeAccount(app, "street.one", .cityAdministrator, streetA)
            try await makeAccount(app, "street.two", .cityAdministrator, streetA)
            try await makeAccount(app, "district.admin", .cityAdministrator, "440402")
            try await makeAccount(app, "clerk", .communityStaff, communityA)
            let one = try await app.token("street.one")
            let peer = try await id(app, "street.two")
            let city = try await id(app, "admin")

            // A peer at the same street: seen, but not changed; each refusal audited.
            #expect(try await app.api(.GET, "/api/v1/accounts/\(peer)", token: one).status == .ok)
            for (method, path, json) in [(HTTPMethod.POST, "/disable", nil as [String: Any]?), (.POST, "/password-reset", nil),
                                         (.POST, "/second-factor-reset", nil),
                                         (.POST, "/grants", ["role": "communityStaff", "scope": communityA] as [String: Any])] {
                let res = try await app.api(method, "/api/v1/accounts/\(peer)\(path)", token: one, json: json)
                #expect(res.status == .forbidden, "\(path): \(res.status)")
                #expect(res.object["code"] as? String == "peer_administrator", "\(path)")
            }
            #expect(try await audited(app, "account.disable", outcome: "denied").contains { $0.actor == "street.one" && $0.entityID == peer.uuidString })
            #expect(try await audited(app, "account.resetPassword", outcome: "denied").count == 1)
            #expect(try await Account.find(peer, on: app.db)?.disabled == false)
            #expect(try await Grant.query(on: app.db).filter(\.$account.$id == peer).count() == 1)
            // Its page offers no form that would be refused, and says who decides.
            let browser = Browser(app)
            try await browser.signIn("street.one")
            let page = try await browser.get("/accounts/\(peer.uuidString)")
            #expect(page.status == .ok)
            #expect(!page.body.contains("/disable\"") && !page.body.contains("/password-reset\"") && !page.body.contains("/grants\""))
            #expect(page.body.contains(Phrase.errorPeerAdministrator.zh))
            let clerkPage = try await browser.get("/accounts/\(try await id(app, "clerk").uuidString)")
            #expect(clerkPage.body.contains("/disable\"") && clerkPage.body.contains("/password-reset\""))
            // Nor does it make a new peer at its own street; below it, it may.
            let made = try await app.api(.POST, "/api/v1/accounts", token: one, json: [
                "username": "street.three", "password": staffPassword, "displayName": "3", "role": "cityAdministrator", "scope": streetA])
            #expect(made.status == .forbidden)
            #expect(try await Account.query(on: app.db).filter(\.$username == "street.three").count() == 0)
            #expect(try await app.api(.POST, "/api/v1/accounts", token: one, json: [
                "username": "community.admin", "password": staffPassword, "displayName": "c", "role": "cityAdministrator", "scope": communityA]).status == .created)
            // An account above the street (the city's administrator) is out of reach altogether.
            #expect(try await app.api(.POST, "/api/v1/accounts/\(city)/disable", token: one).status == .notFound)
            #expect(try await app.api(.POST, "/api/v1/accounts/\(city)/password-reset", token: one).status == .notFound)
            // Ordinary staff of the street are its administrators' to change.
            #expect(try await app.api(.POST, "/api/v1/accounts/\(try await id(app, "clerk"))/password-reset", token: one).status == .ok)

            // The district's administrator is above the street's: it settles between them.
            let district = try await app.token("district.admin")
            #expect(try await app.api(.POST, "/api/v1/accounts/\(peer)/password-reset", token: district).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/accounts/\(peer)/disable", token: district).status == .ok)
        }
    }

    @Test func cityWideAdministratorsChangeEachOtherButTheLastEnabledOneStays() async throws {
        try await withShequ { app in
            try await makeAccount(app, "city.two", .cityAdministrator, "4404")
            let admin = try await app.token("admin", adminPassword)
            let two = try await id(app, "city.two")
            let adminID = try await id(app, "admin")
            // Nobody is above the city: its administrators are peers who change each other.
            #expect(try await app.api(.POST, "/api/v1/accounts/\(two)/disable", token: admin).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/accounts/\(two)/enable", token: admin).status == .ok)
            let extra = try await app.api(.POST, "/api/v1/accounts/\(two)/grants", token: admin, json: ["role": "communityStaff", "scope": communityA])
            #expect(extra.status == .created)

            // city.two's request has passed every check when admin's own disabling (another instance) commits:
            // the change is decided inside its write, so it cannot leave the city without an administrator.
            try await Account.query(on: app.db).filter(\.$id == adminID).set(\.$disabled, to: true).update()
            let req = Request(application: app, on: app.eventLoopGroup.next())
            req.storage[ActorMiddleware.ActorKey.self] = Actor(accountID: adminID, username: "admin", residentID: nil,
                                                               grants: [GrantValue(role: .cityAdministrator, scope: "4404", departmentID: nil)])
            let disabling = await #expect(throws: ShequError.self) { try await AccountAdmin.setDisabled(two, true, on: req) }
            #expect(disabling?.code == "last_city_administrator")
            #expect(disabling?.status == .conflict)
            let cityGrant = try #require(try await Grant.query(on: app.db).filter(\.$account.$id == two).filter(\.$scope == "4404").first())
            let removing = await #expect(throws: ShequError.self) {
                try await AccountAdmin.removeGrant(two, grantID: try cityGrant.requireID(), on: req)
            }
            #expect(removing?.code == "last_city_administrator")
            #expect(try await Account.find(two, on: app.db)?.disabled == false)
            #expect(try await Grant.query(on: app.db).filter(\.$account.$id == two).count() == 2)
            #expect(try await audited(app, "account.disable", outcome: "denied").contains { $0.detail == "the last enabled city-wide administrator" })
            #expect(try await audited(app, "account.removeGrant", outcome: "denied").count == 1)
            // A grant that is not the city-wide one still goes.
            let other = try #require(try await Grant.query(on: app.db).filter(\.$account.$id == two).filter(\.$scope == communityA).first())
            _ = try await AccountAdmin.removeGrant(two, grantID: try other.requireID(), on: req)
            // And no one disables themselves, the last or not.
            let own = try await app.api(.POST, "/api/v1/accounts/\(two)/disable", token: try await app.token("city.two"))
            #expect(own.object["code"] as? String == "own_account")
        }
    }

    // MARK: 9. Account management is offered only to those the policy lets manage accounts

    @Test func theAccountsLinkAndFormShowOnlyToThoseWhoMayCreateAccounts() async throws {
        try await withShequ { app in
            for role in Role.allCases {
                let username = "menu.\(role.rawValue)".lowercased()
                try await makeAccount(app, username, role, walkScopes[role]!)
                let browser = Browser(app)
                try await browser.signIn(username)
                let may = role == .cityAdministrator
                let home = try await browser.get("/")
                #expect(home.body.contains("href=\"/accounts\"") == may, "\(role) home")
                let workbench = try await browser.get("/workbench")
                #expect(workbench.body.contains("href=\"/accounts\"") == may, "\(role) workbench")
                let page = try await browser.get("/accounts")
                #expect((page.status == .ok) == may, "\(role) /accounts \(page.status)")
                #expect(page.body.contains("href=\"/accounts/new\"") == may, "\(role) link to the form")
                let form = try await browser.get("/accounts/new")
                #expect((form.status == .ok) == may, "\(role) /accounts/new \(form.status)")
                #expect(form.body.contains("method=\"post\" action=\"/accounts\"") == may, "\(role) form")
            }
        }
    }
}
