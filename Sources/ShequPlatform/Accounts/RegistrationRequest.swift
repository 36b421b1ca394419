import Fluent
import Foundation

/// Where a resident's request for an account stands. `awaitingCode` past its
/// code's lifetime counts as `pending`: nobody has to move it for the
/// committee to see it.
public enum RegistrationState: String, Codable, Sendable, CaseIterable {
    case awaitingCode, pending, created, refused

    var phrase: Phrase {
        switch self {
        case .awaitingCode: .registrationStateAwaitingCode
        case .pending: .registrationStatePending
        case .created: .registrationStateCreated
        case .refused: .registrationStateRefused
        }
    }
}

/// A resident asking for an account. The ID number and phone are kept as a
/// resident's are (sealed, blind-indexed, masked); the password only as its
/// bcrypt hash, dropped once the request is decided; the SMS code only as a
/// keyed hash. Whether the ID number matched someone on file is in
/// `residentID`, which no answer to the applicant reveals.
public final class RegistrationRequest: Model, @unchecked Sendable {
    public static let schema = "registration_requests"

    @ID public var id: UUID?
    @Field(key: "reference") public var reference: String
    @Field(key: "username") public var username: String
    @Field(key: "name") public var name: String
    @Field(key: "id_number_sealed") public var idNumberSealed: String
    @Field(key: "id_number_index") public var idNumberIndex: String
    @Field(key: "id_number_masked") public var idNumberMasked: String
    @Field(key: "phone_sealed") public var phoneSealed: String
    @Field(key: "phone_masked") public var phoneMasked: String
    /// The community whose residents' committee decides: that of the resident on file with the number, else the one named.
    @Field(key: "division_code") public var divisionCode: String
    @Field(key: "named_division_code") public var namedDivisionCode: String
    @OptionalField(key: "resident_id") public var residentID: UUID?
    @Field(key: "password_hash") public var passwordHash: String
    @Enum(key: "state") public var state: RegistrationState
    @Field(key: "code_hash") public var codeHash: String
    @Field(key: "code_expires_at") public var codeExpiresAt: Date
    @Field(key: "code_attempts") public var codeAttempts: Int
    @Field(key: "language") public var language: String
    @OptionalField(key: "account_id") public var accountID: UUID?
    @OptionalField(key: "decided_by") public var decidedBy: String?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @OptionalField(key: "reason") public var reason: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    /// What the request is now, counting a code that ran out as handed to the committee.
    public func effectiveState(at now: Date = Date()) -> RegistrationState {
        state == .awaitingCode && (codeExpiresAt <= now || codeAttempts >= RegistrationService.codeTries) ? .pending : state
    }
}
