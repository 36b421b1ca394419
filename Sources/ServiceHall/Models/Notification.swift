import Fluent
import Foundation

/// An in-app message to a resident about one of their applications, in the language they applied in.
public final class ResidentNotification: Model, @unchecked Sendable {
    public static let schema = "resident_notifications"

    @ID public var id: UUID?
    @Field(key: "resident_id") public var residentID: UUID
    @Field(key: "application_id") public var applicationID: UUID
    @Field(key: "language") public var language: String
    @Field(key: "text") public var text: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
