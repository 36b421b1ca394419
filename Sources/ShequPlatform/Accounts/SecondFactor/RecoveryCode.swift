import Crypto
import Fluent
import Foundation
import ShequKernel

/// One-time codes for when the phone is lost. Only their SHA-256 is kept: each has
/// 50 random bits, so a hash without salt or stretching is enough, and a stolen table opens nothing.
public final class RecoveryCode: Model, @unchecked Sendable {
    public static let schema = "account_recovery_codes"
    public static let count = 10

    @ID public var id: UUID?
    @Parent(key: "account_id") public var account: Account
    @Field(key: "code_hash") public var codeHash: String
    @OptionalField(key: "used_at") public var usedAt: Date?

    public init() {}

    init(accountID: UUID, codeHash: String) {
        self.$account.id = accountID
        self.codeHash = codeHash
    }

    /// Ten letters and digits in two groups of five, easy to read aloud and type.
    static func newCode() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var rng = SystemRandomNumberGenerator()
        let body = (0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
        return String(body[0..<5]) + "-" + String(body[5..<10])
    }

    static func hash(_ code: String) -> String {
        let normal = code.lowercased().filter { $0.isLetter || $0.isNumber }
        return Hex.encode(SHA256.hash(data: Data(normal.utf8)))
    }

    /// Replaces the account's codes with ten new ones and answers them in clear, once.
    static func replaceAll(for accountID: UUID, on db: any Database) async throws -> [String] {
        try await RecoveryCode.query(on: db).filter(\.$account.$id == accountID).delete()
        let codes = (0..<count).map { _ in newCode() }
        for code in codes { try await RecoveryCode(accountID: accountID, codeHash: hash(code)).create(on: db) }
        return codes
    }

    /// Spends a code if it is one of the account's unused ones; one conditional update, so two uses race to one.
    static func spend(_ code: String, for accountID: UUID, on db: any Database) async throws -> Bool {
        let row = try await (db as! any SQLDatabase).raw("""
            UPDATE account_recovery_codes SET used_at = \(bind: Date())
            WHERE account_id = \(bind: accountID) AND code_hash = \(bind: hash(code)) AND used_at IS NULL
            RETURNING id
            """).first()
        return row != nil
    }
}

import SQLKit
