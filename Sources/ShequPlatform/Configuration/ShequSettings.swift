import Foundation
import Vapor

/// Everything Shequ reads from its environment, read once at start-up.
public struct ShequSettings: Sendable {
    public var dataDirectory: URL
    public var databaseURL: String?
    /// PostgreSQL schema to work in; tests give each test its own.
    public var postgresSchema: String?
    /// An in-memory SQLite database, for tests.
    public var inMemory: Bool = false
    /// Pool size per event loop; a busy instance wants more, a test suite with one app per test fewer.
    public var postgresConnectionsPerLoop: Int = 8
    public var adminPassword: String?
    /// Cookies get `Secure` when the site is served over TLS, directly or behind a proxy.
    public var secureCookies: Bool
    /// A later holiday notice in the shipped CSV format, laid over the shipped calendar.
    public var holidaysFile: String?
    /// Proxies whose `X-Forwarded-For` is believed (`SHEQU_TRUSTED_PROXIES`); none by default.
    public var trustedProxies: TrustedProxies = .none
    /// `/metrics` answers any client (`SHEQU_METRICS_PUBLIC=1`); otherwise only loopback.
    public var metricsPublic: Bool = false
    /// A signed-in session ends after this long without a request, and after `sessionLifetime` in any case.
    public var sessionIdleTimeout: TimeInterval = 30 * 60
    public var sessionLifetime: TimeInterval = 12 * 3600

    public static let longestSession: TimeInterval = 366 * 86_400

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> ShequSettings {
        let dir = env["SHEQU_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "./shequ-data"
        return ShequSettings(
            dataDirectory: URL(fileURLWithPath: dir, isDirectory: true).standardizedFileURL,
            databaseURL: env["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 },
            adminPassword: env["SHEQU_ADMIN_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 },
            secureCookies: env["SHEQU_SECURE_COOKIES"] == "1" || (env["SHEQU_PUBLIC_URL"] ?? "").hasPrefix("https://"),
            holidaysFile: env["SHEQU_HOLIDAYS_FILE"].flatMap { $0.isEmpty ? nil : $0 },
            trustedProxies: TrustedProxies(parsing: env["SHEQU_TRUSTED_PROXIES"] ?? ""),
            metricsPublic: env["SHEQU_METRICS_PUBLIC"] == "1",
            sessionIdleTimeout: env["SHEQU_SESSION_IDLE_MINUTES"].flatMap(Double.init).map { $0 * 60 },
            sessionLifetime: env["SHEQU_SESSION_HOURS"].flatMap(Double.init).map { $0 * 3600 }
        )
    }

    public init(dataDirectory: URL, databaseURL: String? = nil, adminPassword: String? = nil, secureCookies: Bool = false,
                holidaysFile: String? = nil, trustedProxies: TrustedProxies = .none, metricsPublic: Bool = false,
                sessionIdleTimeout: TimeInterval? = nil, sessionLifetime: TimeInterval? = nil) {
        self.dataDirectory = dataDirectory
        self.trustedProxies = trustedProxies
        self.metricsPublic = metricsPublic
        // Unset, zero, negative or not finite: the defaults (a session that never ends is not a setting).
        // Longer than a year is a year: dates that far back cannot even be sent to PostgreSQL (a trap, not an error).
        if let sessionIdleTimeout, sessionIdleTimeout.isFinite, sessionIdleTimeout > 0 { self.sessionIdleTimeout = min(sessionIdleTimeout, Self.longestSession) }
        if let sessionLifetime, sessionLifetime.isFinite, sessionLifetime > 0 { self.sessionLifetime = min(sessionLifetime, Self.longestSession) }
        self.holidaysFile = holidaysFile
        self.databaseURL = databaseURL
        self.adminPassword = adminPassword
        self.secureCookies = secureCookies
    }
}

extension Application {
    private struct SettingsKey: StorageKey { typealias Value = ShequSettings }

    public var shequSettings: ShequSettings {
        get { storage[SettingsKey.self] ?? .fromEnvironment() }
        set { storage[SettingsKey.self] = newValue }
    }
}
