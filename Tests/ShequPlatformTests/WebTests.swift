import Fluent
import Foundation
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

@Suite struct WebTests {
    @Test func anonymousVisitsLeaveNoSessionAndPageViewsKeepTheOne() async throws {
        try await withShequ { app in
            let browser = Browser(app)
            for path in ["/", "/sign-in", "/healthz", "/assets/shequ.css"] { try await browser.get(path) }
            _ = try await app.api(.GET, "/healthz")
            // A health probe or a passer-by used to leave a session row behind on every request.
            #expect(try await app.count(WebSession.self) == 0)
            #expect(browser.cookies["shequ-session"] == nil)
            try await makeAccount(app, "window.a", .centerStaff, "440402001")
            try await browser.signIn("window.a")
            #expect(try await app.count(WebSession.self) == 1)
            for _ in 0..<3 { #expect(try await browser.get("/").body.contains("window.a")) }
            #expect(try await app.count(WebSession.self) == 1)
        }
    }

    @Test func pagesAreChineseByDefaultAndEnglishOnASwitchThatPersists() async throws {
        try await withShequ { app in
            let browser = Browser(app)
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.body.contains("lang=\"zh-Hans\""))
            #expect(home.body.contains("登录"))
            let switched = try await browser.post("/preferences", form: ["lang": "en", "back": "/divisions/4404"])
            #expect(switched.status == .seeOther)
            #expect(switched.headers.first(name: .location) == "/divisions/4404")
            let page = try await browser.get("/divisions/4404")
            #expect(page.body.contains("lang=\"en\""))
            #expect(page.body.contains("Subdivisions"))
            #expect(page.body.contains("香洲区"))
            let later = try await browser.get("/")
            #expect(later.body.contains("Sign in"))
        }
    }

    @Test func largeTextModeIsASwitchToo() async throws {
        try await withShequ { app in
            let browser = Browser(app)
            try await browser.get("/")
            try await browser.post("/preferences", form: ["size": "large", "back": "/"])
            #expect(try await browser.get("/").body.contains("<body class=\"large\""))
        }
    }

    @Test func formsWithoutTheCSRFTokenAreRefusedAndChangeNothing() async throws {
        try await withShequ { app in
            let browser = Browser(app)
            try await browser.signIn("admin", adminPassword)
            try await browser.get("/residents/new")
            let forged = try await browser.post("/residents", form: [
                "divisionCode": communityA, "name": "伪造", "idNumber": validID("44040219800101123"), "residency": "registered"], withToken: false)
            #expect(forged.status == .forbidden)
            #expect(forged.body.contains("表单已过期"))
            #expect(try await app.count(Resident.self) == 0)
            let real = try await browser.post("/residents", form: [
                "divisionCode": communityA, "name": "真实", "idNumber": validID("44040219800101123"), "residency": "registered"])
            #expect(real.status == .seeOther)
            #expect(try await app.count(Resident.self) == 1)
        }
    }

    @Test func aBadFormComesBackWithTheReasonAndTheTypedValues() async throws {
        try await withShequ { app in
            let browser = Browser(app)
            try await browser.signIn("admin", adminPassword)
            try await browser.get("/residents/new")
            let res = try await browser.post("/residents", form: [
                "divisionCode": communityA, "name": "王五", "idNumber": "440402198001011230", "residency": "registered"])
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.contains("校验位不符"))
            #expect(res.body.contains("value=\"王五\""))
            #expect(try await app.count(Resident.self) == 0)
        }
    }

    @Test func userTextIsEscapedInPagesAndAttributes() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            let evil = "<script>alert(1)</script>\"'"
            _ = try await app.api(.POST, "/api/v1/residents", token: token, json: residentJSON(communityA, evil, "44040219800101123"))
            let browser = Browser(app)
            try await browser.signIn("admin", adminPassword)
            let list = try await browser.get("/residents")
            #expect(!list.body.contains("<script>alert(1)</script>"))
            #expect(list.body.contains("&lt;script&gt;"))
            let search = try await browser.get("/residents?q=%22%3E%3Cb%3Ex")
            #expect(!search.body.contains("\"><b>x"))
        }
    }

    @Test func staffPagesNeedSignInAndHideOtherStreets() async throws {
        try await withShequ { app in
            let anonymous = Browser(app)
            let res = try await anonymous.get("/residents")
            #expect(res.status == .unauthorized)
            #expect(res.body.contains("请先登录"))

            try await makeAccount(app, "center.b", .centerStaff, streetB)
            let admin = try await app.token("admin", adminPassword)
            let created = try await app.api(.POST, "/api/v1/residents", token: admin, json: residentJSON(communityA, "甲", "44040219800101123"))
            let b = Browser(app)
            try await b.signIn("center.b")
            #expect(try await b.get("/residents/\(created.object["id"] as! String)").status == .notFound)
            #expect(!(try await b.get("/residents").body.contains("甲")))
            #expect(!(try await b.get("/residents/export.csv").body.contains("甲")))
        }
    }

    @Test func revealOnThePageShowsTheFullNumberOnceAndLogsIt() async throws {
        try await withShequ { app in
            try await makeAccount(app, "clerk", .communityStaff, communityA)
            let token = try await app.token("clerk")
            let created = try await app.api(.POST, "/api/v1/residents", token: token, json: residentJSON(communityA, "甲", "44040219800101123"))
            let id = created.object["id"] as! String
            let browser = Browser(app)
            try await browser.signIn("clerk")
            let page = try await browser.get("/residents/\(id)")
            #expect(!page.body.contains(validID("44040219800101123")))
            let revealed = try await browser.post("/residents/\(id)/reveal", form: [:])
            #expect(revealed.status == .ok)
            #expect(revealed.body.contains(validID("44040219800101123")))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "resident.revealID").count() == 1)
        }
    }

    @Test func csvImportPageListsBadLines() async throws {
        try await withShequ { app in
            let browser = Browser(app)
            try await browser.signIn("admin", adminPassword)
            try await browser.get("/residents/import")
            let csv = ImportTests.csv([ImportTests.good1, "\(communityA),王五,440402198001011230,,registered,,"])
            let res = try await browser.postMultipart("/residents/import", fileField: "file", filename: "r.csv", data: Data(csv.utf8), fields: [:])
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.contains("第3行"))
            #expect(try await app.count(Resident.self) == 0)
        }
    }

    @Test func signInFailureIsLocalizedAndSignOutEndsTheSession() async throws {
        try await withShequ { app in
            let browser = Browser(app)
            try await browser.get("/sign-in")
            let wrong = try await browser.post("/sign-in", form: ["username": "admin", "password": "nope"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.contains("用户名或密码不正确"))
            try await browser.signIn("admin", adminPassword)
            #expect(try await browser.get("/accounts").status == .ok)
            try await browser.post("/sign-out", form: [:])
            #expect(try await browser.get("/accounts").status == .unauthorized)
        }
    }

    @Test func sessionCookiesAreHttpOnlySameSiteAndSecureBehindTLS() async throws {
        for secure in [false, true] {
            try await withShequ(adjust: { $0.secureCookies = secure }) { app in
                try await app.testing().test(.GET, "/sign-in") { res async in
                    let csrf = res.headers[.setCookie].first { $0.hasPrefix("shequ-csrf=") } ?? ""
                    #expect(csrf.contains("HttpOnly"))
                    #expect(csrf.contains("SameSite=Strict"))
                    #expect(csrf.contains("Secure") == secure)
                }
                let browser = Browser(app)
                try await browser.get("/sign-in")
                let signIn = try await browser.post("/sign-in", form: ["username": "admin", "password": adminPassword])
                let session = signIn.headers[.setCookie].first { $0.hasPrefix("shequ-session=") } ?? ""
                #expect(session.contains("HttpOnly"))
                #expect(session.contains("SameSite=Lax"))
                #expect(session.contains("Secure") == secure)
            }
        }
    }

    @Test func aWeakPasswordOnTheAccountsFormComesBackWithTheRule() async throws {
        try await withShequ { app in
            let browser = Browser(app)
            try await browser.signIn("admin", adminPassword)
            try await browser.get("/accounts/new")
            let res = try await browser.post("/accounts", form: ["username": "zhang", "password": "password", "displayName": "张",
                                                                "role": "communityStaff", "scope": communityA])
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.contains("密码至少8位"))
            #expect(res.body.contains("name=\"username\""))
            // What was typed comes back (never the password), so only the refused field needs retyping.
            #expect(res.body.contains("value=\"zhang\"") && res.body.contains("value=\"\(communityA)\""))
            #expect(!res.body.contains("value=\"password\""))
            #expect(try await Account.query(on: app.db).filter(\.$username == "zhang").count() == 0)
        }
    }

    @Test func notFoundPageSpeaksTheUsersLanguage() async throws {
        try await withShequ { app in
            let res = try await app.api(.GET, "/no-such-page", headers: ["Cookie": "shequ-lang=en"])
            #expect(res.status == .notFound)
            #expect(res.body.contains("was not found"))
        }
    }

    @Test func everyPageOfASignedInPersonLinksBackToTheirWorkbench() async throws {
        try await withShequ { app in
            let browser = Browser(app)
            #expect(!(try await browser.get("/services").body.contains("href=\"/workbench\"")))
            try await browser.signIn("admin", adminPassword)
            for path in ["/services", "/account", "/"] {
                #expect(try await browser.get(path).body.contains("href=\"/workbench\""), "\(path)")
            }
            #expect(try await browser.get("/workbench").status == .ok)
        }
    }

    @Test func theMenuOffersSelfRegistrationOnlyToSomeoneNotSignedIn() async throws {
        try await withShequ { app in
            let browser = Browser(app)
            #expect(try await browser.get("/services").body.contains("href=\"/register\""))
            try await browser.signIn("admin", adminPassword)
            #expect(!(try await browser.get("/services").body.contains("href=\"/register\"")))
        }
    }
}
