import Fluent
import Foundation
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import SocialOrganizations

/// The low threshold is not an open door: one account has a few filings waiting at a time, and one name is filed
/// once even when the same name arrives at the same moment.
@Suite struct FilingAbuseTests {
    @Test func anAccountHasAtMostFiveFilingsWaiting() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            var ids: [String] = []
            for i in 1...FilingInputs.openPerAccount { ids.append(try await f.file(app, "排队测试服务队\(i)")) }
            let sixth = try await app.api(.POST, "/api/v1/organization-filings", token: f.resident, json: FilingFixture.json("排队测试服务队6"))
            #expect(sixth.status == .conflict && sixth.object["code"] as? String == "too_many_open_filings", "\(sixth.status) \(sixth.body)")
            #expect(try await Filing.query(on: app.db).count() == FilingInputs.openPerAccount)
            // Once the street decides one, there is room again.
            #expect(try await f.decide(app, ids[0], "refuse", reason: "重复").status == .ok)
            #expect(try await app.api(.POST, "/api/v1/organization-filings", token: f.resident, json: FilingFixture.json("排队测试服务队6")).status == .created)
        }
    }

    @Test func oneNameFiledAtOnceByManyIsFiledOnce() async throws {
        try await withShequ { app in
            let accounts = (1...6).map { "same.name.\($0)" }
            for username in accounts { try await makeAccount(app, username, .resident, communityA) }
            var tokens: [String] = []
            for username in accounts { tokens.append(try await app.token(username)) }
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for token in tokens {
                    group.addTask {
                        try await app.api(.POST, "/api/v1/organization-filings", token: token, json: FilingFixture.json("同时提交的同名服务队")).status.code
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1, "\(statuses)")
            #expect(statuses.allSatisfy { $0 == 201 || $0 == 409 || $0 == 503 }, "\(statuses)")
            #expect(try await Filing.query(on: app.db).filter(\.$name == "同时提交的同名服务队").count() == 1)
        }
    }

    @Test func namesThatLookAlikeAreOneNameAndTheDirectoryMakesNoSocialOrganisation() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            _ = try await f.file(app, "长者关爱服务中心")
            // A zero-width space, an invisible joiner at the end, a Kangxi radical for 心, a variation selector.
            for name in ["长者\u{200B}关爱服务中心", "长者关爱服务中心\u{2060}", "长者关爱服务中\u{2F3C}", "长者关爱服务中心\u{FE0F}"] {
                let res = try await app.api(.POST, "/api/v1/organization-filings", token: f.resident, json: FilingFixture.json(name))
                #expect(res.status == .conflict && res.object["code"] as? String == "name_taken", "\(name.unicodeScalars.map { String($0.value, radix: 16) }): \(res.status)")
            }
            // A right-to-left override would make a public text read as something else: refused in the text, dropped from a name.
            var json = FilingFixture.json("反转测试服务队")
            json["purpose"] = "助老\u{202E}服务"
            let rlo = try await app.api(.POST, "/api/v1/organization-filings", token: f.resident, json: json)
            #expect(rlo.status == .unprocessableEntity, "\(rlo.body)")
            #expect(try await Filing.query(on: app.db).count() == 1)
            let named = try await app.api(.POST, "/api/v1/organization-filings", token: f.resident, json: FilingFixture.json("服务队\u{202E}反转"))
            #expect(named.status == .created && named.object["name"] as? String == "服务队反转", "\(named.body)")

            // The directory's own form makes units and property managers; a social organisation comes through its filing.
            try await makeAccount(app, "street.dir", .streetOfficial, streetA)
            let made = try await app.api(.POST, "/api/v1/organizations", token: try await app.token("street.dir"), json: [
                "kind": "socialOrganization", "name": "长者关爱服务中心", "category": "养老", "contact": "0756-1234567", "divisionCode": communityA])
            #expect(made.status == .unprocessableEntity && made.object["code"] as? String == "file_through_registry", "\(made.body)")
            #expect(try await Organization.query(on: app.db).filter(\.$kind == .socialOrganization).count() == 0)
        }
    }
}
