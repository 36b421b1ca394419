import Fluent
import Foundation

/// Only the SHA-256 of a token is stored, so a leaked database does not leak working tokens.
public final class APIToken: Model, @unchecked Sendable {
    public static let schema = "api_tokens"

    @ID public var id: UUID?
    @Parent(key: "account_id") public var account: Account
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "revoked_at") public var revokedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(accountID: UUID, tokenHash: String, expiresAt: Date) {
        self.$account.id = accountID
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
    }
}
