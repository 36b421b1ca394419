import Fluent
import Foundation
import SQLKit
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

/// Review of issue 11: the audit log is read only within the reader's grants.
@Suite struct AccountsReviewAuditTests {
    @Test func aStreetReaderSeesItsStreetsEntriesOnlyAndCityWideOnesStayWithTheCity() async throws {
        try await withShequ { app in
            let admin = try await app.token("admin", adminPassword)
            let inA = try #require(try await app.api(.POST, "/api/v1/residents", token: admin,
                                                     json: residentJSON(communityA, "甲", "44040219800101123")).object["id"] as? String)
            let inB = try #require(try await app.api(.POST, "/api/v1/residents", token: admin,
                                                     json: residentJSON(communityB, "乙", "44040219810101123")).object["id"] as? String)
            let adminID = try #require(try await Account.query(on: app.db).filter(\.$username == "admin").first()?.id?.uuidString)
            // A street's administrator holds the audit-read permission at its street; the district's leading-group office at the district.
            try await makeAccount(app, "street.reader", .cityAdministrator, streetA)
            try await makeAccount(app, "district.reader", .leadingGroupOffice, "440402")

            func page(_ username: String, _ password: String = staffPassword) async throws -> String {
                let browser = Browser(app)
                try await browser.signIn(username, password)
                let res = try await browser.get("/audit?per=100")
                #expect(res.status == .ok, "\(username)")
                return res.body
            }
            let street = try await page("street.reader")
            #expect(street.contains(inA))
            #expect(!street.contains(inB))
            // The platform's own entries (sign-ins, tokens, accounts) carry no street: the city's only.
            #expect(!street.contains(adminID))
            let district = try await page("district.reader")
            #expect(district.contains(inA) && district.contains(inB))
            #expect(!district.contains(adminID))
            let city = try await page("admin", adminPassword)
            #expect(city.contains(inA) && city.contains(inB) && city.contains(adminID))

            // The chains' verdict names a broken chain only to those who may read it.
            let target = try #require(try await AuditEntry.query(on: app.db).filter(\.$chain == streetB).sort(\.$sequence).first())
            try await (app.db as! any SQLDatabase).raw("UPDATE audit_entries SET actor = 'someone-else' WHERE id = \(bind: target.id!)").run()
            let streetVerdict = try await app.api(.GET, "/api/v1/audit/verify", token: try await app.token("street.reader"))
            #expect(streetVerdict.object["holds"] as? Bool == false)
            #expect(streetVerdict.object["chain"] == nil && streetVerdict.object["entryID"] == nil)
            let districtVerdict = try await app.api(.GET, "/api/v1/audit/verify", token: try await app.token("district.reader"))
            #expect(districtVerdict.object["chain"] as? String == streetB)
            let cityVerdict = try await app.api(.GET, "/api/v1/audit/verify", token: admin)
            #expect(cityVerdict.object["chain"] as? String == streetB)
            #expect(!(try await page("street.reader")).contains(streetB))

            // Others are refused, and the refusal is logged.
            try await makeAccount(app, "clerk", .communityStaff, communityA)
            let clerk = Browser(app)
            try await clerk.signIn("clerk")
            #expect(try await clerk.get("/audit").status == .forbidden)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$actor == "clerk").filter(\.$action == "audit.read")
                .filter(\.$outcome == "denied").count() == 1)
        }
    }
}
