import Fluent
import Foundation

/// The five national levels of 好差评.
public enum RatingLevel: String, Codable, Sendable, CaseIterable {
    case verySatisfied, satisfied, basicallySatisfied, dissatisfied, veryDissatisfied

    /// 不满意 and 非常不满意 must be followed up.
    public var needsFollowUp: Bool { self == .dissatisfied || self == .veryDissatisfied }
}

public final class Rating: Model, @unchecked Sendable {
    public static let schema = "ratings"

    @ID public var id: UUID?
    @Field(key: "application_id") public var applicationID: UUID
    @Field(key: "division_code") public var divisionCode: String
    @Enum(key: "level") public var level: RatingLevel
    @Field(key: "comment") public var comment: String
    @OptionalField(key: "place_id") public var placeID: UUID?
    /// The staff member rated: the first-asker responsible for the application.
    @OptionalField(key: "staff_account_id") public var staffAccountID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

public enum FollowUpState: String, Codable, Sendable, CaseIterable {
    case open, rectified, appealed
}

public enum AppealGround: String, Codable, Sendable, CaseIterable {
    case mistaken, malicious
}

/// 整改 or 申诉 after a poor rating, due within a configurable number of working days.
public final class FollowUp: Model, @unchecked Sendable {
    public static let schema = "follow_ups"

    @ID public var id: UUID?
    @Field(key: "rating_id") public var ratingID: UUID
    @Field(key: "division_code") public var divisionCode: String
    @Field(key: "due_on") public var dueOn: String
    @Enum(key: "state") public var state: FollowUpState
    @OptionalEnum(key: "appeal_ground") public var appealGround: AppealGround?
    @Field(key: "response") public var response: String
    @OptionalField(key: "answered_on") public var answeredOn: String?
    @OptionalField(key: "answered_by") public var answeredBy: String?

    public init() {}
}
