import Fluent
import Foundation

/// A task a committee carries in a year: only must-undertake tasks, or tasks of an approved plan (A2).
public final class TaskAssignment: Model, @unchecked Sendable {
    public static let schema = "ta_assignments"

    @ID public var id: UUID?
    @Field(key: "task_id") public var taskID: UUID
    @Field(key: "division_code") public var divisionCode: String
    @Field(key: "year") public var year: Int
    @OptionalField(key: "plan_id") public var planID: UUID?
    @Field(key: "assigned_by") public var assignedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
