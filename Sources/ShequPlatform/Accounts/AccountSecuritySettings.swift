import Foundation
import Vapor

/// How strict sign-in is, read once at start from the environment.
public struct AccountSecuritySettings: Sendable {
    public enum AdminSecondFactor: String, Sendable {
        /// Administrators enrol a second factor at their first sign-in and get no API token before it (the default).
        case required
        /// Only accounts that have enrolled are asked for a code (`SHEQU_ADMIN_SECOND_FACTOR=enrolled`):
        /// for a trial install and the test suite, never for a city's own.
        case enrolled
    }

    public var adminSecondFactor: AdminSecondFactor = .required
    /// A password older than this must be changed at sign-in (`SHEQU_PASSWORD_MAX_AGE_DAYS`); nil: never.
    public var passwordMaxAge: TimeInterval?
    /// How long the steps after a right password (code, new password, enrolment) may take.
    public var pendingSignInLifetime: TimeInterval = 10 * 60
    /// The name authenticator apps show beside the code.
    public var issuer = "Shequ"

    public init(adminSecondFactor: AdminSecondFactor = .required, passwordMaxAgeDays: Int? = nil) {
        self.adminSecondFactor = adminSecondFactor
        if let days = passwordMaxAgeDays, days > 0, days <= 3650 { passwordMaxAge = TimeInterval(days) * 86400 }
    }

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> AccountSecuritySettings {
        AccountSecuritySettings(adminSecondFactor: env["SHEQU_ADMIN_SECOND_FACTOR"].flatMap(AdminSecondFactor.init(rawValue:)) ?? .required,
                                passwordMaxAgeDays: env["SHEQU_PASSWORD_MAX_AGE_DAYS"].flatMap { Int($0) })
    }

    /// Whether the password must be changed before the account may do anything.
    public func passwordMustChange(_ account: Account, now: Date = Date()) -> Bool {
        if account.mustChangePassword { return true }
        guard let maxAge = passwordMaxAge else { return false }
        let since = account.passwordChangedAt ?? account.createdAt ?? .distantPast
        return now.timeIntervalSince(since) > maxAge
    }

    /// Whether this account must enrol a second factor before it may do anything.
    public func mustEnrol(_ account: Account, grants: [GrantValue]) -> Bool {
        adminSecondFactor == .required && !account.hasSecondFactor && grants.contains { $0.role == .cityAdministrator }
    }
}

extension Application {
    private struct AccountSecurityKey: StorageKey { typealias Value = AccountSecuritySettings }

    /// Pinned at boot; tests set it before configuring.
    public var accountSecurity: AccountSecuritySettings {
        get { storage[AccountSecurityKey.self] ?? .fromEnvironment() }
        set { storage[AccountSecurityKey.self] = newValue }
    }
}
