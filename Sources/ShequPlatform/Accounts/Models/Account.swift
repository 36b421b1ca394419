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
    /// Nil for passwords set before this was recorded: their age counts from `createdAt`.
    @OptionalField(key: "password_changed_at") public var passwordChangedAt: Date?
    /// Set by an administrator's reset: the temporary password only opens the change-password step.
    @Field(key: "must_change_password") public var mustChangePassword: Bool
    /// The TOTP secret, sealed with the personal-data key; present before enrolment is confirmed.
    @OptionalField(key: "totp_secret") public var totpSecret: String?
    @OptionalField(key: "totp_enrolled_at") public var totpEnrolledAt: Date?
    /// The last time step accepted, so a code overheard or replayed within its 90 seconds works no more.
    @OptionalField(key: "totp_last_step") public var totpLastStep: Int64?
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
        self.mustChangePassword = false
        self.passwordChangedAt = Date()
    }

    public var hasSecondFactor: Bool { totpEnrolledAt != nil }
}
