import Foundation
import SQLKit
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

/// Issue 11, "A workbench for every role": each demo role lands on /workbench after signing in,
/// sees its own sections and no other role's, each count equals the total of the list it links
/// to (read through the API as that role), and every link answers that role.
@Suite struct WorkbenchTests {
    /// The sections each demo account (one grant each) must see, and no others.
    static let expected: [String: Set<String>] = [
        // The demo resident filed the demo's organisations, and acts for them since their approval.
        "resident.demo": ["directory-own-record", "serviceHall-resident", "selfGovernance-resident", "socialOrganizations-filer", "socialOrganizations-staff", "procurement-organization"],
        // A resident's account not tied to a resident record: it files and acts for its organisation.
        "lin.orgstaff": ["socialOrganizations-filer", "socialOrganizations-staff", "procurement-organization"],
        "community.cuixiang": ["directory-area", "serviceHall-window", "selfGovernance-committee", "taskAccess-committee", "registration",
                               "communityPolicing-committee", "committeeOffice-committee", "workforce-own"],
        "station.cuixiang": ["directory-area", "serviceHall-window", "workforce-own"],
        "center.cuixiang": ["directory-area", "serviceHall-window", "workforce-own"],
        "center.meihua": ["directory-area", "serviceHall-window", "workforce-own"],
        "street.cuixiang": ["directory-area", "serviceHall-area", "serviceHall-setup", "selfGovernance-area", "taskAccess-area", "socialOrganizations-review", "procurement-buyer",
                            "committeeOffice-oversight", "partyBuilding-coverage", "workforce-officials"],
        "street.meihua": ["directory-area", "serviceHall-area", "serviceHall-setup", "selfGovernance-area", "taskAccess-area", "socialOrganizations-review", "procurement-buyer", "procurement-panel",
                          "committeeOffice-oversight", "partyBuilding-coverage", "workforce-officials"],
        "district.xiangzhou": ["directory-area", "serviceHall-area", "serviceHall-setup", "selfGovernance-area", "taskAccess-area", "directory-delegated-powers", "socialOrganizations-review", "procurement-buyer", "procurement-panel",
                               "communityPolicing-officers", "partyBuilding-coverage", "workforce-officials"],
        "city.admin": ["directory-area", "serviceHall-area", "serviceHall-setup", "taskAccess-area", "platform-administration",
                       "communityPolicing-officers", "partyBuilding-coverage", "workforce-officials"],
        // The civil-affairs bureau sits on the demo's purchase panels.
        "department.civil": ["serviceHall-transferred", "taskAccess-department", "funds-department", "procurement-panel"],
        "department.health": ["serviceHall-transferred", "taskAccess-department", "funds-department"],
        "leading.office": ["taskAccess-office", "funds-office", "platform-administration", "directory-delegated-powers", "partyBuilding-coverage"],
        "leading.xiangzhou": ["taskAccess-office", "funds-office", "platform-administration", "directory-delegated-powers", "partyBuilding-coverage"],
        "deliberation.demo": ["selfGovernance-deliberation"],
        "supervision.demo": ["selfGovernance-supervision"],
        // The party demo makes this resident secretary of 紫荆社区党委, a member, and chair of its residents' committee.
        "party.zijing": ["directory-own-record", "serviceHall-resident", "selfGovernance-resident", "socialOrganizations-filer", "partyBuilding-officer", "partyBuilding-member", "workforce-own"],
        "police.zijing": ["communityPolicing-officer"],
    ]

    struct Item { let href: String?; let count: Int?; let overdue: Bool }

    /// Sections by key, with their items, read from the page as a browser would.
    static func sections(_ html: String) -> [String: [Item]] {
        var out: [String: [Item]] = [:]
        let parts = html.components(separatedBy: "<section id=\"").dropFirst()
        for part in parts {
            let key = String(part.prefix { $0 != "\"" })
            let body = part.components(separatedBy: "</section>")[0]
            out[key] = body.components(separatedBy: "<li").dropFirst().map { li in
                let text = li.components(separatedBy: "</li>")[0]
                var href: String? = nil
                if let r = text.range(of: "href=\"") {
                    href = String(text[r.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
                }
                var count: Int? = nil
                if let r = text.range(of: "<strong class=\"count\">") { count = Int(text[r.upperBound...].prefix { $0.isNumber }) }
                return Item(href: href, count: count, overdue: text.hasPrefix(" class=\"overdue\""))
            }
        }
        return out
    }

    /// Lists whose whole total an item counts; the others (a community's matters at one step, its
    /// unanswered messages, today's queue) count a part of the page they open.
    static func countsWholeList(_ href: String) -> Bool {
        let path = href.split(separator: "?")[0]
        if href.contains("#") { return false }
        if path.hasPrefix("/communities/") { return path.hasSuffix("/messages/overdue") }
        return ["/applications", "/residents", "/households", "/organizations", "/task-access/plans", "/task-access/agreements",
                "/task-access/shortfalls", "/ratings", "/appointments", "/funds"].contains(String(path))
    }

    /// What the same list answers through the API for the same account.
    static func apiTotal(_ app: Application, _ href: String, token: String) async throws -> Int? {
        // The ratings page lists the follow-ups the API serves on their own.
        let path = href.hasPrefix("/ratings?") ? href.replacingOccurrences(of: "/ratings?", with: "/follow-ups?") : href
        let res = try await app.api(.GET, "/api/v1" + (path == "/appointments" ? "/me/appointments" : path), token: token)
        guard res.status == .ok else { return nil }
        if let total = res.object["total"] as? Int { return total }
        return (res.json as? [Any])?.count
    }

    /// Demo data plus one application, one overdue application and one overdue mailbox letter in the demo community.
    static func prepare(_ app: Application) async throws {
        _ = try await DemoCommand.fill(app)
        for module in app.shequModules { _ = try await module.demo(app) }
        let resident = try await app.token("resident.demo", DemoCommand.password)
        let sql = app.db as! any SQLDatabase
        let items = try await sql.raw("SELECT code FROM service_items ORDER BY code LIMIT 2").all().map { try $0.decode(column: "code", as: String.self) }
        for item in items {
            let res = try await app.api(.POST, "/api/v1/applications", token: resident, json: ["itemCode": item, "details": "工作台"])
            #expect(res.status == .created, "\(res.body)")
        }
        let letter = try await app.api(.POST, "/api/v1/communities/\(communityA)/messages", token: resident,
                                       json: ["channel": "mailbox", "subject": "路灯", "text": "三栋门口路灯坏了"])
        #expect(letter.status == .created, "\(letter.body)")
        // Late on purpose: what the overdue lists and the workbench's marks are for.
        try await sql.raw("UPDATE applications SET state = 'accepted', accepted_on = '2020-01-02', due_on = '2020-01-06' WHERE tracking_number = (SELECT MIN(tracking_number) FROM applications)").run()
        // Only this letter: the demo's own messages (one referred to the police and waiting) keep their due days.
        try await sql.raw("UPDATE channel_messages SET due_on = '2020-01-06' WHERE text = '三栋门口路灯坏了'").run()
    }

    @Test func everyDemoRoleLandsOnItsOwnWorkbenchWithCountsOfItsLists() async throws {
        try await withShequ { app in
            try await Self.prepare(app)
            var sawOverdue = false
            for (username, sections) in Self.expected.sorted(by: { $0.key < $1.key }) {
                let browser = Browser(app)
                try await browser.get("/sign-in")
                let signedIn = try await browser.post("/sign-in", form: ["username": username, "password": DemoCommand.password, "next": "/"])
                #expect(signedIn.headers.first(name: .location) == "/workbench", "\(username)")
                let page = try await browser.get("/workbench")
                #expect(page.status == .ok, "\(username): \(page.status)")
                let shown = Self.sections(page.body)
                #expect(Set(shown.keys) == sections, "\(username) sees \(shown.keys.sorted()), expected \(sections.sorted())")

                let token = try await app.token(username, DemoCommand.password)
                for (key, items) in shown {
                    #expect(!items.isEmpty, "\(username): \(key) is empty")
                    for item in items {
                        if item.overdue { sawOverdue = true }
                        guard let href = item.href else { continue }
                        let opened = try await browser.get(href)
                        #expect(opened.status == .ok, "\(username): \(href) answered \(opened.status)")
                        if let count = item.count, Self.countsWholeList(href) {
                            let total = try await Self.apiTotal(app, href, token: token)
                            #expect(total == count, "\(username): \(href) shows \(count), the list holds \(total.map(String.init) ?? "nothing")")
                        }
                    }
                }
            }
            #expect(sawOverdue, "the late application and letter are marked overdue somewhere")
        }
    }

    /// The offices that keep the hall's set-up and the delegated powers find them, counted, on their start page.
    @Test func theSetUpOfficesSeeWhatTheyKeepCounted() async throws {
        try await withShequ { app in
            try await Self.prepare(app)
            let sql = app.db as! any SQLDatabase
            func count(_ query: String) async throws -> Int { try await sql.raw(SQLQueryString(query)).first()?.decode(column: "n", as: Int.self) ?? -1 }
            let inUse = try await count("SELECT COUNT(*) AS n FROM service_items WHERE retired = false")
            let xiangzhouPlaces = try await count("SELECT COUNT(*) AS n FROM service_places WHERE division_code LIKE '440402%'")
            let standing = try await count("SELECT COUNT(*) AS n FROM delegated_powers WHERE street_code LIKE '440402%'")
            #expect(inUse > 0 && xiangzhouPlaces > 0 && standing > 0, "the demo has items, places and powers to count")

            let admin = Browser(app)
            try await admin.signIn("city.admin", DemoCommand.password)
            let adminSetup = try #require(Self.sections(try await admin.get("/workbench").body)["serviceHall-setup"])
            #expect(adminSetup.map(\.href) == ["/catalogue"])
            #expect(adminSetup.first?.count == inUse)

            let district = Browser(app)
            try await district.signIn("district.xiangzhou", DemoCommand.password)
            let shown = Self.sections(try await district.get("/workbench").body)
            #expect(shown["serviceHall-setup"]?.map(\.href) == ["/service-places"])
            #expect(shown["serviceHall-setup"]?.first?.count == xiangzhouPlaces)
            let powers = try #require(shown["directory-delegated-powers"])
            #expect(powers.count == 1 && powers.first?.count == standing)
            // The list it opens holds what it counts.
            #expect(powers.first?.href == "/delegated-powers?division=440402")
            #expect(try await app.api(.GET, "/api/v1/delegated-powers?division=440402").object["total"] as? Int == standing)
        }
    }

    /// The demo's residents' committee has a request to decide, made through the public form's command.
    @Test func theDemoLeavesARegistrationRequestForTheCommittee() async throws {
        try await withShequ { app in
            try await Self.prepare(app)
            let committee = Browser(app)
            try await committee.signIn("community.cuixiang", DemoCommand.password)
            let page = try await committee.get("/registrations")
            #expect(page.status == .ok)
            #expect(page.body.contains("/confirm\"") && page.body.contains("/refuse\""))
            #expect(page.body.contains("chen.applicant"))
            // Filled once: a second demo run adds no second request.
            for module in app.shequModules { _ = try await module.demo(app) }
            let sql = app.db as! any SQLDatabase
            #expect(try await sql.raw("SELECT COUNT(*) AS n FROM registration_requests").first()?.decode(column: "n", as: Int.self) == 1)
        }
    }

    @Test func theCommitteeSeesItsLateWorkCounted() async throws {
        try await withShequ { app in
            try await Self.prepare(app)
            let browser = Browser(app)
            try await browser.signIn("community.cuixiang", DemoCommand.password)
            let shown = Self.sections(try await browser.get("/workbench").body)
            let window = try #require(shown["serviceHall-window"])
            let overdue = try #require(window.first { $0.href == "/applications?due=overdue" })
            #expect(overdue.count == 1 && overdue.overdue)
            let committee = try #require(shown["selfGovernance-committee"])
            let late = try #require(committee.first { $0.href == "/communities/\(communityA)/messages/overdue" })
            #expect(late.count == 1 && late.overdue)

            // The other street's centre reaches none of it.
            let other = Browser(app)
            try await other.signIn("center.meihua", DemoCommand.password)
            let theirs = Self.sections(try await other.get("/workbench").body)
            #expect(theirs["serviceHall-window"]?.first { $0.href == "/applications?due=overdue" }?.count == 0)
            #expect(theirs["selfGovernance-committee"] == nil)
        }
    }

    @Test func signedOutIsSentToSignInAndAPageAskedForIsKept() async throws {
        try await withShequ { app in
            try await Self.prepare(app)
            let anonymous = Browser(app)
            let refused = try await anonymous.get("/workbench")
            #expect(refused.status == .unauthorized)
            #expect(refused.body.contains("/sign-in?next="))

            let browser = Browser(app)
            try await browser.get("/sign-in")
            let kept = try await browser.post("/sign-in", form: ["username": "resident.demo", "password": DemoCommand.password, "next": "/services"])
            #expect(kept.headers.first(name: .location) == "/services")
        }
    }

    @Test func theHomePagePromisesOnlyPagesThatAnswer() async throws {
        try await withShequ { app in
            try await Self.prepare(app)
            for username in [nil, "resident.demo", "community.cuixiang", "leading.office"] as [String?] {
                let browser = Browser(app)
                if let username { try await browser.signIn(username, DemoCommand.password) }
                let home = try await browser.get("/")
                #expect(home.status == .ok)
                #expect(home.body.contains("href=\"/workbench\"") == (username != nil))
                let main = home.body.components(separatedBy: "<main")[1]
                let links = main.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
                #expect(!links.isEmpty)
                for link in links where link.hasPrefix("/") {
                    var res = try await browser.get(link)
                    // The self-governance entry sends a member of one community on to its page.
                    if res.status == .seeOther, let next = res.headers.first(name: .location) { res = try await browser.get(next) }
                    #expect(res.status == .ok, "\(username ?? "anonymous"): \(link) answered \(res.status)")
                }
            }
            let english = Browser(app)
            english.cookies["shequ-lang"] = "en"
            try await english.signIn("community.cuixiang", DemoCommand.password)
            let page = try await english.get("/workbench")
            #expect(page.body.contains("Workbench") && page.body.contains("Messages to answer"))
        }
    }
}
