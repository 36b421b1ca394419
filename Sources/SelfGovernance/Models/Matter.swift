import Fluent
import Foundation
import ShequKernel

/// How a matter reached the community (S3's channels, a body, or the street).
public enum MatterSource: String, Codable, Sendable, CaseIterable {
    case resident, mailbox, hotline, onlineDeliberation, forum, committee, street
}

/// 议题: one matter on its way from deliberation to supervision (S1).
public final class Matter: Model, @unchecked Sendable {
    public static let schema = "matters"

    @ID public var id: UUID?
    @Field(key: "division_code") public var divisionCode: String
    @Field(key: "title") public var title: String
    @Field(key: "description") public var description: String
    @Enum(key: "source") public var source: MatterSource
    @Enum(key: "stage") public var stage: MatterStage
    @OptionalField(key: "recommendation") public var recommendation: String?
    @OptionalField(key: "outcome") public var outcome: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}

/// What was said and written on the way: discussion, minutes, options,
/// progress reports, assistance, inspections. Each also goes on the public record.
public enum MatterNoteKind: String, Codable, Sendable, CaseIterable {
    case discussion, minutes, option, recommendation, progress, assistance, inspection, finding
}

public final class MatterNote: Model, @unchecked Sendable {
    public static let schema = "matter_notes"

    @ID public var id: UUID?
    @Field(key: "matter_id") public var matterID: UUID
    @OptionalField(key: "task_id") public var taskID: UUID?
    @Enum(key: "kind") public var kind: MatterNoteKind
    @Field(key: "text") public var text: String
    @Field(key: "author") public var author: String
    @OptionalField(key: "organization_id") public var organizationID: UUID?
    /// For findings: whether the task was done as decided.
    @OptionalField(key: "as_decided") public var asDecided: Bool?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

public enum TaskState: String, Codable, Sendable, CaseIterable {
    case open, done, flagged
}

/// 执行: the residents' committee's tasks for a decided matter.
public final class MatterTask: Model, @unchecked Sendable {
    public static let schema = "matter_tasks"

    @ID public var id: UUID?
    @Field(key: "matter_id") public var matterID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "owner") public var owner: String
    @Field(key: "due_on") public var dueOn: String
    @Enum(key: "state") public var state: TaskState
    @Field(key: "progress") public var progress: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
