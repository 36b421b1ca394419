import Fluent
import Foundation

/// What kind of judgement of communities it is: the policy names all three.
public enum AssessmentKind: String, Codable, Sendable, CaseIterable {
    case assessment         // 考核
    case inspectionRanking  // 检查评比
    case evaluation         // 评估、评比达标
}

/// The level of the rule a registration cites. Only `national` and `provincial`
/// can found an assessment (A5); the local levels exist so a registrar can say
/// honestly what they have and be told, with the rule, why it is not enough.
public enum BasisLevel: String, Codable, Sendable, CaseIterable {
    case national     // 国家
    case provincial   // 省
    case city         // 市
    case district     // 区
    case department   // 部门

    public var isSufficient: Bool { self == .national || self == .provincial }
}

public enum AssessmentStatus: String, Codable, Sendable, CaseIterable {
    case registered
    case withdrawn
}

/// A registered assessment, inspection-ranking or evaluation of communities (A5),
/// with the national or provincial rule that requires it. Public, so every
/// committee's burden can be seen.
public final class Assessment: Model, @unchecked Sendable {
    public static let schema = "assessments"

    @ID public var id: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "kind") public var kind: AssessmentKind
    /// The body that runs it: a department, or a government level (a division code) when none is named.
    @OptionalField(key: "department_id") public var departmentID: UUID?
    @OptionalField(key: "government_code") public var governmentCode: String?
    /// Kept with the row so lists and counts per body need no join, and read the same after a department is renamed.
    @Field(key: "body_name") public var bodyName: String
    @Field(key: "basis_level") public var basisLevel: BasisLevel
    @Field(key: "basis_document") public var basisDocument: String
    @Field(key: "basis_article") public var basisArticle: String
    @Field(key: "year") public var year: Int
    @Field(key: "period") public var period: String
    @Field(key: "indicators") public var indicators: String
    /// The division-code prefixes it covers, space-separated, as registered (the coverage rows are the index).
    @Field(key: "coverage") public var coverage: String
    @Field(key: "status") public var status: AssessmentStatus
    @Field(key: "registered_by") public var registeredBy: String
    @OptionalField(key: "withdrawn_by") public var withdrawnBy: String?
    @OptionalField(key: "withdrawal_reason") public var withdrawalReason: String?
    @OptionalField(key: "withdrawn_at") public var withdrawnAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public var coverageCodes: [String] { coverage.split(separator: " ").map(String.init) }
}

/// One covered prefix of one assessment: "which assessments cover community X"
/// is an equality match on X's own prefixes, so it stays an index lookup.
public final class AssessmentCoverage: Model, @unchecked Sendable {
    public static let schema = "assessment_coverage"

    @ID public var id: UUID?
    @Field(key: "assessment_id") public var assessmentID: UUID
    @Field(key: "division_code") public var divisionCode: String

    public init() {}

    public init(assessmentID: UUID, divisionCode: String) {
        self.assessmentID = assessmentID
        self.divisionCode = divisionCode
    }
}
