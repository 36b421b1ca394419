import Fluent
import Foundation
import ShequKernel

/// How a worker came to the community (W1): centre staff from the street's establishment 编制, a full-time community
/// worker hired by the district 社区专职工作者, or a residents' committee member elected for a term.
public enum StaffKind: String, Codable, Sendable, CaseIterable {
    case establishment, districtHired, elected
}

/// One community worker: where they work now, on which post, under which contract and hours, and what their grade is
/// computed from (education, service start). Their history (postings, training, certificates, appraisals) hangs off
/// this one record, so it follows them from community to community.
public final class StaffRecord: Model, @unchecked Sendable {
    public static let schema = "wf_staff"

    @ID public var id: UUID?
    @Enum(key: "kind") public var kind: StaffKind
    @Field(key: "name") public var name: String
    /// The account the worker signs in with, where they have one (lower case): one record per account.
    @OptionalField(key: "username") public var username: String?
    /// The community (or, for centre staff, the street) they work in now.
    @Field(key: "division_code") public var divisionCode: String
    /// The service place (centre or station) they work at now, if any: the roster's contracted hours are asked by it.
    @OptionalField(key: "place_id") public var placeID: UUID?
    /// A post of the rule set in force (`WorkerGradeRules.Post.code`).
    @Field(key: "post") public var post: String
    /// An elected member's seat (SelfGovernance's `BodyMember`): the term is read from it, never retyped.
    @OptionalField(key: "body_member_id") public var bodyMemberID: UUID?
    /// yyyy-MM-dd; an elected member's come from the seat's term instead.
    @OptionalField(key: "contract_start") public var contractStart: String?
    @OptionalField(key: "contract_end") public var contractEnd: String?
    @Field(key: "weekly_minutes") public var weeklyMinutes: Int
    /// The day community service began (counted across the province), yyyy-MM-dd.
    @Field(key: "service_since") public var serviceSince: String
    @Enum(key: "education") public var education: WorkerEducation
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// A stretch on one post in one place: a rotation 交流 closes one and opens the next.
public final class StaffPosting: Model, @unchecked Sendable {
    public static let schema = "wf_postings"

    @ID public var id: UUID?
    @Field(key: "staff_id") public var staffID: UUID
    @Field(key: "division_code") public var divisionCode: String
    @OptionalField(key: "place_id") public var placeID: UUID?
    @Field(key: "post") public var post: String
    @Field(key: "starts_on") public var startsOn: String
    @OptionalField(key: "ends_on") public var endsOn: String?
    @Field(key: "reason") public var reason: String
    @Field(key: "recorded_by") public var recordedBy: String

    public init() {}
}

public final class StaffTraining: Model, @unchecked Sendable {
    public static let schema = "wf_training"

    @ID public var id: UUID?
    @Field(key: "staff_id") public var staffID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "provider") public var provider: String
    @Field(key: "hours") public var hours: Int
    @Field(key: "completed_on") public var completedOn: String
    @Field(key: "recorded_by") public var recordedBy: String

    public init() {}
}

/// A certificate a worker holds; a social-worker level (`level`) counts toward the grade, others are kept as training.
public final class StaffCertificate: Model, @unchecked Sendable {
    public static let schema = "wf_certificates"

    @ID public var id: UUID?
    @Field(key: "staff_id") public var staffID: UUID
    @OptionalEnum(key: "level") public var level: SocialWorkerCertificate?
    @Field(key: "title") public var title: String
    @Field(key: "number") public var number: String
    @Field(key: "issued_on") public var issuedOn: String
    @Field(key: "recorded_by") public var recordedBy: String

    public init() {}
}

/// A year's appraisal 年度考核: one per worker and year.
public final class StaffAppraisal: Model, @unchecked Sendable {
    public static let schema = "wf_appraisals"

    @ID public var id: UUID?
    @Field(key: "staff_id") public var staffID: UUID
    @Field(key: "year") public var year: Int
    @Enum(key: "result") public var result: AppraisalResult
    @Field(key: "note") public var note: String
    @Field(key: "recorded_by") public var recordedBy: String

    public init() {}
}

public enum RuleSetState: String, Codable, Sendable, CaseIterable {
    case draft, inForce, retired
}

/// A grading table (`WorkerGradeRules`) for a city: drafted, previewed (who moves), then adopted; the one adopted
/// before retires. With none adopted the default 三岗十八级 applies.
public final class GradeRuleSet: Model, @unchecked Sendable {
    public static let schema = "wf_rule_sets"

    @ID public var id: UUID?
    /// The city (four-digit division code) whose workers it grades.
    @Field(key: "scope") public var scope: String
    @Field(key: "name") public var name: String
    /// The table as JSON: the rules are data.
    @Field(key: "rules") public var rulesJSON: String
    @Enum(key: "state") public var state: RuleSetState
    @Field(key: "drafted_by") public var draftedBy: String
    @OptionalField(key: "adopted_by") public var adoptedBy: String?
    @OptionalField(key: "adopted_at") public var adoptedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
