import Foundation
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

/// The session cookie lives as long as the setting says (Max-Age, not a formatted date), and scripts cannot read it.
@Suite struct SessionCookieTests {
    @Test func theSessionCookieCarriesTheConfiguredLifetime() async throws {
        try await withShequ(adjust: { $0.sessionLifetime = 2 * 3600 }) { app in
            let browser = Browser(app)
            try await browser.get("/sign-in")
            let res = try await browser.post("/sign-in", form: ["username": "admin", "password": adminPassword])
            #expect(res.status == .seeOther)
            let cookie = try #require(res.headers[.setCookie].first { $0.hasPrefix("shequ-session=") })
            let attributes = Set(cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            #expect(attributes.contains("max-age=7200"))
            #expect(attributes.contains("httponly"))
            #expect(attributes.contains("samesite=lax"))
            #expect(!attributes.contains { $0.hasPrefix("expires=") })
        }
    }

    /// A lifetime no cookie or database date can carry is a year: 1e300 hours in SHEQU_SESSION_HOURS, and one set in code
    /// (the cookie and the purge of ended sessions, which runs at start, bound it again), never a trap.
    @Test func anEnormousLifetimeIsBoundedToAYear() async throws {
        let settings = ShequSettings.fromEnvironment(["SHEQU_SESSION_HOURS": "1e300", "SHEQU_SESSION_IDLE_MINUTES": "1e300"])
        #expect(settings.sessionLifetime == 366 * 86_400)
        #expect(settings.sessionIdleTimeout == 366 * 86_400)
        try await withShequ(adjust: { $0.sessionLifetime = 1e300; $0.sessionIdleTimeout = 1e300 }) { app in
            try await SessionPurge.run(settings: app.shequSettings, throttle: app.signInThrottle, on: app.db)
            let browser = Browser(app)
            try await browser.get("/sign-in")
            let res = try await browser.post("/sign-in", form: ["username": "admin", "password": adminPassword])
            let cookie = try #require(res.headers[.setCookie].first { $0.hasPrefix("shequ-session=") })
            #expect(cookie.lowercased().contains("max-age=31622400"))
        }
    }
}
