import Fluent
import Foundation

/// 须承接 / 可承接: what a committee must take on, and what a department may ask it to under an approved plan (A1, A2).
public enum TaskClassification: String, Codable, Sendable, CaseIterable {
    case mustUndertake
    case mayUndertake
}

/// What kind of work a task is. The last three are government's own administrative
/// functions, which the policy says are never pushed onto a residents' committee (A1).
public enum TaskNature: String, Codable, Sendable, CaseIterable {
    case publicService
    case informationGathering
    case publicity
    case assistance
    case licensing
    case penalty
    case enforcement

    public var isAdministrativeFunction: Bool { [.licensing, .penalty, .enforcement].contains(self) }
}

/// An administrative task residents' committees carry (A1).
public final class AdministrativeTask: Model, @unchecked Sendable {
    public static let schema = "ta_tasks"

    @ID public var id: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "legal_basis") public var legalBasis: String
    @Field(key: "department_id") public var departmentID: UUID
    @Field(key: "classification") public var classification: TaskClassification
    /// The decision (document) that classified it.
    @Field(key: "classified_by") public var classifiedBy: String
    @Field(key: "nature") public var nature: TaskNature
    /// The work it means for one committee in one year.
    @Field(key: "hours_per_year") public var hoursPerYear: Int
    @Field(key: "in_force") public var inForce: Bool
    @Field(key: "from_year") public var fromYear: Int
    @OptionalField(key: "to_year") public var toYear: Int?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public func isInForce(in year: Int) -> Bool {
        inForce && fromYear <= year && (toYear.map { year <= $0 } ?? true)
    }
}
