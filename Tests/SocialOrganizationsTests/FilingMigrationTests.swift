import Fluent
import Foundation
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import SocialOrganizations

@Suite struct FilingMigrationTests {
    /// The revert drops the module's own tables (with filings in them) and leaves the directory's organisations,
    /// which approvals made and the directory owns; prepared again, the tables take filings as before.
    @Test func theMigrationRevertsAndPreparesAgainWithTheDirectoryKept() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            #expect(try await f.decide(app, try await f.file(app, "迁移测试服务队"), "approve").status == .ok)
            try await CreateFilings().revert(on: app.db)
            #expect(try await Organization.query(on: app.db).filter(\.$kind == .socialOrganization).count() == 1)
            try await CreateFilings().prepare(on: app.db)
            #expect(try await app.count(Filing.self) == 0)
            #expect(try await app.api(.GET, "/api/v1/social-organizations").object["total"] as? Int == 0)
            #expect(try await app.api(.POST, "/api/v1/organization-filings", token: f.resident, json: FilingFixture.json("迁移后服务队")).status == .created)
        }
    }
}
