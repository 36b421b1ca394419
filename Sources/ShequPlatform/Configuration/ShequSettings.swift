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

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> ShequSettings {
        let dir = env["SHEQU_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "./shequ-data"
        return ShequSettings(
            dataDirectory: URL(fileURLWithPath: dir, isDirectory: true).standardizedFileURL,
            databaseURL: env["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 },
            adminPassword: env["SHEQU_ADMIN_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 },
            secureCookies: env["SHEQU_SECURE_COOKIES"] == "1" || (env["SHEQU_PUBLIC_URL"] ?? "").hasPrefix("https://"),
            holidaysFile: env["SHEQU_HOLIDAYS_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        )
    }

    public init(dataDirectory: URL, databaseURL: String? = nil, adminPassword: String? = nil, secureCookies: Bool = false,
                holidaysFile: String? = nil) {
        self.dataDirectory = dataDirectory
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
