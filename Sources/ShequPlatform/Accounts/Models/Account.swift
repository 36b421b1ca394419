import Fluent
import Foundation

public final class Account: Model, @unchecked Sendable {
    public static let schema = "accounts"

    @ID public var id: UUID?
    @Field(key: "username") public var username: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "display_name") public var displayName: String
    @OptionalField(key: "resident_id") public var residentID: UUID?
    @Field(key: "failed_sign_ins") public var failedSignIns: Int
    @OptionalField(key: "locked_until") public var lockedUntil: Date?
    @Field(key: "disabled") public var disabled: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Children(for: \.$account) public var grants: [Grant]

    public init() {}

    public init(id: UUID? = nil, username: String, passwordHash: String, displayName: String, residentID: UUID? = nil) {
        self.id = id
        self.username = username
        self.passwordHash = passwordHash
        self.displayName = displayName
        self.residentID = residentID
        self.failedSignIns = 0
        self.disabled = false
    }
}
