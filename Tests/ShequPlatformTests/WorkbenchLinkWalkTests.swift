import Foundation
import ShequKernel
import ShequTestSupport
import SQLKit
import Testing
import Vapor
@testable import ShequPlatform

/// Issue 11's proof: signed in as each demo role of a fresh install plus `shequ demo`, and
/// following only the links pages show (from the workbench on, as a person clicking would),
/// each role reaches every screen the issue names for it, every link it is shown answers,
/// and it is shown no screen another role owns.
@Suite struct WorkbenchLinkWalkTests {
    /// A screen: a route's path template (`/places/:id/queue`), and query pairs a link must carry
    /// to count as that screen (`due=soon` on the applications list).
    struct Screen: Hashable, CustomStringConvertible {
        let template: String
        let query: [String: String]

        init(_ spec: String) {
            let parts = spec.split(separator: "?", maxSplits: 1).map(String.init)
            template = parts[0]
            query = parts.count > 1 ? WorkbenchLinkWalkTests.pairs(parts[1]) : [:]
        }

        var description: String {
            query.isEmpty ? template : template + "?" + query.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
        }

        func matches(template t: String, query q: [String: String]) -> Bool {
            t == template && query.allSatisfy { q[$0.key] == $0.value }
        }
    }

    // MARK: What each role must reach, from the issue's workbench and on-pages lists.

    static let windowWork = ["/places/:id/queue", "/applications?due=soon", "/applications?due=overdue", "/ratings?state=open",
                             "/places/:id/appointments", "/places/:id/roster", "/walk-in"]
    /// The day's applications are in 翠香街道; 梅华街道's centre has none to open.
    static let applicationPage = "/applications/:trackingNumber"
    static let committeeWork = ["/residents", "/communities/:code/messages", "/communities/:code/messages/overdue",
                                "/communities/:code/governance", "/matters/:id", "/communities/:code/charter",
                                "/communities/:code/bodies", "/communities/:code/compounds", "/compounds/:id", "/registrations"]
    static let areaOversight = ["/governance", "/applications", "/ratings", "/service-places", "/service-places/:id",
                                "/task-access/burden", "/procurement", "/procurement/new"]
    /// Issue 13: the committee's own office and its referrals to the police; the party and workforce oversight of an area.
    static let committeeOffice = ["/communities/:code/office", "/communities/:code/police-referrals"]
    static let partyOversight = ["/party-building/coverage", "/party-building/three-in-one"]
    static let workforceManagement = ["/workforce", "/workforce/staff/:id", "/workforce/workload"]
    static let officeOversight = ["/task-access/plans", "/task-access/agreements", "/task-access/shortfalls", "/task-access/burden",
                                  "/funds", "/fund-reports/districts", "/fund-reports/committees", "/fund-reports/departments", "/audit"]

    static let required: [String: [String]] = [
        "resident.demo": ["/applications", "/appointments", "/communities/:code/governance", "/communities/:code/messages",
                          "/services", "/services/:code", applicationPage, "/places/:id/slots", "/residents/:id", "/account"],
        "community.cuixiang": windowWork + [applicationPage] + committeeWork + committeeOffice + ["/workforce/me"],
        "station.cuixiang": windowWork + [applicationPage, "/workforce/me"],
        "center.cuixiang": windowWork + [applicationPage, "/workforce/me"],
        "center.meihua": windowWork + ["/workforce/me"],
        "street.cuixiang": areaOversight + partyOversight + workforceManagement + ["/communities/:code/office"],
        "street.meihua": areaOversight + partyOversight + workforceManagement,
        "district.xiangzhou": areaOversight + partyOversight + workforceManagement + ["/police-officers", "/police-officers/:id"],
        "city.admin": ["/accounts", "/accounts/:id", "/catalogue", "/catalogue/new", "/catalogue/:code", "/audit",
                       "/workforce/rules", "/police-officers"],
        "department.civil": ["/applications", "/task-access/plans", "/fund-reports/departments"],
        "department.health": ["/applications", "/task-access/plans", "/fund-reports/departments"],
        "leading.office": officeOversight,
        "leading.xiangzhou": officeOversight,
        "deliberation.demo": ["/communities/:code/governance", "/matters/:id"],
        "supervision.demo": ["/communities/:code/governance", "/matters/:id", "/communities/:code/messages/overdue"],
        "lin.orgstaff": ["/social-organizations/:id", "/social-organizations/:id/staff", "/social-organizations/:id/annual-reports/new",
                         "/organization-filings/mine", "/procurement/open-calls", "/account"],
        "party.zijing": ["/party-organizations/:id", "/party-organizations/:id/members", "/party-organizations/:id/certificates",
                         "/party-building/me", "/workforce/me", "/account"],
        "police.zijing": ["/police/referrals", "/police-referrals/:id", "/police-officers/:id"],
    ]

    /// Screens where the role uploads materials (the apply form, the application page): a file input there.
    static let uploads: [String: [String]] = [
        "resident.demo": ["/services/:code", applicationPage],
        "community.cuixiang": [applicationPage],
        "station.cuixiang": [applicationPage],
        "center.cuixiang": [applicationPage],
    ]

    /// Forms (POST routes, as templates) the role finds on the pages it reaches: the issue's
    /// "on pages" list, as far as a day's data makes each one due (no owners' committee, appeal
    /// or poor rating yet, so no guidance, appeal-decision or follow-up form is asked for).
    static let windowActions = ["/service-windows/:id/call", "/walk-in", "/applications/:trackingNumber/steps",
                                "/applications/:trackingNumber/materials/:materialID", "/messages/:id/application"]
    static let placeActions = ["/service-places", "/service-places/:id", "/service-places/:id/windows", "/service-places/:id/hours",
                               "/service-windows/:id", "/service-windows/:id/close"]
    static let actions: [String: [String]] = [
        "resident.demo": ["/services/:code/apply", "/applications/:trackingNumber/materials/:materialID", "/slots/:id/appointments",
                          "/appointments/:id/cancel", "/assemblies/:id/vote", "/communities/:code/matters", "/communities/:code/messages",
                          "/account/password"],
        "community.cuixiang": windowActions + ["/communities/:code/charters", "/communities/:code/bodies", "/bodies/:id/members",
                                               "/communities/:code/compounds", "/communities/:code/matters", "/messages/:id/matter",
                                               "/messages/:id/answer", "/assemblies/:id/close", "/communities/:code/hotline-calls"],
        "station.cuixiang": windowActions + ["/service-tickets/:id/recall", "/service-tickets/:id/skip"],
        "center.cuixiang": windowActions + ["/places/:id/slots", "/places/:id/roster"],
        "street.cuixiang": placeActions + ["/communities/:code/charters", "/communities/:code/matters"],
        "street.meihua": placeActions,
        "district.xiangzhou": placeActions,
        "city.admin": ["/accounts", "/accounts/:id/disable", "/accounts/:id/grants", "/accounts/:id/password-reset",
                       "/catalogue", "/catalogue/:code", "/catalogue/:code/retire"],
    ]

    // MARK: What each role may not be shown: screens other roles own.

    static let administration = ["/accounts", "/accounts/:id", "/catalogue", "/catalogue/new", "/catalogue/:code"]
    static let placeSetup = ["/service-places", "/service-places/:id"]
    // The roster is published (opening hours come from it), so it is no one's own screen.
    static let windowOnly = ["/walk-in", "/places/:id/queue"]
    static let directory = ["/residents", "/residents/new", "/residents/import", "/households", "/households/:id"]
    static let committeeOnly = ["/registrations"]
    /// What only a party organisation's officers, the committee's office, the police and workforce managers open.
    static let partyMembers = ["/party-organizations/:id/members"]
    static let officeOnly = ["/communities/:code/office", "/communities/:code/police-referrals"]
    static let policeOnly = ["/police/referrals"]
    static let workforceOnly = ["/workforce", "/workforce/staff/:id"]

    static let forbidden: [String: [String]] = [
        "resident.demo": administration + placeSetup + windowOnly + directory + committeeOnly + ["/audit", "/ratings"]
            + partyMembers + officeOnly + policeOnly + workforceOnly,
        "community.cuixiang": administration + placeSetup + ["/audit"] + partyMembers + policeOnly + workforceOnly,
        "station.cuixiang": administration + placeSetup + committeeOnly + ["/audit"],
        "center.cuixiang": administration + placeSetup + committeeOnly + ["/audit"],
        "center.meihua": administration + placeSetup + committeeOnly + ["/audit"],
        "street.cuixiang": administration + windowOnly + committeeOnly + ["/audit"] + partyMembers + policeOnly,
        "street.meihua": administration + windowOnly + committeeOnly + ["/audit"],
        "district.xiangzhou": administration + windowOnly + committeeOnly + ["/audit"],
        "city.admin": placeSetup + windowOnly + committeeOnly,
        "department.civil": administration + placeSetup + windowOnly + directory + committeeOnly + ["/audit"],
        "department.health": administration + placeSetup + windowOnly + directory + committeeOnly + ["/audit"],
        "leading.office": administration + placeSetup + windowOnly + directory + committeeOnly,
        "leading.xiangzhou": administration + placeSetup + windowOnly + directory + committeeOnly,
        "deliberation.demo": administration + placeSetup + windowOnly + directory + committeeOnly + ["/audit"],
        "supervision.demo": administration + placeSetup + windowOnly + directory + committeeOnly + ["/audit"],
        "lin.orgstaff": administration + placeSetup + windowOnly + directory + committeeOnly + ["/audit", "/organization-filings"],
        "party.zijing": administration + placeSetup + windowOnly + directory + committeeOnly + ["/audit"] + officeOnly + policeOnly + workforceOnly,
        "police.zijing": administration + placeSetup + windowOnly + directory + committeeOnly + ["/audit"] + partyMembers + officeOnly + workforceOnly,
    ]

    /// Pages a role may open in one walk; enough for every screen, bounded for CI's two cores.
    static let pageCap = 400
    /// Pages of one template opened per role: the same page about another record proves no new link.
    static let perTemplateCap = 4

    // MARK: The walk

    struct Walk {
        var reached: [(template: String, query: [String: String], url: String)] = []
        var shown: [String: String] = [:]   // template → the page that first showed a link to it
        var failures: [String] = []
        var withFileInput: Set<String> = []
        var forms: Set<String> = []   // POST routes of the forms shown, as templates
        var pages = 0
    }

    static func pairs(_ query: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            out[kv[0]] = kv.count > 1 ? kv[1] : ""
        }
        return out
    }

    /// Same-origin links of a page, as a browser resolves them (entities decoded, fragment dropped).
    static func links(_ html: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().compactMap { part in
            let raw = String(part.prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
            let bare = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard bare.hasPrefix("/"), !bare.hasPrefix("//") else { return nil }
            return bare
        }
    }

    /// Links the walk does not follow: the stylesheet, the JSON API, sign-in, and downloads
    /// (CSV, JSON, XML, calendars, uploaded files), which are opened but not read for links.
    static func isDownload(_ path: String) -> Bool {
        [".csv", ".json", ".xml", ".ics"].contains { path.hasSuffix($0) } || path.contains("/files/")
    }

    static func isSkipped(_ path: String) -> Bool {
        path.hasPrefix("/assets/") || path.hasPrefix("/api/") || path.hasPrefix("/sign-in") || path.hasPrefix("/sign-out")
            || path.hasPrefix("/preferences")
    }

    /// The route (of those given: one method's) a path opens, as its template; the path itself when none answers it.
    static func template(_ path: String, routes: [Route]) -> String {
        let parts = path.split(separator: "/").map(String.init)
        // A constant beats a parameter (`/catalogue/new` before `/catalogue/:code`).
        let candidates = routes.filter { WorkbenchPage.matches($0.path, parts) }
        let best = candidates.max { a, b in
            a.path.filter { if case .constant = $0 { return true } else { return false } }.count
                < b.path.filter { if case .constant = $0 { return true } else { return false } }.count
        }
        guard let best else { return path }
        return "/" + best.path.map(\.description).joined(separator: "/")
    }

    /// The POST routes a page's forms send to (a search form's GET is a link for this purpose, not an action).
    static func postForms(_ html: String, routes: [Route]) -> Set<String> {
        Set(html.components(separatedBy: "<form").dropFirst().compactMap { form -> String? in
            let tag = String(form.prefix { $0 != ">" })
            guard !tag.contains("method=\"get\""), let r = tag.range(of: "action=\"") else { return nil }
            let action = String(tag[r.upperBound...].prefix { $0 != "\"" }).split(separator: "?").first.map(String.init) ?? ""
            return template(action, routes: routes)
        })
    }

    /// Breadth-first from the workbench over the links pages show, GET only.
    static func walk(_ app: Application, as username: String, password: String = DemoCommand.password) async throws -> Walk {
        let routes = app.routes.all.filter { $0.method == .GET && $0.path.first?.description != "api" }
        let posts = app.routes.all.filter { $0.method == .POST && $0.path.first?.description != "api" }
        let browser = Browser(app)
        try await browser.get("/sign-in")
        let signedIn = try await browser.post("/sign-in", form: ["username": username, "password": password, "next": "/"])
        var walk = Walk()
        guard signedIn.headers.first(name: .location) == WorkbenchPage.path else {
            walk.failures.append("\(username) was not sent to the workbench after signing in: \(signedIn.status)")
            return walk
        }
        var queue: [(url: String, from: String)] = [(WorkbenchPage.path, "sign-in")]
        var seen: Set<String> = [WorkbenchPage.path]
        var opened: [String: Int] = [:]
        var head = 0
        while head < queue.count, walk.pages < pageCap {
            let (url, from) = queue[head]
            head += 1
            let split = url.split(separator: "?", maxSplits: 1).map(String.init)
            let path = split[0]
            let t = template(path, routes: routes)
            walk.pages += 1
            let res = try await browser.get(url)
            guard res.status.code < 400 else {
                walk.failures.append("\(username): \(url) (linked from \(from)) answered \(res.status.code)")
                continue
            }
            walk.reached.append((t, split.count > 1 ? pairs(split[1]) : [:], url))
            var next: [String] = []
            if (300..<400).contains(res.status.code) {
                guard let location = res.headers.first(name: .location), !location.hasPrefix("/sign-in") else {
                    // Sent back to sign in while signed in: the link promised a page the session does not open.
                    walk.failures.append("\(username): \(url) (linked from \(from)) sent a signed-in account to sign in")
                    continue
                }
                next = [location]
            } else if !isDownload(path), res.headers.contentType?.subType == "html" {
                next = links(res.body)
                if res.body.contains("type=\"file\"") { walk.withFileInput.insert(t) }
                walk.forms.formUnion(postForms(res.body, routes: posts))
            }
            for link in next where !isSkipped(link) {
                let linkPath = String(link.split(separator: "?", maxSplits: 1)[0])
                let linked = template(linkPath, routes: routes)
                if walk.shown[linked] == nil { walk.shown[linked] = url }
                guard !seen.contains(link), opened[linked, default: 0] < perTemplateCap else { continue }
                seen.insert(link)
                opened[linked, default: 0] += 1
                queue.append((link, url))
            }
        }
        return walk
    }

    /// `shequ demo`, then the first things a working day adds: applications (one late), a letter,
    /// and a compound the residents' committee registers (the demo has none, and three-party
    /// meetings are held on a compound's page).
    static func prepare(_ app: Application) async throws {
        try await WorkbenchTests.prepare(app)
        let committee = try await app.token("community.cuixiang", DemoCommand.password)
        let compound = try await app.api(.POST, "/api/v1/communities/\(communityA)/compounds", token: committee, json: ["name": "紫荆花园"])
        #expect(compound.status == .created, "\(compound.body)")

        // A resident waits at the station and is called, so the queue page offers recall and skip.
        let sql = app.db as! any SQLDatabase
        let station = try #require(try await sql.raw("SELECT id FROM service_places WHERE kind = 'station' AND division_code = \(bind: communityA)")
            .first()?.decode(column: "id", as: UUID.self))
        let window = try #require(try await sql.raw("SELECT id FROM service_windows WHERE place_id = \(bind: station) ORDER BY number")
            .first()?.decode(column: "id", as: UUID.self))
        #expect(try await app.api(.POST, "/api/v1/service-places/\(station)/tickets", json: [:]).status == .created)
        let stationStaff = try await app.token("station.cuixiang", DemoCommand.password)
        #expect(try await app.api(.POST, "/api/v1/service-windows/\(window)/call", token: stationStaff).status == .ok)

        // The centre opens tomorrow's slots and the resident books one: booking and cancelling are on pages.
        let center = try #require(try await sql.raw("SELECT id FROM service_places WHERE kind = 'center' AND division_code = \(bind: streetA)")
            .first()?.decode(column: "id", as: UUID.self))
        let centerStaff = try await app.token("center.cuixiang", DemoCommand.password)
        let tomorrow = LocalDate(instant: Date()).adding(days: 1).description
        let slot = try await app.api(.POST, "/api/v1/service-places/\(center)/slots", token: centerStaff,
                                     json: ["day": tomorrow, "start": "09:00", "end": "09:30", "capacity": 3])
        let slotID = try #require(slot.object["id"] as? String, "\(slot.body)")
        let resident = try await app.token("resident.demo", DemoCommand.password)
        #expect(try await app.api(.POST, "/api/v1/slots/\(slotID)/appointments", token: resident).status == .created)
    }

    @Test func everyRoleReachesItsScreensByLinksFromItsWorkbenchAndNoOthers() async throws {
        try await withShequ { app in
            try await Self.prepare(app)
            #expect(Set(Self.required.keys) == Set(DemoCommand.staff.map(\.0)), "every demo account is walked")

            for (username, _, _) in DemoCommand.staff {
                let walk = try await Self.walk(app, as: username)
                for failure in walk.failures { Issue.record(Comment(rawValue: failure)) }
                #expect(walk.pages < Self.pageCap, "\(username): the walk stopped at \(Self.pageCap) pages")

                let missing = (Self.required[username] ?? []).map(Screen.init).filter { screen in
                    !walk.reached.contains { screen.matches(template: $0.template, query: $0.query) }
                }
                #expect(missing.isEmpty, "\(username) reaches no link to \(missing.map(\.description))")

                let noForm = (Self.actions[username] ?? []).filter { !walk.forms.contains($0) }
                #expect(noForm.isEmpty, "\(username) finds no form for \(noForm)")

                let noUpload = (Self.uploads[username] ?? []).filter { !walk.withFileInput.contains($0) }
                #expect(noUpload.isEmpty, "\(username) finds no file to upload on \(noUpload)")

                let shownForbidden = (Self.forbidden[username] ?? []).filter { walk.shown[$0] != nil }
                #expect(shownForbidden.isEmpty, "\(username) is shown \(shownForbidden.map { "\($0) on \(walk.shown[$0] ?? "?")" })")

                // The matrix itself is checked against the policy: a screen listed as another role's answers this one no page.
                let browser = Browser(app)
                try await browser.signIn(username, DemoCommand.password)
                for screen in Self.forbidden[username] ?? [] where !screen.contains(":") {
                    let res = try await browser.get(screen)
                    #expect(res.status.code >= 400, "\(username) opens \(screen) (\(res.status.code)) though it is listed as not theirs")
                }
            }
        }
    }

    /// Before any demo data: the administrator of a fresh install reaches accounts, the catalogue
    /// loaded at first start and the audit log from the workbench, and every link it is shown answers.
    @Test func theAdministratorOfAFreshInstallReachesAccountsAndTheCatalogue() async throws {
        try await withShequ { app in
            let walk = try await Self.walk(app, as: "admin", password: adminPassword)
            for failure in walk.failures { Issue.record(Comment(rawValue: failure)) }
            let missing = (Self.required["city.admin"] ?? []).map(Screen.init).filter { screen in
                !walk.reached.contains { screen.matches(template: $0.template, query: $0.query) }
            }
            #expect(missing.isEmpty, "admin reaches no link to \(missing.map(\.description))")
            // Its own is the only account, which it neither disables nor regrants: the create form is what is due.
            let noForm = ["/accounts", "/catalogue", "/catalogue/:code", "/catalogue/:code/retire"].filter { !walk.forms.contains($0) }
            #expect(noForm.isEmpty, "admin finds no form for \(noForm)")
        }
    }
}
