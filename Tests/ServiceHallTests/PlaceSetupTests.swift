import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

/// Street and district officials set up centres, stations, windows and hours on pages, on a fresh install.
@Suite struct PlaceSetupTests {
    /// The catalogue a fresh install carries; loaded here if this build's first start does not do it yet.
    func catalogueCodes(_ app: Vapor.Application) async throws -> [String] {
        if try await ServiceItem.query(on: app.db).count() == 0 { try await Catalogue.seed(on: app.db) }
        return try await ServiceItem.query(on: app.db).sort(\.$code).all(\.$code)
    }

    func denied(_ app: Vapor.Application, _ actor: String) async throws -> Int {
        try await AuditEntry.query(on: app.db).filter(\.$actor == actor).filter(\.$outcome == "denied").count()
    }

    func centre(_ app: Vapor.Application) async throws -> ServicePlace {
        try #require(try await ServicePlace.query(on: app.db).filter(\.$kind == .center).filter(\.$divisionCode == streetA).first())
    }

    static let week = ["mon": "08:30-12:00, 14:30-17:30", "tue": "08:30-12:00, 14:30-19:30", "wed": "08:30-12:00, 14:30-17:30",
                       "thu": "08:30-12:00, 14:30-17:30", "fri": "08:30-12:00, 14:30-17:30", "sat": "09:00-12:00", "note": "错时"]

    /// English pages name the days in English; the official's note keeps its words, day names and brackets included.
    @Test func hoursInEnglishLeaveTheNoteAsWritten() {
        #expect(ServicePlaces.hoursText("周一至周五 08:30–12:00; 周六 09:00–12:00（周一下午闭馆；节假日除外）", .en)
                == "Mon–Fri 08:30–12:00; Sat 09:00–12:00 （周一下午闭馆；节假日除外）")
        #expect(ServicePlaces.hoursText("周一 08:30–12:00；周二 14:30–17:30", .en) == "Mon 08:30–12:00; Tue 14:30–17:30")
        #expect(ServicePlaces.hoursText("周一 08:30–12:00（错时）", .zhHans) == "周一 08:30–12:00（错时）")
    }

    @Test func aStreetOfficialSetsUpACentreAStationWindowsAndHoursOnPagesFromNothing() async throws {
        try await withShequ { app in
            let codes = try await catalogueCodes(app)
            #expect(try await app.count(ServicePlace.self) == 0)
            try await makeAccount(app, "street.a", .streetOfficial, streetA)
            let street = Browser(app)
            try await street.signIn("street.a")
            #expect(try await street.get("/").body.contains("href=\"/service-places\""))
            let list = try await street.get("/service-places")
            #expect(list.status == .ok)
            #expect(list.body.contains("设立服务中心"))

            let made = try await street.post("/service-places", form: ["kind": "center", "divisionCode": streetA, "name": "翠香街道社区政务服务中心",
                                                                      "address": "香洲区翠香路1号"])
            #expect(made.status == .seeOther, "\(made.body)")
            let centre = try await centre(app)
            let centreID = try centre.requireID().uuidString
            try await street.get("/service-places")
            let station = try await street.post("/service-places", pairs: [
                ("kind", "station"), ("divisionCode", communityA), ("name", "紫荆社区公共服务站"), ("address", "紫荆路8号"),
                ("population", "8200"), ("areaKm2", "0.6"), ("qualificationReasons[]", "population"), ("qualificationReasons[]", "structure"),
                ("qualification", "常住人口8200人，住宅小区集中")])
            #expect(station.status == .seeOther, "\(station.body)")
            let stationRow = try #require(try await ServicePlace.query(on: app.db).filter(\.$kind == .station).first())
            #expect(stationRow.reasons == [.population, .structure])
            #expect(stationRow.population == 8200)

            let bare = try await street.get("/service-places/\(centreID)")
            #expect(bare.body.contains("还没有窗口。"), "a new centre's empty window list says so, not that there is no centre")
            #expect(!bare.body.contains("还没有服务中心或服务站。"))
            #expect(try await street.post("/service-places/\(centreID)/windows",
                                          form: ["number": "1", "name": "综合窗口1", "isGeneral": "true"]).status == .seeOther)
            try await street.get("/service-places/\(centreID)")
            let named = try await street.post("/service-places/\(centreID)/windows", pairs: [
                ("number", "2"), ("name", "社保窗口"), ("isGeneral", "false"), ("itemCodes[]", codes[0]), ("itemCodes[]", codes[1])])
            #expect(named.status == .seeOther, "\(named.body)")
            let windows = try await ServiceWindow.query(on: app.db).filter(\.$placeID == centre.requireID()).sort(\.$number).all()
            #expect(windows.map(\.isGeneral) == [true, false])
            #expect(windows.last?.items == [codes[0], codes[1]])

            try await street.get("/service-places/\(centreID)")
            let hours = try await street.post("/service-places/\(centreID)/hours", form: Self.week)
            #expect(hours.status == .seeOther, "\(hours.body)")
            #expect(try await PlaceHours.query(on: app.db).count() == 11)

            let page = try await street.get("/service-places/\(centreID)")
            #expect(page.body.contains("社保窗口"))
            #expect(page.body.contains("周二 08:30–12:00, 14:30–19:30"))
            let listed = try await street.get("/service-places")
            #expect(listed.body.contains("紫荆社区公共服务站") && listed.body.contains("翠香街道社区政务服务中心"))
            let csv = try await street.get("/service-places.csv")
            #expect(csv.status == .ok && csv.body.contains("紫荆社区公共服务站"))

            // The public place page (no account) shows the new hours.
            let kiosk = try await Browser(app).get("/places/\(centreID)")
            #expect(kiosk.status == .ok)
            #expect(kiosk.body.contains("周六 09:00–12:00"))
            // In English the days are named in English, on the official's list and on the public page; the note stays as written.
            street.cookies[Language.cookieName] = "en"
            let english = try await street.get("/service-places")
            #expect(english.body.contains("Tue 08:30–12:00, 14:30–19:30"))
            #expect(english.body.contains("Sat 09:00–12:00 （错时）"))
            #expect(!english.body.contains("周二"))
            let englishKiosk = Browser(app)
            englishKiosk.cookies[Language.cookieName] = "en"
            #expect(try await englishKiosk.get("/places/\(centreID)").body.contains("Sat 09:00–12:00"))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$actor == "street.a").filter(\.$outcome != "denied").count() >= 5)
        }
    }

    @Test func aSecondCentreIsRefusedAndAnotherStreetsOfficialIsRefusedAndAudited() async throws {
        try await withShequ { app in
            _ = try await catalogueCodes(app)
            try await makeAccount(app, "street.a", .streetOfficial, streetA)
            try await makeAccount(app, "street.b", .streetOfficial, streetB)
            try await makeAccount(app, "district.x", .districtOfficial, "440402")
            try await makeAccount(app, "centre.a", .centerStaff, streetA)
            let a = try await app.token("street.a")
            let b = try await app.token("street.b")
            let body: [String: Any] = ["kind": "center", "divisionCode": streetA, "name": "中心", "address": "路1号"]
            #expect(try await app.api(.POST, "/api/v1/service-places", token: a, json: body).status == .created)

            let second = try await app.api(.POST, "/api/v1/service-places", token: a, json: body.merging(["name": "第二中心"]) { $1 },
                                           headers: ["Accept-Language": "en"])
            #expect(second.status == .conflict)
            #expect(second.object["code"] as? String == "centre_exists")
            #expect((second.object["reason"] as? String ?? "").contains("one community government service centre"))
            let page = Browser(app)
            try await page.signIn("street.a")
            try await page.get("/service-places")
            let onPage = try await page.post("/service-places", form: ["kind": "center", "divisionCode": streetA, "name": "第二中心", "address": "x"])
            #expect(onPage.status == .conflict)
            #expect(onPage.body.contains("每个街道只设一个社区政务服务中心"))
            #expect(try await app.count(ServicePlace.self) == 1)

            let centre = try await centre(app)
            let id = try centre.requireID().uuidString
            let before = try await denied(app, "street.b")
            #expect(try await app.api(.POST, "/api/v1/service-places", token: b,
                                      json: ["kind": "station", "divisionCode": communityA, "name": "站", "address": "x",
                                             "qualificationReasons": ["area"], "qualification": "面积大"]).status == .forbidden)
            #expect(try await app.api(.PATCH, "/api/v1/service-places/\(id)", token: b, json: ["name": "改名"]).status == .forbidden)
            #expect(try await app.api(.PUT, "/api/v1/service-places/\(id)/hours", token: b, json: ["mon": "09:00-10:00"]).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/service-places/\(id)/windows", token: b,
                                      json: ["number": 1, "name": "窗", "isGeneral": true]).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/service-places/\(id)/close", token: b).status == .forbidden)
            let other = Browser(app)
            try await other.signIn("street.b")
            #expect(try await other.get("/service-places/\(id)").status == .forbidden)
            #expect(!(try await other.get("/service-places").body.contains(id)))
            #expect(try await denied(app, "street.b") == before + 6)
            let logged = try await AuditEntry.query(on: app.db).filter(\.$actor == "street.b").filter(\.$outcome == "denied").all()
            #expect(logged.allSatisfy { $0.action == "place.setup" })
            let unchanged = try await self.centre(app)
            #expect(unchanged.name == "中心" && unchanged.closedAt == nil && unchanged.openingHours.isEmpty)
            #expect(try await app.count(ServiceWindow.self) == 0)

            // Window staff run the centre but do not found one; the district official may change it.
            let staff = try await app.token("centre.a")
            #expect(try await app.api(.PATCH, "/api/v1/service-places/\(id)", token: staff, json: ["name": "改名"]).status == .forbidden)
            #expect(try await denied(app, "centre.a") == 1)
            let district = try await app.token("district.x")
            let renamed = try await app.api(.PATCH, "/api/v1/service-places/\(id)", token: district, json: ["name": "翠香中心"])
            #expect(renamed.status == .ok)
            #expect(renamed.object["name"] as? String == "翠香中心")
        }
    }

    @Test func badInputIsRefusedWith422AndChangesNothing() async throws {
        try await withShequ { app in
            _ = try await catalogueCodes(app)
            try await makeAccount(app, "street.a", .streetOfficial, streetA)
            let street = Browser(app)
            try await street.signIn("street.a")
            try await street.get("/service-places")
            #expect(try await street.post("/service-places", form: ["kind": "center", "divisionCode": streetA, "name": "中心", "address": "路1号"]).status == .seeOther)
            let centre = try await centre(app)
            let id = try centre.requireID().uuidString
            try await street.get("/service-places/\(id)")
            #expect(try await street.post("/service-places/\(id)/hours", form: Self.week).status == .seeOther)
            try await street.get("/service-places/\(id)")
            #expect(try await street.post("/service-places/\(id)/windows", form: ["number": "1", "name": "综合窗口", "isGeneral": "true"]).status == .seeOther)
            let hoursBefore = try await PlaceHours.query(on: app.db).count()
            let publishedBefore = try await self.centre(app).openingHours

            try await street.get("/service-places/\(id)")
            let badHours = try await street.post("/service-places/\(id)/hours", form: ["mon": "08:30-12:00, 11:00-13:00", "tue": "25:00-26:00"])
            #expect(badHours.status == .unprocessableEntity)
            #expect(badHours.body.contains("办公时间无效") && badHours.body.contains("周二 25:00-26:00"))
            try await street.get("/service-places/\(id)")
            #expect(try await street.post("/service-places/\(id)/hours", form: ["mon": "", "note": "x"]).status == .unprocessableEntity)
            #expect(try await PlaceHours.query(on: app.db).count() == hoursBefore)
            #expect(try await self.centre(app).openingHours == publishedBefore)

            try await street.get("/service-places")
            let noReason = try await street.post("/service-places", form: ["kind": "station", "divisionCode": communityA, "name": "站", "address": "x"])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.contains("至少勾选一项"))
            try await street.get("/service-places")
            let wrongTier = try await street.post("/service-places", form: ["kind": "station", "divisionCode": streetA, "name": "站", "address": "x",
                                                                           "qualificationReasons[]": "area", "qualification": "x"])
            #expect(wrongTier.status == .unprocessableEntity)
            #expect(try await app.count(ServicePlace.self) == 1)

            try await street.get("/service-places/\(id)")
            let unknown = try await street.post("/service-places/\(id)/windows", pairs: [("number", "2"), ("name", "专窗"), ("isGeneral", "false"),
                                                                                     ("itemCodes[]", "NO-SUCH")])
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.body.contains("NO-SUCH"))
            try await street.get("/service-places/\(id)")
            #expect(try await street.post("/service-places/\(id)/windows", form: ["number": "2", "name": "专窗", "isGeneral": "false"]).status
                    == .unprocessableEntity)
            try await street.get("/service-places/\(id)")
            #expect(try await street.post("/service-places/\(id)/windows", form: ["number": "1000", "name": "x", "isGeneral": "true"]).status
                    == .unprocessableEntity)
            try await street.get("/service-places/\(id)")
            #expect(try await street.post("/service-places/\(id)/windows", form: ["number": "1", "name": "重号", "isGeneral": "true"]).status == .conflict)
            #expect(try await app.count(ServiceWindow.self) == 1)
            let token = try await app.token("street.a")
            #expect(try await app.api(.PATCH, "/api/v1/service-places/\(id)", token: token, json: ["name": "   "]).status == .unprocessableEntity)
            #expect(try await self.centre(app).name == "中心")
        }
    }

    @Test func closingKeepsTheRecordAndWhatRefersToIt() async throws {
        try await withShequ { app in
            try await makeAccount(app, "street.a", .streetOfficial, streetA)
            let token = try await app.token("street.a")
            let made = try await app.api(.POST, "/api/v1/service-places", token: token,
                                         json: ["kind": "center", "divisionCode": streetA, "name": "中心", "address": "路1号"])
            let id = try #require(made.object["id"] as? String)
            let window = try await app.api(.POST, "/api/v1/service-places/\(id)/windows", token: token,
                                           json: ["number": 1, "name": "综合窗口", "isGeneral": true])
            let windowID = try #require(window.object["id"] as? String)
            #expect(try await app.api(.PUT, "/api/v1/service-places/\(id)/hours", token: token, json: ["mon": "09:00-17:00"]).status == .ok)
            let ticket = try await app.api(.POST, "/api/v1/service-places/\(id)/tickets", json: [:])
            #expect(ticket.status == .created, "\(ticket.body)")

            let closedWindow = try await app.api(.POST, "/api/v1/service-windows/\(windowID)/close", token: token)
            #expect(closedWindow.status == .ok)
            #expect(closedWindow.object["closedAt"] != nil)
            #expect(try await app.api(.POST, "/api/v1/service-windows/\(windowID)/close", token: token).status == .conflict)
            let closed = try await app.api(.POST, "/api/v1/service-places/\(id)/close", token: token)
            #expect(closed.status == .ok)
            #expect(try await app.count(ServicePlace.self) == 1)
            #expect(try await app.count(ServiceWindow.self) == 1)
            #expect(try await app.count(QueueTicket.self) == 1)
            let shown = try await app.api(.GET, "/api/v1/service-places/\(id)")
            #expect(shown.object["closedAt"] != nil)
            #expect((shown.object["windows"] as? [[String: Any]])?.count == 1)
            #expect(try await app.api(.POST, "/api/v1/service-places/\(id)/reopen", token: token).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/service-windows/\(windowID)/reopen", token: token).status == .ok)
            let reopened = try await app.api(.GET, "/api/v1/service-places/\(id)")
            #expect(reopened.object["closedAt"] == nil)
        }
    }
}

/// The set-up routes with every role: only street and district officials, each within their own area.
@Suite struct PlaceSetupRoleWalk {
    static let routes: Set<String> = [
        "GET /service-places", "GET /service-places.csv", "POST /service-places", "GET /service-places/:id", "POST /service-places/:id",
        "POST /service-places/:id/hours", "POST /service-places/:id/close", "POST /service-places/:id/reopen", "POST /service-places/:id/windows",
        "POST /service-windows/:id", "POST /service-windows/:id/close", "POST /service-windows/:id/reopen",
        "POST /api/v1/service-places", "GET /api/v1/service-places/:id", "PATCH /api/v1/service-places/:id", "PUT /api/v1/service-places/:id/hours",
        "POST /api/v1/service-places/:id/close", "POST /api/v1/service-places/:id/reopen", "POST /api/v1/service-places/:id/windows",
        "PATCH /api/v1/service-windows/:id", "POST /api/v1/service-windows/:id/close", "POST /api/v1/service-windows/:id/reopen",
    ]

    @Test func everySetUpRouteWithEveryRole() async throws {
        try await withShequ { app in
            try await makeAccount(app, "founder", .streetOfficial, streetA)
            let founder = try await app.token("founder")
            let made = try await app.api(.POST, "/api/v1/service-places", token: founder,
                                         json: ["kind": "center", "divisionCode": streetA, "name": "中心", "address": "路1号"])
            let id = try #require(made.object["id"] as? String)
            let window = try await app.api(.POST, "/api/v1/service-places/\(id)/windows", token: founder,
                                           json: ["number": 1, "name": "综合窗口", "isGeneral": true])
            let windowID = try #require(window.object["id"] as? String)
            let allowed: Set<Role> = [.streetOfficial, .districtOfficial]
            for (n, role) in Role.allCases.enumerated() {
                let username = "ps.\(role.rawValue)".lowercased()
                try await makeAccount(app, username, role, walkScopes[role]!)
                let token = try await app.token(username)
                let api: [(HTTPMethod, String, [String: Any]?)] = [
                    (.POST, "/api/v1/service-places", ["kind": "station", "divisionCode": communityA, "name": "站", "address": "x",
                                                       "qualificationReasons": ["area"], "qualification": "面积大"]),
                    (.PATCH, "/api/v1/service-places/\(id)", ["address": "路\(n)号"]),
                    (.PUT, "/api/v1/service-places/\(id)/hours", ["mon": "09:00-17:00"]),
                    (.POST, "/api/v1/service-places/\(id)/windows", ["number": 10 + n, "name": "窗\(n)", "isGeneral": true]),
                    (.PATCH, "/api/v1/service-windows/\(windowID)", ["name": "综合窗口\(n)"]),
                    (.POST, "/api/v1/service-windows/\(windowID)/close", nil), (.POST, "/api/v1/service-windows/\(windowID)/reopen", nil),
                    (.POST, "/api/v1/service-places/\(id)/close", nil), (.POST, "/api/v1/service-places/\(id)/reopen", nil),
                ]
                for (method, path, json) in api {
                    let before = try await AuditEntry.query(on: app.db).filter(\.$actor == username).filter(\.$outcome == "denied").count()
                    let res = try await app.api(method, path, token: token, json: json)
                    let refused = [.forbidden, .notFound, .unauthorized].contains(res.status)
                    #expect(allowed.contains(role) ? !refused : refused, "\(role) \(method) \(path): \(res.status) \(res.body)")
                    #expect(res.status.code < 500)
                    if res.status == .forbidden {
                        #expect(try await AuditEntry.query(on: app.db).filter(\.$actor == username).filter(\.$outcome == "denied").count() == before + 1)
                    }
                }
                #expect(try await app.api(.GET, "/api/v1/service-places/\(id)", token: token).status == .ok)
                let browser = Browser(app)
                try await browser.signIn(username)
                for path in ["/service-places", "/service-places/\(id)", "/service-places.csv"] {
                    let res = try await browser.get(path)
                    let refused = [.forbidden, .notFound, .unauthorized].contains(res.status)
                    #expect(allowed.contains(role) ? !refused : refused, "\(role) GET \(path): \(res.status)")
                }
                try await browser.get("/service-places/\(id)")
                let posted = try await browser.post("/service-places/\(id)", form: ["address": "页面\(n)号"])
                #expect(allowed.contains(role) ? posted.status == .seeOther : posted.status == .forbidden, "\(role) POST page: \(posted.status)")
            }
            // Every page route of set-up posts through the same handlers walked above (PageDoor); the page walk
            // in aStreetOfficialSetsUp… and the refusals in aSecondCentre… cover them end to end.
            let registered = Set(app.routes.all.map { "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/") })
            #expect(Self.routes.isSubset(of: registered))
        }
    }
}
