import Fluent
import Foundation
import Vapor

/// Enrolment and checking of the TOTP second factor. The secret is sealed with the
/// personal-data key, so a copy of the database alone cannot make codes.
enum SecondFactorService {
    struct Enrolment: Sendable {
        let secret: String
        let uri: String
    }

    /// The secret awaiting confirmation, if an enrolment was started; reading it changes nothing,
    /// so a page view (or a link prefetched by a mail scanner) never makes or replaces a secret.
    static func pendingEnrolment(for account: Account, on req: Request) throws -> Enrolment? {
        guard account.totpEnrolledAt == nil else { throw ShequError(.conflict, .errorAlreadyEnrolled, code: "already_enrolled") }
        let vault = PersonalDataVault(secrets: req.application.secrets)
        guard let sealed = account.totpSecret, let clear = try? vault.open(sealed), let secret = Base32.decode(clear),
              secret.count == TOTP.secretBytes else { return nil }
        return Enrolment(secret: Base32.encode(secret),
                         uri: TOTP.uri(secret: secret, account: account.username, issuer: req.application.accountSecurity.issuer))
    }

    /// Starts enrolment (a POST): makes the secret and records that it was made. A secret already
    /// awaiting its first code is kept, as the phone may already hold it.
    static func startEnrolment(for account: Account, on req: Request) async throws -> Enrolment {
        if let pending = try pendingEnrolment(for: account, on: req) { return pending }
        let secret = TOTP.newSecret()
        let sealed = try PersonalDataVault(secrets: req.application.secrets).seal(Base32.encode(secret))
        let id = try account.requireID()
        let draft = AuditDraft(actor: account.username, action: "account.startSecondFactor", entity: "account",
                               entityID: id.uuidString, ip: req.clientAddress, detail: "secret made, awaiting the first code")
        let started = try await req.write { db in
            let row = try await (db as! any SQLDatabase).raw("""
                UPDATE accounts SET totp_secret = \(bind: sealed) WHERE id = \(bind: id) AND totp_enrolled_at IS NULL
                  AND (totp_secret IS NULL OR totp_secret = \(bind: account.totpSecret ?? ""))
                RETURNING id
                """).first()
            if row != nil { try await AuditLog.append(draft, on: db) }
            return row != nil
        }
        // Another request started it meanwhile: show that one's secret, not a second.
        guard started else {
            guard let fresh = try await Account.find(id, on: req.db), let pending = try pendingEnrolment(for: fresh, on: req) else {
                throw ShequError(.conflict, .errorAlreadyEnrolled, code: "already_enrolled")
            }
            return pending
        }
        account.totpSecret = sealed
        return Enrolment(secret: Base32.encode(secret),
                         uri: TOTP.uri(secret: secret, account: account.username, issuer: req.application.accountSecurity.issuer))
    }

    /// Confirms enrolment with a first code; answers the ten recovery codes, shown once.
    static func confirm(_ account: Account, code: String, on req: Request) async throws -> [String] {
        guard account.totpEnrolledAt == nil else { throw ShequError(.conflict, .errorAlreadyEnrolled, code: "already_enrolled") }
        guard let secret = secret(of: account, on: req),
              let step = TOTP.matchingStep(code, secret: secret, at: Date(), after: nil) else {
            try await req.write { db in
                try await AuditLog.append(AuditDraft(actor: account.username, action: "account.enrolSecondFactor", entity: "account",
                                                     entityID: account.id?.uuidString, outcome: .failed, ip: req.clientAddress,
                                                     detail: "wrong code"), on: db)
            }
            throw ShequError.invalid(.errorCodeWrong, code: "second_factor_failed")
        }
        let id = try account.requireID()
        return try await req.write { db in
            try await Account.query(on: db).filter(\.$id == id)
                .set(\.$totpEnrolledAt, to: Date()).set(\.$totpLastStep, to: step).update()
            let codes = try await RecoveryCode.replaceAll(for: id, on: db)
            try await AuditLog.append(AuditDraft(actor: account.username, action: "account.enrolSecondFactor", entity: "account",
                                                 entityID: id.uuidString, ip: req.clientAddress), on: db)
            return codes
        }
    }

    /// A code from the app (used once) or an unused recovery code.
    static func accepts(_ code: String, for account: Account, on db: any Database, req: Request) async throws -> Bool {
        let id = try account.requireID()
        let typed = code.trimmingCharacters(in: .whitespaces)
        if typed.count == TOTP.digits, let secret = secret(of: account, on: req) {
            let fresh = try await Account.find(id, on: db)
            guard let step = TOTP.matchingStep(typed, secret: secret, at: Date(), after: fresh?.totpLastStep) else { return false }
            // Conditional, so two requests with the same code cannot both pass.
            let row = try await (db as! any SQLDatabase).raw("""
                UPDATE accounts SET totp_last_step = \(bind: step)
                WHERE id = \(bind: id) AND (totp_last_step IS NULL OR totp_last_step < \(bind: step)) RETURNING id
                """).first()
            return row != nil
        }
        guard (10...20).contains(typed.count) else { return false }
        return try await RecoveryCode.spend(typed, for: id, on: db)
    }

    static func secret(of account: Account, on req: Request) -> [UInt8]? {
        guard let sealed = account.totpSecret,
              let clear = try? PersonalDataVault(secrets: req.application.secrets).open(sealed) else { return nil }
        return Base32.decode(clear)
    }

    /// Removes the factor (an administrator's reset for a lost phone): the next sign-in enrols again.
    static func clear(accountID: UUID, on db: any Database) async throws {
        try await Account.query(on: db).filter(\.$id == accountID)
            .set(\.$totpSecret, to: nil).set(\.$totpEnrolledAt, to: nil).set(\.$totpLastStep, to: nil).update()
        try await RecoveryCode.query(on: db).filter(\.$account.$id == accountID).delete()
    }

    static func remainingRecoveryCodes(_ accountID: UUID, on db: any Database) async throws -> Int {
        try await RecoveryCode.query(on: db).filter(\.$account.$id == accountID).filter(\.$usedAt == nil).count()
    }
}

import SQLKit
