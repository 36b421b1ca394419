import Fluent
import Foundation
import ShequKernel
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

/// Review of issue 11: an account linked to a resident reads that person's applications and notices, so an
/// administrator links only residents within its reach, and a resident never gets a second account.
@Suite struct OneAccountPerResidentTests {
    @Test func anAdministratorLinksOnlyResidentsInItsReachAndOnlyOnce() async throws {
        try await withShequ { app in
            let city = try await app.token("admin", adminPassword)
            let far = try await app.api(.POST, "/api/v1/residents", token: city, json: residentJSON(communityB, "远方", "44040219800101123"))
            let near = try await app.api(.POST, "/api/v1/residents", token: city, json: residentJSON(communityA, "近邻", "44040219810101123"))
            let farID = try #require(far.object["id"] as? String), nearID = try #require(near.object["id"] as? String)
            try await makeAccount(app, "street.admin", .cityAdministrator, streetA)
            let street = try await app.token("street.admin")
            func account(_ username: String, _ resident: String) -> [String: Any] {
                ["username": username, "password": staffPassword, "displayName": username, "role": "resident", "scope": communityA, "residentID": resident]
            }
            // A resident of another street: refused as if not there, and logged.
            let outside = try await app.api(.POST, "/api/v1/accounts", token: street, json: account("far.one", farID))
            #expect(outside.status == .notFound)
            #expect(try await Account.query(on: app.db).filter(\.$username == "far.one").count() == 0)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$actor == "street.admin").filter(\.$outcome == "denied").count() >= 1)
            // A resident of its street: linked once; a second account for the same person is refused.
            #expect(try await app.api(.POST, "/api/v1/accounts", token: street, json: account("near.one", nearID)).status == .created)
            let second = try await app.api(.POST, "/api/v1/accounts", token: city, json: account("near.two", nearID))
            #expect(second.status == .conflict)
            #expect(second.object["code"] as? String == "resident_has_account")
            #expect(try await Account.query(on: app.db).filter(\.$residentID == UUID(uuidString: nearID)).count() == 1)
        }
    }

    @Test func aPromotedAccountLosesItsSessionsAndTokensUntilItEnrolsASecondFactor() async throws {
        try await withShequ { app in
            try await makeAccount(app, "clerk.a", .communityStaff, communityA)
            let clerk = try await app.token("clerk.a")
            let city = try await app.token("admin", adminPassword)
            app.accountSecurity.adminSecondFactor = .required
            #expect(try await app.api(.GET, "/api/v1/me", token: clerk).status == .ok)
            let id = try #require(try await Account.query(on: app.db).filter(\.$username == "clerk.a").first()?.requireID())
            let grant = try await app.api(.POST, "/api/v1/accounts/\(id)/grants", token: city, json: ["role": "cityAdministrator", "scope": streetA])
            #expect(grant.status == .created)
            #expect(try await app.api(.GET, "/api/v1/accounts", token: clerk).status == .unauthorized)
        }
    }
}
