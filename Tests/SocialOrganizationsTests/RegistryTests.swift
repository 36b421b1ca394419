import Fluent
import Foundation
import SQLKit
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform
@testable import SocialOrganizations

/// C1, C2: the public registry lists approved organisations only, by category, on pages, API and CSV, never with
/// a contact phone in full; the demo fills it through the same commands.
@Suite struct RegistryTests {
    @Test func theRegistryShowsApprovedOnlyAndNeverAPhoneInFull() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            let approved = try await f.file(app, "名录助老服务社", category: "welfareServices")
            let waiting = try await f.file(app, "待审文体队", category: "cultureSports")
            let refused = try await f.file(app, "被拒公益队", category: "publicWelfare")
            #expect(try await f.decide(app, approved, "approve").status == .ok)
            #expect(try await f.decide(app, refused, "refuse", reason: "不属于社区社会组织").status == .ok)

            let api = try await app.api(.GET, "/api/v1/social-organizations")
            #expect(api.status == .ok && api.object["total"] as? Int == 1 && api.items.first?["name"] as? String == "名录助老服务社")
            #expect(!api.body.contains(FilingFixture.phone) && api.body.contains("139****0999") && !api.body.contains("res.a"))
            let orgID = try #require(api.items.first?["id"] as? String)
            #expect(try await app.api(.GET, "/api/v1/social-organizations/\(orgID)").status == .ok)
            // A filing's own id is no registry entry, and one not approved has none.
            for id in [approved, waiting, refused] { #expect(try await app.api(.GET, "/api/v1/social-organizations/\(id)").status == .notFound) }

            let anonymous = Browser(app)
            let list = try await anonymous.get("/social-organizations")
            #expect(list.status == .ok && list.body.contains("名录助老服务社") && !list.body.contains("待审文体队") && !list.body.contains("被拒公益队"))
            let page = try await anonymous.get("/social-organizations/\(orgID)")
            #expect(page.status == .ok && page.body.contains("139****0999"))
            for body in [list.body, page.body] { #expect(!body.contains(FilingFixture.phone)) }
            #expect(try await anonymous.get("/social-organizations?category=cultureSports").body.contains("名录中还没有组织"))
            #expect(try await anonymous.get("/social-organizations?category=welfareServices").body.contains("名录助老服务社"))
            #expect(try await anonymous.get("/social-organizations?category=nonsense").status == .unprocessableEntity)
            #expect(try await app.api(.GET, "/api/v1/social-organizations?category=cultureSports").object["total"] as? Int == 0)
            // Not signed in, no filing and no queue.
            #expect(try await anonymous.get("/organization-filings/\(waiting)").status == .unauthorized)
            #expect(try await app.api(.GET, "/api/v1/organization-filings/\(waiting)").status == .unauthorized)
            // Stored sealed: the full number is nowhere in the row.
            let row = try #require(try await Filing.find(UUID(uuidString: approved), on: app.db))
            #expect(!row.contactPhoneSealed.contains(FilingFixture.phone) && row.contactPhoneMasked == "139****0999")
            #expect(try PersonalDataVault(secrets: app.secrets).open(row.contactPhoneSealed) == FilingFixture.phone)
        }
    }

    @Test func theRegistryDownloadsAsCSVByCategory() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            for (name, category) in [("甲助老服务社", "welfareServices"), ("乙康复互助会", "healthServices")] {
                #expect(try await f.decide(app, try await f.file(app, name, category: category), "approve").status == .ok)
            }
            let all = try await Browser(app).get("/social-organizations.csv")
            #expect(all.status == .ok && all.headers.contentType?.subType == "csv")
            let lines = all.body.split(separator: "\r\n")
            #expect(lines.count == 3 && lines[0].contains("category_zh") && all.body.contains("卫生服务类") && all.body.contains("福利服务类"))
            #expect(!all.body.contains(FilingFixture.phone) && all.body.contains("139****0999"))
            let health = try await Browser(app).get("/social-organizations.csv?category=healthServices")
            #expect(health.body.split(separator: "\r\n").count == 2 && health.body.contains("乙康复互助会"))
            // The list page links to the CSV of what it shows.
            #expect(try await Browser(app).get("/social-organizations?category=healthServices").body.contains("/social-organizations.csv?category=healthServices"))
        }
    }

    @Test func theDemoFillsEveryCategoryThroughTheCommandsAndLeavesOneForTheStreet() async throws {
        try await withShequ { app in
            _ = try await DemoCommand.fill(app)
            for module in app.shequModules { _ = try await module.demo(app) }
            let registry = try await app.api(.GET, "/api/v1/social-organizations?per=200")
            let categories = Set(registry.items.compactMap { $0["category"] as? String })
            #expect(categories == Set(SocialOrganizationCategory.allCases.map(\.rawValue)))
            // Macao partners: one in 梅华, and the one in 拱北 whose workers and projects the cross-border demo records.
            #expect(registry.items.filter { $0["partner"] as? String == "macao" }.count == 2)
            #expect(try await PartnerWorker.query(on: app.db).count() == 2)
            #expect(try await JointProject.query(on: app.db).count() == 2)
            // Approved through Filings.decide: each has its directory row and its audit entries.
            #expect(try await Filing.query(on: app.db).filter(\.$state == .approved).filter(\.$organizationID == nil).count() == 0)
            #expect(try await audited(app, "socialOrganization.approve") == registry.items.count)

            let street = try await app.token("street.cuixiang", DemoCommand.password)
            let queue = try await app.api(.GET, "/api/v1/organization-filings", token: street)
            #expect(queue.object["total"] as? Int == 1)
            // The street reaches its queue from the workbench (the menu on it) and the filing's forms from there.
            let browser = Browser(app)
            try await browser.signIn("street.cuixiang", DemoCommand.password)
            #expect(try await browser.get("/workbench").body.contains("href=\"/organization-filings\""))
            let id = try #require(queue.items.first?["id"] as? String)
            #expect(try await browser.get("/organization-filings").body.contains("/organization-filings/\(id)"))
            #expect(try await browser.get("/organization-filings/\(id)").body.contains("/organization-filings/\(id)/approve"))
            let resident = Browser(app)
            try await resident.signIn("resident.demo", DemoCommand.password)
            #expect(try await resident.get("/workbench").body.contains("href=\"/organization-filings/new\""))
            #expect(try await resident.get("/organization-filings/mine").body.contains("翠香社区亲子阅读会"))

            // Run again: nothing new.
            let filings = try await app.count(Filing.self), orgs = try await app.count(Organization.self)
            #expect(try await SocialOrganizationsDemo.fill(app) == nil)
            #expect(try await app.count(Filing.self) == filings)
            #expect(try await app.count(Organization.self) == orgs)
        }
    }

    /// Every menu entry opens a page of the module, for those the menu shows it to; English pages too.
    @Test func everyMenuEntryOpensAPageOfTheModuleInBothLanguages() async throws {
        try await withShequ { app in
            let module = try #require(app.shequModules.first { $0.name == "socialOrganizations" })
            let pages = Set(app.routes.all.filter { $0.shequModule == "socialOrganizations" && $0.method == .GET }
                .map { "/" + $0.path.map(\.description).joined(separator: "/") })
            _ = try await FilingFixture.make(app)
            let resident = Browser(app), street = Browser(app)
            try await resident.signIn("res.a")
            try await street.signIn("street.a")
            for entry in module.menu {
                #expect(pages.contains(entry.path), "\(entry.path) is not a page of socialOrganizations")
                let browser = entry.action == nil ? Browser(app) : entry.action == .socialOrganizationFile ? resident : street
                #expect(try await browser.get(entry.path).status == .ok, "\(entry.path)")
            }
            resident.cookies["shequ-lang"] = "en"
            #expect(try await resident.get("/organization-filings/new").body.contains("Public welfare &amp; charity"))
            #expect(try await resident.get("/social-organizations").body.contains("Community social organisations"))
        }
    }
}
